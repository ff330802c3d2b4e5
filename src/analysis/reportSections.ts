import { sweepChart } from '../report/html/charts.js';
import { overlayDensity, overlayFanChart } from '../report/html/overlays.js';
import type { Result } from '../result/resultSchema.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { figure } from '../report/html/figure.js';
import type { ReportSection } from '../report/html/renderReport.js';
import { percent as pct, points } from '../report/format.js';
import type { AnalysisSections } from '../report/writeReport.js';
import type { Comparison } from './compare.js';
import { driversHtml, type SensitivityReport } from './registry.js';
import type { SweepRow } from './sweep.js';
import type { RareReport } from './rare/runRare.js';
import type { DiscoverReport } from './discovery/runDiscover.js';
import { rareNote, rareSection } from './rareReportSection.js';

/** compare.json as the compare command writes it (B may carry a label). */
type CompareFile = Comparison & { b: { label?: string } };
/** sweep.json. */
interface SweepFile {
  input: string;
  trajectories: number;
  rows: SweepRow[];
}

/** compare-runs.json: each side's bands and percentiles. */
type RunSide = Pick<Result, 'series' | 'scalars'> & { name: string; start: string };
interface CompareRuns { trajectories: number; a?: RunSide; b?: RunSide }

/** A and B overlaid: a fan chart per shared series (both 90% bands and medians) and a density per shared scalar. */
function overlaysHtml(runs: CompareRuns): string {
  const { a, b } = runs;
  if (!a || !b) return '';
  const labels: [string, string] = ['A', 'B'];
  const figs = [
    ...Object.keys(a.series).filter((k) => b.series[k]).map((k) => overlayFanChart(k, a.series[k], b.series[k], labels, a.start)),
    ...Object.keys(a.scalars).filter((k) => b.scalars[k]).map((k) => overlayDensity(k, a.scalars[k], b.scalars[k], labels)).filter((x): x is { svg: string; caption: string } => x !== null),
  ].map((c) => figure(c.svg, c.caption));
  return figs.length ? `<h4>A and B overlaid</h4><p class="note">A: ${h(a.name)}; B: ${h(b.name)}; ${runs.trajectories.toLocaleString('en-US')} trajectories each, same seed.</p><div class="grid">${figs.join('\n')}</div>` : '';
}

/** The What-if section body: a comparison table (with A and B overlaid) and a sweep chart, when the run folder has them. */
function whatIfHtml(c: CompareFile | undefined, s: SweepFile | undefined, unit = '', runs?: CompareRuns): string {
  const parts: string[] = [];
  if (c) {
    const rows = c.claims.map((x) => `<tr><td><code>${h(x.id)}</code></td><td class="num">${pct(x.a)}</td><td class="num">${pct(x.b)}</td><td class="num">${points(x.b - x.a)}</td><td class="num">${points(-x.ci95[1])} to ${points(-x.ci95[0])}</td></tr>`).join('');
    parts.push(`<h4>Comparison</h4><p class="note">A: ${h(c.a.name)}; B: ${h(c.b.label ?? c.b.name)}; ${c.trajectories.toLocaleString('en-US')} paired trajectories (common random numbers).</p><table><thead><tr><th>claim</th><th>A</th><th>B</th><th>B − A</th><th>95% interval</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  if (c && runs) parts.push(overlaysHtml(runs));
  if (s) parts.push(figure(sweepChart(s.input, s.rows, unit), `Each claim's probability with ${s.input} pinned at ${s.rows.length} values, ${s.trajectories.toLocaleString('en-US')} trajectories each, common random numbers.`));
  return parts.join('\n');
}

/**
 * The report sections the analyses add to a run folder's page: Drivers (from
 * sensitivity.json, each method drawing its own part: registry.ts) and What-if
 * (compare.json, sweep.json). Pass to writeReport.
 */
export const analysisSections: AnalysisSections = (read, files, trajectories) => {
  const out: ReportSection[] = [];
  const sensitivity = read<SensitivityReport>('sensitivity.json');
  if (sensitivity) out.push({ id: 'drivers', title: 'Drivers', render: () => `\n${driversHtml(sensitivity)}` });
  const c = read<CompareFile>('compare.json'), s = read<SweepFile>('sweep.json');
  const unit = s ? String(read<{ inputs?: Record<string, { unit?: string }> }>('result.json')?.inputs?.[s.input]?.unit ?? '') : '';
  const runs = c ? read<CompareRuns>('compare-runs.json') : undefined;
  if (c || s) out.push({ id: 'what-if', title: 'What-if', render: () => whatIfHtml(c, s, unit, runs) });
  // rare.json / rare-<claim>.json and discover.json / discover-<claim>.json, in name order.
  const all = <T>(prefix: string): T[] => files().filter((f) => f === `${prefix}.json` || (f.startsWith(`${prefix}-`) && f.endsWith('.json'))).map((f) => read<T>(f)!);
  const rare = all<RareReport>('rare'), discover = all<DiscoverReport>('discover');
  if (rare.length || discover.length) out.push({ id: 'what-would-have-to-be-true', title: 'What would have to be true', render: () => rareSection(rare, discover) });
  return { sections: out, claimNote: rare.length ? (claim) => rareNote(claim, trajectories, rare) : undefined };
};
