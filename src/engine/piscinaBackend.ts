import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Backend } from './backend.js';
import { ModelFailure } from '../errors.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/**
 * The compiled worker entry point. From the built package it sits at
 * dist/workers/block.js; when this file runs from TypeScript sources (tests),
 * the built copy is used, which `npm test` builds first.
 */
export function workerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = here.includes(`${path.sep}dist${path.sep}`)
    ? path.resolve(here, '../../workers/block.js')
    : path.resolve(here, '../../dist/workers/block.js');
  if (!existsSync(built)) throw new Error(`worker entry point not found at ${built}: run \`npm run build\` first`);
  return built;
}

/** Runs blocks on a Piscina pool of worker threads (one scenario per pool). */
export class PiscinaBackend implements Backend {
  readonly name = 'piscina';
  private readonly pool: Piscina;
  private destroyed: Promise<void> | null = null;
  /** Blocks whose clock runs (at most one per thread), and the clocks waiting for a free thread, in order. */
  private running = 0;
  private readonly queued: Array<() => void> = [];
  /** `blockTimeoutMs`: a block running longer is aborted (its thread terminated) and the run fails with ModelFailure (0: no limit). */
  constructor(scenario: ResolvedScenario, readonly workers: number, private readonly blockTimeoutMs = 0) {
    this.pool = new Piscina({
      filename: pathToFileURL(workerFile()).href,
      workerData: { scenario },
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      // V8 grows a busy isolate's young generation towards this cap over a long run: at 64 MB per
      // worker, peak RSS rose from 230 MB at 1M trajectories to 335 MB at 10M (bench/memory.js),
      // garbage not yet collected rather than data kept. 16 MB: 218 and 226 MB, no slower.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
  }
  async run(req: WorkerRequest): Promise<BlockResponse> {
    if (this.blockTimeoutMs <= 0) return (await this.pool.run(req)) as BlockResponse;
    const abort = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    // The clock starts when a thread is free to take the block (the pool runs tasks in order),
    // so time spent queued behind another block never counts against this one.
    const startClock = (): void => {
      this.running++;
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.blockTimeoutMs);
    };
    if (this.running < this.workers) startClock();
    else this.queued.push(startClock);
    try {
      return (await this.pool.run(req, { signal: abort.signal })) as BlockResponse;
    } catch (e) {
      if (timedOut) {
        throw new ModelFailure(`block ${req.block} did not finish within ${this.blockTimeoutMs / 1000} s (--block-timeout): the model may be stuck in a loop; its worker thread was stopped`, req.block);
      }
      throw e;
    } finally {
      if (timer !== undefined) {
        clearTimeout(timer);
        this.running--;
        this.queued.shift()?.();
      } else {
        const i = this.queued.indexOf(startClock);
        if (i >= 0) this.queued.splice(i, 1);
      }
    }
  }
  /** The second SIGINT/SIGTERM terminates the worker threads at once, whatever the model is doing. */
  interrupt(count: number): void {
    if (count >= 2) this.destroyed ??= this.pool.destroy();
  }
  async close(): Promise<void> {
    await (this.destroyed ??= this.pool.destroy());
  }
}
