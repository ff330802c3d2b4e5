// The benchmark model of issue 14: 12 inputs, 120 months, one series, one
// first-passage claim (bench/costRatio12.yaml). bench/handTunedCostRatio.ts
// is the same model written as a hand-tuned loop; test/bench/handTuned.test.ts
// checks that the two give the same outputs.
import { defineModel } from '../../src/model/defineModel.js';

/** Hours in a year (365.25 days), for $/kWh → $/kW-yr. */
export const HOURS_PER_YEAR = 8766;
/** Ground capex amortisation period (years), a fixed assumption of the benchmark. */
export const GROUND_LIFETIME = 5;

/**
 * Cost of a kW of compute power in orbit over the cost on the ground, month by month.
 *
 * space(m)  = (launch(m)·massPerKw + solar(m) + radiatorCost)/spaceLifetime + spaceOps   ($/kW-yr)
 * ground(m) = groundCapex/5 + energyPrice(m)·8766·pue                                    ($/kW-yr)
 * launch(m) = launchCost0·(1 − launchLearning)^(m/12), solar(m) = solarCost0·(1 − solarLearning)^(m/12),
 * energyPrice(m) = energyPrice0·(1 + energyPriceGrowth)^(m/12), each kept as a recurrence
 * (one multiply per month by the monthly factor computed once per trajectory).
 * ratio(m) = space(m)/ground(m).
 */
export default defineModel({
  name: 'cost-ratio-12',
  description: 'Space vs ground cost per kW-year of compute power (a benchmark model: 12 inputs, 120 months)',
  inputs: {
    launchCost0: { unit: '$/kg' },
    launchLearning: { unit: '1/yr' },
    massPerKw: { unit: 'kg/kW' },
    solarCost0: { unit: '$/kW' },
    solarLearning: { unit: '1/yr' },
    radiatorCost: { unit: '$/kW' },
    spaceOps: { unit: '$/kW-yr' },
    spaceLifetime: { unit: 'yr' },
    groundCapex: { unit: '$/kW' },
    energyPrice0: { unit: '$/kWh' },
    energyPriceGrowth: { unit: '1/yr' },
    pue: { unit: '1' },
  },
  series: { ratio: { unit: '1', description: 'space cost / ground cost', logScale: true } },
  simulate(t) {
    const x = t.input;
    const fLaunch = Math.pow(1 - x.launchLearning, 1 / 12);
    const fSolar = Math.pow(1 - x.solarLearning, 1 / 12);
    const fEnergy = Math.pow(1 + x.energyPriceGrowth, 1 / 12);
    const invLife = 1 / x.spaceLifetime, groundFixed = x.groundCapex / GROUND_LIFETIME, energyScale = HOURS_PER_YEAR * x.pue;
    const ratio = t.series.ratio;
    let launch = x.launchCost0 * x.massPerKw, solar = x.solarCost0, price = x.energyPrice0;
    for (let m = 0; m <= t.months; m++) {
      ratio[m] = ((launch + solar + x.radiatorCost) * invLife + x.spaceOps) / (groundFixed + price * energyScale);
      launch *= fLaunch;
      solar *= fSolar;
      price *= fEnergy;
    }
  },
  // The same arithmetic column-wise: trajectory i's month m at m·stride + i.
  simulateChunk(c) {
    const x = c.input, ratio = c.series.ratio, stride = c.stride, H = c.months;
    const { launchCost0, launchLearning, massPerKw, solarCost0, solarLearning, radiatorCost, spaceOps, spaceLifetime, groundCapex, energyPrice0, energyPriceGrowth, pue } = x;
    for (let i = 0; i < c.count; i++) {
      const fLaunch = Math.pow(1 - launchLearning[i], 1 / 12);
      const fSolar = Math.pow(1 - solarLearning[i], 1 / 12);
      const fEnergy = Math.pow(1 + energyPriceGrowth[i], 1 / 12);
      const invLife = 1 / spaceLifetime[i], groundFixed = groundCapex[i] / GROUND_LIFETIME, energyScale = HOURS_PER_YEAR * pue[i];
      const radiator = radiatorCost[i], ops = spaceOps[i];
      let launch = launchCost0[i] * massPerKw[i], solar = solarCost0[i], price = energyPrice0[i];
      for (let m = 0, p = i; m <= H; m++, p += stride) {
        ratio[p] = ((launch + solar + radiator) * invLife + ops) / (groundFixed + price * energyScale);
        launch *= fLaunch;
        solar *= fSolar;
        price *= fEnergy;
      }
    }
  },
});
