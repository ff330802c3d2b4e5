import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { check, type Distribution } from './distribution.js';
import { normalQuantile } from './normalQuantile.js';
import type { TruncatedNormalParams } from './schemas.js';

const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * Normal(mean, sd) truncated to [min, max] (either bound may be absent).
 * Q(u) = mean + sd·Φ⁻¹(Φ(α) + u·(Φ(β) − Φ(α))), α = (min − mean)/sd, β = (max − mean)/sd.
 * When the interval lies in the upper tail the mirror image is sampled, so
 * Φ is always evaluated where it is small and accurate (no 1 − ε cancellation).
 * Mean = mean + sd·(φ(α) − φ(β))/(Φ(β) − Φ(α)).
 * @example createTruncatedNormal({dist: 'truncnormal', mean: 0, sd: 1, min: 0}).mean // 0.7978845608
 */
export class TruncatedNormal implements Distribution {
  readonly family = 'truncnormal';
  readonly isDiscrete = false;
  readonly mean: number;
  private readonly sign: number; // +1, or −1 when sampling the mirror image
  private readonly start: number; // Φ where u = 0 maps (the upper end when mirrored)
  private readonly step: number; // signed Φ-width: u·step is added to start
  private readonly width: number;
  constructor(readonly mu: number, readonly sd: number, readonly min = -Infinity, readonly max = Infinity) {
    check(sd > 0, 'sd', sd, 'must be greater than 0');
    check(max > min, 'max', max, `must be greater than min (${min})`);
    let a = (min - mu) / sd, b = (max - mu) / sd;
    this.sign = a > 0 ? -1 : 1;
    if (this.sign < 0) [a, b] = [-b, -a];
    const lo = normalCdf(a, 0, 1), hi = normalCdf(b, 0, 1);
    this.width = hi - lo;
    // Mirrored: X = mu − sd·Z is decreasing in Z, so u = 0 must map to Z's upper end.
    this.start = this.sign > 0 ? lo : hi;
    this.step = this.sign > 0 ? this.width : -this.width;
    check(this.width > 0, 'min', min, `leaves no probability mass for Normal(${mu}, ${sd}) below max = ${max}`);
    const pa = Number.isFinite(a) ? phi(a) : 0, pb = Number.isFinite(b) ? phi(b) : 0;
    this.mean = mu + this.sign * sd * ((pa - pb) / this.width);
  }
  quantile(u: number): number {
    const x = this.mu + this.sign * this.sd * normalQuantile(this.start + u * this.step);
    return x < this.min ? this.min : x > this.max ? this.max : x; // guard rounding at the bounds
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
  }
}

export function createTruncatedNormal(p: TruncatedNormalParams): TruncatedNormal {
  check(p.min !== undefined || p.max !== undefined, 'min', p.min, 'a truncated normal needs min, max or both');
  return new TruncatedNormal(p.mean, p.sd, p.min ?? -Infinity, p.max ?? Infinity);
}
