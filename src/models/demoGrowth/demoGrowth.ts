import { defineModel } from '../../model/defineModel.js';

/**
 * A small demonstration model: power demand growing exponentially against a
 * supply that grows more slowly and suffers random monthly outages.
 *
 * demand(m) = D₀·(1 + g_d)^(m/12)
 * supply(m) = S₀·(1 + g_s)^(m/12)·(1 − shockSize·shocked(m)), where each month
 *   is shocked with probability `shockProbability` (an event on the
 *   trajectory's own stream).
 * ratio(m) = demand(m)/supply(m); shortfall = Σ_m max(0, demand − supply)/12 (GW-years).
 */
export const demoGrowth = defineModel({
  name: 'demo-growth',
  description: 'Demand growing exponentially against a slower, shock-prone supply (a demonstration model).',
  inputs: {
    initialDemand: { unit: 'GW', description: 'demand at month 0' },
    demandGrowth: { unit: '1/yr', description: 'annual growth rate of demand' },
    initialSupply: { unit: 'GW', description: 'supply at month 0' },
    supplyGrowth: { unit: '1/yr', description: 'annual growth rate of supply' },
    shockProbability: { unit: '1/month', description: 'probability that a month has a supply outage' },
    shockSize: { unit: '1', description: 'fraction of supply lost in a shocked month' },
  },
  series: {
    demand: { unit: 'GW', logScale: true },
    supply: { unit: 'GW', logScale: true },
    ratio: { unit: '1', description: 'demand / supply' },
  },
  scalars: {
    shortfall: { unit: 'GW·yr', description: 'total unmet demand over the horizon' },
    shockedMonths: { unit: 'months' },
  },
  simulate(t) {
    const { initialDemand, demandGrowth, initialSupply, supplyGrowth, shockProbability, shockSize } = t.input;
    const gd = Math.log1p(demandGrowth) / 12, gs = Math.log1p(supplyGrowth) / 12;
    const { demand, supply, ratio } = t.series;
    let shortfall = 0, shocked = 0;
    for (let m = 0; m <= t.months; m++) {
      const d = initialDemand * Math.exp(gd * m);
      let s = initialSupply * Math.exp(gs * m);
      if (t.random() < shockProbability) {
        s *= 1 - shockSize;
        shocked++;
      }
      demand[m] = d;
      supply[m] = s;
      ratio[m] = d / s;
      if (d > s) shortfall += (d - s) / 12;
    }
    t.scalars.shortfall = shortfall;
    t.scalars.shockedMonths = shocked;
  },
  // The same arithmetic and the same draws column-wise (README, "Writing a model column-wise"):
  // trajectory i's month m at m·stride + i, its events from c.begin(i) then c.random().
  simulateChunk(c) {
    const { initialDemand, demandGrowth, initialSupply, supplyGrowth, shockProbability, shockSize } = c.input;
    const { demand, supply, ratio } = c.series, { shortfall: shortfalls, shockedMonths } = c.scalars;
    const stride = c.stride, H = c.months;
    for (let i = 0; i < c.count; i++) {
      c.begin(i);
      const d0 = initialDemand[i], s0 = initialSupply[i], p = shockProbability[i], size = shockSize[i];
      const gd = Math.log1p(demandGrowth[i]) / 12, gs = Math.log1p(supplyGrowth[i]) / 12;
      let shortfall = 0, shocked = 0;
      for (let m = 0, q = i; m <= H; m++, q += stride) {
        const d = d0 * Math.exp(gd * m);
        let s = s0 * Math.exp(gs * m);
        if (c.random() < p) {
          s *= 1 - size;
          shocked++;
        }
        demand[q] = d;
        supply[q] = s;
        ratio[q] = d / s;
        if (d > s) shortfall += (d - s) / 12;
      }
      shortfalls[i] = shortfall;
      shockedMonths[i] = shocked;
    }
  },
});
