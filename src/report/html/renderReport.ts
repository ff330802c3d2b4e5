import { createDistribution, type DistributionSpec } from '../../distributions/registry.js';
import { monthLabel } from '../calendar.js';
import type { ClaimResult, Result } from '../../result/resultSchema.js';
import { COLOURS, convergenceCharts, fanChart, monthAxisTitle, whenChart } from './charts.js';
import { histogram, sCurve, seriesAt, type Distribution, type Threshold } from './density.js';
import { escapeHtml as h, sourceHtml } from './escape.js';
import { figure } from './figure.js';
import { claimScatters, type KeptRowsTable } from './scatter.js';
import { extremeBound, percent as pct, probabilityLabel } from '../format.js';
import { LIKELIHOOD_SCALE, verdict } from './verdict.js';
import { assumptionGroups, assumptionSetsSection, setsAnchor } from './assumptionSets.js';

/** A section an analysis renders for a scenario (e.g. Drivers, What-if): a heading and its HTML, placed after the Scalars. */
export interface ReportSection {
  id: string;
  title: string;
  /**
   * The section's trusted HTML (the analysis escapes what it takes from files).
   * Called while the page is drawn, in page order, so charts are numbered as
   * if the report had drawn them itself (ECharts numbers its instances).
   */
  render(): string;
}

/** One scenario's result and the folder (relative to the page) that holds its files. */
export interface ReportEntry {
  result: Result;
  folder: string;
  /** Sections from the analyses run in the same run folder (analysis/reportSections.ts). */
  sections?: readonly ReportSection[];
  /** A note under a claim's probability (trusted HTML from an analysis, e.g. a rare-event estimate). */
  claimNote?: (c: ClaimResult) => string;
  /** Kept trajectory rows (trajectories.csv), when the run kept some: claim scatters are drawn from them. */
  rows?: KeptRowsTable;
  /** In a folder run: the scenario of the same run this one extends (its named assumption sets are drawn side by side). */
  extends?: string;
}

const anchor = (name: string): string => `scenario-${name.replace(/[^a-z0-9-]/gi, '-')}`;

/** A probability bar with its 95% interval, as a small inline SVG with a text alternative. */
function probabilityBar(c: ClaimResult): string {
  const w = 160, x = (p: number | null) => (p === null ? 0 : Math.max(0, Math.min(1, p)) * w);
  const label = `${pct(c.probability)} (95% interval ${pct(c.ci95[0])} to ${pct(c.ci95[1])})`;
  return `<svg class="bar" width="${w}" height="16" viewBox="0 0 ${w} 16" role="img" aria-label="${h(label)}"><title>${h(label)}</title>` +
    `<rect x="0" y="3" width="${w}" height="10" fill="#e6e6e6"/><rect x="0" y="3" width="${x(c.probability).toFixed(1)}" height="10" fill="${COLOURS.blue}"/>` +
    `<line x1="${x(c.ci95[0]).toFixed(1)}" x2="${x(c.ci95[1]).toFixed(1)}" y1="8" y2="8" stroke="${COLOURS.vermillion}" stroke-width="2"/>` +
    `<line x1="${x(c.ci95[0]).toFixed(1)}" x2="${x(c.ci95[0]).toFixed(1)}" y1="4" y2="12" stroke="${COLOURS.vermillion}" stroke-width="2"/>` +
    `<line x1="${x(c.ci95[1]).toFixed(1)}" x2="${x(c.ci95[1]).toFixed(1)}" y1="4" y2="12" stroke="${COLOURS.vermillion}" stroke-width="2"/></svg>`;
}

function claimRows(claims: readonly ClaimResult[], scenario?: string, note?: (c: ClaimResult) => string): string {
  return claims
    .map((c) => `<tr>${scenario ? `<td><a href="#${anchor(scenario)}">${h(scenario)}</a></td>` : ''}<td><code>${h(c.id)}</code>${typeof c.definition.label === 'string' ? `<br><small>not a forecast: ${c.definition.label === 'identity' ? 'identity of the inputs' : 'decided by construction'}</small>` : ''}</td><td>${h(c.statement)}</td>` +
      `<td class="num">${h(probabilityLabel(c.probability, c.hits, c.denominator))}${extremeBound(c.hits, c.denominator) ? '<br><small>one-sided 95% bound, conditional on this model</small>' : ''}${note ? note(c) : ''}</td><td>${probabilityBar(c)}</td><td class="num">${h(`${pct(c.ci95[0])}–${pct(c.ci95[1])}`)}</td>` +
      `<td>${h(verdict(c.probability))}</td><td class="num">${c.denominator.toLocaleString('en-US')}</td><td class="num">${h(c.medianLabel ?? '')}</td></tr>`)
    .join('\n');
}

