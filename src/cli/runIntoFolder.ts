import path from 'node:path';
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from '../engine/checkpoint.js';
import { BLOCK_SIZE, runScenario, type RunOutcome, type RunState } from '../engine/run.js';
import { RunPlan } from '../engine/runBlock.js';
import { InputError, ModelError } from '../errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { Model } from '../model/defineModel.js';
import { writeRunFiles } from '../report/writeRun.js';
import { writeReport } from '../report/writeReport.js';
import { analysisSections } from '../analysis/reportSections.js';
import { buildResult } from '../result/buildResult.js';
import type { Result } from '../result/resultSchema.js';
import { RUN_SPEC_FILE, type RunSpec } from '../scenario/runSpec.js';
import { Interrupted } from './interrupted.js';
import type { RunFlags } from './flags.js';
import { progressBar } from './progress.js';
import type { CommandThreads } from './threadPool.js';


/** Runs of at least this many trajectories checkpoint by default (--checkpoint / --no-checkpoint override). */
export const CHECKPOINT_ABOVE = 500_000;

/**
 * SIGINT/SIGTERM seen while a run (or a folder of runs) was going: the first
 * stops dispatch (blocks in flight finish and are kept), the second
 * terminates the worker threads at once (what they were running is lost, the
 * blocks merged before are kept). Either way the run ends with a partial
 * result, a checkpoint and exit 130.
 */
export interface SignalWatch {
  readonly interrupted: boolean;
  /** How many signals have been seen. */
  readonly count: number;
  /** Calls `listener` on each signal with the count so far; returns the unsubscribe. */
  subscribe(listener: (count: number) => void): () => void;
  dispose(): void;
}

/** Watches SIGINT and SIGTERM until disposed; one watch spans a whole folder of runs. */
export function watchSignals(): SignalWatch {
  const state = { interrupted: false, count: 0 };
  const listeners = new Set<(count: number) => void>();
  const onSignal = (): void => {
    state.interrupted = true;
    state.count++;
    if (state.count === 1) process.stderr.write('stopping: finishing the blocks in flight (press Ctrl-C again to stop the worker threads at once)\n');
    else if (state.count === 2) process.stderr.write('stopping now: terminating the worker threads\n');
    for (const l of listeners) l(state.count);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get interrupted() {
      return state.interrupted;
    },
    get count() {
      return state.count;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Writes a run folder's scenario.json: what `--resume` and `forecast replay` read back. */
export function writeRunSpec(dir: string, spec: RunSpec): void {
  writeFileAtomic(path.join(dir, RUN_SPEC_FILE), JSON.stringify(spec, null, 2) + '\n');
}

/** The checkpoint a run folder holds for this spec (null when none), after checking it fits the run. */
export function checkpointFor(dir: string, spec: RunSpec, model: Model): RunState | null {
  const state = readCheckpoint(dir, new RunPlan(spec.scenario, model).layout, spec.scenario.sha256, BLOCK_SIZE);
  const blocks = Math.ceil(spec.scenario.trajectories / BLOCK_SIZE);
  if (state !== null && state.nextBlock > blocks) {
    throw new InputError(`${path.join(dir, 'checkpoint.bin')} is damaged (next block ${state.nextBlock} is past the run's ${blocks} blocks); remove it and start the run again`);
  }
  return state;
}

export interface RunIntoFolderOptions {
  flags: RunFlags;
  /** Shown on the progress bar. */
  label: string;
  startedAt: Date;
  resume?: RunState;
  signals: SignalWatch;
  /** The command's worker threads (threadPool.ts), kept open: absent, the run starts its own (or uses Redis). */
  threads?: CommandThreads;
  /** Write report.html into this run folder (a folder of runs draws one report at its top instead). */
  report: boolean;
  /** The folder to name in `forecast run --resume …` hints (the top folder of a folder run). */
  resumeFolder: string;
}

/**
 * The one way a scenario is run into a folder, for single runs and for each
 * scenario of a folder run (the scorecard): checkpoints every few seconds when
 * asked (or from CHECKPOINT_ABOVE trajectories), SIGINT/SIGTERM stop dispatch
 * and leave a partial result plus a checkpoint (then Interrupted is thrown), a
 * model error keeps the blocks before it as a partial result (then ModelError
 * is thrown with the replay command). Returns the result and the files written.
 */
export async function runIntoFolder(dir: string, spec: RunSpec, model: Model, opts: RunIntoFolderOptions): Promise<{ result: Result; outcome: RunOutcome; files: string[] }> {
  const { scenario } = spec;
  const { flags } = opts;
  const checkpointing = flags.checkpoint ?? scenario.trajectories >= CHECKPOINT_ABOVE;
  const intervalMs = Number(process.env.FORECAST_CHECKPOINT_SECONDS ?? 5) * 1000;
  let lastWrite = performance.now();
  let latest: RunState | undefined = opts.resume;
  const bar = progressBar(opts.label, !flags.quiet && !flags.json);
  // bullmq (~80 ms to load) only with --redis.
  const redis = flags.redis ? await (await import('../engine/redisBackend.js')).RedisBackend.open(scenario, flags.redis, { timeoutMs: flags.redisTimeout * 1000 }) : undefined;
  const backend = redis ?? (await opts.threads?.for(scenario));
  let outcome: RunOutcome;
  try {
    outcome = await runScenario(scenario, model, {
      backend,
      workers: flags.workers,
      keepTrajectories: spec.keepTrajectories,
      precisionClaims: spec.precisionClaims,
      resume: opts.resume,
      keepOnModelError: true,
      aborted: () => opts.signals.interrupted,
      interrupts: opts.signals,
      blockTimeoutMs: flags.blockTimeout * 1000,
      onProgress: (d, n) => bar.update(d, n),
      onMerged: (state) => {
        latest = state;
        // Wall time decides only when a checkpoint is written, never what it holds.
        if (checkpointing && performance.now() - lastWrite >= intervalMs) {
          writeCheckpoint(dir, state, scenario.sha256, BLOCK_SIZE);
          lastWrite = performance.now();
        }
      },
    });
  } finally {
    bar.finish();
    await redis?.close();
  }
  const result = buildResult(scenario, outcome, opts.startedAt);
  const files = writeRunFiles(dir, result, outcome);
  if (opts.report) files.push(writeReport(dir, analysisSections));
  if (outcome.modelError) {
    if (latest) writeCheckpoint(dir, latest, scenario.sha256, BLOCK_SIZE);
    const t = outcome.modelError.details.trajectory;
    throw new ModelError(
      outcome.modelError.details,
      `the ${outcome.summary.trajectories.toLocaleString('en-US')} trajectories before block ${outcome.modelError.details.block} are kept as a partial result in ${dir}; replay the failing one with: forecast replay ${dir} --trajectory ${t}`,
    );
  }
  if (outcome.partial) {
    if (latest) writeCheckpoint(dir, latest, scenario.sha256, BLOCK_SIZE);
    process.stderr.write(`interrupted: a partial result of ${outcome.summary.trajectories.toLocaleString('en-US')} of ${scenario.trajectories.toLocaleString('en-US')} trajectories is in ${dir}; finish it with: forecast run --resume ${opts.resumeFolder}\n`);
    throw new Interrupted('interrupted');
  }
  removeCheckpoint(dir);
  return { result, outcome, files };
}
