import { describe, expect, it } from 'vitest';
import { argsortStable, sortValues } from '../../src/sampling/radixSort.js';
import { SeededStream } from '../../src/rng/streams.js';

/** Values with ties, both zeros, negatives, subnormals and a wide range of exponents. */
function awkward(n: number, seed: string): Float64Array {
  const s = new SeededStream(seed), out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = s.next(), kind = Math.floor(s.next() * 8);
    out[i] = kind === 0 ? 0 : kind === 1 ? -0 : kind === 2 ? Math.round(u * 5) - 2 : kind === 3 ? 5e-324 * Math.round(u * 3) : kind === 4 ? -u * 1e300 : (u - 0.5) * 10 ** Math.round(u * 40 - 20);
  }
  return out;
}

describe('radix sorts (Iman–Conover’s ranks)', () => {
  it('argsortStable gives the order of a stable comparison sort by value (ties and ±0 in index order)', () => {
    for (const n of [1, 2, 3, 100, 8192, 10_000]) {
      const v = awkward(n, `argsort/${n}`);
      const order = new Int32Array(n + 5); // longer than n: only the first n are written
      expect(argsortStable(v, n, order)).toBe(true);
      const expected = Int32Array.from({ length: n }, (_, i) => i).sort((p, r) => v[p] - v[r]);
      expect(Array.from(order.subarray(0, n))).toEqual(Array.from(expected));
    }
  });

  it('argsortStable refuses values with NaN (the caller falls back to a comparator)', () => {
    expect(argsortStable(Float64Array.from([1, NaN, 0]), 3, new Int32Array(3))).toBe(false);
  });

  it('sortValues gives the bytes of Float64Array.prototype.sort (−0 before +0, NaN last)', () => {
    for (const n of [0, 1, 7, 8192]) {
      const v = awkward(n, `sort/${n}`);
      const a = v.slice(), b = v.slice();
      sortValues(a, n);
      b.sort();
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    }
    const withNaN = Float64Array.from([3, NaN, -0, 0, -1]);
    sortValues(withNaN, 5);
    expect(Array.from(withNaN)).toEqual([-1, -0, 0, 3, NaN]);
    expect(Object.is(withNaN[1], -0)).toBe(true);
  });
});