function claimTable(rows: string, withScenario: boolean): string {
  return `<table class="claims"><thead><tr>${withScenario ? '<th>scenario</th>' : ''}<th>claim</th><th>statement</th><th>P</th><th>probability and 95% interval</th><th>95% interval</th><th>verdict</th><th>trajectories</th><th>median month</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** A small density plot of an input from its quantile function (100 equal-probability bins). */
export function densitySparkline(spec: DistributionSpec): string {
  const w = 120, hgt = 28;
  let d;
  try {
    d = createDistribution(spec);
  } catch {
    return '';
  }
  const xs = Array.from({ length: 101 }, (_, k) => d.quantile(Math.min(Math.max(k / 100, 1e-6), 1 - 1e-6)));
  const lo = xs[0], hi = xs[100];
  if (!(hi > lo)) return `<svg width="${w}" height="${hgt}" role="img" aria-label="a fixed value"><title>a fixed value: ${h(lo)}</title><line x1="${w / 2}" x2="${w / 2}" y1="2" y2="${hgt}" stroke="${COLOURS.blue}" stroke-width="2"/></svg>`;
  const dens = xs.slice(0, 100).map((x, k) => 0.01 / Math.max(xs[k + 1] - x, (hi - lo) * 1e-4));
  const top = Math.max(...dens);
  const X = (v: number) => (((v - lo) / (hi - lo)) * w).toFixed(1);
  let path = `M0,${hgt}`;
  dens.forEach((v, k) => (path += ` L${X(xs[k])},${(hgt - (v / top) * (hgt - 2)).toFixed(1)} L${X(xs[k + 1])},${(hgt - (v / top) * (hgt - 2)).toFixed(1)}`));
  path += ` L${w},${hgt} Z`;
  const label = `density from ${lo.toPrecision(3)} to ${hi.toPrecision(3)}, median ${xs[50].toPrecision(3)}`;
  return `<svg width="${w}" height="${hgt}" viewBox="0 0 ${w} ${hgt}" role="img" aria-label="${h(label)}"><title>${h(label)}</title><path d="${path}" fill="${COLOURS.sky}" stroke="${COLOURS.blue}" stroke-width="0.8"/></svg>`;
}

function describeDistribution(spec: Record<string, unknown>): string {
  const { dist, unit: _u, source: _s, rationale: _r, components, ...params } = spec;
  if (dist === 'mixture' && Array.isArray(components)) {
    return `mixture: ${components.map((c: Record<string, unknown>) => `${h(c.weight)} × ${describeDistribution({ ...c, weight: undefined })}`).join(', ')}`;
  }
  return `${h(dist)}(${Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${h(k)} ${h(Array.isArray(v) ? v.join(', ') : v)}`).join(', ')})`;
}

type ScalarSummary = Result['scalars'][string];

const num = (v: number | null | undefined): string => {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e9 || a < 1e-3)) return v.toExponential(3);
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
};

/** The statistics table: one row per scalar (and per series at its last month): mean, sd, P5/P10/P50/P90/P95, min, max, count, non-finite. */
function statisticsTable(r: Result): string {
  const rows: string[] = [];
  const row = (name: string, unit: string, st: { mean: number | null; sd: number | null; min: number | null; max: number | null; count: number; nonFinite: number }, q: (p: number) => number | null) =>
    `<tr><td><code>${h(name)}</code></td><td>${h(unit)}</td>${[st.mean, st.sd, q(0.05), q(0.1), q(0.5), q(0.9), q(0.95), st.min, st.max].map((v) => `<td class="num">${num(v)}</td>`).join('')}<td class="num">${st.count.toLocaleString('en-US')}</td><td class="num">${st.nonFinite.toLocaleString('en-US')}</td></tr>`;
  for (const [name, sc] of Object.entries(r.scalars)) rows.push(row(name, sc.unit, sc, (p) => sc.percentiles[Math.round(p * 100)] ?? null));
  const last = r.scenario.horizon;
  for (const [name, se] of Object.entries(r.series)) {
    // The months claims test this series at, and the last month.
    const at = r.claims.map((c) => c.definition as { series?: string; at?: number }).filter((d) => d.series === name && typeof d.at === 'number').map((d) => d.at!);
    for (const m of [...new Set([...at, last])].filter((m) => m < se.mean.length).sort((a, b) => a - b)) {
      const q = (p: number) => se.bands.find((b) => Math.abs(b.q - p) < 1e-9)?.values[m] ?? null;
      rows.push(row(`${name} [${monthLabel(r.scenario.start, m)}]`, se.unit, { mean: se.mean[m], sd: se.sd[m], min: se.min[m], max: se.max[m], count: se.count[m], nonFinite: se.nonFinite[m] }, q));
    }
  }
  if (!rows.length) return '';
  return `<table class="stats"><thead><tr><th>output</th><th>unit</th><th>mean</th><th>sd</th><th>P5</th><th>P10</th><th>P50</th><th>P90</th><th>P95</th><th>min</th><th>max</th><th>count</th><th>non-finite</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>
<p class="note">Scalars over all trajectories; series at the months their claims test and at their last month (their fan charts show every month; bands.csv has them all). Quantiles from the sketch (0.5% relative accuracy); n/a where a series stores no such band.</p>`;
}

