import { defineModel } from '../../model/defineModel.js';

/**
 * Chips per month for a target of G GW/yr of AI compute:
 * chips/month = G·10⁶ kW × (1 − non-chip share) ÷ kW per chip ÷ 12;
 * wafer starts/month = chips/month ÷ (dies per wafer × die yield × packaging yield).
 */
export const terafab = defineModel({
  name: 'terafab',
  description: 'Full-reticle chips and wafer starts per month needed for a given GW per year',
  inputs: {
    targetGwPerYear: { unit: 'GW/yr' },
    chipKw: { unit: 'kW', description: 'power per full-reticle accelerator package, memory included' },
    nonChipShare: { unit: '1', description: 'share of IT power outside the accelerators (network, CPUs)' },
    diesPerWafer: { unit: 'dies', description: 'full-reticle dies per 300 mm wafer' },
    dieYield: { unit: '1' },
    packagingYield: { unit: '1' },
  },
  series: {},
  scalars: {
    chipsPerMonth: { unit: 'million/month' },
    waferStartsPerMonth: { unit: 'thousand/month' },
  },
  simulate(t) {
    const x = t.input;
    const chips = (x.targetGwPerYear * 1e6 * (1 - x.nonChipShare)) / x.chipKw / 12;
    t.scalars.chipsPerMonth = chips / 1e6;
    t.scalars.waferStartsPerMonth = chips / (x.diesPerWafer * x.dieYield * x.packagingYield) / 1000;
  },
});
