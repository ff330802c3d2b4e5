import { ModelError } from '../model/modelError.js';
import { runBlock, type RunPlan } from './runBlock.js';
import { InputError } from '../errors.js';
import { encodeSummary } from '../stats/summaryCodec.js';
import type { BlockResponse, WorkerRequest } from './messages.js';
import { runSaltelliBlock } from '../analysis/saltelli.js';

/**
 * Runs one block request against a plan and answers with the message union:
 * the same code path for the in-process backend and for worker threads, so
 * both produce identical bytes.
 */
export function executeBlock(plan: RunPlan, req: WorkerRequest): BlockResponse {
  try {
    if (req.type === 'saltelli') return { type: 'summary', block: req.block, data: runSaltelliBlock(plan, req.block, req.rows, req.outputs, req.bootstrap) };
    const summary = runBlock(plan, req.block, req.blockSize, req.keep);
    const data = encodeSummary(summary);
    plan.recycle(summary); // encoded: the plan may reuse it for the next block
    return { type: 'summary', block: req.block, data };
  } catch (e) {
    if (e instanceof ModelError) return { type: 'model-error', block: req.block, details: e.details };
    if (e instanceof InputError) return { type: 'input-error', block: req.block, message: e.message };
    throw e;
  }
}
