import { check, type Distribution } from './distribution.js';
import { ChebyshevQuantileTable, normalTails } from './chebyshevQuantileTable.js';
import { normalQuantile } from './normalQuantile.js';
import { gammaPrefix, regularizedGamma } from './regularizedGamma.js';
import { solveMonotone } from './solveMonotone.js';
import type { PoissonParams } from './schemas.js';

/** The largest λ accepted: k and λ stay exact integers/doubles with room to spare below 2^53. */
export const POISSON_MAX_LAMBDA = 1e15;
/** Up to this λ the whole CDF is tabulated; above it a Chebyshev table of the continuous quantile is used. */
const CDF_TABLE_MAX_LAMBDA = 1e4;

/**
 * P(X ≤ k) ≥ u for X ~ Poisson(λ), decided on the tail that is small:
 * P(X ≤ k) = Q(k+1, λ) and P(X > k) = P(k+1, λ), the regularized incomplete
 * gamma functions (Abramowitz & Stegun 26.4.21).
 */
function cdfReaches(lambda: number, k: number, u: number): boolean {
  if (k < 0) return false;
  const a = k + 1;
  return u <= 0.5 ? regularizedGamma(a, lambda, true) >= u : regularizedGamma(a, lambda, false) <= 1 - u;
}

/**
 * The smallest k with P(X ≤ k) ≥ u, searched on the exact CDF from `start`:
 * doubling steps to bracket it, then bisection. About 2·log₂|k − start| CDF
 * evaluations.
 */
