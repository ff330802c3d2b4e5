import type { Model } from '../model/defineModel.js';
import { RunPlan } from './runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Backend } from './backend.js';
import { executeBlock } from './executeBlock.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/** Runs blocks on the calling thread: used by tests, by tiny runs and with `--workers 0`. */
export class InProcessBackend implements Backend {
  readonly name = 'in-process';
  readonly workers = 0;
  private readonly plans = new Map<string, RunPlan>();
  constructor(private readonly scenario: ResolvedScenario, private readonly model: Model) {}
  async run(req: WorkerRequest): Promise<BlockResponse> {
    const s = req.scenario ?? this.scenario;
    let plan = this.plans.get(s.sha256);
    if (!plan) this.plans.set(s.sha256, (plan = new RunPlan(s, this.model)));
    // A model that calls process.exit on this thread would end the CLI without a word:
    // while it runs, process.exit throws instead, and the model's error says so (exit 3).
    const exit = process.exit;
    process.exit = ((code?: number | string | null) => {
      throw new Error(`the model called process.exit(${code ?? ''}); a model must not end the process`);
    }) as typeof process.exit;
    try {
      return executeBlock(plan, req);
    } finally {
      process.exit = exit;
    }
  }
  async close(): Promise<void> {}
}
