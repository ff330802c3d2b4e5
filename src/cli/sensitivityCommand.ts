import path from 'node:path';
import { z } from 'zod';
import { runSensitivity } from '../analysis/runSensitivity.js';
import { ALL_METHODS, DEFAULT_METHODS, METHODS, printedSummary, sensitivityCsvRows, SENSITIVITY_METHODS } from '../analysis/registry.js';
import type { SensitivityOptions } from '../analysis/sensitivityMethod.js';
import { analysisSections } from '../analysis/reportSections.js';
import { writeReport } from '../report/writeReport.js';
import { writeSensitivityFiles } from '../report/sensitivityFiles.js';
import { analysisFolder, runId } from '../report/runFolder.js';
import { InputError } from '../errors.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { parseFlags, wholeNumber } from './flags.js';
import { progressBar } from './progress.js';

export { DEFAULT_METHODS };

const flagsSchema = z.object({
  method: z.string().default(DEFAULT_METHODS),
  trajectories: wholeNumber(100, 100_000).optional(),
  budget: wholeNumber(100, 1e12).optional(),
  output: z.array(z.string()).default([]),
  // Each method's own flags (--rows, --bootstrap, --quantiles, --input, --target, …), from the registry.
  ...Object.fromEntries(METHODS.flatMap((m) => m.options.map((o) => [o.key, o.schema]))),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: wholeNumber(0, 1024).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
  top: wholeNumber(1, 1000).default(5),
  redis: z.string().optional(),
  redisTimeout: wholeNumber(1, 24 * 3600).default(60),
});

/** `forecast sensitivity <scenario>`: which inputs decide each claim and output. */
export async function sensitivityCommand(file: string, raw: Record<string, unknown>): Promise<void> {
  const parsed = parseFlags(flagsSchema, raw);
  const f = parsed as z.infer<typeof flagsSchema> & { rows?: number; bootstrap: number; quantiles: [number, number]; input?: string; target: number };
  const methods = f.method.split(',').map((m) => m.trim());
  const unknown = methods.filter((m) => !(SENSITIVITY_METHODS as readonly string[]).includes(m));
  if (unknown.length) throw new InputError(`--method ${unknown.join(',')}: not a method (methods: ${SENSITIVITY_METHODS.join(', ')})`);
  const { scenario, model } = await resolveScenarioFile(file, { set: f.set, seed: f.seed });
  // Reach Redis (and have the credentials accepted) before any work: a wrong password fails here, at once.
  if (f.redis !== undefined) await (await import('../engine/redisBackend.js')).checkRedis(f.redis, f.redisTimeout * 1000);
  // One bar per method (drawn only on a TTY), model runs done of the method's total with an ETA.
  let bar: ReturnType<typeof progressBar> | undefined;
  const options: SensitivityOptions = {
    ...parsed, methods, outputs: f.output, trajectories: f.trajectories, rows: f.rows, bootstrap: f.bootstrap, quantiles: f.quantiles,
    breakevenInput: f.input, target: f.target, workers: f.workers, redis: f.redis, budget: f.budget, estimateTime: true,
    onProgress: (m, done, total) => {
      if (done === undefined || total === undefined) {
        bar?.finish();
        bar = progressBar(m, true);
      } else bar?.update(done, total);
    },
    onPlan: (line) => process.stderr.write(`${line}\n`),
  };
  for (const m of ALL_METHODS) if (methods.includes(m.name)) m.check?.(scenario, options);
  let report;
  try {
    report = await runSensitivity(scenario, model, options);
  } finally {
    bar?.finish();
  }
  const dir = path.resolve(f.out ?? path.join('results', scenario.name, `${runId(new Date(), scenario.sha256, scenario.seed, f.trajectories ?? 0)}-sensitivity`));
  const { besideRun } = analysisFolder(dir, f.force);
  const files = writeSensitivityFiles(dir, report, sensitivityCsvRows(report));
  if (besideRun) files.push(writeReport(dir, analysisSections));
  process.stdout.write(`${scenario.name}: sensitivity by ${methods.join(', ')}\n\n${printedSummary(report, f.top)}\n\nresults: ${dir}\n${files.map((x) => `  ${path.basename(x)}`).join('\n')}\n`);
}