/** Thresholds of the claims on one scalar, or on a series at one month. */
function scalarThresholds(r: Result, name: string, month?: number): Threshold[] {
  const out: Threshold[] = [];
  for (const c of r.claims) {
    const d = c.definition as { scalar?: string; series?: string; at?: number; below?: number; above?: number };
    if (month === undefined ? d.scalar !== name : d.series !== name || d.at !== month) continue;
    for (const v of [d.below, d.above]) {
      if (typeof v !== 'number') continue;
      const t = out.find((x) => x.value === v);
      if (t) t.ids.push(c.id);
      else out.push({ value: v, ids: [c.id] });
    }
  }
  return out;
}

/** A banner for a run that did not finish or drew no trajectories; empty for a complete run. */
export function runStatusBanner(r: Result): string {
  if (r.manifest.trajectories === 0) return `<div class="banner failed" role="alert"><strong>This run failed: no trajectory completed.</strong> Every probability below is undetermined; nothing on this page is a forecast. See the run's error output, fix the cause and run again.</div>`;
  if (r.partial) return `<div class="banner partial" role="alert"><strong>Partial run: ${r.manifest.trajectories.toLocaleString('en-US')} trajectories completed${r.convergence.maxTrajectories ? ` of ${r.convergence.maxTrajectories.toLocaleString('en-US')} planned` : ''}.</strong> The run was interrupted; the numbers below cover only the trajectories completed and their intervals are wider. Resume the run folder (<code>forecast run --resume</code>) to finish.</div>`;
  return '';
}

