import path from 'node:path';
import { z } from 'zod';
import { runSensitivity, SENSITIVITY_METHODS, type SensitivityMethod, type SensitivityReport } from '../analysis/runSensitivity.js';
import { writeReport } from '../report/writeReport.js';
import { writeSensitivityFiles } from '../report/sensitivityFiles.js';
import { analysisFolder, runId } from '../report/runFolder.js';
import { InputError } from '../errors.js';
import { fromZod } from '../scenario/zodIssues.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { alignTable } from './claimTable.js';
import { wholeNumber } from './flags.js';

const flagsSchema = z.object({
  method: z.string().default('rank,tornado,sobol'),
  trajectories: wholeNumber(100, 100_000).optional(),
  rows: wholeNumber(64, 10_000_000).optional(),
  bootstrap: wholeNumber(10, 10_000).default(100),
  output: z.array(z.string()).default([]),
  quantiles: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map(Number) : v), z.tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)]).refine(([a, b]) => a < b, 'must be low,high with low < high')).default([0.1, 0.9]),
  input: z.string().optional(),
  target: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number().gt(0).lt(1)).default(0.5),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: wholeNumber(0, 1024).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
  top: wholeNumber(1, 1000).default(5),
  redis: z.string().optional(),
});

const num = (x: number | null | undefined, zero = false): string => (zero ? '≈0 (n.s.)' : x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Number(x.toPrecision(3)).toString());

/** The printed summary of a sensitivity report. */
function summary(r: SensitivityReport, top: number): string {
  const out: string[] = [];
  for (const o of r.rank?.outputs ?? []) {
    const rows = [['input', 'PRCC', 'Spearman', 'lowest decile', 'highest decile']];
    for (const x of o.results.slice(0, top)) rows.push([x.input, num(x.prcc), num(x.spearman), num(x.bins[0]), num(x.bins[9])]);
    out.push(`rank: ${o.label} (${o.rows.toLocaleString('en-US')} trajectories)\n${alignTable(rows)}`);
  }
  for (const kind of ['deterministic', 'probabilistic'] as const) {
    for (const t of r.tornado?.[kind] ?? []) {
      const rows = [['input', 'at low', 'at high', 'swing']];
      for (const b of t.bars.slice(0, top)) rows.push([b.input, num(b.atLow), num(b.atHigh), num(b.atHigh - b.atLow)]);
      out.push(`tornado (${kind}): ${t.output}, baseline ${num(t.baseline)}\n${alignTable(rows)}`);
    }
  }
  if (r.breakeven) out.push(`breakeven: ${r.breakeven.message}`);
  for (const n of r.sobol?.notes ?? []) out.push(`note: ${n}`);
  for (const o of r.sobol?.outputs ?? []) {
    if (o.variance === null || o.variance === 0) {
      out.push(`sobol: ${o.label}: the output does not vary in the design, so its indices are undefined.`);
      continue;
    }
    const rows = [['input', 'total effect ST', '95% CI', 'first order S1', '95% CI']];
    for (const i of o.indices.slice(0, top)) rows.push([i.input, num(i.ST, i.STincludesZero), `${i.STci95[0].toFixed(3)}–${i.STci95[1].toFixed(3)}`, num(i.S1, i.S1includesZero), `${i.S1ci95[0].toFixed(3)}–${i.S1ci95[1].toFixed(3)}`]);
    out.push(`sobol: ${o.label} (variance ${o.variance.toPrecision(3)}; ${r.sobol!.rows.toLocaleString('en-US')} rows, ${r.sobol!.modelRuns.toLocaleString('en-US')} model runs)\n${alignTable(rows)}`);
  }
  return out.join('\n\n');
}

/** `forecast sensitivity <scenario>`: which inputs decide each claim and output. */
export async function sensitivityCommand(file: string, raw: Record<string, unknown>): Promise<void> {
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new InputError('invalid command-line flag:', fromZod(parsed.error, raw).map((i) => ({ ...i, path: `--${i.path}` })));
  const f = parsed.data;
  const methods = f.method.split(',').map((m) => m.trim()) as SensitivityMethod[];
  const unknown = methods.filter((m) => !SENSITIVITY_METHODS.includes(m));
  if (unknown.length) throw new InputError(`--method ${unknown.join(',')}: not a method (methods: ${SENSITIVITY_METHODS.join(', ')})`);
  const { scenario, model } = await resolveScenarioFile(file, { set: f.set, seed: f.seed });
  if (methods.includes('breakeven')) {
    if (!f.input) throw new InputError('--method breakeven needs --input <name>: the input whose breakeven value to find');
    if (!(f.input in scenario.inputs)) throw new InputError(`--input ${JSON.stringify(f.input)} is not an input of this scenario (inputs: ${Object.keys(scenario.inputs).join(', ')})`);
  }
  const report = await runSensitivity(scenario, model, {
    methods, outputs: f.output, trajectories: f.trajectories, rows: f.rows, bootstrap: f.bootstrap, quantiles: f.quantiles as [number, number],
    breakevenInput: f.input, target: f.target, workers: f.workers, redis: f.redis,
    onProgress: (m) => process.stderr.isTTY && process.stderr.write(`${m}…\n`),
  });
  const dir = path.resolve(f.out ?? path.join('results', scenario.name, `${runId(new Date(), scenario.sha256, scenario.seed, f.trajectories ?? 0)}-sensitivity`));
  const { besideRun } = analysisFolder(dir, f.force);
  const files = writeSensitivityFiles(dir, report);
  if (besideRun) files.push(writeReport(dir));
  process.stdout.write(`${scenario.name}: sensitivity by ${methods.join(', ')}\n\n${summary(report, f.top)}\n\nresults: ${dir}\n${files.map((x) => `  ${path.basename(x)}`).join('\n')}\n`);
}
