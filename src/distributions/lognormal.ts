import { check, Z95, type Distribution } from './distribution.js';
import { normalQuantile } from './normalQuantile.js';
import type { LognormalParams } from './schemas.js';

/**
 * Lognormal: ln X ~ Normal(mu, sigma). Also by a 90% interval as Squiggle and
 * Guesstimate users write it (`p5: 200, p95: 3000`): mu = (ln p5 + ln p95)/2,
 * sigma = (ln p95 − ln p5)/(2·1.6449). Q(u) = exp(mu + sigma·Φ⁻¹(u)); mean = exp(mu + sigma²/2).
 * @example createLognormal({dist: 'lognormal', p5: 1, p95: 100}).quantile(0.5) // 10
 */
export class Lognormal implements Distribution {
  readonly family = 'lognormal';
  readonly isDiscrete = false;
  readonly mean: number;
  constructor(readonly mu: number, readonly sigma: number) {
    check(sigma > 0, 'sigma', sigma, 'must be greater than 0');
    this.mean = Math.exp(mu + (sigma * sigma) / 2);
  }
  quantile(u: number): number {
    return Math.exp(this.mu + this.sigma * normalQuantile(u));
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const m = this.mu, s = this.sigma;
    for (let i = 0; i < n; i++) out[i] = Math.exp(m + s * normalQuantile(u[i]));
  }
}

export function createLognormal(p: LognormalParams): Lognormal {
  if (p.p5 !== undefined || p.p95 !== undefined) {
    check(p.mu === undefined && p.sigma === undefined, 'mu', p.mu, 'give either mu/sigma or p5/p95, not both');
    check(p.p5 !== undefined, 'p5', p.p5, 'is required with p95');
    check(p.p95 !== undefined, 'p95', p.p95, 'is required with p5');
    check(p.p5! > 0, 'p5', p.p5, 'must be greater than 0 for a lognormal');
    check(p.p95! > p.p5!, 'p95', p.p95, `must be greater than p5 (${p.p5})`);
    const a = Math.log(p.p5!), b = Math.log(p.p95!);
    return new Lognormal((a + b) / 2, (b - a) / (2 * Z95));
  }
  check(p.mu !== undefined, 'mu', p.mu, 'is required (or give p5 and p95)');
  check(p.sigma !== undefined, 'sigma', p.sigma, 'is required (or give p5 and p95)');
  return new Lognormal(p.mu!, p.sigma!);
}
