import { z } from 'zod';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { check, type Distribution } from './distribution.js';

export const gammaSchema = z.strictObject({
  dist: z.literal('gamma'),
  shape: z.number(),
  scale: z.number().optional(),
  rate: z.number().optional(),
});

/**
 * Gamma(shape k, scale θ) (or rate = 1/θ). Q(u) = θ·P⁻¹(k, u), the inverse
 * regularized lower incomplete gamma function from @stdlib. Mean = k·θ.
 * @example createGamma({dist: 'gamma', shape: 1, scale: 2}).quantile(0.5) // 2·ln 2
 */
export class Gamma implements Distribution {
  readonly family = 'gamma';
  readonly isDiscrete = false;
  readonly mean: number;
  private readonly rate: number;
  constructor(readonly shape: number, readonly scale: number) {
    check(shape > 0, 'shape', shape, 'must be greater than 0');
    check(scale > 0, 'scale', scale, 'must be greater than 0');
    this.rate = 1 / scale;
    this.mean = shape * scale;
  }
  quantile(u: number): number {
    return gammaQuantile(u, this.shape, this.rate);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = gammaQuantile(u[i], this.shape, this.rate);
  }
}

export function createGamma(p: z.infer<typeof gammaSchema>): Gamma {
  check(!(p.scale !== undefined && p.rate !== undefined), 'rate', p.rate, 'give scale or rate, not both');
  if (p.rate !== undefined) {
    check(p.rate > 0, 'rate', p.rate, 'must be greater than 0');
    return new Gamma(p.shape, 1 / p.rate);
  }
  check(p.scale !== undefined, 'scale', p.scale, 'is required (or give rate)');
  return new Gamma(p.shape, p.scale!);
}
