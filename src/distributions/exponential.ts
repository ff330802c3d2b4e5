import { check, type Distribution } from './distribution.js';
import type { ExponentialParams } from './schemas.js';

/**
 * Exponential with `rate` (or `mean` = 1/rate): Q(u) = −ln(1 − u)/rate, via log1p.
 * @example createExponential({dist: 'exponential', rate: 2}).quantile(0.5) // ln 2 / 2
 */
export class Exponential implements Distribution {
  readonly family = 'exponential';
  readonly isDiscrete = false;
  readonly mean: number;
  constructor(readonly rate: number) {
    check(rate > 0, 'rate', rate, 'must be greater than 0');
    this.mean = 1 / rate;
  }
  quantile(u: number): number {
    return -Math.log1p(-u) / this.rate;
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const r = this.rate;
    for (let i = 0; i < n; i++) out[i] = -Math.log1p(-u[i]) / r;
  }
}

export function createExponential(p: ExponentialParams): Exponential {
  check(!(p.rate !== undefined && p.mean !== undefined), 'mean', p.mean, 'give rate or mean, not both');
  if (p.mean !== undefined) {
    check(p.mean > 0, 'mean', p.mean, 'must be greater than 0');
    return new Exponential(1 / p.mean);
  }
  check(p.rate !== undefined, 'rate', p.rate, 'is required (or give mean)');
  return new Exponential(p.rate!);
}