export function poissonQuantileSearch(lambda: number, u: number, start: number): number {
  let k = Math.max(0, Math.round(start));
  let lo: number, hi: number; // cdfReaches(lo) is false (or lo = −1), cdfReaches(hi) is true
  if (cdfReaches(lambda, k, u)) {
    hi = k;
    let step = 1;
    for (;;) {
      const t = hi - step;
      if (t < 0) {
        lo = -1;
        break;
      }
      if (!cdfReaches(lambda, t, u)) {
        lo = t;
        break;
      }
      hi = t;
      step *= 2;
    }
  } else {
    lo = k;
    let step = 1;
    for (;;) {
      const t = lo + step;
      if (cdfReaches(lambda, t, u)) {
        hi = t;
        break;
      }
      lo = t;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (cdfReaches(lambda, mid, u)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Poisson(λ), 0 < λ ≤ 1e15. Mean = λ. Q(u) = the smallest k with P(X ≤ k) ≥ u,
 * exactly (to the rounding of the CDF, about 1e-15 relative).
 *
 * λ ≤ 1e4: the CDF is tabulated at construction (each probability from
 * λᵏe^(−λ)/k! written as exp(a·log1pmx(σ))·… so it keeps full precision,
 * summed from both tails), with a guide table (Chen & Asau 1974) so a draw is a
 * lookup and usually no step of scan.
 *
 * λ > 1e4: P(X ≤ k) = Q(k+1, λ) is increasing in the shape, so the answer is
 * ⌈s⌉ − 1 where Q(s, λ) = u. h(z) = (s − λ)/√λ is tabulated as a Chebyshev
 * table in z = Φ⁻¹(u), built by Newton on Temme's expansion of Q; a draw is
 * Φ⁻¹, a Chebyshev sum and a floor. When s lies within the table's error
 * bound of an integer (about 1e-5 of draws at λ = 1e15, fewer below), or u
 * is beyond the table, the exact CDF decides (poissonQuantileSearch).
 * Cornish–Fisher style continuous inversion as in Giles (2016), "Algorithm 955",
 * ACM TOMS 42(1).
 *
 * @example createPoisson({dist: 'poisson', lambda: 3}).quantile(0.5) // 3
 */
export class Poisson implements Distribution {
  readonly family = 'poisson';
  readonly isDiscrete = true;
  readonly mean: number;
  // λ ≤ 1e4: CDF (k ≤ median side) and survival (above) tables, guide table.
  private cdf: Float64Array | null = null;
  private sf: Float64Array | null = null;
  private guide: Int32Array | null = null;
  // λ > 1e4: Chebyshev table of h(z); λ = lambdaInt + lambdaFrac.
  private table: ChebyshevQuantileTable | null = null;
  private readonly sqrtLambda: number;
  private readonly lambdaInt: number;
  private readonly lambdaFrac: number;
  private margin = 0;

  constructor(readonly lambda: number) {
    check(lambda > 0, 'lambda', lambda, 'must be greater than 0');
    check(lambda <= POISSON_MAX_LAMBDA, 'lambda', lambda, 'must be at most 1e15 (exact Poisson quantiles are supported up to 1e15)');
    this.mean = lambda;
    this.sqrtLambda = Math.sqrt(lambda);
    this.lambdaInt = Math.floor(lambda);
    this.lambdaFrac = lambda - this.lambdaInt;
  }

  private build(): void {
    if (this.lambda <= CDF_TABLE_MAX_LAMBDA) this.buildCdf();
    else this.buildContinuous();
  }

  private buildCdf(): void {
    const lam = this.lambda;
    // Past K the upper tail is below 1e-30 (ten standard deviations and more beyond the mean).
    const K = Math.ceil(lam + 12 * Math.sqrt(lam) + 40);
    const pmf = new Float64Array(K + 1);
    for (let k = 0; k <= K; k++) pmf[k] = gammaPrefix(k + 1, lam) / lam; // λ^(k+1)e^(−λ)/k! / λ
    const cdf = new Float64Array(K + 1), sf = new Float64Array(K + 1);
    // Kahan sums from each end, so each tail keeps its relative precision.
    let s = 0, c = 0;
    for (let k = 0; k <= K; k++) {
      const y = pmf[k] - c, t = s + y;
      c = t - s - y;
      s = t;
      cdf[k] = s;
    }
    s = 0;
    c = 0;
    for (let k = K; k >= 0; k--) {
      sf[k] = s; // P(X > k)
      const y = pmf[k] - c, t = s + y;
      c = t - s - y;
      s = t;
    }
    const G = K + 1;
    const guide = new Int32Array(G);
    let k = 0;
    for (let j = 0; j < G; j++) {
      while (k < K && cdf[k] < j / G) k++;
      guide[j] = Math.max(0, k - 1); // one below, so rounding between cdf and sf never skips the answer
    }
    this.cdf = cdf;
    this.sf = sf;
    this.guide = guide;
  }

  private buildContinuous(): void {
    const lam = this.lambda, r = this.sqrtLambda;
    const table = ChebyshevQuantileTable.build((zz, guess) => {
      const { p, q } = normalTails(zz);
      const lower = p <= q;
      const target = Math.log(lower ? p : q);
      // Cornish–Fisher start: s − λ ≈ √λ·z + (z² + 2)/6 (+ ½ for the continuity shift).
      const h0 = guess === guess ? guess : zz + (zz * zz + 5) / (6 * r);
      return solveMonotone((h, o) => {
        const d = r * h; // s − λ, exact enough: s itself would round to 1/8 at λ = 1e15
        const a = lam + d;
        const f = regularizedGamma(a, lam, lower, -d); // P(X ≤ s − 1) = Q(s, λ); P(X ≥ s) = P(s, λ)
        // ∂Q(s, λ)/∂s ≈ P(X = s − ½) = Γ-prefix(s + ½, λ)/λ; only the speed of convergence depends on it.
        const slope = (r * gammaPrefix(a + 0.5, lam, -d - 0.5)) / lam / f;
        o[0] = lower ? Math.log(f) - target : target - Math.log(f);
        o[1] = slope;
      }, h0);
    }, 1e-14);
    this.table = table;
    // Bound on |s − s_table| in units of k: the table's checked error, the solver's, and rounding of √λ·h.
    this.margin = 1e-7 + r * (20 * table.checkedError + 1e-13);
  }

  /** The quantile from the exact CDF alone (no table): the slow path and a reference for tests. */
  exactQuantile(u: number): number {
    if (!(u > 0)) return u === 0 ? 0 : NaN;
    if (!(u < 1)) return u === 1 ? Infinity : NaN;
    const zz = normalQuantile(u);
    return poissonQuantileSearch(this.lambda, u, this.lambda + this.sqrtLambda * zz + (zz * zz - 1) / 6);
  }

  quantile(u: number): number {
    if (this.cdf === null && this.table === null) this.build();
    return this.table === null ? this.fromCdf(u) : this.fromTable(u);
  }

  /** λ ≤ 1e4: guide-table lookup, then a short scan on the tail that keeps precision. */
  private fromCdf(x: number): number {
    if (!(x > 0 && x < 1)) return this.exactQuantile(x);
    const cdf = this.cdf!, sf = this.sf!, guide = this.guide!;
    let k = guide[Math.floor(x * guide.length)];
    if (x <= 0.5) while (cdf[k] < x) k++;
    else {
      const q = 1 - x, last = cdf.length - 1;
      while (sf[k] > q && k < last) k++;
    }
    return k;
  }

  /** λ > 1e4: ⌈s⌉ − 1 from the table, or the exact CDF when s is within the error bound of an integer. */
  private fromTable(x: number): number {
    const h = this.table!.evaluate(normalQuantile(x));
    const s = this.lambdaFrac + this.sqrtLambda * h; // s − ⌊λ⌋
    const fl = Math.floor(s);
    const frac = s - fl;
    if (frac > this.margin && frac < 1 - this.margin) return this.lambdaInt + fl;
    return h === h ? poissonQuantileSearch(this.lambda, x, this.lambdaInt + fl) : this.exactQuantile(x);
  }

  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    if (this.cdf === null && this.table === null) this.build();
    // Two loops so each stays monomorphic and the small lookups inline.
    if (this.table === null) for (let i = 0; i < n; i++) out[i] = this.fromCdf(u[i]);
    else for (let i = 0; i < n; i++) out[i] = this.fromTable(u[i]);
  }
}

export function createPoisson(p: PoissonParams): Poisson {
  return new Poisson(p.lambda);
}
