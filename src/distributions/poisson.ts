import { z } from 'zod';
import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile';
import { check, type Distribution } from './distribution.js';

export const poissonSchema = z.strictObject({ dist: z.literal('poisson'), lambda: z.number() });

/**
 * Poisson(λ): Q(u) = the smallest k with P(X ≤ k) ≥ u (@stdlib, Cornish–Fisher
 * start then a search on the exact CDF). Mean = λ.
 * @example createPoisson({dist: 'poisson', lambda: 3}).quantile(0.5) // 3
 */
export class Poisson implements Distribution {
  readonly family = 'poisson';
  readonly isDiscrete = true;
  readonly mean: number;
  constructor(readonly lambda: number) {
    check(lambda > 0, 'lambda', lambda, 'must be greater than 0');
    this.mean = lambda;
  }
  quantile(u: number): number {
    return poissonQuantile(u, this.lambda) + 0; // + 0 turns the −0 @stdlib returns at k = 0 into 0
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = poissonQuantile(u[i], this.lambda) + 0;
  }
}

export function createPoisson(p: z.infer<typeof poissonSchema>): Poisson {
  return new Poisson(p.lambda);
}
