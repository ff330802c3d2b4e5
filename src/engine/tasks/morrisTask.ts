import type { ResolvedScenario } from '../../scenario/resolve.js';
import { SeededStream } from '../../rng/streams.js';
import type { RunPlan } from '../runBlock.js';
import { marginEvaluator } from './marginsTask.js';
import type { OutputRef } from './outputRef.js';

/** A request to run `count` Morris trajectories, `first` to `first + count − 1`, each k + 1 model runs. */
export interface MorrisRequest {
  type: 'morris';
  block: number;
  first: number;
  count: number;
  outputs: OutputRef[];
  /** As for BlockRequest: a scenario to run instead of the pool's. */
  scenario?: ResolvedScenario;
}

/** Levels of the Morris grid: each input at the centres of 4 equal-probability bins, its 1/8, 3/8, 5/8 and 7/8 quantiles. */
export const MORRIS_LEVELS = 4;
/** The jump, in the unit hypercube: two levels, 2/4 (Morris's Δ = p / (2(p − 1)) steps of the grid). */
export const MORRIS_DELTA = 0.5;

/** Each input's value at each level (quantiles at (l + ½)/4), built once per plan and worker thread. */
const levelCache = new WeakMap<RunPlan, Float64Array[]>();
function levelValues(plan: RunPlan): Float64Array[] {
  let v = levelCache.get(plan);
  if (!v) {
    v = plan.distributions.map((d) => Float64Array.from({ length: MORRIS_LEVELS }, (_, l) => d.quantile((l + 0.5) / MORRIS_LEVELS)));
    levelCache.set(plan, v);
  }
  return v;
}

/**
 * One block of a Morris screening design (Morris 1991, "Factorial sampling
 * plans for preliminary computational experiments", Technometrics 33:161).
 * Trajectory t draws, from its own stream keyed by (seed, "morris", t), each
 * varying input's start level (uniform over 4 levels) and a random order of
 * the inputs; it then moves one input at a time by two levels (up from the
 * lower two, down from the upper two), so each of its k + 1 points differs
 * from the last in one input. The unit-hypercube point maps to values through
 * each input's quantile function (correlations are not imposed); every point
 * of a trajectory runs as trajectory index t, so the model's events share
 * their stream (common random numbers) and an elementary effect is not noise
 * from fresh draws. For each output it returns the elementary effects
 *   EE_j = (f(after the move of input j) − f(before)) / (±½),
 * in the output's units per unit of the input's probability scale; a claim's
 * output is its continuous margin (engine/margins.ts), not its 0/1 indicator.
 * Layout: ((t − first)·k + j)·Q + q for input j and output q; NaN for a fixed
 * input and where either run gives a non-finite value. A pure function of the
 * trajectory indices, so any split over workers gives the same effects.
 */
export function runMorrisBlock(plan: RunPlan, first: number, count: number, outputs: readonly OutputRef[], block = -1): Float64Array {
  const k = plan.inputNames.length, Q = outputs.length;
  const out = new Float64Array(count * k * Q).fill(NaN);
  const levels = levelValues(plan);
  const varying: number[] = [];
  plan.distributions.forEach((d, j) => d.family !== 'point' && varying.push(j));
  const { margins, evaluator } = marginEvaluator(plan);
  const needsMargins = outputs.some((o) => o.kind === 'claim');
  const level = new Int32Array(k).fill(0);
  const order = Int32Array.from(varying);
  const value = (j: number): number => levels[j][level[j]];
  let before = new Float64Array(Q), after = new Float64Array(Q);
  const measure = (into: Float64Array): void => {
    if (needsMargins) margins.evaluate(evaluator.series, evaluator.scalars);
    for (let q = 0; q < Q; q++) {
      const o = outputs[q];
      into[q] = o.kind === 'scalar' ? evaluator.scalars[o.index] : o.kind === 'series' ? evaluator.series[o.index][o.month] : margins.margins[o.index];
    }
  };
  for (let r = 0; r < count; r++) {
    const t = first + r;
    const s = new SeededStream(`${plan.scenario.seed}/morris/trajectory/${t}`);
    for (const j of varying) level[j] = Math.floor(s.next() * MORRIS_LEVELS);
    order.set(varying);
    // Fisher–Yates: a uniformly random order of the varying inputs.
    for (let i = order.length - 1; i > 0; i--) {
      const m = Math.floor(s.next() * (i + 1));
      const x = order[i];
      order[i] = order[m];
      order[m] = x;
    }
    evaluator.run(t, block, value);
    measure(before);
    for (let i = 0; i < order.length; i++) {
      const j = order[i];
      const up = level[j] < MORRIS_LEVELS / 2;
      level[j] += up ? 2 : -2;
      evaluator.run(t, block, value);
      measure(after);
      const delta = up ? MORRIS_DELTA : -MORRIS_DELTA;
      for (let q = 0; q < Q; q++) {
        const ee = (after[q] - before[q]) / delta;
        if (ee - ee === 0) out[(r * k + j) * Q + q] = ee;
      }
      [before, after] = [after, before];
    }
  }
  return out;
}

/** The worker side of a MorrisRequest: the block's elementary effects (see runMorrisBlock). */
export function morrisTask(plan: RunPlan, req: MorrisRequest): Float64Array {
  return runMorrisBlock(plan, req.first, req.count, req.outputs, req.block);
}
