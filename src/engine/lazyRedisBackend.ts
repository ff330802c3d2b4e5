import type { ResolvedScenario } from '../scenario/resolve.js';
import { workersForInFlight, type Backend } from './backend.js';
import type { BlockResponse, WorkerRequest } from './messages.js';
import type { RedisBackend } from './redisBackend.js';

/**
 * A RedisBackend whose module (and bullmq, ~80 ms to load) is loaded when it is
 * constructed, not when the module that may construct one is (analysis/whatIf.ts,
 * reached from the CLI's entry through the sensitivity methods). Runs and close
 * wait for it; an interrupt seen before it is loaded is passed on once it is.
 */
export class LazyRedisBackend implements Backend {
  readonly name = 'redis';
  readonly workers: number;
  private readonly backend: Promise<RedisBackend>;
  private loaded: RedisBackend | undefined;
  private interrupts = 0;

  constructor(scenario: ResolvedScenario, url: string, inFlight = 64, timeoutMs = 60_000) {
    this.workers = workersForInFlight(inFlight);
    this.backend = import('./redisBackend.js').then((m) => {
      const b = new m.RedisBackend(scenario, url, inFlight, timeoutMs);
      this.loaded = b;
      if (this.interrupts > 0) b.interrupt(this.interrupts);
      return b;
    });
    // A failure (a malformed URL) is raised by run() and close(); never an unhandled rejection.
    this.backend.catch(() => {});
  }

  async run(req: WorkerRequest): Promise<BlockResponse> {
    return (await this.backend).run(req);
  }

  async close(): Promise<void> {
    await (await this.backend).close();
  }

  interrupt(count: number): void {
    this.interrupts = count;
    this.loaded?.interrupt(count);
  }
}
