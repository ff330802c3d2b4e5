/**
 * Piscina worker entry point: decode a block request, run it with src/, and
 * return the encoded summary. The plan (model, distributions, claims) is
 * built once per thread from the scenario in workerData.
 *
 * The summary is copied to the main thread (structured clone), not
 * transferred: a transferred buffer is freed by the main thread, so every
 * block's encoding in the worker landed in fresh, page-faulting memory; the
 * copy costs less than that (measured, issue 14: the flagship at 1,000,000 on
 * 2 workers took 24 s of CPU instead of 26–27, cost-ratio-12 on 1 worker ~5%
 * less time).
 */
import { workerData } from 'piscina';
import { executeBlock } from '../src/engine/executeBlock.js';
import type { BlockResponse, WorkerRequest } from '../src/engine/messages.js';
import { loadModel } from '../src/scenario/loadModel.js';
import { RunPlan } from '../src/engine/runBlock.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';
import { InputError } from '../src/errors.js';

const scenario = (workerData as { scenario: ResolvedScenario }).scenario;
// Plans by scenario hash: the pool's scenario, and any variants requests carry (what-if analyses).
const plans = new Map<string, Promise<RunPlan>>();

function planFor(s: ResolvedScenario): Promise<RunPlan> {
  let p = plans.get(s.sha256);
  if (!p) {
    if (plans.size > 64) plans.clear(); // bounded: a sweep or tornado uses each variant once
    p = loadModel(s.model).then((model) => new RunPlan(s, model));
    plans.set(s.sha256, p);
  }
  return p;
}

/** Plans already built, by scenario hash: a block of a known plan is answered without an await. */
const ready = new Map<string, RunPlan>();

export default function handle(req: WorkerRequest): BlockResponse | Promise<BlockResponse> {
  const s = req.scenario ?? scenario;
  const plan = ready.get(s.sha256);
  return plan ? executeBlock(plan, req) : firstBlock(req, s);
}

async function firstBlock(req: WorkerRequest, s: ResolvedScenario): Promise<BlockResponse> {
  let plan: RunPlan;
  try {
    plan = await planFor(s);
    if (ready.size > 64) ready.clear();
    ready.set(s.sha256, plan);
  } catch (e) {
    // A model file changed or broken under the run: bad input, answered like any other, not a dead worker.
    plans.delete(s.sha256);
    if (e instanceof InputError) return { type: 'input-error', block: req.block, message: e.message } satisfies BlockResponse;
    throw e;
  }
  return executeBlock(plan, req) satisfies BlockResponse;
}
