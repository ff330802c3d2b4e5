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

  /** Outcome of claim c for trajectory i of the last chunk, at c · chunkCapacity + i (evaluateChunk). */
  chunkStates = new Uint8Array(0);
  chunkCapacity = 0;
  private chunkPassage = new Int32Array(0);
  private replicates = new Int32Array(0);

  /**
   * `evaluate` for the n trajectories of a chunk, read column-wise: trajectory
   * i's series value at month m is series[k][m · stride + i], its scalar
   * scalars[c][i]. Each claim is evaluated for the whole chunk before the
   * next (a first passage scans each trajectory's months up to its passage),
   * then recorded: the same counts as n calls of `evaluate`.
   */
  evaluateChunk(series: readonly Float64Array[], stride: number, scalars: readonly Float64Array[], n: number, counters: ClaimCounter[], sampler: { readonly replicates: number; replicateOf(t: number): number }, first: number): void {
    if (this.chunkCapacity < n) {
      this.chunkCapacity = n;
      this.chunkStates = new Uint8Array(this.count * n);
      this.chunkPassage = new Int32Array(this.count * n);
      this.replicates = new Int32Array(n);
    }
    const cap = this.chunkCapacity, states = this.chunkStates, passage = this.chunkPassage, rep = this.replicates;
    if (sampler.replicates > 0) for (let i = 0; i < n; i++) rep[i] = sampler.replicateOf(first + i);
    for (let k = 0; k < this.order.length; k++) {
      const c = this.compiled[this.order[k]], base = this.order[k] * cap;
      switch (c.kind) {
        case KIND_SCALAR: {
          const v = scalars[c.output];
          for (let i = 0; i < n; i++) states[base + i] = test(c, v[i]);
          break;
        }
        case KIND_AT: {
          const v = series[c.output], row = c.month * stride;
          for (let i = 0; i < n; i++) states[base + i] = test(c, v[row + i]);
          break;
        }
        case KIND_BY:
          this.firstPassages(c, series[c.output], stride, n, base);
          break;
        default:
          for (let i = 0; i < n; i++) states[base + i] = combine(c, states, cap, i);
      }
      if (c.given >= 0) {
        const g = c.given * cap;
        for (let i = 0; i < n; i++) if (states[g + i] !== ClaimState.True) states[base + i] = ClaimState.Excluded;
      }
    }
    const tally = this.tally;
    for (let j = 0; j < this.count; j++) {
      const counter = counters[j], base = j * cap;
      if (sampler.replicates > 0) for (let i = 0; i < n; i++) counter.record(states[base + i] as ClaimState, rep[i]);
      else {
        // The states counted in a tally (a store per trajectory, no branch on the outcome), recorded once.
        tally.fill(0);
        for (let i = base; i < base + n; i++) tally[states[i]]++;
        counter.recordMany(tally[ClaimState.True], tally[ClaimState.False], tally[ClaimState.Undefined], tally[ClaimState.Excluded]);
      }
      if (this.compiled[j].kind === KIND_BY) {
        const byMonth = counter.passage!;
        let never = 0;
        for (let i = base; i < base + n; i++) {
          if (states[i] <= ClaimState.True) {
            const m = passage[i];
            if (m >= 0) byMonth[m]++;
            else never++;
          }
        }
        counter.never += never;
      }
    }
  }

  /** Trajectories per claim state in a chunk (evaluateChunk). */
  private readonly tally = new Float64Array(4);

  /**
   * A first-passage claim over a chunk, trajectory by trajectory: each
   * trajectory's months are read until the first that meets the threshold or
   * is not finite, by a function per kind of test (passBelow, also for
   * `above`; passBetween; passTest for thresholds that are not finite). Read
   * month by month instead, over a list of the trajectories still undecided,
   * the same test cost ~1.4 ns a value read against ~1 (measured), and the
   * claims of cost-ratio-12 ~9% of its run.
   */
  private firstPassages(c: Compiled, v: Float64Array, stride: number, n: number, base: number): void {
    const states = this.chunkStates, passage = this.chunkPassage, months = this.horizon + 1;
    // Scenario files give finite thresholds (validation refuses others); one given through the API that is not takes the generic test.
    const op = Number.isFinite(c.lo) && Number.isFinite(c.hi) ? c.op : -1;
    if (op === -1) passTest(c, v, stride, months, n, states, passage, base);
    else if (op === OP_BELOW) passBelow(v, 1, stride, months, n, c.lo, c.month, states, passage, base);
    // Above lo is below −lo for −x (negation is exact, and it swaps the two infinities).
    else if (op === OP_ABOVE) passBelow(v, -1, stride, months, n, -c.lo, c.month, states, passage, base);
    else passBetween(v, stride, months, n, c.lo, c.hi, c.month, states, passage, base);
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
      default:
        return combine(c, this.states, 1, 0);
    }
  }
}

