import path from 'node:path';
import { z } from 'zod';
import { runRare, type RareReport } from '../analysis/rare/runRare.js';
import { runId } from '../report/runFolder.js';
import { writeClaimAnalysis } from './analysisFile.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { alignTable } from './claimTable.js';
import { claimAnalysisFlags, decimal, parseFlags, wholeNumber } from './flags.js';
import { smallProbability as prob, percentileLabel as percentile } from '../report/rareFormat.js';

const flagsSchema = z.object({
  ...claimAnalysisFlags,
  budget: wholeNumber(1000, 10_000_000).default(50_000),
  p0: decimal(0.01, 0.5, { max: true }).default(0.1),
});

/** A value for the terminal: 3 significant digits. */
const val = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 }) : String(x));

/** The printed summary of rare.json. */
export function rareSummary(r: RareReport): string {
  const s = r.subset, f = r.form, is = r.importance;
  const out: string[] = [`${r.scenario.name}: ${r.claim.id}: ${r.claim.statement}`, ''];
  const rows = [['method', 'estimate', '95% interval', 'CoV', 'model runs', 'detail']];
  const susCov = s.cov !== null ? `${s.cov.toFixed(2)}–${s.covUpper!.toFixed(2)}` : '';
  rows.push([
    'subset simulation',
    s.probability !== null ? prob(s.probability) : s.upperBound !== null ? `< ${prob(s.upperBound)}` : 'n/a',
    s.interval ? `${prob(s.interval[0])} – ${prob(s.interval[1])}` : '',
    susCov,
    s.modelRuns.toLocaleString('en-US'),
    `${s.levels.length} levels of ${s.samplesPerLevel.toLocaleString('en-US')}, p0 ${s.p0}`,
  ]);
  rows.push(['FORM', f.probability !== null ? prob(f.probability) : 'n/a', '', '', f.modelRuns.toLocaleString('en-US'), f.beta !== null ? `β = ${f.beta.toFixed(2)}, ${f.source}` : 'no design point']);
  if (is) rows.push(['importance sampling', prob(is.probability), `${prob(is.interval[0])} – ${prob(is.interval[1])}`, is.cov !== null ? is.cov.toFixed(2) : '', is.modelRuns.toLocaleString('en-US'), `${is.hits.toLocaleString('en-US')} hits, ESS ${Math.round(is.effectiveSampleSize).toLocaleString('en-US')}`]);
  out.push(alignTable(rows));
  if (r.designPoint.length > 0) {
    out.push('', `What would have to be true (the design point: the most likely way the claim comes true${f.source === 'ray search' ? ', approximated by a ray search through subset-simulation samples' : ''}):`);
    const t = [['input', 'value', 'unit', 'your quantile', 'median', 'importance α²']];
    for (const d of r.designPoint) if (d.alpha2 >= 0.001 || r.designPoint.length <= 12) t.push([d.input, val(d.value), d.unit, percentile(d.level), val(d.median), `${(d.alpha2 * 100).toFixed(1)}%`]);
    out.push(alignTable(t));
    const small = r.designPoint.filter((d) => d.alpha2 < 0.001).length;
    if (small > 0 && r.designPoint.length > 12) out.push(`(${small} more inputs with importance below 0.1% stay near their medians)`);
  }
  if (s.cov !== null) out.push('', 'Subset simulation\'s CoV is given from Au & Beck\'s estimate (levels independent) to its upper bound (levels fully correlated); its interval uses the upper bound.');
  for (const n of [...s.notes, ...f.notes, ...r.notes]) out.push(`note: ${n}`);
  out.push(`dependence: ${r.dependence}; ${r.modelRuns.toLocaleString('en-US')} model runs in all (budget ${r.budget.toLocaleString('en-US')})`);
  return out.join('\n');
}

/** `forecast rare <scenario> --claim <id>`: rare-event probability and "what would have to be true". */
export async function rareCommand(file: string, raw: Record<string, unknown>): Promise<void> {
  const f = parseFlags(flagsSchema, raw);
  const { scenario, model } = await resolveScenarioFile(file, { set: f.set, seed: f.seed });
  const report = await runRare(scenario, model, {
    claim: f.claim, budget: f.budget, p0: f.p0, workers: f.workers,
    onProgress: (m) => process.stderr.isTTY && process.stderr.write(`${m}…\n`),
  });
  const dir = path.resolve(f.out ?? path.join('results', scenario.name, `${runId(new Date(), scenario.sha256, scenario.seed, f.budget)}-rare-${f.claim}`));
  const file_ = writeClaimAnalysis(dir, f.force, 'rare', f.claim, report);
  if (f.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${rareSummary(report)}\n\nresults: ${file_}\n`);
}
