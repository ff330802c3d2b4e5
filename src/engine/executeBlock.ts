import { ModelError } from '../model/modelError.js';
import type { RunPlan } from './runBlock.js';
import { InputError } from '../errors.js';
import type { BlockResponse, WorkerRequest } from './messages.js';
import { runTask } from './tasks/registry.js';

/**
 * Runs one request against a plan with its task (tasks/registry.ts) and
 * answers with the message union: the same code path for the in-process
 * backend and for worker threads, so both produce identical bytes.
 */
export function executeBlock(plan: RunPlan, req: WorkerRequest): BlockResponse {
  try {
    return { type: 'summary', block: req.block, data: runTask(plan, req) };
  } catch (e) {
    if (e instanceof ModelError) return { type: 'model-error', block: req.block, details: e.details };
    if (e instanceof InputError) return { type: 'input-error', block: req.block, message: e.message };
    throw e;
  }
}
