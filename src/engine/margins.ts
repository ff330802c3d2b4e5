import type { ClaimSpec } from '../scenario/schema.js';
import { claimOrder } from '../scenario/claimOrder.js';

import { compileClaimForms, KIND_ALL, KIND_ANY, KIND_AT, KIND_BY, KIND_SCALAR, OP_ABOVE, OP_BELOW, OP_BETWEEN, type CompiledForm } from './claimForms.js';

interface CompiledMargin extends CompiledForm {
  /** Divisor that makes this claim's margin dimensionless when it is a part of `all`/`any`. */
  scale: number;
}

/**
 * The threshold scale of a claim, used to normalise its margin when it is a
 * part of an `all`/`any`: |threshold| for `below`/`above`, max(|a|, |b|) for
 * `between [a, b]`, and 1 when that is 0 or the claim is itself `all`/`any`
 * (whose margins are already dimensionless).
 *
 * @example claimScale({ below: 250 }) // 250
 */
export function claimScale(c: Pick<ClaimSpec, 'below' | 'above' | 'between'>): number {
  const s = c.between ? Math.max(Math.abs(c.between[0]), Math.abs(c.between[1])) : Math.abs(c.below ?? c.above ?? 0);
  return s > 0 && Number.isFinite(s) ? s : 1;
}

/**
 * A continuous margin per claim for one trajectory: how far the trajectory is
 * from making the claim true, with the claim true exactly where the margin is
 * ≤ 0 (tested against CompiledClaims on random trajectories).
 *
 * Definitions (x the value read, in the claim's own units):
 * - `below v`: x − v; `above v`: v − x. Both operators are strict, so a margin
 *   of exactly 0 (x = v, claim false) becomes the smallest positive number.
 * - `between [a, b]` (closed): max(a − x, x − b).
 * - `at m`: the margin of the value at month m.
 * - `by m` (first passage): the least margin over months 0..min(m, first passage);
 *   as in the claim,
 *   a non-finite value before the first passage (at any month up to the
 *   horizon) makes it undefined.
 * - `all`: the max of its parts' normalised margins; `any`: the min. A part's
 *   margin is divided by its threshold scale (claimScale), so parts in $/kg
 *   and in months compare as fractions of their thresholds. Undefined parts
 *   follow Kleene's logic as the claim does: a false part decides `all` and a
 *   true part decides `any`; otherwise an undefined part makes it undefined.
 * - `given g`: the claim's margin on trajectories where g is true; NaN elsewhere.
 * A non-finite value makes the margin NaN (the claim is undefined there).
 * The rare-event estimators count a NaN margin as "claim not true" (see README).
 */
export class ClaimMargins {
  readonly count: number;
  private readonly compiled: CompiledMargin[];
  private readonly order: Int32Array;
  /** The margins of the current trajectory, one per claim. */
  readonly margins: Float64Array;

  constructor(claims: readonly ClaimSpec[], seriesNames: readonly string[], scalarNames: readonly string[], private readonly horizon: number) {
    this.count = claims.length;
    this.compiled = compileClaimForms(claims, seriesNames, scalarNames).map((f, i) => ({ ...f, scale: f.kind === KIND_ALL || f.kind === KIND_ANY ? 1 : claimScale(claims[i]) }));
    this.order = Int32Array.from(claimOrder(claims).order);
    this.margins = new Float64Array(claims.length);
  }

  /** Computes every claim's margin for one trajectory into `margins`. */
  evaluate(series: readonly Float64Array[], scalars: Float64Array): void {
    const margins = this.margins;
    for (let k = 0; k < this.order.length; k++) {
      const i = this.order[k];
      const c = this.compiled[i];
      margins[i] = c.given >= 0 && !(margins[c.given] <= 0) ? NaN : this.one(c, series, scalars);
    }
  }

  /** The margin of one claim for the current trajectory (after `evaluate`). */
  margin(i: number): number {
    return this.margins[i];
  }

  private one(c: CompiledMargin, series: readonly Float64Array[], scalars: Float64Array): number {
    switch (c.kind) {
      case KIND_SCALAR:
        return leaf(c, scalars[c.output]);
      case KIND_AT:
        return leaf(c, series[c.output][c.month]);
      case KIND_BY: {
        const v = series[c.output];
        let best = Infinity;
        for (let m = 0; m <= this.horizon; m++) {
          const g = leaf(c, v[m]);
          if (g !== g) return NaN; // undefined before the first passage
          if (m <= c.month && g < best) best = g;
          if (g <= 0) break; // first passage: later months are not read (as in the claim)
          if (m >= c.month && best > 0) {
            // Not true by month m; the claim still scans on for undefined values.
            for (let r = m + 1; r <= this.horizon; r++) {
              const h = leaf(c, v[r]);
              if (h !== h) return NaN;
              if (h <= 0) break;
            }
            return best;
          }
        }
        return best;
      }
      case KIND_ALL: {
        let worst = -Infinity, undef = false, falsePart = false;
        for (let k = 0; k < c.refs.length; k++) {
          const r = c.refs[k];
          const g = this.part(r);
          if (g !== g) undef = true;
          else {
            if (g > 0) falsePart = true;
            if (g > worst) worst = g;
          }
        }
        return falsePart ? worst : undef ? NaN : worst;
      }
      default: {
        let best = Infinity, undef = false, truePart = false;
        for (let k = 0; k < c.refs.length; k++) {
          const g = this.part(c.refs[k]);
          if (g !== g) undef = true;
          else {
            if (g <= 0) truePart = true;
            if (g < best) best = g;
          }
        }
        return truePart ? best : undef ? NaN : best;
      }
    }
  }

  /** Part r's margin divided by its scale, keeping its sign (no underflow of a positive margin to 0). */
  private part(r: number): number {
    const m = this.margins[r];
    const g = m / this.compiled[r].scale;
    return m > 0 && g <= 0 ? Number.MIN_VALUE : g;
  }
}

function leaf(c: CompiledMargin, x: number): number {
  if (x - x !== 0) return NaN;
  if (c.op === OP_BETWEEN) return Math.max(c.lo - x, x - c.hi);
  const g = c.op === OP_BELOW ? x - c.lo : c.lo - x;
  // Strict operators: x = v is false, so its margin must be > 0.
  return g === 0 ? Number.MIN_VALUE : g;
}
