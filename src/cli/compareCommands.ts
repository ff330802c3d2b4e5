import path from 'node:path';
import { z } from 'zod';
import { compareScenarios } from '../analysis/compare.js';
import { parseOver, sweep } from '../analysis/sweep.js';
import { csvField } from '../report/csv.js';
import { sweepChart } from '../report/html/charts.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { analysisFolder, runId } from '../report/runFolder.js';
import { writeReport } from '../report/writeReport.js';
import { analysisSections } from '../analysis/reportSections.js';
import { InputError } from '../errors.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { alignTable, pct } from './claimTable.js';
import { parseFlags, wholeNumber } from './flags.js';
import { points } from '../report/format.js';
import { buildResult } from '../result/buildResult.js';
import type { Result } from '../result/resultSchema.js';

const common = {
  trajectories: wholeNumber(100, 100_000).default(20_000),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: wholeNumber(0, 1024).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
};

function parse<T extends z.ZodRawShape>(shape: T, raw: Record<string, unknown>) {
  return parseFlags(z.object(shape), raw);
}


/** `forecast compare <a> [b]`: each shared claim's probability in both, with a paired 95% interval of the difference. `--set` makes b from a. */
export async function compareCommand(fileA: string, fileB: string | undefined, raw: Record<string, unknown>): Promise<void> {
  const f = parse(common, raw);
  if (!fileB && f.set.length === 0) throw new InputError('compare needs a second scenario, or --set overrides that turn the first into the second');
  const a = await resolveScenarioFile(fileA, { seed: f.seed });
  const b = await resolveScenarioFile(fileB ?? fileA, { seed: f.seed ?? a.scenario.seed, set: f.set });
  const bLabel = fileB ? b.scenario.name : `${a.scenario.name} with ${f.set.join(' ')}`;
  const shared = a.scenario.claims.filter((c) => b.scenario.claims.some((d) => d.id === c.id));
  if (shared.length === 0) {
    const ids = (s: typeof a.scenario) => s.claims.map((c) => c.id).join(', ') || 'none';
    throw new InputError(`compare: ${a.scenario.name} and ${bLabel} share no claim, so there is nothing to compare (claims are matched by id; A has: ${ids(a.scenario)}; B has: ${ids(b.scenario)})`);
  }
  // Each side's bands and percentiles, for the report's overlays (compare-runs.json).
  const runs: Partial<Record<'a' | 'b', Pick<Result, 'series' | 'scalars'> & { name: string; start: string }>> = {};
  const cmp = await compareScenarios(a, b, f.trajectories, f.workers, (side, scenario, outcome) => {
    const r = buildResult(scenario, outcome, new Date(0));
    runs[side] = { name: side === 'a' ? a.scenario.name : bLabel, start: r.scenario.start, series: r.series, scalars: r.scalars };
  });
  const dir = path.resolve(f.out ?? path.join('results', a.scenario.name, `${runId(new Date(), a.scenario.sha256, cmp.seed, cmp.trajectories)}-compare`));
  const { besideRun } = analysisFolder(dir, f.force);
  const file = path.join(dir, 'compare.json');
  writeFileAtomic(file, JSON.stringify({ ...cmp, b: { ...cmp.b, label: bLabel } }, null, 2) + '\n');
  writeFileAtomic(path.join(dir, 'compare-runs.json'), JSON.stringify({ schemaVersion: 1, trajectories: cmp.trajectories, ...runs }) + '\n');
  if (besideRun) writeReport(dir, analysisSections);
  const rows = [['claim', 'A', 'B', 'B − A', '95% CI of the difference']];
  for (const c of cmp.claims) rows.push([c.id, pct(c.a), pct(c.b), points(-c.difference), `${points(-c.ci95[1])} to ${points(-c.ci95[0])}`]);
  process.stdout.write(`A: ${a.scenario.name}\nB: ${bLabel}\n${cmp.trajectories.toLocaleString('en-US')} paired trajectories, seed ${cmp.seed} (common random numbers)\n\n${alignTable(rows)}\n`);
  if (cmp.unmatched.length) process.stdout.write(`\nnot in both scenarios (not compared): ${cmp.unmatched.join(', ')}\n`);
  process.stdout.write(`\nresults: ${file}\n`);
}

/** `forecast sweep <scenario> --over name=values`: every claim's probability at each pinned value; sweep.csv and sweep.svg. */
export async function sweepCommand(file: string, raw: Record<string, unknown>): Promise<void> {
  const f = parse({ ...common, over: z.string({ error: 'is required: name=v1,v2,… or name=low:high:count' }) }, raw);
  const over = parseOver(f.over);
  if (typeof over === 'string') throw new InputError(`--over ${JSON.stringify(f.over)}: ${over}`);
  const { scenario, model } = await resolveScenarioFile(file, { seed: f.seed, set: f.set });
  if (!Object.hasOwn(scenario.inputs, over.input)) throw new InputError(`--over ${over.input}: no input of that name (inputs: ${Object.keys(scenario.inputs).join(', ')})`);
  const rows = await sweep(scenario, model, over.input, over.values, f.trajectories, f.workers);
  const dir = path.resolve(f.out ?? path.join('results', scenario.name, `${runId(new Date(), scenario.sha256, scenario.seed, f.trajectories)}-sweep`));
  const { besideRun } = analysisFolder(dir, f.force);
  const csv = ['value,claim,probability,ci95Low,ci95High', ...rows.flatMap((r) => r.claims.map((c) => [r.value, c.id, c.probability, c.ci95[0], c.ci95[1]].map(csvField).join(',')))].join('\n') + '\n';
  writeFileAtomic(path.join(dir, 'sweep.csv'), csv);
  writeFileAtomic(path.join(dir, 'sweep.svg'), sweepChart(over.input, rows));
  writeFileAtomic(path.join(dir, 'sweep.json'), JSON.stringify({ schemaVersion: 1, input: over.input, trajectories: f.trajectories, seed: scenario.seed, rows }, null, 2) + '\n');
  if (besideRun) writeReport(dir, analysisSections);
  const table = [[over.input, ...rows[0].claims.map((c) => c.id)]];
  for (const r of rows) table.push([Number(r.value.toPrecision(6)).toString(), ...r.claims.map((c) => pct(c.probability))]);
  process.stdout.write(`${scenario.name}: ${over.input} swept over ${rows.length} values, ${f.trajectories.toLocaleString('en-US')} trajectories each (common random numbers)\n\n${alignTable(table)}\n\nresults: ${dir}\n  sweep.csv\n  sweep.svg\n  sweep.json\n`);
}
