import erfc from '@stdlib/math-base-special-erfc';

/** The table covers z = Φ⁻¹(u) in [−Z_MAX, Z_MAX]: u from Φ(−8.3) ≈ 5e-17 (below 2^-53) to 1 − 5e-17. */
export const Z_MAX = 8.3;
const DEGREE = 12;
const NODES = DEGREE + 1;
const SQRT1_2 = Math.SQRT1_2;

/** Standard normal lower and upper tail at z, each to full relative precision (erfc). */
export function normalTails(z: number): { p: number; q: number } {
  return { p: erfc(-z * SQRT1_2) / 2, q: erfc(z * SQRT1_2) / 2 };
}

/**
 * A transformed quantile function g(z) = T(F⁻¹(Φ(z))) tabulated as piecewise
 * Chebyshev series of degree 12 on equal intervals of z ∈ [−8.3, 8.3].
 *
 * Built once per distribution from an exact solver (Newton on an accurate CDF),
 * evaluated at the 13 Chebyshev extrema of each interval (ends included, so
 * the table is continuous) in increasing z, each solve starting from its
 * neighbour. The interval count doubles (16 … 1024) until the interpolant
 * agrees with the solver at the 12 first-kind Chebyshev nodes of every
 * interval (points that are not nodes) to `tolerance`·max(1, |g|).
 * The series are stored as monomials in the interval's t ∈ [−1, 1] and
 * evaluated by Horner's rule.
 * In z, with T = ln x or logit x, tails become smooth (ln Φ(z) ≈ −z²/2), so
 * the far tails cost no more than the middle. Evaluation: 24 flops, no
 * transcendental function.
 *
 * Chebyshev interpolation: Trefethen, Approximation Theory and Approximation
 * Practice (2013), ch. 3–4; Clenshaw (1955), Math. Tables Aids Comput. 9, 118.
 *
 * @example ChebyshevQuantileTable.build((z, guess) => z, 1e-13).evaluate(1.5) // 1.5
 */
export class ChebyshevQuantileTable {
  /** The largest disagreement found at the check points, relative to max(1, |g|). */
  readonly checkedError: number;
  /**
   * Per interval, the largest absolute disagreement |table − exact| found at its
   * check points (Infinity where either was not a number): where the table as a
   * whole falls short of its tolerance, a caller can still trust the intervals
   * that meet it.
   */
  readonly intervalError: Float64Array;
  private readonly invH: number;
  private constructor(
    private readonly intervals: number,
    private readonly coefficients: Float64Array,
    checkedError: number,
    intervalError: Float64Array,
  ) {
    this.invH = intervals / (2 * Z_MAX);
    this.checkedError = checkedError;
    this.intervalError = intervalError;
  }

  /**
   * Tabulates `exact(z, guess)` (the transformed quantile at z; `guess` is the
   * value at the previous, smaller z, or NaN for the first call of a pass).
   */
  static build(exact: (z: number, guess: number) => number, tolerance: number, maxIntervals = 1024): ChebyshevQuantileTable {
    // Interpolation at the Chebyshev extrema (Lobatto points, ends included, ascending in t), so
    // neighbouring intervals share their end value and the table is continuous in z; the check
    // points are the first-kind nodes in between.
    const nodes = new Float64Array(NODES);
    for (let j = 0; j < NODES; j++) nodes[j] = -Math.cos((Math.PI * j) / DEGREE);
    const checks = new Float64Array(DEGREE);
    for (let j = 0; j < DEGREE; j++) checks[j] = -Math.cos((Math.PI * (j + 0.5)) / DEGREE);
    let best: ChebyshevQuantileTable | null = null;
    for (let m = 16; m <= maxIntervals; m *= 2) {
      const h = (2 * Z_MAX) / m;
      const coef = new Float64Array(m * NODES);
      const values = new Float64Array(NODES);
      const cheb = new Float64Array(NODES);
      let guess = NaN;
      for (let i = 0; i < m; i++) {
        const left = -Z_MAX + i * h;
        for (let j = 0; j < NODES; j++) {
          if (j === 0 && i > 0) continue; // values[0] is the previous interval's right end
          guess = exact(j === DEGREE ? -Z_MAX + (i + 1) * h : left + ((nodes[j] + 1) / 2) * h, guess);
          values[j] = guess;
        }
        // DCT-I: c_k = (2/D) Σ''_j f_j cos(πjk/D), ends of the sum and c_0, c_D halved, with the
        // ascending-node sign (−1)^k folded in.
        for (let k = 0; k < NODES; k++) {
          let sum = 0;
          for (let j = 0; j < NODES; j++) sum += (j === 0 || j === DEGREE ? 0.5 : 1) * values[j] * Math.cos((Math.PI * j * k) / DEGREE);
          cheb[k] = ((k % 2 === 0 ? 1 : -1) * (k === 0 || k === DEGREE ? 1 : 2) * sum) / DEGREE;
        }
        chebyshevToMonomial(cheb, coef, i * NODES);
        values[0] = values[DEGREE];
      }
      const intervalError = new Float64Array(m);
      const table = new ChebyshevQuantileTable(m, coef, 0, intervalError);
      let worst = 0;
      guess = NaN;
      for (let i = 0; i < m; i++) {
        const left = -Z_MAX + i * h;
        for (let j = 0; j < checks.length; j++) {
          const z = left + ((checks[j] + 1) / 2) * h;
          guess = exact(z, guess);
          const diff = Math.abs(table.evaluate(z) - guess);
          const err = diff / Math.max(1, Math.abs(guess));
          if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
          if (!(diff <= intervalError[i])) intervalError[i] = Number.isNaN(diff) ? Infinity : diff;
        }
      }
      best = new ChebyshevQuantileTable(m, coef, worst, intervalError);
      if (worst <= tolerance) break;
    }
    return best!;
  }

