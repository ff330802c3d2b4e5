import { readdirSync } from 'node:fs';
import path from 'node:path';
import { forecastFile } from '../result/forecastFile.js';
import { scorecardCsv, scorecardJson, scorecardRows } from '../report/scorecard.js';
import type { Result } from '../result/resultSchema.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { prepareRunFolder, runId } from '../report/runFolder.js';
import { writeRunFiles } from '../report/writeRun.js';
import { writeReport } from '../report/writeReport.js';
import { RedisBackend } from '../engine/redisBackend.js';
import { InputError } from '../errors.js';
import { parseScenarioText, readScenarioText } from '../scenario/load.js';
import { forecastOptions, type RunFlags } from './flags.js';
import { progressBar } from './progress.js';
import { alignTable, pct } from './claimTable.js';
import { rareForScorecard, type RareEstimate } from '../analysis/rare/scorecardRare.js';
import { smallProbability as prob } from '../report/rareFormat.js';

/**
 * The scenario files of a folder: *.yaml, *.yml, *.json with a `model` or
 * `extends` field (input libraries have neither), sorted by name.
 */
export function scenarioFilesIn(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f))
    .filter((f) => {
      const doc = parseScenarioText(readScenarioText(f), f);
      return 'model' in doc || 'extends' in doc;
    });
  if (files.length === 0) throw new InputError(`folder ${dir} holds no scenario files (.yaml, .yml or .json with a model field)`);
  return files;
}

/**
 * `forecast run <folder>`: runs every scenario in the folder with its shipped
 * defaults (flags override all of them), writes each into a subfolder of one
 * run folder, and writes and prints the scorecard.
 */
export async function runFolder(dir: string, flags: RunFlags): Promise<void> {
  const files = scenarioFilesIn(dir);
  const say = (s: string): void => {
    if (!flags.quiet && !flags.json) process.stdout.write(`${s}\n`);
  };
  const started = new Date();
  const name = path.basename(path.resolve(dir));
  const out = path.resolve(flags.out ?? path.join('results', name, runId(started, '00000000', flags.seed ?? 0, flags.trajectories ?? 0).replace(/-00000000-s\d+-n\d+$/, '')));
  prepareRunFolder(out, flags.force);
  const results: Result[] = [];
  const rare = new Map<string, RareEstimate>();
  for (const file of files) {
    const bar = progressBar(path.basename(file), !flags.quiet && !flags.json);
    // With --redis, one backend per scenario: every request carries its scenario, so the workers' plans are right.
    let backend: RedisBackend | undefined;
    const run = await forecastFile(file, {
      ...forecastOptions(flags, (done, total) => bar.update(done, total)),
      backendFor: flags.redis ? (scenario) => (backend = new RedisBackend(scenario, flags.redis!)) : undefined,
    }).finally(() => backend?.close());
    bar.finish();
    for (const w of run.warnings) process.stderr.write(`warning: ${path.basename(file)}: ${w}\n`);
    writeRunFiles(path.join(out, run.scenario.name), run.result, run.outcome);
    results.push(run.result);
    say(`${run.scenario.name}: ${run.result.manifest.trajectories.toLocaleString('en-US')} trajectories in ${run.result.run.wallSeconds.toFixed(1)} s`);
    if (flags.rare) {
      const t0 = Date.now();
      const found = await rareForScorecard(run.scenario, run.model, run.result, path.join(out, run.scenario.name), flags.rare, flags.workers);
      for (const [id, e] of found) rare.set(`${run.scenario.name}/${id}`, e);
      if (found.size > 0) say(`${run.scenario.name}: rare-event estimates for ${[...found.keys()].join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  const rows = scorecardRows(results);
  for (const r of rows) {
    const e = rare.get(`${r.scenario}/${r.id}`);
    if (e) r.rare = e;
  }
  writeFileAtomic(path.join(out, 'scorecard.csv'), scorecardCsv(rows));
  writeFileAtomic(path.join(out, 'scorecard.json'), scorecardJson(rows, results, name));
  if (flags.report) writeReport(out);
  if (flags.json) {
    process.stdout.write(scorecardJson(rows, results, name));
    return;
  }
  const table = [['claim', 'statement', 'P', '95% CI', 'median month']];
  for (const r of rows) {
    const e = r.rare;
    if (e && e.probability !== null && e.interval) table.push([r.id, r.statement, `${prob(e.probability)} (${e.method})`, `${prob(e.interval[0])}–${prob(e.interval[1])}`, r.medianMonth ?? '']);
    else if (e && e.upperBound !== null) table.push([r.id, r.statement, `< ${prob(e.upperBound)} (${e.method})`, '', r.medianMonth ?? '']);
    else table.push([r.id, r.statement, pct(r.probability), `${pct(r.ci95[0])}–${pct(r.ci95[1])}`, r.medianMonth ?? '']);
  }
  say(`\n${alignTable(table)}\n`);
  say(`results: ${out}`);
  say(`  ${flags.report ? 'report.html (open it in a browser), ' : ''}scorecard.csv, scorecard.json, and one folder per scenario`);
}
