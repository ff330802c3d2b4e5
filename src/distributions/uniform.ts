import { check, type Distribution } from './distribution.js';
import type { UniformParams } from './schemas.js';

/**
 * Continuous uniform on [min, max]: Q(u) = min + u·(max − min).
 * @example createUniform({dist: 'uniform', min: 2, max: 4}).quantile(0.5) // 3
 */
export class Uniform implements Distribution {
  readonly family = 'uniform';
  readonly isDiscrete = false;
  readonly mean: number;
  private readonly width: number;
  constructor(readonly min: number, readonly max: number) {
    check(max > min, 'max', max, `must be greater than min (${min})`);
    this.width = max - min;
    this.mean = (min + max) / 2;
  }
  quantile(u: number): number {
    return this.min + u * this.width;
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const a = this.min, w = this.width;
    for (let i = 0; i < n; i++) out[i] = a + u[i] * w;
  }
}

export function createUniform(p: UniformParams): Uniform {
  return new Uniform(p.min, p.max);
}
