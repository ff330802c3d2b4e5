import type { Distribution } from './distribution.js';
import type { PointParams } from './schemas.js';

/**
 * A point mass (a fixed value): every quantile is `value`.
 * @example createPoint({dist: 'point', value: 3}).quantile(0.2) // 3
 */
export class Point implements Distribution {
  readonly family = 'point';
  readonly isDiscrete = true;
  readonly mean: number;
  constructor(readonly value: number) {
    this.mean = value;
  }
  quantile(_u: number): number {
    return this.value;
  }
  mapQuantiles(_u: Float64Array, out: Float64Array, n: number): void {
    out.fill(this.value, 0, n);
  }
}

export function createPoint(p: PointParams): Point {
  return new Point(p.value);
}
