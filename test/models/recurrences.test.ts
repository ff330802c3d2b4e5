import { describe, expect, it } from 'vitest';
import { launchCostAt, launchCostPath } from '../../src/models/mechanisms/launchCost.js';
import { simulateTurbineSupply, type TurbineSupply } from '../../src/models/mechanisms/turbineBacklog.js';
import { SeededStream } from '../../src/rng/streams.js';

// Issue 14 goal 2: the flagship's monthly powers became recurrences (one multiply a
// month). They must equal the direct formulas up to floating-point rounding.
const H = 120;
const relativeGap = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

describe('recurrences equal the direct formulas to rounding', () => {
  it('launchCostPath: launchCostAt month by month within 1e-13 relative (reuse before, inside and beyond the horizon, fractional months, NaN)', () => {
    const s = new SeededStream('recurrences/launch');
    const out = new Float64Array(H + 1);
    let worst = 0;
    for (let i = 0; i < 2_000; i++) {
      const reuseMonth = i % 10 === 0 ? 200 : i % 10 === 1 ? 0 : i % 10 === 2 ? NaN : i % 10 === 3 ? 24 : s.next() * 130 - 5;
      const p = { today: 500 + s.next() * 5000, preReuseDecline: s.next() * 0.3, reuseMonth, floor: 10 + s.next() * 300, learningRate: s.next() * 0.9, atReuse: i % 4 === 0 ? undefined : 50 + s.next() * 3000 };
      launchCostPath(p, H, out);
      for (let m = 0; m <= H; m++) {
        const direct = launchCostAt(m, p);
        if (Number.isNaN(direct)) expect(out[m]).toBeNaN();
        else worst = Math.max(worst, relativeGap(out[m], direct));
      }
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('simulateTurbineSupply: the direct powers (e^(g·m), (q0/q)^ε) within 1e-10 relative', () => {
    // The mechanism as it was written before the recurrences, as the reference.
    function direct(p: TurbineSupply, wait: Float64Array, delivered: Float64Array): void {
      let backlog = p.bladeCapacity * p.backlogYears, capacity = p.bladeCapacity;
      const go = Math.log1p(p.orderGrowth) / 12, q0 = Math.max(p.backlogYears, 1 / 12);
      const wait0 = Math.max(12 * p.backlogYears, p.otherPartsMonths), lag = Math.max(0, Math.round(p.expansionLagMonths));
      for (let m = 0; m <= H; m++) {
        const queueYears = backlog / capacity, queueMonths = 12 * queueYears;
        wait[m] = queueMonths > p.otherPartsMonths ? queueMonths : p.otherPartsMonths;
        const seen = m >= lag ? wait[m - lag] : wait0;
        const orders = p.orders * Math.exp(go * m) * (p.orderElasticity === 0 ? 1 : Math.pow(q0 / Math.max(queueYears, 1 / 12), p.orderElasticity));
        delivered[m] = (backlog > 0 ? capacity : Math.min(capacity, orders)) / 12;
        backlog = Math.max(0, backlog + (orders - capacity) / 12);
        capacity *= Math.exp(Math.log1p(p.bladeCapacityGrowth + (p.expansionResponse * Math.max(0, seen - p.otherPartsMonths)) / 12) / 12);
      }
    }
    const s = new SeededStream('recurrences/turbine');
    const w1 = new Float64Array(H + 1), d1 = new Float64Array(H + 1), w2 = new Float64Array(H + 1), d2 = new Float64Array(H + 1);
    let worst = 0;
    for (let i = 0; i < 2_000; i++) {
      const p: TurbineSupply = {
        bladeCapacity: 30 + s.next() * 60, bladeCapacityGrowth: s.next() * 0.1, orders: 20 + s.next() * 80, orderGrowth: s.next() * 0.3 - 0.05,
        backlogYears: s.next() * 6, otherPartsMonths: 12 + s.next() * 6, expansionResponse: s.next() * 0.1, expansionLagMonths: 12 + s.next() * 36,
        orderElasticity: i % 5 === 0 ? 0 : s.next() * 0.5,
      };
      simulateTurbineSupply(p, H, w1, d1);
      direct(p, w2, d2);
      for (let m = 0; m <= H; m++) worst = Math.max(worst, relativeGap(w1[m], w2[m]), relativeGap(d1[m], d2[m]));
    }
    expect(worst).toBeLessThan(1e-10);
  });
});
