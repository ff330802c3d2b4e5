import { check, type Distribution } from './distribution.js';
import { ChebyshevQuantileTable, normalTails, sharedTable } from './chebyshevQuantileTable.js';
import { trustedIntervals } from './gamma.js';
import { normalQuantile } from './normalQuantile.js';
import { betaPrefix, logBeta, regularizedBeta } from './regularizedBeta.js';
import { solveMonotone } from './solveMonotone.js';
import type { BetaParams } from './schemas.js';

/**
 * Shapes with accurate quantiles: with both shapes below 0.001 the middle of the
 * distribution is too flat to invert in double precision, and above 1e7 the
 * continued fraction needs more than ~3000 terms per evaluation.
 */
export const BETA_MIN_SHAPE = 1e-3;
export const BETA_MAX_SHAPE = 1e7;

/**
 * logit of the standard Beta(a, b) quantile for lower-tail probability p and
 * upper-tail probability q = 1 − p (the smaller is used): Newton on
 * ln I_x(a, b) = ln p (or ln(1 − I) = ln q) in g = ln(x/(1 − x)), whose slope
 * is x^a(1−x)^b/(B(a, b)·I). Where x or 1 − x underflows (shapes below 1, far
 * tails) the tail laws I ≈ x^a/(a·B) and 1 − I ≈ (1−x)^b/(b·B) are used.
 * Starts at `guess`, or at the lower-tail law when `guess` is NaN.
 */
export function betaLogitQuantile(a: number, b: number, p: number, q: number, guess: number): number {
  const lower = p <= q;
  const target = Math.log(lower ? p : q);
  // Not ln Γ(a) + ln Γ(b) − ln Γ(a + b): for Beta(0.01, 1e7) the last two cancel to 1e−8 of
  // ln B, which the tail law below divides by a (1.9e−6 off in x, against mpmath).
  const logB = logBeta(a, b);
  let g0 = guess;
  if (Number.isNaN(g0)) g0 = lower ? Math.min(0, (target + Math.log(a) + logB) / a) : Math.max(0, -(target + Math.log(b) + logB) / b);
  return solveMonotone((g, o) => {
    if (g < -600 && lower) {
      o[0] = a * g - Math.log(a) - logB - target;
      o[1] = a;
      return;
    }
    if (g > 600 && !lower) {
      o[0] = target - (-b * g - Math.log(b) - logB);
      o[1] = b;
      return;
    }
    const e = Math.exp(-Math.abs(g));
    const small = e / (1 + e), large = 1 / (1 + e);
    const x = g < 0 ? small : large, y = g < 0 ? large : small;
    const f = regularizedBeta(a, b, x, y, !lower);
    o[0] = lower ? Math.log(f) - target : target - Math.log(f);
    o[1] = betaPrefix(a, b, x, y) / f;
  }, g0);
}

/**
 * Beta(alpha, beta), optionally rescaled to [min, max] (default [0, 1]).
 * Mean = min + (max − min)·alpha/(alpha + beta).
 *
 * Q(u) = min + (max − min)·I⁻¹_u(alpha, beta). The first call tabulates
 * logit I⁻¹(Φ(z)) as a Chebyshev table in z = Φ⁻¹(u) (ChebyshevQuantileTable),
 * solved by Newton on an accurate incomplete beta (regularizedBeta.ts); each
 * value then costs one Φ⁻¹, a Chebyshev sum, an exp and a division. Outside
 * the table (u below 5e-17 or above 1 − 5e-17) it is solved directly.
 * Relative error about 1e-13. For extreme shapes (about 0.01 and less, or
 * one above ~1e5 beside a small one), where 1024 intervals do not reach the
 * tolerance everywhere, a value in an interval that misses it is finished by
 * Newton on the exact CDF from the table's value (slower, equally accurate).
 *
 * @example createBeta({dist: 'beta', alpha: 2, beta: 1, min: 0, max: 1}).quantile(0.25) // 0.5
 */
