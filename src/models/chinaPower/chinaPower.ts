import { defineModel } from '../../model/defineModel.js';

/** Ratio of 2026 generation, China / US: C₂₀₂₄(1 + g_C)² ÷ U₂₀₂₄(1 + g_U)². */
export const chinaPower = defineModel({
  name: 'china-power',
  description: 'China vs US electricity generation in 2026 from 2024 figures and growth rates',
  inputs: {
    china2024: { unit: 'PWh' },
    us2024: { unit: 'PWh' },
    chinaGrowth: { unit: '1/yr' },
    usGrowth: { unit: '1/yr' },
  },
  series: {},
  scalars: { ratio2026: { unit: '1', description: 'China / US generation in 2026' } },
  simulate(t) {
    const x = t.input;
    t.scalars.ratio2026 = (x.china2024 * (1 + x.chinaGrowth) ** 2) / (x.us2024 * (1 + x.usGrowth) ** 2);
  },
});
