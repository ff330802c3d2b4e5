import { check, type Distribution } from './distribution.js';
import { ChebyshevQuantileTable, normalTails, sharedTable } from './chebyshevQuantileTable.js';
import { logGamma1p } from './logGamma.js';
import { normalQuantile } from './normalQuantile.js';
import { gammaPrefix, regularizedGamma } from './regularizedGamma.js';
import { solveMonotone } from './solveMonotone.js';
import type { GammaParams } from './schemas.js';

/**
 * The intervals of a table that falls short of its tolerance whose values
 * can still be used as they are (1), the others' values being finished by
 * Newton: those whose error at their check points, in ln x (gamma) or logit x
 * (beta), is at most 1e-11. Either bounds the relative error of x; between
 * check points the error was measured at 2–4.5 times that at them, which
 * still leaves a margin below the 1e-10 the quantiles promise. The table
 * holds tailScale·ln x (or logit x), hence the factor.
 */
export function trustedIntervals(table: ChebyshevQuantileTable, invTailScale: number): Uint8Array {
  const e = table.intervalError, trusted = new Uint8Array(e.length);
  for (let i = 0; i < e.length; i++) trusted[i] = e[i] * invTailScale <= 1e-11 ? 1 : 0;
  return trusted;
}

/** Shapes with accurate quantiles: below 1e-5 every quantile short of 1 − 1e-5 underflows to 0; above 1e15, k ± 8√k is k in double. */
export const GAMMA_MIN_SHAPE = 1e-5;
export const GAMMA_MAX_SHAPE = 1e15;

/**
 * ln of the standard Gamma(shape) quantile for lower-tail probability p and
 * upper-tail probability q = 1 − p (the smaller is used): Newton on
 * ln P(a, eˣ) = ln p (or ln Q = ln q) in t = ln x, whose slope is
 * x^a e^(−x)/(Γ(a)·P). Starts at `guess` (ln x), or at Wilson–Hilferty
 * (shape ≥ 1) or the small-x tail P ≈ x^a/Γ(a+1) when `guess` is NaN.
 */
export function gammaLogQuantile(a: number, p: number, q: number, guess: number): number {
  let t0 = guess;
  if (Number.isNaN(t0)) {
    const zz = p < q ? normalQuantile(p) : -normalQuantile(q);
    const c = 1 - 1 / (9 * a) + zz / (3 * Math.sqrt(a));
    t0 = a >= 1 && c > 0.1 ? Math.log(a) + 3 * Math.log(c) : Math.min(0, (Math.log(p) + logGamma1p(a)) / a);
  }
  const lower = p <= q;
  const target = Math.log(lower ? p : q);
  const logGammaA1 = logGamma1p(a);
  // Below this t the small-x law holds to 1e-17 (and regularizedGamma's prefactor, through
  // ln Γ(a), would carry ~1e-15/a of error into t for a tiny a).
  const smallX = -39 - Math.log(Math.min(1, a));
  return solveMonotone((t, o) => {
    if (t < -600 || t < smallX) {
      // x = eᵗ underflows (tiny shapes), or is so small that P's relative correction
      // a·x/(a + 1) is below 1e-17: ln P = a·t − ln Γ(a+1), and in the upper tail
      // ln Q = ln(1 − P) from the same law (Q from regularizedGamma would be 1 at x = 0, and the
      // search would stop at the smallest subnormal instead of the true ln x).
      const lnP = a * t - logGammaA1;
      if (lower) {
        o[0] = lnP - target;
        o[1] = a;
      } else {
        const P = Math.exp(lnP);
        o[0] = target - Math.log1p(-P);
        o[1] = (a * P) / (1 - P);
      }
      return;
    }
    const x = Math.exp(t);
    const f = regularizedGamma(a, x, !lower);
    const slope = gammaPrefix(a, x) / f;
    o[0] = lower ? Math.log(f) - target : target - Math.log(f);
    o[1] = slope;
  }, t0);
}

/**
 * Gamma(shape k, scale θ) (or rate = 1/θ). Mean = k·θ.
 *
 * Q(u) = θ·P⁻¹(k, u), the inverse regularized lower incomplete gamma function.
 * The first call tabulates ln P⁻¹(k, Φ(z)) as a Chebyshev table in
 * z = Φ⁻¹(u) (see ChebyshevQuantileTable), solved by Newton on an accurate
 * P(k, x) (regularizedGamma.ts); each value then costs one Φ⁻¹, a Chebyshev
 * sum and an exp. Outside the table (u below 5e-17 or above 1 − 5e-17) the
 * quantile is solved directly. Relative error about 1e-13. For shapes far
 * below 1 (about 0.001), where 1024 intervals do not reach the tolerance
 * everywhere, a value in an interval that misses it is finished by Newton on
 * the exact CDF from the table's value (slower, equally accurate).
 *
 * @example createGamma({dist: 'gamma', shape: 1, scale: 2}).quantile(0.5) // 2·ln 2
 */
