import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Backend } from './backend.js';
import { ModelFailure } from '../errors.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/**
 * The compiled worker entry point: the bundle scripts/bundle-worker.mjs makes
 * (dist/workers/bundle/block.mjs: a thread loads it in ~10 ms instead of ~45
 * for the ~250 files of dist/workers/block.js), else block.js; each through
 * the CommonJS entry written beside it (block.cjs: Piscina require()s its
 * worker file, and require() of an ES module could abort the process when a
 * starting thread was terminated; see writeEntry in the script). A file older
 * than block.js predates the last compile (`tsc` alone neither bundles nor
 * writes the entries) and is passed over. When this file runs from TypeScript
 * sources (tests), the built copy is used, which `npm test` builds first.
 */
export function workerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '../../workers') : path.resolve(here, '../../dist/workers');
  const built = path.join(dir, 'block.js');
  if (!existsSync(built)) throw new Error(`worker entry point not found at ${built}: run \`npm run build\` first`);
  const fresh = (file: string): boolean => existsSync(file) && statSync(file).mtimeMs >= statSync(built).mtimeMs;
  const bundledEntry = path.join(dir, 'bundle', 'block.cjs'), entry = path.join(dir, 'block.cjs');
  if (fresh(path.join(dir, 'bundle', 'block.mjs')) && existsSync(bundledEntry)) return bundledEntry;
  return fresh(entry) ? entry : built;
}

/** Runs blocks on a Piscina pool of worker threads: one scenario's, or any scenario's requests (scenario null). */
export class PiscinaBackend implements Backend {
  readonly name = 'piscina';
  private readonly pool: Piscina;
  private destroyed: Promise<void> | null = null;
  /** Blocks whose clock runs (at most one per thread), and the clocks waiting for a free thread, in order. */
  private running = 0;
  private readonly queued: Array<() => void> = [];
  /**
   * `blockTimeoutMs`: a block running longer fails the run with ModelFailure, and every thread is terminated (0: no limit).
   * `tasksPerThread`: blocks sent to a thread at once. With 2 (the default), the next block already
   * waits in the thread's queue when one finishes, so the thread never idles while the main thread
   * receives a summary and sends more work (measured: ~0.6 ms a block, 5% of cost-ratio-12 on one
   * worker). A thread that dies then takes both its blocks with it: both are retried, and
   * dispatchInOrder counts the death once.
   * `scenario` null: a pool for any scenario, every request carrying its own (the CLI starts one
   * before it reads the scenario, and a folder run keeps it for all its scenarios and their
   * rare-event estimates, so threads boot, load the engine and optimise its code once).
   */
  constructor(scenario: ResolvedScenario | null, readonly workers: number, private readonly blockTimeoutMs = 0, tasksPerThread = 2) {
    this.pool = new Piscina({
      filename: pathToFileURL(workerFile()).href,
      workerData: { scenario },
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: tasksPerThread,
      idleTimeout: 60_000,
      // V8 grows a busy isolate's young generation towards this cap over a long run: at 64 MB per
      // worker, peak RSS rose from 230 MB at 1M trajectories to 335 MB at 10M (bench/memory.js),
      // garbage not yet collected rather than data kept. 16 MB: 218 and 226 MB, no slower.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
  }
  /** The failure of a block that ran past blockTimeoutMs: once set, every block in flight fails with it. */
  private timedOut: ModelFailure | null = null;

  async run(req: WorkerRequest): Promise<BlockResponse> {
    if (this.blockTimeoutMs <= 0) return (await this.pool.run(req)) as BlockResponse;
    let timer: NodeJS.Timeout | undefined;
    // The clock starts when a thread is free to take a block (the pool runs tasks in order), so
    // time spent queued behind other blocks does not count against this one. With two blocks
    // queued per thread the clock freed by one thread can start for a block queued on another,
    // behind that thread's running block: a block's clock then also covers the rest of that
    // one, which matters only for blocks that normally take more than half the limit.
    // A block past its time fails the run, so the whole pool is stopped (not just its thread:
    // Piscina never queues a task behind one that can be aborted, which would end the pipelining).
    const startClock = (): void => {
      this.running++;
      timer = setTimeout(() => {
        this.timedOut ??= new ModelFailure(`block ${req.block} did not finish within ${this.blockTimeoutMs / 1000} s (--block-timeout): the model may be stuck in a loop; the worker threads were stopped`, req.block);
        this.destroyed ??= this.pool.destroy();
      }, this.blockTimeoutMs);
    };
    if (this.running < this.workers) startClock();
    else this.queued.push(startClock);
    try {
      return (await this.pool.run(req)) as BlockResponse;
    } catch (e) {
      throw this.timedOut ?? e;
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
