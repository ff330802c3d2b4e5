import { describe, expect, it } from 'vitest';
import { Moments } from '../../src/stats/moments.js';
import { OutputAccumulator } from '../../src/stats/outputAccumulator.js';
import { wilsonInterval, proportionStandardError } from '../../src/stats/intervals.js';

describe('Moments (shifted sums, Chan et al. merge)', () => {
  it('merging equals accumulating the union: count, min, max exactly; mean and variance within rounding', () => {
    const xs = Array.from({ length: 10_001 }, (_, i) => Math.sin(i) * 1e3 + i * 0.01);
    const whole = new Moments(1), a = new Moments(1), b = new Moments(1), c = new Moments(1);
    xs.forEach((x, i) => {
      whole.add(0, x);
      (i < 3000 ? a : i < 7000 ? b : c).add(0, x);
    });
    a.merge(b);
    a.merge(c);
    expect(a.count[0]).toBe(whole.count[0]);
    expect(a.min[0]).toBe(whole.min[0]);
    expect(a.max[0]).toBe(whole.max[0]);
    expect(Math.abs(a.mean(0) - whole.mean(0))).toBeLessThan(1e-12 * 1e3);
    expect(Math.abs(a.sd(0) - whole.sd(0)) / whole.sd(0)).toBeLessThan(1e-12);
    // Two-pass reference.
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(Math.abs(whole.sd(0) - sd) / sd).toBeLessThan(1e-12);
  });

  it('counts non-finite values and keeps them out of the moments', () => {
    const acc = new OutputAccumulator(2);
    acc.addSeries(Float64Array.from([1, NaN]));
    acc.addSeries(Float64Array.from([Infinity, 3]));
    acc.addSeries(Float64Array.from([-Infinity, 5]));
    expect(Array.from(acc.nonFinite)).toEqual([2, 1]);
    expect(acc.moments.mean(0)).toBe(1);
    expect(acc.moments.mean(1)).toBe(4);
    expect(acc.sketches.count[1]).toBe(2);
  });
});

describe('intervals', () => {
  it('Wilson interval matches published values', () => {
    // Newcombe (1998), Stat. Med. 17:857, table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
    const [a, b] = wilsonInterval(81, 263);
    expect(a).toBeCloseTo(0.2553, 4);
    expect(b).toBeCloseTo(0.3662, 4);
    const [c, d] = wilsonInterval(15, 148);
    expect(c).toBeCloseTo(0.0624, 4);
    expect(d).toBeCloseTo(0.1605, 4);
    // 0 of 10: lower bound exactly 0, upper 0.2775 (Newcombe table I).
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 1_000_000)[0]).toBe(0);
    expect(wilsonInterval(7, 7)[1]).toBe(1);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(proportionStandardError(50, 100)).toBeCloseTo(0.05, 12);
  });
});
