import { check, type Distribution } from './distribution.js';
import type { BernoulliParams } from './schemas.js';

/**
 * Bernoulli(p) on {0, 1}: Q(u) = 0 if u ≤ 1 − p, else 1. Mean = p.
 * @example createBernoulli({dist: 'bernoulli', p: 0.3}).quantile(0.8) // 1
 */
export class Bernoulli implements Distribution {
  readonly family = 'bernoulli';
  readonly isDiscrete = true;
  readonly mean: number;
  private readonly q: number;
  constructor(readonly p: number) {
    check(p >= 0 && p <= 1, 'p', p, 'must lie in [0, 1]');
    this.q = 1 - p;
    this.mean = p;
  }
  quantile(u: number): number {
    return u <= this.q ? 0 : 1;
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const q = this.q;
    for (let i = 0; i < n; i++) out[i] = u[i] <= q ? 0 : 1;
  }
}

export function createBernoulli(p: BernoulliParams): Bernoulli {
  return new Bernoulli(p.p);
}
