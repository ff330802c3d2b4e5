import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseObservations, scoreBacktest, type BacktestReport } from '../analysis/backtest.js';
import { runScenario } from '../engine/run.js';
import { InputError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { buildResult } from '../result/buildResult.js';
import { readResult } from '../result/readResult.js';
import type { Result } from '../result/resultSchema.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { alignTable } from './claimTable.js';
import { parseFlags, wholeNumber } from './flags.js';

const backtestFlagsSchema = z.object({
  observed: z.string({ error: 'is required: the CSV of observations (series, date YYYY-MM, value, source)' }).min(1),
  trajectories: wholeNumber(1, LIMITS.trajectories).optional(),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: wholeNumber(0, 1024).optional(),
  set: z.array(z.string()).default([]),
  json: z.boolean().default(false),
});

/** A percentile as printed: "37%", "< 1%", "> 99%". */
export function percentileText(r: { percentile: number; outside: 'below' | 'above' | null }): string {
  const p = `${Math.round(100 * r.percentile * 10) / 10}%`;
  return r.outside === 'below' ? `< ${p}` : r.outside === 'above' ? `> ${p}` : p;
}

const num = (v: number | null): string => (v === null ? '' : v.toPrecision(4).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m)));

/** The printed table and summary of a backtest. */
export function backtestText(report: BacktestReport): string {
  const rows = [['series', 'date', 'month', 'observed', 'q05', 'q50', 'q95', 'percentile']];
  for (const r of report.rows) rows.push([r.series, r.date, String(r.month), num(r.value), num(r.q05), num(r.q50), num(r.q95), percentileText(r)]);
  const s = report.summary, n = s.observations;
  const share = (k: number): string => `${k} of ${n} (${Math.round((100 * k) / n)}%)`;
  const { name, trajectories, seed } = report.scenario;
  return [
    `${name}: ${trajectories.toLocaleString('en-US')} trajectories, seed ${seed}; each observation's percentile in the forecast at its month (bands at ${report.levels.length} levels)`,
    '',
    alignTable(rows),
    '',
    `inside the 50% band (25-75%): ${share(s.inside50)}, a calibrated forecast about half`,
    `inside the 90% band (5-95%):  ${share(s.inside90)}, a calibrated forecast about 90%`,
    `below 5%: ${s.below5}, above 95%: ${s.above95}${s.belowAll + s.aboveAll ? ` (beyond the outermost bands: ${s.belowAll} below, ${s.aboveAll} above)` : ''}`,
    `mean percentile: ${Math.round(100 * s.meanPercentile)}% (50% when centred)`,
    'The observations are one history, not independent draws: read the counts as a description, not a test.',
    '',
  ].join('\n');
}

/** The run's result: read from a run folder, or the scenario run now. */
async function resultFor(target: string, flags: z.infer<typeof backtestFlagsSchema>): Promise<Result> {
  if (existsSync(target) && statSync(target).isDirectory()) {
    const file = path.join(target, 'result.json');
    if (!existsSync(file)) throw new InputError(`backtest: ${target} is a folder without result.json (give a scenario file or a folder written by forecast run)`);
    if (flags.trajectories !== undefined || flags.seed !== undefined || flags.set.length) throw new InputError('backtest: --trajectories, --seed and --set apply to a scenario file, not a run folder');
    return readResult(file);
  }
  const { scenario, model, warnings } = await resolveScenarioFile(target, { set: flags.set, trajectories: flags.trajectories, seed: flags.seed });
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const startedAt = new Date();
  return buildResult(scenario, await runScenario(scenario, model, { workers: flags.workers }), startedAt);
}

/**
 * `forecast backtest <scenario|run-folder> --observed <csv>`: runs the scenario
 * (or reads a run folder's result.json) and prints where each observation falls
 * in the forecast bands at its month, with the calibration counts.
 */
export async function backtestCommand(target: string, raw: Record<string, unknown>): Promise<void> {
  const flags = parseFlags(backtestFlagsSchema, raw);
  let text: string;
  try {
    text = readFileSync(flags.observed, 'utf8');
  } catch (e) {
    throw new InputError(`backtest: cannot read --observed ${flags.observed}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const observations = parseObservations(text, flags.observed);
  const report = scoreBacktest(await resultFor(target, flags), observations, flags.observed);
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : backtestText(report));
}
