import type { Backend } from '../engine/backend.js';
import { PiscinaBackend } from '../engine/piscinaBackend.js';
import { defaultWorkers } from '../engine/run.js';
import { modelKey } from '../scenario/loadModel.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { RunFlags } from './flags.js';

/**
 * The worker threads of one `forecast run`, started before anything is read:
 * they boot and load the engine while the main thread parses and validates
 * the scenario. A folder run keeps them for the next scenario and for the
 * rare-event estimates as long as the model is the same (the flagship and its
 * six assumption sets in `npm start`), and starts fresh threads when the
 * model changes: threads that had run other models first ran the flagship
 * ~25% slower (V8 had optimised the shared engine code for several models at
 * once; measured: 15.4 s instead of 11.9 s for its 1,000,000 trajectories).
 * Requests carry their scenario; each thread keeps the plans it built. None
 * with --redis (remote workers run the blocks) or -w 0 (the main thread does).
 */
export class CommandThreads {
  private pool: Backend;
  /** The model the pool runs (modelKey); null until the first run. */
  private model: string | null = null;

  private constructor(private readonly workers: number, private readonly blockTimeoutMs: number) {
    this.pool = this.start();
  }

  /** Starts the command's threads now, or returns undefined when it runs none (--redis, -w 0). */
  static start(flags: Pick<RunFlags, 'redis' | 'workers' | 'blockTimeout'>): CommandThreads | undefined {
    if (flags.redis !== undefined) return undefined;
    const workers = flags.workers ?? defaultWorkers();
    return workers > 0 ? new CommandThreads(workers, flags.blockTimeout * 1000) : undefined;
  }

  /** The pool to run `scenario` on: the current threads if they ran its model (or nothing yet), else fresh ones. */
  async for(scenario: ResolvedScenario): Promise<Backend> {
    const model = modelKey(scenario.model);
    if (this.model !== null && this.model !== model) {
      await this.pool.close();
      this.pool = this.start();
    }
    this.model = model;
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private start(): Backend {
    return new PiscinaBackend(null, this.workers, this.blockTimeoutMs);
  }
}
