import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { runFolder } from './runFolder.js';
import { forecastFile } from '../engine/forecast.js';
import { prepareRunFolder, runId } from '../report/writeFiles.js';
import { resultJson, writeRunFiles } from '../report/writeRun.js';
import { writeReport } from '../report/writeReport.js';
import { forecastOptions, parseRunFlags } from './flags.js';
import { progressBar } from './progress.js';
import { claimTable } from './claimTable.js';

/** `forecast run <scenario>`: run, write the run folder, print the claim table (or --json). */
export async function runCommand(file: string, rawFlags: Record<string, unknown>): Promise<void> {
  const flags = parseRunFlags(rawFlags);
  if (existsSync(file) && statSync(file).isDirectory()) return runFolder(file, flags);
  const say = (s: string): void => {
    if (!flags.quiet && !flags.json) process.stdout.write(`${s}\n`);
  };
  const bar = progressBar(path.basename(file), !flags.quiet && !flags.json);
  const out = await forecastFile(file, forecastOptions(flags, (done, total) => bar.update(done, total)));
  bar.finish();
  const { scenario, result } = out;
  for (const w of out.warnings) process.stderr.write(`warning: ${w}\n`);
  const startedAt = new Date(result.run.startedAt);
  const dir = path.resolve(flags.out ?? path.join('results', scenario.name, runId(startedAt, scenario.sha256, scenario.seed, scenario.trajectories)));
  prepareRunFolder(dir, flags.force);
  const files = writeRunFiles(dir, result, out.outcome);
  if (flags.report) files.push(writeReport(dir));
  if (flags.json) {
    process.stdout.write(resultJson(result));
    return;
  }
  const nf = Object.entries(result.nonFinite).filter(([, n]) => n > 0);
  say(`${scenario.name}: ${result.manifest.trajectories.toLocaleString('en-US')} trajectories, seed ${scenario.seed}, ${result.run.workers || 'no'} worker thread(s), ${result.run.wallSeconds.toFixed(2)} s`);
  if (result.claims.length > 0) say(`\n${claimTable(result.claims)}\n`);
  const cv = result.convergence;
  if (cv.target !== null) say(`precision ${cv.target} on ${cv.claims.join(', ')}: ${cv.met ? 'met' : 'NOT met'} after ${cv.trajectoriesUsed.toLocaleString('en-US')} of at most ${cv.maxTrajectories.toLocaleString('en-US')} trajectories`);
  if (result.manifest.sampler !== 'mc') say(`sampler ${result.manifest.sampler}: standard errors and intervals from ${result.manifest.replicates} independent replicates`);
  if (nf.length > 0) say(`non-finite values (excluded from bands and claims): ${nf.map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  say(`results: ${dir}`);
  for (const f of files) say(`  ${path.basename(f)}`);
}
