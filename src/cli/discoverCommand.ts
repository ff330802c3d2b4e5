import path from 'node:path';
import { z } from 'zod';
import { runDiscover, type DiscoverReport } from '../analysis/discovery/runDiscover.js';
import { runId } from '../report/runFolder.js';
import { writeClaimAnalysis } from './analysisFile.js';
import { InputError } from '../errors.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { alignTable } from './claimTable.js';
import { claimAnalysisFlags, decimal, parseFlags, wholeNumber } from './flags.js';

const flagsSchema = z.object({
  ...claimAnalysisFlags,
  points: wholeNumber(100, 1_000_000).default(5000),
  alpha: decimal(0, 0.5).default(0.05),
  minCoverage: decimal(0, 1).default(0.5),
  range: z.array(z.string()).default([]),
  explore: z.enum(['range', 'inputs'], { error: 'must be range or inputs' }).default('range'),
});

/** `--range name=lo:hi` (repeatable): an exploratory range the user states for one input. */
function parseRanges(items: readonly string[], inputs: readonly string[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const item of items) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([^:]+):([^:]+)$/.exec(item.trim());
    const lo = m ? Number(m[2]) : NaN, hi = m ? Number(m[3]) : NaN;
    if (!m || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new InputError(`--range ${JSON.stringify(item)}: must be name=low:high with low < high`);
    if (!inputs.includes(m[1])) throw new InputError(`--range ${JSON.stringify(item)}: ${m[1]} is not an input of this scenario`);
    out[m[1]] = [lo, hi];
  }
  return out;
}

const v = (x: number | null): string => (x === null ? '' : Number(x.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 }));
const pc = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The printed summary of discover.json. */
export function discoverSummary(r: DiscoverReport): string {
  const out = [`${r.scenario.name}: ${r.claim.id}: scenario discovery (PRIM) on ${r.design.points.toLocaleString('en-US')} points (${r.design.method}); the claim holds at ${r.design.hits.toLocaleString('en-US')}`, ''];
  const t = [['box', 'coverage', 'density', 'mass', 'inputs restricted']];
  const step = Math.max(1, Math.ceil(r.trajectory.length / 12));
  r.trajectory.forEach((b, i) => {
    if (i % step === 0 || i === r.chosenIndex || i === r.trajectory.length - 1) t.push([`${i}${i === r.chosenIndex ? ' (chosen)' : ''}`, pc(b.coverage), pc(b.density), pc(b.mass), String(b.restricted)]);
  });
  out.push('peeling trajectory:', alignTable(t), '');
  if (r.box.restrictions.length > 0) {
    const rows = [['input', 'min', 'max', 'unit', 'explored range', 'quasi-p', 'stability']];
    for (const x of r.box.restrictions) rows.push([x.input, v(x.min), v(x.max), x.unit, `${v(x.range[0])} – ${v(x.range[1])}`, x.quasiP < 1e-4 ? '<1e-4' : x.quasiP.toPrecision(2), `${Math.round(x.stability * 100)}%`]);
    out.push(`chosen box after pasting (coverage ${pc(r.box.coverage)}, density ${pc(r.box.density)}):`, alignTable(rows), '');
  }
  out.push(r.sentence);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

/** `forecast discover <scenario> --claim <id>`: the region of inputs where a claim holds (PRIM). */
export async function discoverCommand(file: string, raw: Record<string, unknown>): Promise<void> {
  const f = parseFlags(flagsSchema, raw);
  const { scenario, model } = await resolveScenarioFile(file, { set: f.set, seed: f.seed });
  const ranges = parseRanges(f.range, Object.keys(scenario.inputs));
  const report = await runDiscover(scenario, model, { claim: f.claim, points: f.points, alpha: f.alpha, minCoverage: f.minCoverage, workers: f.workers, ranges, explore: f.explore });
  const dir = path.resolve(f.out ?? path.join('results', scenario.name, `${runId(new Date(), scenario.sha256, scenario.seed, f.points)}-discover-${f.claim}`));
  const out = writeClaimAnalysis(dir, f.force, 'discover', f.claim, report);
  if (f.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${discoverSummary(report)}\n\nresults: ${out}\n`);
}
