import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isCompleteRun, readResult } from '../result/readResult.js';
import { scorecardCsv, scorecardJson, scorecardRows } from '../report/scorecard.js';
import type { Result } from '../result/resultSchema.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { lockRunFolder, prepareRunFolder, runId } from '../report/runFolder.js';
import { writeReport } from '../report/writeReport.js';
import { analysisSections } from '../analysis/reportSections.js';
import { InputError } from '../errors.js';
import { loadModel } from '../scenario/loadModel.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { readRunSpec } from '../scenario/runSpec.js';
import { fromZod } from '../scenario/zodIssues.js';
import { loadScenarioDocument, parseScenarioText, readScenarioText } from '../scenario/load.js';
import type { RunFlags } from './flags.js';
import { checkpointFor, runIntoFolder, watchSignals, writeRunSpec } from './runIntoFolder.js';
import { alignTable, pct } from './claimTable.js';
import { rareForScorecard, type RareEstimate } from '../analysis/rare/scorecardRare.js';
import { decidedByText, smallProbability as prob } from '../report/rareFormat.js';
import { EXTREME_NOTE, probabilityLabel } from '../report/format.js';
import type { CommandThreads } from './threadPool.js';

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

/** The file a folder run keeps its plan in: the scenarios, in order, and the folder's name. */
const PLAN_FILE = 'scorecard-plan.json';

const planSchema = z.strictObject({
  schemaVersion: z.literal(1),
  folder: z.string(),
  scenarios: z.array(z.strictObject({ name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/), file: z.string(), extends: z.string().optional() })).min(1),
});
type ScorecardPlan = z.infer<typeof planSchema>;

/** True when `dir` is a folder run's output (it holds scorecard-plan.json). */
export function isScorecardFolder(dir: string): boolean {
  return existsSync(path.join(dir, PLAN_FILE));
}

/**
 * `forecast run <folder>`: resolves every scenario in the folder first (a bad
 * one fails before anything runs), then runs each with its shipped defaults
 * (flags override all of them) into a subfolder of one run folder, exactly as
 * a single run would (scenario.json, checkpoints, partial results, signals),
 * and writes and prints the scorecard. Interrupted, it can be finished with
 * `forecast run --resume <out>`.
 */
export async function runScorecard(dir: string, flags: RunFlags, threads?: CommandThreads): Promise<void> {
  const files = scenarioFilesIn(dir);
  const resolved = [];
  for (const file of files) {
    const { scenario, model, warnings } = await resolveScenarioFile(file, {
      set: flags.set, trajectories: flags.maxTrajectories ?? flags.trajectories, seed: flags.seed, sampler: flags.sampler, precision: flags.precision, repair: flags.repair,
    });
    for (const w of warnings) process.stderr.write(`warning: ${path.basename(file)}: ${w}\n`);
    resolved.push({ file, scenario, model });
  }
  const names = resolved.map((r) => r.scenario.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new InputError(`folder ${dir} holds two scenarios named ${JSON.stringify(twice)}; each needs its own subfolder, so give one of them another name`);
  const started = new Date();
  const name = path.basename(path.resolve(dir));
  const out = path.resolve(flags.out ?? path.join('results', name, runId(started, '00000000', flags.seed ?? 0, flags.trajectories ?? 0).replace(/-00000000-s\d+-n\d+$/, '')));
  prepareRunFolder(out, flags.force);
  // A scenario that extends another of this folder (directly or through files elsewhere) is a named
  // assumption set of it: the plan records which, and the report draws them side by side.
  const byFile = new Map(resolved.map((r) => [path.resolve(r.file), r.scenario.name]));
  const baseOf = (file: string): string | undefined => loadScenarioDocument(file).chain.slice(1).map((f) => byFile.get(f)).find((n) => n !== undefined);
  const plan: ScorecardPlan = {
    schemaVersion: 1, folder: name,
    scenarios: resolved.map((r) => {
      const base = baseOf(r.file);
      return { name: r.scenario.name, file: path.basename(r.file), ...(base !== undefined ? { extends: base } : {}) };
    }),
  };
  writeFileAtomic(path.join(out, PLAN_FILE), JSON.stringify(plan, null, 2) + '\n');
  for (const r of resolved) {
    mkdirSync(path.join(out, r.scenario.name), { recursive: true });
    writeRunSpec(path.join(out, r.scenario.name), { scenario: r.scenario, keepTrajectories: flags.keepTrajectories ?? 0, precisionClaims: flags.precisionClaims });
  }
  await runPlanned(out, plan, flags, threads);
}

/** `forecast run --resume <out>` on a folder run: keeps finished scenarios, resumes or starts the rest, then writes the scorecard. */
export async function resumeScorecard(out: string, flags: RunFlags, threads?: CommandThreads): Promise<void> {
  const file = path.join(out, PLAN_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file} is damaged (${e instanceof Error ? e.message : String(e)}); start the folder run again`);
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${file} is damaged:`, fromZod(parsed.error, raw));
  lockRunFolder(out);
  await runPlanned(path.resolve(out), parsed.data, flags, threads);
}

