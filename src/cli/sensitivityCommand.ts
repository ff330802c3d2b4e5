import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeReport } from '../report/writeReport.js';
import { z } from 'zod';
import { sobolSensitivity } from '../analysis/sensitivity.js';
import { writeSensitivityFiles } from '../report/sensitivityFiles.js';
import { prepareRunFolder, runId } from '../report/writeFiles.js';
import { InputError, fromZod } from '../scenario/inputError.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { alignTable } from './claimTable.js';
import { progressBar } from './progress.js';

const num = (min: number, max: number) => z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/_/g, '')) : v), z.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max));
const flagsSchema = z.object({
  method: z.string().default('sobol'),
  rows: num(64, 10_000_000).optional(),
  bootstrap: num(10, 10_000).default(100),
  output: z.array(z.string()).default([]),
  seed: num(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: num(0, 1024).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
  top: num(1, 1000).default(5),
});

const fmt = (x: number, zero: boolean): string => (zero ? `≈0 (n.s.)` : x.toFixed(3));

/** `forecast sensitivity <scenario>`: Sobol indices of each claim and scalar (or --output), written next to a run's files. */
export async function sensitivityCommand(file: string, raw: Record<string, unknown>): Promise<void> {
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new InputError('invalid command-line flag:', fromZod(parsed.error, raw).map((i) => ({ ...i, path: `--${i.path}` })));
  const f = parsed.data;
  const methods = f.method.split(',').map((m) => m.trim());
  const unknown = methods.filter((m) => m !== 'sobol');
  if (unknown.length) throw new InputError(`--method ${unknown.join(',')}: only sobol (first-order and total-effect indices) is available in this version`);
  const { scenario, model } = await resolveScenarioFile(file, { set: f.set, seed: f.seed });
  const bar = progressBar(`${path.basename(file)} (sobol)`, true);
  const report = await sobolSensitivity(scenario, model, { rows: f.rows, bootstrap: f.bootstrap, outputs: f.output, workers: f.workers, onProgress: (d, n) => bar.update(d, n) });
  bar.finish();
  const dir = path.resolve(f.out ?? path.join('results', scenario.name, `${runId(new Date(), scenario.sha256, scenario.seed, report.rows)}-sensitivity`));
  // Beside an existing run's result.json (so `forecast report` draws the drivers), or in a folder of its own.
  const besideRun = existsSync(path.join(dir, 'result.json'));
  if (!besideRun) prepareRunFolder(dir, f.force);
  const files = writeSensitivityFiles(dir, report);
  process.stdout.write(`${scenario.name}: Sobol indices from ${report.rows.toLocaleString('en-US')} rows (${report.modelRuns.toLocaleString('en-US')} model runs), ${report.bootstrap} bootstrap resamples\n`);
  for (const n of report.notes) process.stdout.write(`note: ${n}\n`);
  for (const o of report.outputs) {
    if (o.variance === null || o.variance === 0) {
      process.stdout.write(`\n${o.label}: the output does not vary in this design (variance ${o.variance ?? 'n/a'}), so its indices are undefined.\n`);
      continue;
    }
    const rows = [['input', 'total effect ST', '95% CI', 'first order S1', '95% CI']];
    for (const i of o.indices.slice(0, f.top)) {
      rows.push([i.input, fmt(i.ST, i.STincludesZero), `${i.STci95[0].toFixed(3)}–${i.STci95[1].toFixed(3)}`, fmt(i.S1, i.S1includesZero), `${i.S1ci95[0].toFixed(3)}–${i.S1ci95[1].toFixed(3)}`]);
    }
    process.stdout.write(`\n${o.label} (variance ${o.variance.toPrecision(3)}):\n${alignTable(rows)}\n`);
  }
  if (besideRun) files.push(writeReport(dir));
  process.stdout.write(`\nresults: ${dir}\n${files.map((x) => `  ${path.basename(x)}`).join('\n')}\n`);
}
