/**
 * Streaming count, mean, variance, min and max (Welford's algorithm), with the
 * parallel merge of Chan, Golub & LeVeque (1979):
 *   δ = x̄_b − x̄_a, n = n_a + n_b, x̄ = x̄_a + δ·n_b/n, M2 = M2_a + M2_b + δ²·n_a·n_b/n.
 * The merge is exact for count, min and max and equal within rounding for the
 * mean and M2; merged as a left fold in block order it is bit-reproducible.
 *
 * Struct-of-arrays over `length` slots (one per month of a series), so one
 * trajectory's series is added without allocating.
 *
 * @example const m = new Moments(1); m.add(0, 1); m.add(0, 3); m.mean[0] // 2
 */
export class Moments {
  readonly count: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;

  constructor(readonly length: number) {
    this.count = new Float64Array(length);
    this.mean = new Float64Array(length);
    this.m2 = new Float64Array(length);
    this.min = new Float64Array(length).fill(Infinity);
    this.max = new Float64Array(length).fill(-Infinity);
  }

  /** Adds finite value x to slot k. */
  add(k: number, x: number): void {
    const n = ++this.count[k];
    const d = x - this.mean[k];
    this.mean[k] += d / n;
    this.m2[k] += d * (x - this.mean[k]);
    if (x < this.min[k]) this.min[k] = x;
    if (x > this.max[k]) this.max[k] = x;
  }

  /** Merges `other` into this, slot by slot (Chan et al.). */
  merge(other: Moments): void {
    for (let k = 0; k < this.length; k++) {
      const nb = other.count[k];
      if (nb === 0) continue;
      const na = this.count[k];
      if (na === 0) {
        this.count[k] = nb;
        this.mean[k] = other.mean[k];
        this.m2[k] = other.m2[k];
      } else {
        const n = na + nb;
        const d = other.mean[k] - this.mean[k];
        this.mean[k] += (d * nb) / n;
        this.m2[k] += other.m2[k] + (d * d * na * nb) / n;
        this.count[k] = n;
      }
      if (other.min[k] < this.min[k]) this.min[k] = other.min[k];
      if (other.max[k] > this.max[k]) this.max[k] = other.max[k];
    }
  }

  /** Sample standard deviation of slot k (n − 1 denominator), NaN below 2 values. */
  sd(k: number): number {
    const n = this.count[k];
    return n > 1 ? Math.sqrt(this.m2[k] / (n - 1)) : NaN;
  }
}
