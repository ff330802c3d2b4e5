import { defineModel } from '../../model/defineModel.js';
import { capitalRecoveryFactor } from '../../model/processes/finance.js';
import { launchCostAt, type LaunchPath } from '../mechanisms/launchCost.js';

/** Solar constant above the atmosphere (AM0), W/m² (Kopp & Lean 2011: 1360.8). */
const AM0 = 1361;
/** Irradiance at which panels are rated on the ground (STC), W/m². */
const STC = 1000;

/**
 * Space solar vs ground solar, per kW of continuous delivered power.
 * Energy ratio (same panel, per area per year) = (AM0/STC)·f_sunlit / CF_ground.
 * Delivered power cost, $/MWh, for a deployment in month m (levelized with CRF(r, L)):
 *  orbit: capex/kW = 1000/((AM0/STC)·f)·(array $/W + launch $/kg ÷ array W/kg)/(1 − d̄);
 *  ground: capex/kW = 1000·overbuild/CF·panel $/W + storage hours·battery $/kWh;
 *  cost = capex·CRF/8.76 MWh + O&M. Ratio = ground / orbit (above 10 = "1/10 of the cost").
 */
export const spaceSolar = defineModel({
  name: 'space-solar',
  description: 'Energy per panel and delivered power cost, orbit vs ground (solar with batteries)',
  inputs: {
    sunlitFraction: { unit: '1' },
    groundCapacityFactor: { unit: '1', description: 'utility PV capacity factor' },
    cellDegradation: { unit: '1/yr', description: 'in orbit' },
    arraySpecificPower: { unit: 'W/kg' },
    spaceArrayCostPerW: { unit: '$/W', description: 'space solar array, excluding launch' },
    launchCostToday: { unit: '$/kg' },
    launchPreReuseDecline: { unit: '1/yr' },
    starshipReuseMonth: { unit: 'month' },
    launchCostFloor: { unit: '$/kg' },
    launchLearningRate: { unit: '1/yr' },
    groundPanelCostPerW: { unit: '$/W', description: 'installed utility PV' },
    solarOverbuild: { unit: '1', description: 'extra panels to charge storage and cover bad days' },
    storageHours: { unit: 'h', description: 'battery hours per kW of continuous load' },
    batteryCostPerKwh: { unit: '$/kWh' },
    groundOmPerMWh: { unit: '$/MWh' },
    assetLifeYears: { unit: 'yr' },
    discountRate: { unit: '1/yr' },
  },
  series: {
    orbitCostPerMWh: { unit: '$/MWh', logScale: true },
    groundCostPerMWh: { unit: '$/MWh', logScale: true },
    groundToOrbitCost: { unit: '1', description: 'ground $/MWh ÷ orbit $/MWh', logScale: true },
  },
  scalars: { energyRatio: { unit: '1', description: 'orbit / ground annual energy per panel area' } },
  simulate(t) {
    const x = t.input;
    const path: LaunchPath = { today: x.launchCostToday, preReuseDecline: x.launchPreReuseDecline, reuseMonth: x.starshipReuseMonth, floor: x.launchCostFloor, learningRate: x.launchLearningRate };
    const gain = (AM0 / STC) * x.sunlitFraction;
    t.scalars.energyRatio = gain / x.groundCapacityFactor;
    const crf = capitalRecoveryFactor(x.discountRate, x.assetLifeYears);
    // Average output over life relative to new, (1/L)·Σ(1 − d)^y, as an oversizing factor.
    let retention = 0;
    for (let y = 0; y < x.assetLifeYears; y++) retention += Math.pow(1 - x.cellDegradation, y);
    retention /= Math.ceil(x.assetLifeYears);
    const groundCapex = (1000 * x.solarOverbuild * x.groundPanelCostPerW) / x.groundCapacityFactor + x.storageHours * x.batteryCostPerKwh;
    const ground = (groundCapex * crf) / 8.76 + x.groundOmPerMWh;
    for (let m = 0; m <= t.months; m++) {
      const perW = x.spaceArrayCostPerW + launchCostAt(m, path) / x.arraySpecificPower;
      const orbit = ((1000 / gain / retention) * perW * crf) / 8.76;
      t.series.orbitCostPerMWh[m] = orbit;
      t.series.groundCostPerMWh[m] = ground;
      t.series.groundToOrbitCost[m] = ground / orbit;
    }
  },
});
