import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runData } from '../helpers/run.js';
import { capacityDecayRate, longLivedShare, usefulYearsFromSwitchOn } from '../../src/models/orbitalVsGround/capacity.js';

// The flagship's cost formulas (src/models/orbitalVsGround/README.md, issue 12 §1),
// rewritten by hand below for two trajectories with every input fixed.
const here = path.resolve('config/interview/x.yaml');
const point = (value: number) => ({ dist: 'point', value, unit: 'x', source: 'test', rationale: 'hand-computed case' });
const run = (values: Record<string, number>, horizon: number) =>
  runData({ model: 'orbital-vs-ground', start: '2026-02', horizon, trajectories: 2, seed: 1, inputs: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, point(v)])) }, { workers: 0 }, here);

const SIGMA = 5.670374419e-8;

/** Trajectory A: disposable satellite, GPU failures outpace cell degradation, grid power cheapest. */
const A = {
  launchCostToday: 2000, launchPreReuseDecline: 0, starshipReuseMonth: 24, launchCostFloor: 100, launchLearningRate: 0.5, launchFailureProbability: 0.04,
  starshipPriceAtReuse: 3000, launchPriceFactor: 1, facilityCapexGrowth: 0, turbineCostGrowth: 0, gridPriceGrowth: 0, gridWaitGrowth: 0, firmSolarDecline: 0,
  arraySpecificPower: 100, sunlitFraction: 0.98, cellDegradation: 0.02, radiatorTemperature: 320, radiatorSinkTemperature: 0, radiatorEmissivity: 0.9,
  radiatorFinEfficiency: 0.8, radiatorArealMass: 5, computeMassPerKw: 8, shieldingMassPerKw: 1, busOverhead: 0.25,
  gpuCapexPerKw: 25000, spaceComputePremium: 0.1, satelliteCostPerW: 10, satelliteCostFloorPerW: 2, satelliteCostLearning: 0.25,
  orbitOpsFraction: 0.02, busLifeYears: 0, commsCostPerKwYear: 200, orbitBuildMonths: 12,
  gpuFailureGround: 0.04, radiationFailureFactor: 2, gpuLifeYears: 5,
  facilityCapexPerKw: 12000, facilityLifeYears: 15, groundOpsFraction: 0.02, facilityBuildMonths: 12, pue: 1.2, peakCoolingOverhead: 0.4, maintenanceReserve: 0.2,
  turbineCostPerKw: 2400, gasPrice: 4, gasPriceVolatility: 0, heatRate: 6500, gasOmPerMWh: 5,
  bladeCapacity: 30, bladeCapacityGrowth: 0, turbineOrders: 30, turbineOrderGrowth: 0, turbineBacklogYears: 4, turbineOtherPartsMonths: 12, bladeExpansionResponse: 0, bladeExpansionLagMonths: 12, turbineOrderElasticity: 0,
  gridPricePerMWh: 70, gridWaitMonths: 24, firmSolarPerMWh: 1000, solarBuildMonths: 12, discountRate: 0.08,
};
/**
 * Trajectory B: a 15-year bus with refreshed compute, cells degrade faster than GPUs fail, gas cheapest (no turbine queue);
 * SpaceX's internal cost (30% of price), a step to $800/kg at reuse, and a ground that gets dearer with the build-out.
 */
const B = {
  ...A, starshipPriceAtReuse: 800, launchPriceFactor: 0.3, facilityCapexGrowth: 0.1, turbineCostGrowth: 0.05, gridPriceGrowth: 0.05, gridWaitGrowth: 6, firmSolarDecline: 0.08,
  busLifeYears: 15, cellDegradation: 0.06, gpuFailureGround: 0.02, radiationFailureFactor: 1.5, gpuLifeYears: 4, discountRate: 0.1,
  turbineBacklogYears: 0, gridPricePerMWh: 200, gridWaitMonths: 60, orbitBuildMonths: 18, facilityBuildMonths: 9,
};

