/**
 * Streaming count, mean, variance, min and max over `length` slots (one per
 * month of a series), mergeable.
 *
 * Within a block values are accumulated as shifted sums (the "shifted data"
 * algorithm; Chan, Golub & LeVeque 1983, "Algorithms for computing the sample
 * variance", Am. Stat. 37:242): K = the slot's first value, S₁ = Σ(x − K),
 * S₂ = Σ(x − K)², so mean = K + S₁/n and M2 = S₂ − S₁²/n. That costs no
 * division per value (Welford's update does) and is stable while K lies within
 * a few standard deviations of the mean, which a value drawn from the same
 * distribution does. Merging uses the parallel formula of Chan et al. (1979):
 *   δ = x̄_b − x̄_a, n = n_a + n_b, x̄ = x̄_a + δ·n_b/n, M2 = M2_a + M2_b + δ²·n_a·n_b/n,
 * and re-centres the slot (K = x̄, S₁ = 0, S₂ = M2). Exact for count, min and
 * max; within rounding for mean and variance; bit-reproducible as a left fold
 * in block order.
 *
 * @example const m = new Moments(1); m.add(0, 1); m.add(0, 3); m.mean(0) // 2
 */
export class Moments {
  readonly count: Float64Array;
  readonly shift: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;

  constructor(readonly length: number) {
    this.count = new Float64Array(length);
    this.shift = new Float64Array(length);
    this.s1 = new Float64Array(length);
    this.s2 = new Float64Array(length);
    this.min = new Float64Array(length).fill(Infinity);
    this.max = new Float64Array(length).fill(-Infinity);
  }

  /** Adds finite value x to slot k. */
  add(k: number, x: number): void {
    if (this.count[k]++ === 0) this.shift[k] = x;
    const d = x - this.shift[k];
    this.s1[k] += d;
    this.s2[k] += d * d;
    if (x < this.min[k]) this.min[k] = x;
    if (x > this.max[k]) this.max[k] = x;
  }

  /** Mean of slot k (NaN when empty). */
  mean(k: number): number {
    const n = this.count[k];
    return n > 0 ? this.shift[k] + this.s1[k] / n : NaN;
  }

  /** Sum of squared deviations from the mean, M2, of slot k. */
  m2(k: number): number {
    const n = this.count[k];
    return n > 0 ? Math.max(0, this.s2[k] - (this.s1[k] * this.s1[k]) / n) : 0;
  }

  /** Sample standard deviation of slot k (n − 1 denominator), NaN below 2 values. */
  sd(k: number): number {
    const n = this.count[k];
    return n > 1 ? Math.sqrt(this.m2(k) / (n - 1)) : NaN;
  }

  /** Merges `other` into this, slot by slot (Chan et al.). */
  merge(other: Moments): void {
    for (let k = 0; k < this.length; k++) this.mergeSlot(k, other.count[k], other.shift[k], other.s1[k], other.s2[k], other.min[k], other.max[k]);
  }

  /**
   * Merges into slot k the moments of another summary's slot, given by its raw
   * fields (count, shift, S₁, S₂, min, max): what `merge` does per slot, also
   * used to merge straight from an encoded summary.
   */
  mergeSlot(k: number, nb: number, shiftb: number, s1b: number, s2b: number, minb: number, maxb: number): void {
    if (nb === 0) return;
    const na = this.count[k];
    const mb = shiftb + s1b / nb, m2b = Math.max(0, s2b - (s1b * s1b) / nb);
    let mean: number, m2: number;
    if (na === 0) {
      mean = mb;
      m2 = m2b;
    } else {
      const ma = this.mean(k), n = na + nb, d = mb - ma;
      mean = ma + (d * nb) / n;
      m2 = this.m2(k) + m2b + (d * d * na * nb) / n;
    }
    this.count[k] = na + nb;
    this.shift[k] = mean;
    this.s1[k] = 0;
    this.s2[k] = m2;
    if (minb < this.min[k]) this.min[k] = minb;
    if (maxb > this.max[k]) this.max[k] = maxb;
  }

  /** Empties every slot (for reuse). */
  reset(): void {
    this.count.fill(0);
    this.shift.fill(0);
    this.s1.fill(0);
    this.s2.fill(0);
    this.min.fill(Infinity);
    this.max.fill(-Infinity);
  }
}