async function runPlanned(out: string, plan: ScorecardPlan, flags: RunFlags, threads: CommandThreads | undefined): Promise<void> {
  const say = (s: string): void => {
    if (!flags.quiet && !flags.json) process.stdout.write(`${s}\n`);
  };
  const results: Result[] = [];
  const rare = new Map<string, RareEstimate>();
  const signals = watchSignals();
  try {
    for (const entry of plan.scenarios) {
      const sub = path.join(out, entry.name);
      const spec = readRunSpec(sub, '--resume');
      const model = await loadModel(spec.scenario.model);
      let result: Result;
      if (isCompleteRun(sub)) {
        result = readResult(path.join(sub, 'result.json'));
        say(`${entry.name}: already complete`);
      } else {
        const resume = checkpointFor(sub, spec, model) ?? undefined;
        ({ result } = await runIntoFolder(sub, spec, model, { flags, label: entry.file, startedAt: new Date(), resume, signals, report: false, resumeFolder: out, threads }));
        say(`${entry.name}: ${result.manifest.trajectories.toLocaleString('en-US')} trajectories in ${result.run.wallSeconds.toFixed(1)} s${resume ? ` (resumed at block ${resume.nextBlock})` : ''}`);
      }
      results.push(result);
      if (flags.rare) {
        const t0 = Date.now();
        const found = await rareForScorecard(spec.scenario, model, result, sub, flags.rare, flags.workers, await threads?.for(spec.scenario));
        for (const [id, e] of found) rare.set(`${entry.name}/${id}`, e);
        if (found.size > 0) say(`${entry.name}: rare-event estimates for ${[...found.keys()].join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    signals.dispose();
  }
  const rows = scorecardRows(results);
  const bases = Object.fromEntries(plan.scenarios.flatMap((s) => (s.extends !== undefined ? [[s.name, s.extends]] : [])));
  for (const r of rows) {
    const e = rare.get(`${r.scenario}/${r.id}`);
    if (e) r.rare = e;
  }
  writeFileAtomic(path.join(out, 'scorecard.csv'), scorecardCsv(rows));
  writeFileAtomic(path.join(out, 'scorecard.json'), scorecardJson(rows, results, plan.folder, bases));
  if (flags.report) writeReport(out, analysisSections);
  if (flags.json) {
    process.stdout.write(scorecardJson(rows, results, plan.folder, bases));
    return;
  }
  // Forecasts first; claims labelled as identities of the inputs or decided by the
  // model's construction are printed apart, with their label (issue 12 §5). Where plain
  // Monte Carlo has under 10 hits and --rare ran, the rare-event estimate stands in.
  const head = ['scenario', 'claim', 'statement', 'P', '95% CI', 'median month'];
  const line = (r: (typeof rows)[number]) => {
    const e = r.rare;
    if (e && e.probability !== null && e.interval) return [r.scenario, r.id, r.statement, `${prob(e.probability)} (${e.method})`, `${prob(e.interval[0])}–${prob(e.interval[1])}`, r.medianMonth ?? ''];
    if (e && e.upperBound !== null) return [r.scenario, r.id, r.statement, `< ${prob(e.upperBound)} (${e.method})`, '', r.medianMonth ?? ''];
    return [r.scenario, r.id, r.statement, probabilityLabel(r.probability, r.hits, r.denominator), `${pct(r.ci95[0])}–${pct(r.ci95[1])}`, r.medianMonth ?? ''];
  };
  say(`\n${alignTable([head, ...rows.filter((r) => r.label === null).map(line)])}\n`);
  const labelled = rows.filter((r) => r.label !== null);
  if (labelled.length) {
    say('Not forecasts: identities of the inputs (a check of the claim\'s arithmetic) and claims that never vary over every input\'s 0.1–99.9% range');
    say('nor in the far tails the rare-event methods reach (forecast audit); a "<" bound is the last level subset simulation reached:');
    say(`${alignTable([[...head, 'label'], ...labelled.map((r) => [...line(r), r.label === 'identity' ? 'identity of the inputs' : 'decided by construction'])])}\n`);
  }
  // Which inputs jointly decide each rare claim: the top of its design point (rare-<claim>.json).
  const decided = rows.filter((r) => r.rare?.decidedBy?.length);
  if (decided.length) {
    say('Which inputs jointly decide the rare claims: the top 3 inputs of each design point (the most likely way the claim comes true), their values there (your quantile, share of β²);');
    say('"ray search": FORM did not converge (a margin with kinks or steps), and the point is approximate, at least as far out as the true one:');
    const beta = (e: RareEstimate): string => `${e.beta === null || e.beta === undefined ? 'n/a' : e.beta.toFixed(2)} (${e.designSource})`;
    say(`${alignTable([['scenario', 'claim', 'β (design point)', 'inputs at the design point'], ...decided.map((r) => [r.scenario, r.id, beta(r.rare as RareEstimate), decidedByText(r.rare!.decidedBy!)])])}\n`);
  }
  if (rows.some((r) => r.bound95 !== null && !r.rare)) say(`${EXTREME_NOTE}\n`);
  say(`results: ${out}`);
  say(`  ${flags.report ? 'report.html (open it in a browser), ' : ''}scorecard.csv, scorecard.json, and one folder per scenario`);
}