/** The README's equations, written out for one decision month. */
function byHand(x: typeof A, m: number, launchPrice: number, turbineWait: number) {
  const rho = Math.log(1 + x.discountRate), L = x.gpuLifeYears;
  // Mass per kW: array at 1000/f W, radiator 1000/(2εσT⁴η) m² (sink 0 K), compute and shielding, all × (1 + bus).
  const arrayW = 1000 / x.sunlitFraction;
  const radiatorKg = (1000 / (2 * x.radiatorEmissivity * SIGMA * x.radiatorTemperature ** 4 * x.radiatorFinEfficiency)) * x.radiatorArealMass;
  const busKg = (arrayW / x.arraySpecificPower + radiatorKg) * (1 + x.busOverhead);
  const computeKg = (x.computeMassPerKw + x.shieldingMassPerKw) * (1 + x.busOverhead);
  const satPerW = x.satelliteCostFloorPerW + (x.satelliteCostPerW - x.satelliteCostFloorPerW) * (1 - x.satelliteCostLearning) ** (m / 12);
  const loss = 1 / (1 - x.launchFailureProbability);
  const busCapex = (satPerW * arrayW + busKg * launchPrice) * loss;
  const computeCapex = (x.gpuCapexPerKw * (1 + x.spaceComputePremium) + computeKg * launchPrice) * loss;
  // Capacity decays from switch-on at the larger of the GPU failure rate and the cells' rate.
  const k = Math.max(x.gpuFailureGround * x.radiationFailureFactor, -Math.log(1 - x.cellDegradation));
  const s = x.orbitBuildMonths / 12;
  const useful = Math.exp(-rho * s) * (1 - Math.exp(-(rho + k) * L)) / (rho + k);
  const operating = Math.exp(-rho * s) * (1 - Math.exp(-rho * L)) / rho;
  const busYears = Math.max(x.busLifeYears, L);
  const busShare = (1 - Math.exp(-rho * L)) / (1 - Math.exp(-rho * busYears));
  const orbit = (computeCapex + busCapex * busShare + (x.orbitOpsFraction * satPerW * arrayW + x.commsCostPerKwYear) * operating) / useful;

  // Ground: the same share rule for the facility (and the gas plant, 25 years); operations on the facility.
  // Prices of the ground move with the build-out: y years after month 0.
  const share = (years: number) => (1 - Math.exp(-rho * L)) / (1 - Math.exp(-rho * years));
  const y = m / 12, mwh = 8.76 * x.pue;
  const facility = x.facilityCapexPerKw * (1 + x.facilityCapexGrowth) ** y;
  const running = x.gpuFailureGround * x.gpuCapexPerKw + x.groundOpsFraction * facility;
  const years = (delayMonths: number) => Math.exp(-rho * delayMonths / 12) * (1 - Math.exp(-rho * L)) / rho;
  const upfront = x.gpuCapexPerKw + facility * share(x.facilityLifeYears);
  const gasDelay = Math.max(x.facilityBuildMonths, turbineWait);
  const plant = x.turbineCostPerKw * (1 + x.turbineCostGrowth) ** y * 1.4 * 1.2 * share(25);
  const gas = (upfront + plant + (running + mwh * (x.heatRate / 1000 * x.gasPrice + x.gasOmPerMWh)) * years(gasDelay)) / years(gasDelay);
  const gridDelay = Math.max(x.facilityBuildMonths, x.gridWaitMonths + x.gridWaitGrowth * y);
  const grid = (upfront + (running + mwh * x.gridPricePerMWh * (1 + x.gridPriceGrowth) ** y) * years(gridDelay)) / years(gridDelay);
  const solarDelay = Math.max(x.facilityBuildMonths, x.solarBuildMonths);
  const solar = (upfront + (running + mwh * x.firmSolarPerMWh * (1 - x.firmSolarDecline) ** y) * years(solarDelay)) / years(solarDelay);
  return { orbit, ground: Math.min(gas, grid, solar), gas, grid };
}

describe('orbital-vs-ground: the cost formulas by hand (issue 12 §1)', () => {
  it('the three capacity formulas at hand-checked values', () => {
    // Undiscounted, no decay: 5 years; decaying 5%/yr from switch-on: (1 − e^−0.25)/0.05, whatever the build time.
    expect(usefulYearsFromSwitchOn(0, 1, 5, 0)).toBeCloseTo(5, 12);
    expect(usefulYearsFromSwitchOn(0, 1.5, 5, 0.05)).toBeCloseTo((1 - Math.exp(-0.25)) / 0.05, 12);
    // Discounted: e^(−ρs)(1 − e^(−(ρ+k)L))/(ρ + k) at r 8%, s 1, L 5, k 0.05.
    const rho = Math.log(1.08);
    expect(usefulYearsFromSwitchOn(0.08, 1, 5, 0.05)).toBeCloseTo(Math.exp(-rho) * (1 - Math.exp(-(rho + 0.05) * 5)) / (rho + 0.05), 12);
    // Failures and degradation: the larger rate, never the sum.
    expect(capacityDecayRate(0.08, 0.02)).toBe(0.08);
    expect(capacityDecayRate(0.03, 0.05)).toBeCloseTo(-Math.log(0.95), 15);
    // A 15-year bus carrying 5-year compute, undiscounted: a third of it per generation; disposable: all of it.
    expect(longLivedShare(0, 5, 15)).toBeCloseTo(1 / 3, 12);
    expect(longLivedShare(0.08, 5, 0)).toBe(1);
    expect(longLivedShare(0.08, 5, 15)).toBeCloseTo((1 - 1.08 ** -5) / (1 - 1.08 ** -15), 12);
  });

  it('trajectory A (disposable, GPU failures bind, grid cheapest) at months 0 and 36', async () => {
    const r = await run(A, 36);
    // Launch: $2,000/kg until reuse at month 24, then half the gap to $100/kg closed a year: $1,050/kg at 36.
    // Turbine queue: 4 years of output with orders equal to capacity: a 48-month wait.
    for (const [m, price] of [[0, 2000], [36, 1050]] as const) {
      const h = byHand(A, m, price, 48);
      expect(h.grid).toBeLessThan(h.gas);
      expect(r.series.launchCost.mean[m]!).toBeCloseTo(price, 9);
      expect(r.series.costOrbit.mean[m]!).toBeCloseTo(h.orbit, 6);
      expect(r.series.costGround.mean[m]!).toBeCloseTo(h.ground, 6);
    }
  });

  it('trajectory B (15-year bus with compute refresh, cells bind, gas cheapest) at months 0 and 36', async () => {
    const r = await run(B, 36);
    // Launch at 30% of the market price: $2,000/kg today; at reuse (month 24) a step to $800/kg,
    // then half the gap to $100/kg closed a year: $450/kg at month 36, of which 30% is paid.
    for (const [m, price] of [[0, 600], [36, 135]] as const) {
      expect(r.series.launchCost.mean[m]!).toBeCloseTo(price, 9);
      const h = byHand(B, m, price, 12);
      expect(h.gas).toBeLessThan(h.grid);
      expect(r.series.costOrbit.mean[m]!).toBeCloseTo(h.orbit, 6);
      expect(r.series.costGround.mean[m]!).toBeCloseTo(h.ground, 6);
    }
    // The long-lived bus lowers the orbit cost against the same trajectory with a disposable satellite.
    const disposable = await run({ ...B, busLifeYears: 0 }, 0);
    expect(r.series.costOrbit.mean[0]!).toBeLessThan(disposable.series.costOrbit.mean[0]!);
  });
});