function scenarioSection(e: ReportEntry, standalone: boolean): string {
  const r = e.result;
  const start = r.scenario.start;
  const defs = r.claims.map((c) => ({ id: c.id, ...(c.definition as Record<string, number & string>) }));
  const charts: string[] = [];
  for (const [name, s] of Object.entries(r.series)) {
    const { svg, caption } = fanChart(name, s, start, r.claims, defs, monthAxisTitle(s.description, start));
    charts.push(figure(svg, caption));
  }
  const when = r.claims.filter((c) => c.cdf).map((c) => {
    const { svg, caption } = whenChart(c, (c.definition as { by: number }).by, start);
    return figure(svg, caption);
  });
  const pair = (name: string, s: Distribution, th: Threshold[]): string => {
    const chart = histogram(name, s, th), cdf = sCurve(name, s, th);
    return chart ? `<div class="pair">${figure(chart.svg, chart.caption)}${cdf ? figure(cdf.svg, cdf.caption) : ''}</div>` : `<p class="note">${h(name)}: no spread to draw (all values equal or non-finite).</p>`;
  };
  const hists = Object.entries(r.scalars).map(([name, s]: [string, ScalarSummary]) => pair(name, s, scalarThresholds(r, name)));
  // Series at the months their claims test (when result.json stores their histograms).
  const atMonths = Object.entries(r.series).flatMap(([name, s]) => (s.histograms ?? []).map((x) => pair(`${name} [${monthLabel(start, x.month)}]`, seriesAt(s, x.month), scalarThresholds(r, name, x.month))));
  const cc = convergenceCharts(r.convergence);
  const convergence = cc.map((c) => figure(c.svg, c.caption));
  const dropped = cc.dropped?.length ? `<p class="note">Not drawn (probability 0 or 1 at every step, so a flat line with no interval): ${cc.dropped.map((d) => `<code>${h(d)}</code>`).join(', ')}.</p>` : '';
  const stats = statisticsTable(r);
  const scatters = e.rows ? claimScatters(r, e.rows).map((c) => figure(c.svg, c.caption)) : [];
  const nonFinite = Object.entries(r.nonFinite).filter(([, n]) => n > 0);
  const inputs = Object.entries(r.inputs).map(([name, i]) => `<tr><td><code>${h(name)}</code></td><td>${describeDistribution(i)}</td><td>${h(i.unit)}</td><td>${densitySparkline(i as DistributionSpec)}</td><td>${sourceHtml(String(i.source ?? ''))}</td><td>${h(i.rationale ?? '')}</td></tr>`).join('\n');
  const m = r.manifest;
  return `<section id="${anchor(r.scenario.name)}" class="scenario">
<h2>${h(r.scenario.name)}</h2>
${standalone ? "" : runStatusBanner(r)}
<p class="description">${h(r.scenario.description)}</p>
<p class="meta">Model <code>${h(r.scenario.model)}</code>; month 0 is ${h(monthLabel(start, 0))}; horizon ${r.scenario.horizon} months (to ${h(monthLabel(start, r.scenario.horizon))}); ${m.trajectories.toLocaleString('en-US')} trajectories.${standalone ? '' : ` Files: <a href="${h(e.folder)}/result.json">result.json</a>, <a href="${h(e.folder)}/bands.csv">bands.csv</a>, <a href="${h(e.folder)}/claims.csv">claims.csv</a>.`}</p>
${r.claims.length ? `<h3>Claims</h3>${claimTable(claimRows(r.claims, undefined, e.claimNote), false)}` : ''}
${nonFinite.length ? `<p class="note">Non-finite values (NaN or ±Infinity), excluded from bands and claims and counted: ${nonFinite.map(([k, n]) => `${h(k)} ${n.toLocaleString('en-US')}`).join(', ')}.</p>` : ''}
${charts.length ? `<h3>Over time</h3><div class="grid">${charts.join('\n')}</div>` : ''}
${when.length ? `<h3>When</h3><div class="grid">${when.join('\n')}</div>` : ''}
${stats ? `<h3>Statistics</h3>${stats}` : ''}
${hists.length ? `<h3>Scalars</h3><div class="grid">${hists.join('\n')}</div>` : ''}
${atMonths.length ? `<h3>At the claims' months</h3><div class="grid">${atMonths.join('\n')}</div>` : ''}
${scatters.length ? `<h3>Claims against their driving input</h3><div class="grid">${scatters.join('\n')}</div>` : ''}
${(e.sections ?? []).map((x) => `<h3>${h(x.title)}</h3>${x.render()}`).join('\n')}
${convergence.length || dropped ? `<details class="convergence"><summary>Convergence (${convergence.length} charts)</summary>${dropped}<div class="grid">${convergence.join('\n')}</div></details>` : ''}
<details><summary>Inputs (${Object.keys(r.inputs).length})</summary>
<table class="inputs"><thead><tr><th>input</th><th>distribution</th><th>unit</th><th>density</th><th>source</th><th>rationale</th></tr></thead><tbody>
${inputs}
</tbody></table></details>
<details><summary>Manifest</summary><table class="manifest"><tbody>
<tr><th>engine version</th><td>${h(m.engineVersion)}</td></tr><tr><th>seed</th><td>${m.seed}</td></tr><tr><th>trajectories</th><td>${m.trajectories.toLocaleString('en-US')}</td></tr>
<tr><th>sampler</th><td>${h(m.sampler)}${m.replicates ? ` (${m.replicates} independent replicates)` : ''}</td></tr>
<tr><th>correlations</th><td>${m.correlations.length ? m.correlations.map((c) => `${h(c.a)}–${h(c.b)} ${c.rho.toFixed(3)}`).join(', ') : 'none'}</td></tr><tr><th>block size</th><td>${m.blockSize} (${m.blocks} blocks)</td></tr><tr><th>scenario SHA-256</th><td><code>${h(m.scenarioSha256)}</code></td></tr>
<tr><th>run time</th><td>${r.run.wallSeconds.toFixed(2)} s, ${Math.round(r.run.trajectoriesPerSecond).toLocaleString('en-US')} trajectories/s, ${r.run.workers} worker(s), ${h(r.run.backend)}</td></tr>
<tr><th>run at</th><td>${h(r.run.startedAt)} on Node ${h(r.run.node)}</td></tr></tbody></table></details>
</section>`;
}

/** The page's stylesheet (the live dashboard of `forecast serve` reuses it). */
export const CSS = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1rem 1.5rem;color:#222;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid ${COLOURS.blue};padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:1.5rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.num{text-align:right;white-space:nowrap}.grid{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;border:1px solid #e3e3e3;border-radius:4px;padding:.4rem;max-width:660px}figcaption{font-size:.75rem;color:#555;max-width:640px}
.note,.meta{font-size:.85rem;color:#555}.scale td{padding:.15rem .5rem}details{margin:.8rem 0}summary{cursor:pointer;font-weight:600}
nav ul{columns:3;font-size:.85rem}code{font-size:.85em}.pair{display:flex;flex-wrap:wrap;gap:.5rem}.pair figure{max-width:500px}
.banner{padding:.6rem .9rem;border-radius:4px;margin:.6rem 0;font-size:.95rem}.banner.partial{background:#fff4d6;border:1px solid ${COLOURS.orange}}.banner.failed{background:#fde2d6;border:1px solid ${COLOURS.vermillion}}
table.stats td.num,table.sets td.num{font-variant-numeric:tabular-nums}.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border-radius:2px}.chart svg{max-width:100%;height:auto}
@page{margin:12mm}
@media print{body{max-width:none;padding:0;font-size:10pt}details{display:block}details>summary{list-style:none}details::details-content{content-visibility:visible;display:block;height:auto}
h2{break-before:page;margin-top:0}header+main>h2:first-child{break-before:auto}figure,tr,.banner{break-inside:avoid}
figure{max-width:100%;border:none}.grid{display:block}.grid figure{display:inline-block;vertical-align:top;width:48%}nav{display:none}a{color:inherit;text-decoration:none}}`;

/** One scenario's section of the report (with its own status banner), for pages that embed it (`forecast serve`). */
export function renderScenarioSection(e: ReportEntry): string {
  return scenarioSection(e, false).replace(/ Files: <a href=[^]*?claims\.csv<\/a>\./, '');
}

/**
 * The dashboard: one self-contained HTML page (inline CSS and SVG, no
 * JavaScript, no network request). With several entries it opens with the
 * scorecard of every claim and has a section per scenario. Every piece of text
 * from a scenario is escaped.
 */
export function renderReport(entries: readonly ReportEntry[], title: string): string {
  const many = entries.length > 1;
  const unfinished = entries.filter((e) => e.result.partial || e.result.manifest.trajectories === 0);
  const topBanner = unfinished.length ? (many ? `<div class="banner ${unfinished.some((e) => e.result.manifest.trajectories === 0) ? 'failed' : 'partial'}" role="alert"><strong>Not a complete forecast:</strong> ${unfinished.map((e) => `<a href="#${anchor(e.result.scenario.name)}">${h(e.result.scenario.name)}</a> ${e.result.manifest.trajectories === 0 ? 'failed (no trajectory)' : `is partial (${e.result.manifest.trajectories.toLocaleString('en-US')} trajectories)`}`).join('; ')}.</div>` : runStatusBanner(unfinished[0].result)) : '';
  const scale = LIKELIHOOD_SCALE.slice().reverse().map((s) => `<tr><td>${h(s.words)}</td><td>${h(s.range)}</td></tr>`).join('');
  const scorecard = many ? `<h2>Scorecard</h2>${claimTable(entries.map((e) => claimRows(e.result.claims, e.result.scenario.name, e.claimNote)).join('\n'), true)}` : '';
  const groups = many ? assumptionGroups(entries) : [];
  const nav = many ? `<nav><ul>${groups.map((g) => `<li><a href="#${setsAnchor(g[0].result.scenario.name)}">Named assumption sets: ${h(g[0].result.scenario.name)}</a></li>`).join('')}${entries.map((e) => `<li><a href="#${anchor(e.result.scenario.name)}">${h(e.result.scenario.name)}</a></li>`).join('')}</ul></nav>` : '';
  const sets = groups.map((g) => assumptionSetsSection(g, anchor)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${h(title)}</h1>
<p class="meta">Monte Carlo forecast: each probability is the share of simulated trajectories in which the claim holds, with a 95% interval for the simulation error (Wilson). Verdict words follow the IPCC likelihood scale:</p>
<details><summary>Likelihood scale</summary><table class="scale"><tbody>${scale}</tbody></table></details>
${topBanner}
${nav}</header>
<main>
${scorecard}
${sets}
${entries.map((e) => scenarioSection(e, !many)).join('\n')}
</main>
<footer><p class="meta">Generated by forecast-engine ${h(entries[0]?.result.manifest.engineVersion ?? '')}. Bands are quantiles of the simulated values (DDSketch, 0.5% relative accuracy). Month labels are calendar months from each scenario's month 0.</p></footer>
</body></html>
`;
}