export class Gamma implements Distribution {
  readonly family = 'gamma';
  readonly isDiscrete = false;
  readonly mean: number;
  private table: ChebyshevQuantileTable | null = null;
  private polish = false;
  /** With polish: 1 for the table's intervals whose values are trusted as they are (trustedIntervals). */
  private trusted: Uint8Array = new Uint8Array(0);
  /** The table holds min(1, k)·ln x: for small shapes ln x ≈ (ln p)/k is huge, and its scaled form keeps relative precision. */
  private readonly tailScale: number;
  private readonly invTailScale: number;
  private readonly logScale: number;
  constructor(readonly shape: number, readonly scale: number) {
    check(shape > 0, 'shape', shape, 'must be greater than 0');
    check(shape >= GAMMA_MIN_SHAPE && shape <= GAMMA_MAX_SHAPE, 'shape', shape, 'must lie in [1e-5, 1e15] (accurate gamma quantiles are supported there)');
    check(scale > 0, 'scale', scale, 'must be greater than 0');
    this.mean = shape * scale;
    this.tailScale = Math.min(1, shape);
    this.invTailScale = 1 / this.tailScale;
    this.logScale = Math.log(scale);
  }
  private build(): ChebyshevQuantileTable {
    const a = this.shape, sc = this.tailScale;
    const table = sharedTable(`gamma:${a}`, () =>
      ChebyshevQuantileTable.build((zz, guess) => {
        const { p, q } = normalTails(zz);
        return sc * gammaLogQuantile(a, p, q, guess / sc);
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
  /** The quantile solved directly (no table): the slow path and a reference for tests. */
  exactQuantile(u: number, guess = NaN): number {
    if (!(u > 0)) return u === 0 ? 0 : NaN;
    if (!(u < 1)) return u === 1 ? Infinity : NaN;
    return this.fromLog(gammaLogQuantile(this.shape, u, 1 - u, guess));
  }
  /** scale·eᵍ for g = ln of the standard quantile; where eᵍ would underflow, e^(g + ln scale), so a large scale keeps it. */
  private fromLog(g: number): number {
    return g < -700 ? Math.exp(g + this.logScale) : this.scale * Math.exp(g);
  }
  quantile(u: number): number {
    const table = this.table ?? this.build();
    const z = normalQuantile(u);
    const g = table.evaluate(z) * this.invTailScale;
    if (g === g && !this.polish) return this.fromLog(g);
    const i = table.interval(z);
    if (i < 0 || g !== g) return this.exactQuantile(u, g);
    // Below e^−746 even with ten times the interval's checked error, the exact quantile underflows
    // to 0 too, so the table's 0 is exact however rough the interval.
    const err = table.intervalError[i] * this.invTailScale;
    if (g + this.logScale + 10 * err < -746) return this.fromLog(g);
    // A trusted interval's value. (Below the normal range a double has fewer bits than 1e−10 needs:
    // there the promise is an absolute error of 1e−10 × MIN_NORMAL.)
    return this.trusted[i] === 1 ? this.fromLog(g) : this.exactQuantile(u, g);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    const table = this.table ?? this.build();
    if (this.polish) {
      for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
      return;
    }
    // fromLog written out for the usual case (a call per value measured ~3% slower).
    const s = this.scale, inv = this.invTailScale;
    for (let i = 0; i < n; i++) {
      const g = table.evaluate(normalQuantile(u[i])) * inv;
      out[i] = g === g ? (g < -700 ? this.fromLog(g) : s * Math.exp(g)) : this.exactQuantile(u[i]);
    }
  }
}

export function createGamma(p: GammaParams): Gamma {
  check(!(p.scale !== undefined && p.rate !== undefined), 'rate', p.rate, 'give scale or rate, not both');
  if (p.rate !== undefined) {
    check(p.rate > 0, 'rate', p.rate, 'must be greater than 0');
    return new Gamma(p.shape, 1 / p.rate);
  }
  check(p.scale !== undefined, 'scale', p.scale, 'is required (or give rate)');
  return new Gamma(p.shape, p.scale!);
}
