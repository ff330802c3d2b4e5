import { existsSync, statSync } from 'node:fs';
import { rareForScorecard, type RareEstimate } from '../analysis/rare/scorecardRare.js';
import { analysisSections } from '../analysis/reportSections.js';
import { decidedByText, smallProbability } from '../report/rareFormat.js';
import { writeReport } from '../report/writeReport.js';
import path from 'node:path';
import { CHECKPOINT_FILE } from '../engine/checkpoint.js';
import type { RunState } from '../engine/run.js';
import type { Model } from '../model/defineModel.js';
import { loadModel } from '../scenario/loadModel.js';
import { lockRunFolder, prepareRunFolder, runId } from '../report/runFolder.js';
import { resultJson } from '../report/writeRun.js';
import { InputError } from '../errors.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { readRunSpec, type RunSpec } from '../scenario/runSpec.js';
import { isCompleteRun } from '../result/readResult.js';
import { claimTable } from './claimTable.js';
import { parseRunFlags, type RunFlags } from './flags.js';
import { checkpointFor, runIntoFolder, watchSignals, writeRunSpec } from './runIntoFolder.js';
import { isScorecardFolder, resumeScorecard, runScorecard } from './scorecardCommand.js';
import { CommandThreads } from './threadPool.js';


/** `forecast run <scenario|folder>` and `forecast run --resume <run-folder>`. */
export async function runCommand(file: string | undefined, rawFlags: Record<string, unknown>): Promise<void> {
  const flags = parseRunFlags(rawFlags);
  const threads = CommandThreads.start(flags);
  try {
    await runWith(file, flags, threads);
  } finally {
    await threads?.close();
  }
}

async function runWith(file: string | undefined, flags: RunFlags, threads: CommandThreads | undefined): Promise<void> {
  if (flags.resume !== undefined) {
    if (isScorecardFolder(flags.resume)) return resumeScorecard(flags.resume, flags, threads);
    return resumeRun(flags.resume, flags, threads);
  }
  if (file === undefined) throw new InputError('forecast run needs a scenario file or folder (or --resume <run-folder>)');
  if (existsSync(file) && statSync(file).isDirectory()) return runScorecard(file, flags, threads);
  const { scenario, model, warnings } = await resolveScenarioFile(file, {
    set: flags.set, trajectories: flags.maxTrajectories ?? flags.trajectories, seed: flags.seed, sampler: flags.sampler, precision: flags.precision, repair: flags.repair,
  });
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const startedAt = new Date();
  const dir = path.resolve(flags.out ?? path.join('results', scenario.name, runId(startedAt, scenario.sha256, scenario.seed, scenario.trajectories)));
  prepareRunFolder(dir, flags.force);
  const spec: RunSpec = { scenario, keepTrajectories: flags.keepTrajectories ?? 0, precisionClaims: flags.precisionClaims };
  writeRunSpec(dir, spec);
  await execute(dir, spec, model, flags, startedAt, undefined, path.basename(file), threads);
}

/** `forecast run --resume <run-folder>`: continues from the folder's checkpoint (or reports it complete). */
async function resumeRun(dir: string, flags: RunFlags, threads: CommandThreads | undefined): Promise<void> {
  const spec = readRunSpec(dir, '--resume');
  lockRunFolder(dir);
  const model = await loadModel(spec.scenario.model);
  const state = checkpointFor(dir, spec, model);
  if (state === null) {
    if (isCompleteRun(dir)) {
      if (!flags.quiet) process.stdout.write(`${dir}: the run is already complete\n`);
      return;
    }
    throw new InputError(`--resume ${dir}: no ${CHECKPOINT_FILE} to resume from`);
  }
  await execute(dir, spec, model, flags, new Date(), state, spec.scenario.name, threads);
}

async function execute(dir: string, spec: RunSpec, model: Model, flags: RunFlags, startedAt: Date, resume: RunState | undefined, label: string, threads: CommandThreads | undefined): Promise<void> {
  const { scenario } = spec;
  const say = (s: string): void => {
    if (!flags.quiet && !flags.json) process.stdout.write(`${s}\n`);
  };
  const signals = watchSignals();
  let ran;
  try {
    ran = await runIntoFolder(dir, spec, model, { flags, label, startedAt, resume, signals, report: flags.report, resumeFolder: dir, threads });
  } finally {
    signals.dispose();
  }
  const { result, files } = ran;
  // --rare: claims with under 10 hits get a rare-event estimate (rare-<claim>.json) and a redrawn report.
  const rare = flags.rare ? await rareForScorecard(scenario, model, result, dir, flags.rare, flags.workers, await threads?.for(scenario)) : new Map<string, RareEstimate>();
  if (rare.size > 0 && flags.report) writeReport(dir, analysisSections);
  if (flags.json) {
    process.stdout.write(resultJson(result));
    return;
  }
  const nf = Object.entries(result.nonFinite).filter(([, n]) => n > 0);
  say(`${scenario.name}: ${result.manifest.trajectories.toLocaleString('en-US')} trajectories, seed ${scenario.seed}, ${result.run.workers || 'no'} worker thread(s), ${result.run.wallSeconds.toFixed(2)} s${resume ? ` (resumed at block ${resume.nextBlock})` : ''}`);
  if (result.claims.length > 0) say(`\n${claimTable(result.claims)}\n`);
  for (const [id, e] of rare) say(`${id}: rare-event estimate ${e.probability !== null && e.interval ? `${smallProbability(e.probability)} (95% ${smallProbability(e.interval[0])}–${smallProbability(e.interval[1])})` : e.upperBound !== null ? `< ${smallProbability(e.upperBound)}` : 'n/a'} by ${e.method}, ${e.modelRuns.toLocaleString('en-US')} model runs (rare-${id}.json)${e.decidedBy.length ? `\n  decided jointly by (design point, β ${e.beta?.toFixed(2) ?? 'n/a'}, ${e.designSource}${e.designSource === 'ray search' ? ': approximate, FORM did not converge' : ''}): ${decidedByText(e.decidedBy)}` : ''}`);
  const cv = result.convergence;
  if (cv.target !== null) say(`precision ${cv.target} on ${cv.claims.join(', ')}: ${cv.met ? 'met' : 'NOT met'} after ${cv.trajectoriesUsed.toLocaleString('en-US')} of at most ${cv.maxTrajectories.toLocaleString('en-US')} trajectories`);
  if (result.manifest.sampler !== 'mc') say(`sampler ${result.manifest.sampler}: standard errors and intervals from ${result.manifest.replicates} independent replicates`);
  if (nf.length > 0) say(`non-finite values (excluded from bands and claims): ${nf.map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  say(`results: ${dir}`);
  for (const f of files) say(`  ${path.basename(f)}`);
}
