import os from 'node:os';
import type { Model } from '../model/defineModel.js';
import { ModelError } from '../model/modelError.js';
import { RunPlan } from './runBlock.js';
import { InputError, ModelFailure } from '../errors.js';
import { rehashed, type ResolvedScenario } from '../scenario/resolve.js';
import { BlockSummary } from '../stats/blockSummary.js';
import { mergeEncodedSummary } from '../stats/summaryCodec.js';
import { estimateClaim } from '../stats/claimEstimate.js';
import type { Backend } from './backend.js';
import { InProcessBackend } from './inProcessBackend.js';
import { PiscinaBackend } from './piscinaBackend.js';
import { dispatchInOrder } from './dispatch.js';

import { BLOCK_SIZE } from './blockSize.js';
export { BLOCK_SIZE, MAX_BLOCK_ATTEMPTS } from './blockSize.js';

export interface RunOptions {
  /** Worker threads; 0 runs on the calling thread. Default: the machine's available parallelism. */
  workers?: number;
  /** Keep the inputs and outputs of the first K trajectories as rows. */
  keepTrajectories?: number;
  /** Called after each block is merged, with trajectories done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Override the block size (tests only; recorded in the result). */
  blockSize?: number;
  /** Claim ids the precision target applies to (default: every claim). */
  precisionClaims?: readonly string[];
  /** Run on this backend (kept open) instead of a new one: what-if analyses share one pool. */
  backend?: Backend;
  /** Continue a checkpointed run: its merged summary, next block and history. */
  resume?: RunState;
  /** Called after every merged block with the state a checkpoint needs (the caller decides when to write it). */
  onMerged?: (state: RunState) => void;
  /** Checked before dispatching each block: true stops the run early; the result is then partial. */
  aborted?: () => boolean;
  /** On a model error, stop and return the blocks merged so far (outcome.modelError set) instead of throwing. */
  keepOnModelError?: boolean;
  /** A block running longer than this on worker threads fails the run with ModelFailure (0 or absent: no limit; in-process runs cannot be timed out). */
  blockTimeoutMs?: number;
  /** SIGINT/SIGTERM as they come (with the count so far), passed to the backend so it can give up work in flight. */
  interrupts?: { subscribe(listener: (count: number) => void): () => void };
}

/** Everything needed to continue a run later: the merged summary of blocks 0 … nextBlock − 1. */
export interface RunState {
  nextBlock: number;
  summary: BlockSummary;
  history: Convergence['history'];
  retries: number;
}

/** What the run records about convergence (result.json's `convergence`). */
export interface Convergence {
  target: number | null;
  claims: string[];
  met: boolean | null;
  trajectoriesUsed: number;
  maxTrajectories: number;
  history: Array<{ trajectories: number; claims: Array<{ id: string; probability: number | null; halfWidth: number | null }> }>;
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
  convergence: Convergence;
  /** True when the run stopped before its planned blocks (interrupted): the result covers fewer trajectories. */
  partial: boolean;
  /** The model error that stopped the run (only with keepOnModelError). */
  modelError?: ModelError;
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
  const blockSize = options.blockSize ?? BLOCK_SIZE;
  const blocks = Math.ceil(scenario.trajectories / blockSize);
  // A model object from the API cannot be sent to worker threads: it runs here.
  const workers = scenario.model.kind === 'object' && !options.backend ? 0 : Math.max(0, Math.min(options.workers ?? defaultWorkers(), blocks));
  const keep = options.keepTrajectories ?? 0;
  const shared = options.backend;
  // A shared backend's workers cache plans by sha256, so what travels carries one computed from its content.
  const sent = shared ? rehashed(scenario) : scenario;
  // The worker threads start (a thread, its modules, its plan) while this thread builds its own plan.
  const backend: Backend = shared ?? (workers === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, workers, options.blockTimeoutMs ?? 0));
  let plan: RunPlan;
  try {
    plan = new RunPlan(scenario, model);
  } catch (e) {
    if (!shared) await backend.close();
    throw e;
  }
  const merged = options.resume?.summary ?? new BlockSummary(plan.layout);
  let nextToMerge = options.resume?.nextBlock ?? 0;
  const target = scenario.precision;
  const watched = (options.precisionClaims ?? scenario.claims.map((c) => c.id)).map((id) => {
    const i = scenario.claims.findIndex((c) => c.id === id);
    if (i < 0) throw new InputError(`--precision-claims: no claim named ${JSON.stringify(id)} (claims: ${scenario.claims.map((c) => c.id).join(', ')})`);
    return i;
  });
  const history: Convergence['history'] = [...(options.resume?.history ?? [])];
  const snapshot = (): Convergence['history'][number] => ({
      trajectories: merged.trajectories,
      claims: scenario.claims.map((c, i) => {
        const e = estimateClaim(merged.claims[i]);
        return { id: c.id, probability: Number.isFinite(e.probability) ? e.probability : null, halfWidth: Number.isFinite(e.halfWidth) ? e.halfWidth : null };
      }),
  });
  // The stopping rule reads only the merged summary after each block, in block order,
  // so where it stops does not depend on the worker count.
  const precise = (): boolean => watched.length > 0 && watched.every((i) => estimateClaim(merged.claims[i]).halfWidth <= target!);
  let retries = options.resume?.retries ?? 0;
  let preciseEnough = target !== null && nextToMerge >= 2 && precise();
  let modelError: ModelError | undefined;
  const unsubscribe = options.interrupts?.subscribe((n) => backend.interrupt?.(n));
  try {
    retries += preciseEnough ? 0 : await dispatchInOrder(
      backend,
      blocks,
      (block) => ({ type: 'block', block, blockSize, keep: Math.max(0, Math.min(blockSize, keep - block * blockSize)), ...(shared ? { scenario: sent } : {}) }),
      (block, res) => {
        if (res.type === 'model-error') {
          modelError = new ModelError(res.details);
          if (!options.keepOnModelError) throw modelError;
          return false; // keep the blocks merged so far; the caller writes them as a partial result
        }
        if (res.type === 'input-error') throw new InputError(res.message);
        mergeEncodedSummary(merged, res.data);
        nextToMerge = block + 1;
        if ((nextToMerge & (nextToMerge - 1)) === 0) history.push(snapshot());
        options.onProgress?.(merged.trajectories, scenario.trajectories);
        preciseEnough = target !== null && nextToMerge >= 2 && precise();
        options.onMerged?.({ nextBlock: nextToMerge, summary: merged, history: [...history], retries });
        return !preciseEnough;
      },
      nextToMerge,
      options.aborted,
    );
  } catch (e) {
    if (e instanceof ModelFailure) throw new ModelFailure(`model ${model.name} in scenario ${scenario.name}: ${e.message}`, e.block);
    throw e;
  } finally {
    unsubscribe?.();
    if (!shared) await backend.close();
  }
  // The reported history ends at the final count; the recorded one (which a checkpoint keeps) only has the fixed block counts.
  const reported = history.length > 0 && history[history.length - 1].trajectories === merged.trajectories ? history : [...history, snapshot()];
  return {
    plan,
    summary: merged,
    blockSize,
    blocks: nextToMerge,
    workers: shared ? shared.workers : workers,
    backend: backend.name,
    retries,
    wallSeconds: (performance.now() - t0) / 1000,
    partial: nextToMerge < blocks && !preciseEnough,
    modelError,
    convergence: {
      target,
      claims: watched.map((i) => scenario.claims[i].id),
      met: target === null ? null : precise(),
      trajectoriesUsed: merged.trajectories,
      maxTrajectories: scenario.trajectories,
      history: reported,
    },
  };
}
