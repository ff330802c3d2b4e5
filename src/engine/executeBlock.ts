import { ModelError } from '../model/modelError.js';
import { runBlock, type RunPlan } from './runBlock.js';
import { InputError } from '../errors.js';
import { encodeSummary } from '../stats/summaryCodec.js';
import type { BlockResponse, WorkerRequest } from './messages.js';
import { runSaltelliBlock } from '../analysis/saltelli.js';
import { runMarginBatch } from './marginBatch.js';

/**
 * Runs one block request against a plan and answers with the message union:
 * the same code path for the in-process backend and for worker threads, so
 * both produce identical bytes.
 */
export function executeBlock(plan: RunPlan, req: WorkerRequest): BlockResponse {
  try {
    if (req.type === 'margins') return { type: 'summary', block: req.block, data: runMarginBatch(plan, req.claim, req.values, req.streams, req.n, req.block) };
    if (req.type === 'saltelli') return { type: 'summary', block: req.block, data: runSaltelliBlock(plan, req.block, req.rows, req.outputs, req.bootstrap) };
    const summary = runBlock(plan, req.block, req.blockSize, req.keep);
    return { type: 'summary', block: req.block, data: encodeSummary(summary) };
  } catch (e) {
    if (e instanceof ModelError) return { type: 'model-error', block: req.block, details: e.details };
    if (e instanceof InputError) return { type: 'input-error', block: req.block, message: e.message };
    throw e;
  }
}
