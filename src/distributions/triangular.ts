import { check, type Distribution } from './distribution.js';
import type { TriangularParams } from './schemas.js';

/**
 * Triangular on [min, max] with peak at `mode`. With F_c = (c − a)/(b − a):
 * Q(u) = a + √(u·(b − a)(c − a)) for u < F_c, else b − √((1 − u)(b − a)(b − c)).
 * Mean = (a + b + c)/3.
 * @example createTriangular({dist: 'triangular', min: 0, mode: 0, max: 1}).quantile(0.75) // 0.5
 */
export class Triangular implements Distribution {
  readonly family = 'triangular';
  readonly isDiscrete = false;
  readonly mean: number;
  private readonly fc: number;
  private readonly left: number;
  private readonly right: number;
  constructor(readonly min: number, readonly mode: number, readonly max: number) {
    check(max > min, 'max', max, `must be greater than min (${min})`);
    check(mode >= min && mode <= max, 'mode', mode, `must lie in [min, max] = [${min}, ${max}]`);
    this.fc = (mode - min) / (max - min);
    this.left = (max - min) * (mode - min);
    this.right = (max - min) * (max - mode);
    this.mean = (min + mode + max) / 3;
  }
  quantile(u: number): number {
    return u < this.fc ? this.min + Math.sqrt(u * this.left) : this.max - Math.sqrt((1 - u) * this.right);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
  }
}

export function createTriangular(p: TriangularParams): Triangular {
  return new Triangular(p.min, p.mode, p.max);
}
