/**
 * Piscina worker entry point: decode a block request, run it with src/, and
 * return the summary as a transferred buffer. The plan (model, distributions,
 * claims) is built once per thread from the scenario in workerData.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { executeBlock } from '../src/engine/executeBlock.js';
import type { BlockResponse, WorkerRequest } from '../src/engine/messages.js';
import { loadModel } from '../src/model/loadModel.js';
import { RunPlan } from '../src/model/runBlock.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';

const scenario = (workerData as { scenario: ResolvedScenario }).scenario;
let plan: Promise<RunPlan> | null = null;

export default async function handle(req: WorkerRequest): Promise<unknown> {
  plan ??= loadModel(scenario.model).then((model) => new RunPlan(scenario, model));
  const res: BlockResponse = executeBlock(await plan, req);
  if (res.type !== 'summary') return res;
  return move({
    get [transferableSymbol]() {
      return [res.data.buffer];
    },
    get [valueSymbol]() {
      return res;
    },
  } as never);
}
