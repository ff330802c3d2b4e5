import { defineModel } from '../../model/defineModel.js';

/**
 * Full-hard 301 stainless at cryogenic temperature vs carbon-fibre composite:
 * cost ratio = CF $/kg ÷ steel $/kg; specific-strength ratio = (σ_s/ρ_s) ÷ (σ_cf/ρ_cf).
 */
export const steelVsCarbon = defineModel({
  name: 'steel-vs-carbon',
  description: 'Raw material cost and cryogenic specific strength, stainless steel vs carbon fibre',
  inputs: {
    steelPricePerKg: { unit: '$/kg' },
    carbonPricePerKg: { unit: '$/kg' },
    steelCryoStrength: { unit: 'MPa' },
    steelDensity: { unit: 'g/cm³' },
    carbonStrength: { unit: 'MPa', description: 'quasi-isotropic laminate' },
    carbonDensity: { unit: 'g/cm³' },
  },
  series: {},
  scalars: {
    costRatio: { unit: '1', description: 'carbon fibre $/kg ÷ steel $/kg' },
    specificStrengthRatio: { unit: '1', description: 'steel ÷ carbon fibre, strength per density' },
  },
  simulate(t) {
    const x = t.input;
    t.scalars.costRatio = x.carbonPricePerKg / x.steelPricePerKg;
    t.scalars.specificStrengthRatio = x.steelCryoStrength / x.steelDensity / (x.carbonStrength / x.carbonDensity);
  },
});
