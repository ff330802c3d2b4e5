import { defineModel } from '../../model/defineModel.js';

/**
 * Starcloud's white-paper cost table (PEERS.md), $M:
 * land = energy + cooling energy + backup, energy = P·8760·Y·price, cooling = fraction × energy;
 * orbit = launch mass × $/kg + array $/W × P + shielding kg/kW × P × $/kg.
 */
export const starcloud = defineModel({
  name: 'starcloud',
  description: "Starcloud's 40 MW, 10-year cost table, land vs orbit",
  inputs: {
    powerMw: { unit: 'MW' },
    years: { unit: 'yr' },
    energyPricePerMWh: { unit: '$/MWh' },
    coolingEnergyFraction: { unit: '1', description: 'chiller energy as a fraction of IT energy' },
    backupPowerMillions: { unit: '$M' },
    launchMassTonnes: { unit: 't' },
    launchPricePerKg: { unit: '$/kg' },
    solarArrayCostPerW: { unit: '$/W' },
    shieldingKgPerKw: { unit: 'kg/kW' },
    shieldingCostPerKg: { unit: '$/kg' },
  },
  series: {},
  scalars: {
    landTotal: { unit: '$M' },
    orbitTotal: { unit: '$M' },
    landToOrbit: { unit: '1' },
  },
  simulate(t) {
    const x = t.input;
    const energy = x.powerMw * 8760 * x.years * x.energyPricePerMWh;
    const land = energy * (1 + x.coolingEnergyFraction) + x.backupPowerMillions * 1e6;
    const orbit = x.launchMassTonnes * 1000 * x.launchPricePerKg + x.solarArrayCostPerW * x.powerMw * 1e6 + x.shieldingKgPerKw * x.powerMw * 1000 * x.shieldingCostPerKg;
    t.scalars.landTotal = land / 1e6;
    t.scalars.orbitTotal = orbit / 1e6;
    t.scalars.landToOrbit = land / orbit;
  },
});
