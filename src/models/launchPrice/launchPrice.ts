import { defineModel } from '../../model/defineModel.js';
import { launchCostAt } from '../mechanisms/launchCost.js';

/**
 * The flagship's launch-price path alone (`mechanisms/launchCost.ts`, as
 * orbital-vs-ground uses it, without the owner's price factor): the market price
 * to LEO in month m, for backtests of the process against the price record.
 */
export const launchPrice = defineModel({
  name: 'launch-price',
  description: "The launch-price path of the orbital-vs-ground flagship alone: $/kg to LEO by month (for backtests)",
  inputs: {
    launchCostToday: { unit: '$/kg', description: 'price to LEO at month 0 (Falcon-class)' },
    launchPreReuseDecline: { unit: '1/yr', description: 'annual decline before full reuse (negative: a rise)' },
    starshipReuseMonth: { unit: 'month', description: 'month a fully reusable vehicle arrives (beyond the horizon: never within it)' },
    launchCostFloor: { unit: '$/kg', description: 'floor the price approaches after full reuse' },
    launchLearningRate: { unit: '1/yr', description: 'fraction of the gap to the floor closed per year after full reuse' },
    starshipPriceAtReuse: { unit: '$/kg', description: 'price of the fully reusable vehicle when it arrives (the path steps down to it)' },
  },
  series: {
    launchPrice: { unit: '$/kg', description: 'market price per kg to LEO in month m', logScale: true },
  },
  simulate(t) {
    const x = t.input;
    const path = {
      today: x.launchCostToday, preReuseDecline: x.launchPreReuseDecline, reuseMonth: x.starshipReuseMonth,
      floor: x.launchCostFloor, learningRate: x.launchLearningRate, atReuse: x.starshipPriceAtReuse,
    };
    for (let m = 0; m <= t.months; m++) t.series.launchPrice[m] = launchCostAt(m, path);
  },
});
