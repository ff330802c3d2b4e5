import type { ClaimSpec } from '../scenario/schema.js';
import { claimOrder } from '../scenario/claimOrder.js';
import { ClaimState, ClaimCounter } from '../stats/claimCounter.js';

import { compileClaimForms, KIND_ALL, KIND_ANY, KIND_AT, KIND_BY, KIND_SCALAR, OP_ABOVE, OP_BELOW, type CompiledForm as Compiled } from './claimForms.js';

/**
 * The scenario's claims compiled for the hot loop: plain records evaluated by
 * a switch (no closures), in dependency order, with one state per claim for
 * the current trajectory so `all`, `any` and `given` read earlier results.
 *
 * Semantics: `below`/`above` strict, `between` closed, `at`/`by` inclusive.
 * A non-finite value read makes the claim Undefined for that trajectory (for
 * `by`, one met before the first passage). `all`/`any` follow Kleene's
 * three-valued logic (false wins for all, true wins for any; otherwise
 * Undefined). A claim whose `given` is not True is Excluded.
 */
export class CompiledClaims {
  readonly count: number;
  private readonly compiled: Compiled[];
  private readonly order: Int32Array;
  readonly states: Uint8Array;
  /** First passage month of each `by` claim for the current trajectory (−1: none). */
  private readonly passageMonth: Int32Array;

  constructor(claims: readonly ClaimSpec[], seriesNames: readonly string[], scalarNames: readonly string[], private readonly horizon: number) {
    this.count = claims.length;
    this.compiled = compileClaimForms(claims, seriesNames, scalarNames);
    this.order = Int32Array.from(claimOrder(claims).order);
    this.states = new Uint8Array(claims.length);
    this.passageMonth = new Int32Array(claims.length);
  }

  /** True for first-passage claims (`series` with `by`). */
  isFirstPassage(i: number): boolean {
    return this.compiled[i].kind === KIND_BY;
  }

  /** Fresh counters, one per claim. */
  newCounters(): ClaimCounter[] {
    return this.compiled.map((c) => new ClaimCounter(this.horizon, c.kind === KIND_BY, 0));
  }

  /** Evaluates every claim for one trajectory and records the outcomes in `counters`. */
  evaluate(series: readonly Float64Array[], scalars: Float64Array, counters: ClaimCounter[], replicate = 0): void {
    const states = this.states;
    for (let k = 0; k < this.order.length; k++) {
      const i = this.order[k];
      const c = this.compiled[i];
      let s: number;
      if (c.given >= 0 && states[c.given] !== ClaimState.True) s = ClaimState.Excluded;
      else s = this.evaluateOne(i, c, series, scalars);
      states[i] = s;
      const counter = counters[i];
      counter.record(s as ClaimState, replicate);
      if (c.kind === KIND_BY && (s === ClaimState.True || s === ClaimState.False)) {
        const m = this.passageMonth[i];
        if (m >= 0) counter.passage![m]++;
        else counter.never++;
      }
    }
  }

  private evaluateOne(i: number, c: Compiled, series: readonly Float64Array[], scalars: Float64Array): number {
    switch (c.kind) {
      case KIND_SCALAR:
        return test(c, scalars[c.output]);
      case KIND_AT:
        return test(c, series[c.output][c.month]);
      case KIND_BY: {
        const v = series[c.output];
        this.passageMonth[i] = -1;
        for (let m = 0; m <= this.horizon; m++) {
          const t = test(c, v[m]);
          if (t === ClaimState.Undefined) return t;
          if (t === ClaimState.True) {
            this.passageMonth[i] = m;
            return m <= c.month ? ClaimState.True : ClaimState.False;
          }
        }
        return ClaimState.False;
      }
      case KIND_ALL: {
        let undef = false;
        for (let k = 0; k < c.refs.length; k++) {
          const r = this.states[c.refs[k]];
          if (r === ClaimState.False) return ClaimState.False;
          if (r !== ClaimState.True) undef = true;
        }
        return undef ? ClaimState.Undefined : ClaimState.True;
      }
      default: {
        let undef = false;
        for (let k = 0; k < c.refs.length; k++) {
          const r = this.states[c.refs[k]];
          if (r === ClaimState.True) return ClaimState.True;
          if (r !== ClaimState.False) undef = true;
        }
        return undef ? ClaimState.Undefined : ClaimState.False;
      }
    }
  }
}

function test(c: Compiled, x: number): number {
  if (x - x !== 0) return ClaimState.Undefined;
  if (c.op === OP_BELOW) return x < c.lo ? ClaimState.True : ClaimState.False;
  if (c.op === OP_ABOVE) return x > c.lo ? ClaimState.True : ClaimState.False;
  return x >= c.lo && x <= c.hi ? ClaimState.True : ClaimState.False;
}