  /** The interval z falls in (an index of intervalError), or −1 outside the table. */
  interval(z: number): number {
    const i = Math.floor((z + Z_MAX) * this.invH);
    return i >= 0 && i < this.intervals ? i : -1;
  }

  /** g(z) for |z| < 8.3, NaN outside (the caller then uses its exact solver). */
  evaluate(z: number): number {
    const s = (z + Z_MAX) * this.invH;
    const i = Math.floor(s);
    if (!(i >= 0 && i < this.intervals)) return NaN;
    const t = 2 * (s - i) - 1;
    const c = this.coefficients;
    const o = i * NODES;
    let acc = c[o + DEGREE];
    for (let k = DEGREE - 1; k >= 0; k--) acc = acc * t + c[o + k];
    return acc;
  }
}

/**
 * Rewrites Σₖ cₖTₖ(t) as Σₖ mₖtᵏ (Tₖ₊₁ = 2tTₖ − Tₖ₋₁), so evaluation is Horner's
 * rule: half the operations of Clenshaw's recurrence. At degree 12 on [−1, 1]
 * with coefficients that decay geometrically the rounding this adds is a few
 * ulps; the table's check points measure it together with the interpolation error.
 */
function chebyshevToMonomial(cheb: Float64Array, out: Float64Array, offset: number): void {
  let prev = new Float64Array(NODES), cur = new Float64Array(NODES);
  prev[0] = 1; // T0
  cur[1] = 1; // T1
  for (let j = 0; j < NODES; j++) out[offset + j] = 0;
  out[offset] += cheb[0];
  if (NODES > 1) out[offset + 1] += cheb[1];
  for (let k = 2; k < NODES; k++) {
    const next = new Float64Array(NODES);
    for (let j = 0; j < NODES; j++) next[j] = (j > 0 ? 2 * cur[j - 1] : 0) - prev[j];
    for (let j = 0; j < NODES; j++) out[offset + j] += cheb[k] * next[j];
    prev = cur;
    cur = next;
  }
}

/** Tables built in this thread, by family and shape parameters (a table is immutable once built). */
const built = new Map<string, ChebyshevQuantileTable>();
/** Tables kept: each is at most 1024 intervals of 13 doubles (~104 KB). */
const MAX_TABLES = 64;

/**
 * The table for `key` (a family and its shape parameters, e.g. `beta:2:5`),
 * built with `build` the first time. Building one takes ~10 ms; a thread
 * builds many plans with the same shapes (what-if variants, the assumption
 * sets of a folder run, the rare-event estimates), each of which used to
 * build its own. The same table either way, so the same values.
 */
export function sharedTable(key: string, build: () => ChebyshevQuantileTable): ChebyshevQuantileTable {
  let t = built.get(key);
  if (t === undefined) {
    if (built.size >= MAX_TABLES) built.delete(built.keys().next().value!);
    built.set(key, (t = build()));
  }
  return t;
}
