import { existsSync, readFileSync, statSync } from 'node:fs';
import { rareForScorecard, type RareEstimate } from '../analysis/rare/scorecardRare.js';
import { smallProbability } from '../report/rareFormat.js';
import path from 'node:path';
import { CHECKPOINT_FILE, readCheckpoint, removeCheckpoint, writeCheckpoint } from '../engine/checkpoint.js';
import { BLOCK_SIZE, runScenario, type RunState } from '../engine/run.js';
import { RedisBackend } from '../engine/redisBackend.js';
import type { Model } from '../model/defineModel.js';
import { loadModel } from '../scenario/loadModel.js';
import { ModelError } from '../model/modelError.js';
import { RunPlan } from '../engine/runBlock.js';
import { buildResult } from '../result/buildResult.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { prepareRunFolder, runId } from '../report/runFolder.js';
import { resultJson, writeRunFiles } from '../report/writeRun.js';
import { writeReport } from '../report/writeReport.js';
import { InputError } from '../errors.js';
import { resolveScenarioFile, type ResolvedScenario } from '../scenario/resolve.js';
import { claimTable } from './claimTable.js';
import { EXIT } from './exitCodes.js';
import { parseRunFlags, type RunFlags } from './flags.js';
import { progressBar } from './progress.js';
import { runFolder } from './scorecardCommand.js';

/** Thrown after an interrupted run has written its partial result and checkpoint; the CLI exits with EXIT.interrupted. */
export class Interrupted extends Error {
  readonly exitCode = EXIT.interrupted;
}

/** What a run folder keeps to be resumed: the resolved scenario and the options that shape the result. */
interface RunSpec {
  scenario: ResolvedScenario;
  keepTrajectories: number;
  precisionClaims?: string[];
}

/** Runs of at least this many trajectories checkpoint by default (--checkpoint / --no-checkpoint override). */
export const CHECKPOINT_ABOVE = 500_000;

/** `forecast run <scenario|folder>` and `forecast run --resume <run-folder>`. */
export async function runCommand(file: string | undefined, rawFlags: Record<string, unknown>): Promise<void> {
  const flags = parseRunFlags(rawFlags);
  if (flags.resume !== undefined) return resumeRun(flags.resume, flags);
  if (file === undefined) throw new InputError('forecast run needs a scenario file or folder (or --resume <run-folder>)');
  if (existsSync(file) && statSync(file).isDirectory()) return runFolder(file, flags);
  const { scenario, model, warnings } = await resolveScenarioFile(file, {
    set: flags.set, trajectories: flags.maxTrajectories ?? flags.trajectories, seed: flags.seed, sampler: flags.sampler, precision: flags.precision, repair: flags.repair,
  });
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const startedAt = new Date();
  const dir = path.resolve(flags.out ?? path.join('results', scenario.name, runId(startedAt, scenario.sha256, scenario.seed, scenario.trajectories)));
  prepareRunFolder(dir, flags.force);
  const spec: RunSpec = { scenario, keepTrajectories: flags.keepTrajectories ?? 0, precisionClaims: flags.precisionClaims };
  writeFileAtomic(path.join(dir, 'scenario.json'), JSON.stringify(spec, null, 2) + '\n');
  await execute(dir, spec, model, flags, startedAt, undefined, path.basename(file));
}

/** `forecast run --resume <run-folder>`: continues from the folder's checkpoint (or reports it complete). */
async function resumeRun(dir: string, flags: RunFlags): Promise<void> {
  const specFile = path.join(dir, 'scenario.json');
  if (!existsSync(specFile)) throw new InputError(`--resume ${dir}: not a run folder (no scenario.json)`);
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as RunSpec;
  const model = await loadModel(spec.scenario.model);
  const layout = new RunPlan(spec.scenario, model).layout;
  const state = readCheckpoint(dir, layout, spec.scenario.sha256, BLOCK_SIZE);
  if (state === null) {
    const result = path.join(dir, 'result.json');
    if (existsSync(result) && !(JSON.parse(readFileSync(result, 'utf8')) as { partial: boolean }).partial) {
      if (!flags.quiet) process.stdout.write(`${dir}: the run is already complete\n`);
      return;
    }
    throw new InputError(`--resume ${dir}: no ${CHECKPOINT_FILE} to resume from`);
  }
  await execute(dir, spec, model, flags, new Date(), state, spec.scenario.name);
}

