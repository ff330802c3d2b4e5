import type { Model } from '../model/defineModel.js';
import { RunPlan } from '../model/runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Backend } from './backend.js';
import { executeBlock } from './executeBlock.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/** Runs blocks on the calling thread: used by tests, by tiny runs and with `--workers 0`. */
export class InProcessBackend implements Backend {
  readonly name = 'in-process';
  readonly workers = 0;
  private readonly plan: RunPlan;
  constructor(scenario: ResolvedScenario, model: Model) {
    this.plan = new RunPlan(scenario, model);
  }
  async run(req: WorkerRequest): Promise<BlockResponse> {
    return executeBlock(this.plan, req);
  }
  async close(): Promise<void> {}
}