/**
 * An all/any claim from its parts' states (Kleene's three-valued logic: false
 * wins for all, true for any; otherwise Undefined), part r's state at
 * states[r · stride + i]: one trajectory's states (stride 1, i 0) or a chunk's.
 */
function combine(c: Compiled, states: Uint8Array, stride: number, i: number): number {
  let undef = false;
  const all = c.kind === KIND_ALL;
  for (let k = 0; k < c.refs.length; k++) {
    const r = states[c.refs[k] * stride + i];
    if (r === (all ? ClaimState.False : ClaimState.True)) return r;
    if (r !== (all ? ClaimState.True : ClaimState.False)) undef = true;
  }
  return undef ? ClaimState.Undefined : all ? ClaimState.True : ClaimState.False;
}

function test(c: Compiled, x: number): number {
  if (x - x !== 0) return ClaimState.Undefined;
  if (c.op === OP_BELOW) return x < c.lo ? ClaimState.True : ClaimState.False;
  if (c.op === OP_ABOVE) return x > c.lo ? ClaimState.True : ClaimState.False;
  return x >= c.lo && x <= c.hi ? ClaimState.True : ClaimState.False;
}

// A first passage over a chunk (CompiledClaims.firstPassages): for each trajectory i < n, its values
// v[m · stride + i] for months m = 0, 1, … are read up to the first that meets the threshold (its
// passage is month m; its state True when m ≤ by, else False) or is not finite (Undefined); none:
// False, passage −1. The test is written out per kind, and for below (x·sign < lo) its common
// outcome, not met, is decided by one compare: the threshold is finite, so a value on the far side
// of it is finite unless it is the infinity on that side (NaN fails every compare).

function passBelow(v: Float64Array, sign: number, stride: number, months: number, n: number, lo: number, by: number, states: Uint8Array, passage: Int32Array, base: number): void {
  for (let i = 0; i < n; i++) {
    let m = 0, x = 0;
    for (let p = i; m < months; m++, p += stride) {
      x = sign * v[p];
      if (!(x >= lo && x !== Infinity)) break;
    }
    settle(m, months, x < lo && x !== -Infinity, by, states, passage, base + i);
  }
}

/** The generic test, for thresholds that are not finite. */
function passTest(c: Compiled, v: Float64Array, stride: number, months: number, n: number, states: Uint8Array, passage: Int32Array, base: number): void {
  for (let i = 0; i < n; i++) {
    let m = 0, t: number = ClaimState.False;
    for (let p = i; m < months; m++, p += stride) {
      t = test(c, v[p]);
      if (t !== ClaimState.False) break;
    }
    settle(m, months, t === ClaimState.True, c.month, states, passage, base + i);
  }
}

function passBetween(v: Float64Array, stride: number, months: number, n: number, lo: number, hi: number, by: number, states: Uint8Array, passage: Int32Array, base: number): void {
  for (let i = 0; i < n; i++) {
    let m = 0, x = 0;
    for (let p = i; m < months; m++, p += stride) {
      x = v[p];
      if (x - x !== 0 || (x >= lo && x <= hi)) break;
    }
    settle(m, months, x - x === 0, by, states, passage, base + i);
  }
}

/** Sets a trajectory's first-passage state and month: its scan stopped at month m (= months: never), on a value that meets the threshold (`met`) or one that is not finite. */
function settle(m: number, months: number, met: boolean, by: number, states: Uint8Array, passage: Int32Array, at: number): void {
  if (m === months) {
    states[at] = ClaimState.False;
    passage[at] = -1;
  } else if (met) {
    states[at] = m <= by ? ClaimState.True : ClaimState.False;
    passage[at] = m;
  } else states[at] = ClaimState.Undefined;
}