export class Beta implements Distribution {
  readonly family: string = 'beta';
  readonly isDiscrete = false;
  readonly mean: number;
  private readonly width: number;
  /** |max| < |min|: outputs near max are near 0, and are computed from max (fromLogit). */
  private readonly nearMax: boolean;
  private table: ChebyshevQuantileTable | null = null;
  private polish = false;
  /** With polish: 1 for the table's intervals whose values are trusted as they are (trustedIntervals). */
  private trusted: Uint8Array = new Uint8Array(0);
  /** The table holds min(1, alpha, beta)·logit x: for small shapes the tails' logits are huge, and the scaled form keeps relative precision. */
  private readonly tailScale: number;
  private readonly invTailScale: number;
  constructor(readonly alpha: number, readonly beta: number, readonly min = 0, readonly max = 1) {
    check(alpha > 0, 'alpha', alpha, 'must be greater than 0');
    check(beta > 0, 'beta', beta, 'must be greater than 0');
    check(alpha >= BETA_MIN_SHAPE && alpha <= BETA_MAX_SHAPE, 'alpha', alpha, 'must lie in [0.001, 1e7] (accurate beta quantiles are supported there)');
    check(beta >= BETA_MIN_SHAPE && beta <= BETA_MAX_SHAPE, 'beta', beta, 'must lie in [0.001, 1e7] (accurate beta quantiles are supported there)');
    check(max > min, 'max', max, `must be greater than min (${min})`);
    this.width = max - min;
    this.nearMax = Math.abs(max) < Math.abs(min);
    this.mean = min + (this.width * alpha) / (alpha + beta);
    this.tailScale = Math.min(1, alpha, beta);
    this.invTailScale = 1 / this.tailScale;
  }
  private build(): ChebyshevQuantileTable {
    const a = this.alpha, b = this.beta, sc = this.tailScale;
    const table = sharedTable(`beta:${a}:${b}`, () =>
      ChebyshevQuantileTable.build((zz, guess) => {
        const { p, q } = normalTails(zz);
        return sc * betaLogitQuantile(a, b, p, q, guess / sc);
      }, 1e-13),
    );
    // Extreme shapes can leave some intervals short of the bound in x even at 1024 (the table's own
    // check, relative to its scaled value, let beta(0.001, 0.005) through 6e−10 off): then each
    // value is checked, and one in such an interval is finished by Newton (trustedIntervals).
    this.trusted = trustedIntervals(table, this.invTailScale);
    this.polish = this.trusted.includes(0);
    this.table = table;
    return table;
  }
  /**
   * min + width·x for x = 1/(1 + e^(−g)), written so that both tails keep their precision, and
   * for x above ½ as max − width·(1 − x) where |max| < |min| (the output near max is near 0, where
   * min + width·x would cancel: beta(1e6, 1) on [−1, 0] lost up to 3e−10 that way).
   */
  private fromLogit(g: number): number {
    if (g < 0) return this.min + (this.width * Math.exp(g)) / (1 + Math.exp(g));
    const e = Math.exp(-g);
    return this.nearMax ? this.max - (this.width * e) / (1 + e) : this.min + this.width / (1 + e);
  }
  /** The quantile solved directly (no table): the slow path and a reference for tests. */
  exactQuantile(u: number, guess = NaN): number {
    if (!(u > 0)) return u === 0 ? this.min : NaN;
    if (!(u < 1)) return u === 1 ? this.max : NaN;
    return this.fromLogit(betaLogitQuantile(this.alpha, this.beta, u, 1 - u, guess));
  }
  quantile(u: number): number {
    const table = this.table ?? this.build();
    const z = normalQuantile(u);
    const g = table.evaluate(z) * this.invTailScale;
    if (g === g && !this.polish) return this.fromLogit(g);
    const i = table.interval(z);
    if (i < 0 || g !== g) return this.exactQuantile(u, g);
    // Below e^−746 even with ten times the interval's checked error, the exact quantile's e^g
    // underflows to 0 too, so the table's value (min) is exact however rough the interval.
    const err = table.intervalError[i] * this.invTailScale;
    if (g + 10 * err < -746) return this.fromLogit(g);
    // A trusted interval's value (below the normal range, see Gamma.quantile).
    if (this.trusted[i] === 1) return this.fromLogit(g);
    // An error Δ in the logit moves x by Δ·x(1 − x), so the output min + width·x by
    // Δ·width·x(1 − x): for x near 1 (g > 0) and an output away from 0 that is far less than Δ
    // relative (beta(1e6, 0.5): g ≈ 13), and a value whose interval misses 1e−11 in the logit can
    // still be within it. (Not where the output is near 0, as when max is 0.)
    if (g > 0) {
      const out = this.fromLogit(g), e = Math.exp(-g);
      if (err * this.width * (e / ((1 + e) * (1 + e))) <= 1e-11 * Math.abs(out)) return out;
    }
    return this.exactQuantile(u, g);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const table = this.table ?? this.build();
    if (this.polish) {
      for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
      return;
    }
    const inv = this.invTailScale;
    for (let i = 0; i < n; i++) {
      const g = table.evaluate(normalQuantile(u[i])) * inv;
      out[i] = g === g ? this.fromLogit(g) : this.exactQuantile(u[i]);
    }
  }
}

export function createBeta(p: BetaParams): Beta {
  return new Beta(p.alpha, p.beta, p.min ?? 0, p.max ?? 1);
}
