import { check, Z95, type Distribution } from './distribution.js';
import { normalQuantile } from './normalQuantile.js';
import type { NormalParams } from './schemas.js';

/**
 * Normal distribution, by `mean`/`sd` or by a 90% interval `p5`/`p95`
 * (mean = (p5 + p95)/2, sd = (p95 − p5)/(2·1.6449)). Q(u) = mean + sd·Φ⁻¹(u), AS241.
 * @example createNormal({dist: 'normal', mean: 0, sd: 1}).quantile(0.975) // 1.959963984540054
 */
export class Normal implements Distribution {
  readonly family = 'normal';
  readonly isDiscrete = false;
  constructor(readonly mean: number, readonly sd: number) {
    check(sd > 0, 'sd', sd, 'must be greater than 0');
  }
  quantile(u: number): number {
    return this.mean + this.sd * normalQuantile(u);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const m = this.mean, s = this.sd;
    for (let i = 0; i < n; i++) out[i] = m + s * normalQuantile(u[i]);
  }
}

export function createNormal(p: NormalParams): Normal {
  if (p.p5 !== undefined || p.p95 !== undefined) {
    check(p.mean === undefined && p.sd === undefined, 'mean', p.mean, 'give either mean/sd or p5/p95, not both');
    check(p.p5 !== undefined, 'p5', p.p5, 'is required with p95');
    check(p.p95 !== undefined, 'p95', p.p95, 'is required with p5');
    check(p.p95! > p.p5!, 'p95', p.p95, `must be greater than p5 (${p.p5})`);
    return new Normal((p.p5! + p.p95!) / 2, (p.p95! - p.p5!) / (2 * Z95));
  }
  check(p.mean !== undefined, 'mean', p.mean, 'is required (or give p5 and p95)');
  check(p.sd !== undefined, 'sd', p.sd, 'is required (or give p5 and p95)');
  return new Normal(p.mean!, p.sd!);
}
