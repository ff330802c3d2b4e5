import { defineModel } from '../../model/defineModel.js';

/** Implied federal waste and fraud: spending × (1 − efficiency), $B/yr. */
export const govWaste = defineModel({
  name: 'gov-waste',
  description: 'Waste and fraud implied by federal spending and an efficiency distribution',
  inputs: {
    federalSpending: { unit: '$T/yr' },
    efficiency: { unit: '1', description: 'share of spending that is neither waste nor fraud' },
  },
  series: {},
  scalars: { waste: { unit: '$B/yr' } },
  simulate(t) {
    t.scalars.waste = t.input.federalSpending * 1000 * (1 - t.input.efficiency);
  },
});