async function execute(dir: string, spec: RunSpec, model: Model, flags: RunFlags, startedAt: Date, resume: RunState | undefined, label: string): Promise<void> {
  const { scenario } = spec;
  const say = (s: string): void => {
    if (!flags.quiet && !flags.json) process.stdout.write(`${s}\n`);
  };
  const checkpointing = flags.checkpoint ?? scenario.trajectories >= CHECKPOINT_ABOVE;
  const intervalMs = Number(process.env.FORECAST_CHECKPOINT_SECONDS ?? 5) * 1000;
  let lastWrite = performance.now();
  let latest: RunState | undefined = resume;
  let interrupted = false;
  const onSignal = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const bar = progressBar(label, !flags.quiet && !flags.json);
  const backend = flags.redis ? new RedisBackend(scenario, flags.redis) : undefined;
  let outcome;
  try {
    outcome = await runScenario(scenario, model, {
      backend,
      workers: flags.workers,
      keepTrajectories: spec.keepTrajectories,
      precisionClaims: spec.precisionClaims,
      resume,
      keepOnModelError: true,
      aborted: () => interrupted,
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
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar.finish();
    await backend?.close();
  }
  const result = buildResult(scenario, outcome, startedAt);
  const files = writeRunFiles(dir, result, outcome);
  if (flags.report) files.push(writeReport(dir));
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
    process.stderr.write(`interrupted: a partial result of ${outcome.summary.trajectories.toLocaleString('en-US')} of ${scenario.trajectories.toLocaleString('en-US')} trajectories is in ${dir}; finish it with: forecast run --resume ${dir}\n`);
    throw new Interrupted('interrupted');
  }
  removeCheckpoint(dir);
  // --rare: claims with under 10 hits get a rare-event estimate (rare-<claim>.json) and a redrawn report.
  const rare = flags.rare ? await rareForScorecard(scenario, model, result, dir, flags.rare, flags.workers) : new Map<string, RareEstimate>();
  if (rare.size > 0 && flags.report) writeReport(dir);
  if (flags.json) {
    process.stdout.write(resultJson(result));
    return;
  }
  const nf = Object.entries(result.nonFinite).filter(([, n]) => n > 0);
  say(`${scenario.name}: ${result.manifest.trajectories.toLocaleString('en-US')} trajectories, seed ${scenario.seed}, ${result.run.workers || 'no'} worker thread(s), ${result.run.wallSeconds.toFixed(2)} s${resume ? ` (resumed at block ${resume.nextBlock})` : ''}`);
  if (result.claims.length > 0) say(`\n${claimTable(result.claims)}\n`);
  for (const [id, e] of rare) say(`${id}: rare-event estimate ${e.probability !== null && e.interval ? `${smallProbability(e.probability)} (95% ${smallProbability(e.interval[0])}–${smallProbability(e.interval[1])})` : e.upperBound !== null ? `< ${smallProbability(e.upperBound)}` : 'n/a'} by ${e.method}, ${e.modelRuns.toLocaleString('en-US')} model runs (rare-${id}.json)`);
  const cv = result.convergence;
  if (cv.target !== null) say(`precision ${cv.target} on ${cv.claims.join(', ')}: ${cv.met ? 'met' : 'NOT met'} after ${cv.trajectoriesUsed.toLocaleString('en-US')} of at most ${cv.maxTrajectories.toLocaleString('en-US')} trajectories`);
  if (result.manifest.sampler !== 'mc') say(`sampler ${result.manifest.sampler}: standard errors and intervals from ${result.manifest.replicates} independent replicates`);
  if (nf.length > 0) say(`non-finite values (excluded from bands and claims): ${nf.map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  say(`results: ${dir}`);
  for (const f of files) say(`  ${path.basename(f)}`);
}
