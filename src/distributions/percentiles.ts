import { check, type Distribution } from './distribution.js';
import type { PercentilesParams } from './schemas.js';

const PERCENTILE_KEY = /^p(\d{1,2}(\.\d+)?)$/;

/**
 * A piecewise-linear CDF through stated percentiles, as analysts usually state
 * beliefs. Knots (x_k, p_k) are the given percentiles plus (min, 0) and
 * (max, 1); Q(u) interpolates linearly between knots (uniform density within
 * each segment). Tail rule when `min` or `max` is absent: the outermost
 * segment is extended linearly to p = 0 (or 1) with its own slope.
 * Mean = Σ over segments of Δp·(x_k + x_{k+1})/2.
 * @example createPercentiles({dist: 'percentiles', p50: 5, min: 0, max: 10}).quantile(0.25) // 2.5
 */
export class Percentiles implements Distribution {
  readonly family = 'percentiles';
  readonly isDiscrete = false;
  readonly mean: number;
  private readonly ps: Float64Array;
  private readonly xs: Float64Array;
  constructor(points: ReadonlyArray<readonly [p: number, x: number]>, min?: number, max?: number) {
    check(points.length >= 1, 'dist', 'percentiles', 'needs at least one percentile key such as p50');
    const knots = [...points].sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < knots.length; k++) {
      const [p, x] = knots[k], [pp, px] = knots[k - 1];
      check(x > px, `p${p * 100}`, x, `must be greater than p${pp * 100} (${px}): percentiles must increase`);
    }
    const first = knots[0], last = knots[knots.length - 1];
    const slope = (a: readonly [number, number], b: readonly [number, number]): number => (b[1] - a[1]) / (b[0] - a[0]);
    if (min === undefined) {
      check(knots.length >= 2, 'min', min, 'is required when only one percentile is given');
      min = first[1] - first[0] * slope(knots[0], knots[1]);
    }
    if (max === undefined) {
      check(knots.length >= 2, 'max', max, 'is required when only one percentile is given');
      max = last[1] + (1 - last[0]) * slope(knots[knots.length - 2], last);
    }
    check(min < first[1], 'min', min, `must be less than the lowest percentile (${first[1]})`);
    check(max > last[1], 'max', max, `must be greater than the highest percentile (${last[1]})`);
    const all: Array<readonly [number, number]> = [[0, min], ...knots, [1, max]];
    this.ps = Float64Array.from(all, (k) => k[0]);
    this.xs = Float64Array.from(all, (k) => k[1]);
    let mean = 0;
    for (let k = 1; k < all.length; k++) mean += (this.ps[k] - this.ps[k - 1]) * (this.xs[k] + this.xs[k - 1]) * 0.5;
    this.mean = mean;
  }
  quantile(u: number): number {
    const ps = this.ps;
    let k = 1;
    while (k < ps.length - 1 && ps[k] < u) k++;
    const t = (u - ps[k - 1]) / (ps[k] - ps[k - 1]);
    return this.xs[k - 1] + t * (this.xs[k] - this.xs[k - 1]);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
  }
}

export function createPercentiles(p: PercentilesParams): Percentiles {
  const points: Array<[number, number]> = [];
  for (const [key, value] of Object.entries(p)) {
    if (key === 'dist' || key === 'min' || key === 'max') continue;
    const m = PERCENTILE_KEY.exec(key);
    check(m !== null, key, value, 'is not a known field: percentile keys look like p10, p50, p97.5');
    const pct = Number(m![1]);
    check(pct > 0 && pct < 100, key, value, 'percentile must lie strictly between p0 and p100 (use min and max for the ends)');
    check(typeof value === 'number', key, value, 'must be a number');
    points.push([pct / 100, value as number]);
  }
  return new Percentiles(points, p.min, p.max);
}
