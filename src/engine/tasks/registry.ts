import type { RunPlan } from '../runBlock.js';
import { blockTask, type BlockRequest } from './blockTask.js';
import { marginsTask, type MarginRequest } from './marginsTask.js';
import { morrisTask, type MorrisRequest } from './morrisTask.js';
import { saltelliTask, type SaltelliRequest } from './saltelliTask.js';

/**
 * The tasks a worker runs, by request type. A task takes the worker's plan and
 * a request and returns a Float64Array of sums or an encoded summary, which the
 * caller merges in block order. Tasks live here, below the engine's backends, so
 * that the engine never imports the analysis layer that asks for them.
 *
 * To add a task: copy saltelliTask.ts (a request type and its handler), add the
 * request to WorkerRequest and one line to TASKS.
 */
export type WorkerRequest = BlockRequest | SaltelliRequest | MarginRequest | MorrisRequest;

type Handlers = { [K in WorkerRequest['type']]: (plan: RunPlan, req: Extract<WorkerRequest, { type: K }>) => Float64Array };

export const TASKS: Handlers = {
  block: blockTask,
  saltelli: saltelliTask,
  margins: marginsTask,
  morris: morrisTask,
};

/** Runs a request with its task's handler. */
export function runTask(plan: RunPlan, req: WorkerRequest): Float64Array {
  return (TASKS[req.type] as (plan: RunPlan, req: WorkerRequest) => Float64Array)(plan, req);
}
