/**
 * Piscina worker entry point: decode a block request, run it with src/, and
 * return the encoded summary. A plan (model, distributions, claims) is built
 * once per thread for each scenario it runs: the pool's (workerData), or the
 * one a request carries (a pool started before its scenario was read, what-if
 * variants), and kept for the next blocks of that scenario.
 *
 * The summary is copied to the main thread (structured clone), not
 * transferred: a transferred buffer is freed by the main thread, so every
 * block's encoding in the worker landed in fresh, page-faulting memory; the
 * copy costs less than that (measured, issue 14: the flagship at 1,000,000 on
 * 2 workers took 24 s of CPU instead of 26–27, cost-ratio-12 on 1 worker ~5%
 * less time).
 */
// Piscina hands its workerData option to the thread as worker_threads' own (importing 'piscina' here would load its whole main module in every thread).
import { workerData } from 'node:worker_threads';
import { executeBlock } from '../src/engine/executeBlock.js';
import type { BlockResponse, WorkerRequest } from '../src/engine/messages.js';
import { loadModel } from '../src/scenario/loadModel.js';
import { RunPlan } from '../src/engine/runBlock.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';
import { InputError } from '../src/errors.js';

/** The pool's scenario; null for a pool that runs any scenario (every request then carries its own). */
const scenario = (workerData as { scenario: ResolvedScenario | null }).scenario;
/** Plans kept, most recently used last: a plan holds its block buffers (up to ~14 MB for 7 series). */
const MAX_PLANS = 16;
// Plans by scenario hash: the pool's scenario, the scenarios of a folder run, the variants of a what-if analysis.
const plans = new Map<string, Promise<RunPlan>>();

function planFor(s: ResolvedScenario): Promise<RunPlan> {
  let p = plans.get(s.sha256);
  if (p) plans.delete(s.sha256);
  else {
    p = loadModel(s.model).then((model) => new RunPlan(s, model));
    if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
  }
  plans.set(s.sha256, p);
  return p;
}

/**
 * Answers one block request. The pool sends each thread two blocks at once
 * (PiscinaBackend: the next is queued while one runs), and Piscina may hand
 * both to this module in one turn of the event loop; each block therefore
 * runs in a macrotask of its own (setImmediate), so that a finished block's
 * summary is posted before the next block starts. Run in the same turn, a
 * block that never ends (a stuck model) would keep the summary before it
 * from ever reaching the main thread, which a first Ctrl-C must keep.
 */
export default async function handle(req: WorkerRequest): Promise<BlockResponse> {
  const s = req.scenario ?? scenario;
  if (s === null) throw new Error(`block ${req.block}: this pool runs any scenario, and the request carried none`);
  let plan: RunPlan;
  try {
    plan = await planFor(s);
  } catch (e) {
    // A model file changed or broken under the run: bad input, answered like any other, not a dead worker.
    plans.delete(s.sha256);
    if (e instanceof InputError) return { type: 'input-error', block: req.block, message: e.message } satisfies BlockResponse;
    throw e;
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
  return executeBlock(plan, req) satisfies BlockResponse;
}
