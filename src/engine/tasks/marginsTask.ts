import type { ResolvedScenario } from '../../scenario/resolve.js';
import { ClaimMargins } from '../margins.js';
import { TrajectoryEvaluator, type RunPlan } from '../runBlock.js';

/**
 * A request to run the model at given points and return one claim's margin at
 * each (rare-event estimation, scenario discovery): `values` holds n rows of
 * the inputs' values, `streams` each point's event stream (a trajectory index).
 */
export interface MarginRequest {
  type: 'margins';
  block: number;
  claim: number;
  n: number;
  values: Float64Array;
  streams: Float64Array;
  /** As for BlockRequest: a scenario to run instead of the pool's. */
  scenario?: ResolvedScenario;
}

/** The worker side of a MarginRequest. */
export function marginsTask(plan: RunPlan, req: MarginRequest): Float64Array {
  return runMarginBatch(plan, req.claim, req.values, req.streams, req.n, req.block);
}

/** Per-plan cache of the margin evaluator (built once per worker thread). */
const cache = new WeakMap<RunPlan, { margins: ClaimMargins; evaluator: TrajectoryEvaluator }>();

/** The plan's trajectory evaluator and claim margins, built once per plan and worker thread (shared by the margin and Morris tasks). */
export function marginEvaluator(plan: RunPlan): { margins: ClaimMargins; evaluator: TrajectoryEvaluator } {
  let c = cache.get(plan);
  if (!c) {
    c = {
      margins: new ClaimMargins(plan.scenario.claims, plan.seriesNames, plan.scalarNames, plan.scenario.horizon),
      evaluator: new TrajectoryEvaluator(plan),
    };
    cache.set(plan, c);
  }
  return c;
}

/**
 * Runs the model at `n` given points and returns one claim's margin at each:
 * point i has input values `values[i·k .. i·k + k)` (k inputs, in the plan's
 * order) and event stream `streams[i]` (a trajectory index: the model's
 * `t.random()` draws from the stream of that index). A pure function of its
 * arguments, so any split of the points over workers gives the same margins.
 * Throws ModelError as a run does.
 *
 * @example runMarginBatch(plan, 0, Float64Array.of(1, 2), Float64Array.of(7), 1) // Float64Array [margin]
 */
export function runMarginBatch(plan: RunPlan, claim: number, values: Float64Array, streams: Float64Array, n: number, block = -1): Float64Array {
  const { margins, evaluator } = marginEvaluator(plan);
  const k = plan.inputNames.length;
  const out = new Float64Array(n);
  let base = 0;
  const value = (j: number): number => values[base + j];
  for (let i = 0; i < n; i++) {
    base = i * k;
    evaluator.run(streams[i], block, value);
    margins.evaluate(evaluator.series, evaluator.scalars);
    out[i] = margins.margins[claim];
  }
  return out;
}
