import os from 'node:os';
import type { Model } from '../model/defineModel.js';
import { ModelError } from '../model/modelError.js';
import { RunPlan } from '../model/runBlock.js';
import { InputError } from '../scenario/inputError.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { BlockSummary } from '../stats/blockSummary.js';
import { decodeSummary } from '../stats/summaryCodec.js';
import type { Backend } from './backend.js';
import { InProcessBackend } from './inProcessBackend.js';
import type { BlockResponse } from './messages.js';
import { PiscinaBackend } from './piscinaBackend.js';

/**
 * Trajectories per block. A constant (never derived from N or the worker
 * count) so that block k's random streams, and hence the result bytes, are
 * the same however the run is spread. Recorded in every result's manifest.
 */
export const BLOCK_SIZE = 8192;
/** Attempts per block before a failing worker aborts the run. */
export const MAX_BLOCK_ATTEMPTS = 3;

export interface RunOptions {
  /** Worker threads; 0 runs on the calling thread. Default: the machine's available parallelism. */
  workers?: number;
  /** Keep the inputs and outputs of the first K trajectories as rows. */
  keepTrajectories?: number;
  /** Called after each block is merged, with trajectories done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Override the block size (tests only; recorded in the result). */
  blockSize?: number;
}

export interface RunOutcome {
  plan: RunPlan;
  summary: BlockSummary;
  blockSize: number;
  blocks: number;
  workers: number;
  backend: string;
  retries: number;
  wallSeconds: number;
}

/** The default worker count: every core the process may use. */
export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Runs a resolved scenario: cuts N trajectories into fixed blocks, runs them
 * on the chosen backend, and merges the block summaries as a left fold in
 * block order (out-of-order arrivals wait in a small buffer, bounded by the
 * number of blocks in flight), so the merged bytes do not depend on the
 * worker count. Throws ModelError if the model throws.
 *
 * @example const out = await runScenario(scenario, model, { workers: 2 });
 */
export async function runScenario(scenario: ResolvedScenario, model: Model, options: RunOptions = {}): Promise<RunOutcome> {
  const t0 = performance.now();
  const plan = new RunPlan(scenario, model);
  const blockSize = options.blockSize ?? BLOCK_SIZE;
  const blocks = Math.ceil(scenario.trajectories / blockSize);
  const workers = Math.max(0, Math.min(options.workers ?? defaultWorkers(), blocks));
  const keep = options.keepTrajectories ?? 0;
  const backend: Backend = workers === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, workers);
  const merged = new BlockSummary(plan.layout);
  const pending = new Map<number, BlockSummary>();
  let nextToMerge = 0, nextToDispatch = 0, retries = 0;
  let failure: Error | null = null;
  const maxInFlight = Math.max(1, workers) * 2;

  const runOne = async (block: number): Promise<void> => {
    let res: BlockResponse | undefined;
    for (let attempt = 1; res === undefined; attempt++) {
      try {
        res = await backend.run({ type: 'block', block, blockSize, keep: Math.max(0, Math.min(blockSize, keep - block * blockSize)) });
      } catch (e) {
        // A worker died (out of memory, process.exit): retry the block on a fresh worker.
        if (attempt >= MAX_BLOCK_ATTEMPTS) throw new Error(`block ${block} failed ${attempt} times; last error: ${e instanceof Error ? e.message : String(e)}`);
        retries++;
      }
    }
    if (res.type === 'model-error') throw new ModelError(res.details);
    if (res.type === 'input-error') throw new InputError(res.message);
    pending.set(block, decodeSummary(res.data, plan.layout));
    while (pending.has(nextToMerge)) {
      merged.merge(pending.get(nextToMerge)!);
      pending.delete(nextToMerge);
      nextToMerge++;
      options.onProgress?.(merged.trajectories, scenario.trajectories);
    }
  };

  try {
    await new Promise<void>((resolve) => {
      let inFlight = 0;
      const pump = (): void => {
        while (failure === null && inFlight < maxInFlight && nextToDispatch < blocks) {
          const block = nextToDispatch++;
          inFlight++;
          runOne(block)
            .catch((e: Error) => {
              failure ??= e;
            })
            .finally(() => {
              inFlight--;
              if (inFlight === 0 && (failure !== null || nextToDispatch >= blocks)) resolve();
              else pump();
            });
        }
      };
      pump();
      if (blocks === 0) resolve();
    });
  } finally {
    await backend.close();
  }
  if (failure) throw failure;
  return {
    plan,
    summary: merged,
    blockSize,
    blocks,
    workers,
    backend: backend.name,
    retries,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}
