import { createDistribution, type DistributionSpec } from '../../distributions/registry.js';
import { monthLabel } from '../calendar.js';
import type { ClaimResult, Result } from '../../result/resultSchema.js';
import { COLOURS, convergenceCharts, fanChart, histogram, spiderChart, sweepChart, tornadoChart, whenChart } from './charts.js';
import type { Comparison } from '../../analysis/compare.js';
import { escapeHtml as h, sourceHtml } from './escape.js';
import { extremeBound, percent as pct, points, probabilityLabel } from '../format.js';
import { LIKELIHOOD_SCALE, verdict } from './verdict.js';
import type { SensitivityReport } from '../../analysis/runSensitivity.js';
import type { SobolSection } from '../../analysis/sobolSensitivity.js';

/** One scenario's result and the folder (relative to the page) that holds its files. */
export interface ReportEntry {
  result: Result;
  folder: string;
  /** sensitivity.json from the same run folder, when one was written there. */
  sensitivity?: SensitivityReport;
  /** compare.json and sweep.json, likewise. */
  comparison?: Comparison & { b: { label?: string } };
  sweep?: { input: string; trajectories: number; rows: Parameters<typeof sweepChart>[1] };
}

/** The What-if section: a comparison table and a sweep chart, when the run folder has them. */
function whatIfSection(e: ReportEntry): string {
  const parts: string[] = [];
  const c = e.comparison;
  if (c) {
    const rows = c.claims.map((x) => `<tr><td><code>${h(x.id)}</code></td><td class="num">${pct(x.a)}</td><td class="num">${pct(x.b)}</td><td class="num">${points(x.b - x.a)}</td><td class="num">${points(-x.ci95[1])} to ${points(-x.ci95[0])}</td></tr>`).join('');
    parts.push(`<h4>Comparison</h4><p class="note">A: ${h(c.a.name)}; B: ${h(c.b.label ?? c.b.name)}; ${c.trajectories.toLocaleString('en-US')} paired trajectories (common random numbers).</p><table><thead><tr><th>claim</th><th>A</th><th>B</th><th>B − A</th><th>95% interval</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  const s = e.sweep;
  if (s) parts.push(figure(sweepChart(s.input, s.rows), `Each claim's probability with ${s.input} pinned at ${s.rows.length} values, ${s.trajectories.toLocaleString('en-US')} trajectories each, common random numbers.`));
  return parts.length ? `<h3>What-if</h3>${parts.join('\n')}` : '';
}

const anchor = (name: string): string => `scenario-${name.replace(/[^a-z0-9-]/gi, '-')}`;

/** An index (0…1) as a bar with its 95% interval whisker; flagged when the interval includes zero. */
function indexBar(value: number, ci: [number, number], includesZero: boolean): string {
  const w = 140, x = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(1, v)) * w : 0);
  const label = includesZero ? `not distinguishable from 0 (95% interval ${ci[0].toFixed(3)} to ${ci[1].toFixed(3)})` : `${value.toFixed(3)} (95% interval ${ci[0].toFixed(3)} to ${ci[1].toFixed(3)})`;
  return `<svg class="bar" width="${w}" height="16" viewBox="0 0 ${w} 16" role="img" aria-label="${h(label)}"><title>${h(label)}</title>` +
    `<rect x="0" y="3" width="${w}" height="10" fill="#e6e6e6"/><rect x="0" y="3" width="${includesZero ? 0 : x(value).toFixed(1)}" height="10" fill="${COLOURS.green}"/>` +
    `<line x1="${x(ci[0]).toFixed(1)}" x2="${x(ci[1]).toFixed(1)}" y1="8" y2="8" stroke="${COLOURS.vermillion}" stroke-width="2"/></svg>`;
}

/** The Drivers section: Sobol indices per output, inputs ranked by total effect (top 12). */
function driversSection(rep: SensitivityReport): string {
  const parts: string[] = ['<h3>Drivers</h3>'];
  const t = rep.tornado;
  if (t) {
    const figs = [...t.deterministic.map((x) => tornadoChart(x, 'deterministic')), ...t.probabilistic.map((x) => tornadoChart(x, 'probabilistic'))];
    parts.push(`<p class="note">Tornado: inputs swung from their ${t.quantiles[0] * 100}% to their ${t.quantiles[1] * 100}% quantile. Deterministic: every other input at its median. Probabilistic: every other input still uncertain (${t.trajectories.toLocaleString('en-US')} trajectories, common random numbers).</p><div class="grid">${figs.map((f) => figure(f.svg, f.caption)).join('\n')}</div>`);
  }
  if (rep.rank) parts.push(`<div class="grid">${rep.rank.outputs.map((o) => spiderChart(o)).map((f) => figure(f.svg, f.caption)).join('\n')}</div>`);
  if (rep.breakeven) parts.push(`<p><strong>Breakeven:</strong> ${h(rep.breakeven.message)}.</p>`);
  if (rep.sobol) parts.push(sobolSection(rep.sobol));
  return parts.join('\n');
}

function sobolSection(rep: SobolSection): string {
  const blocks = rep.outputs.map((o) => {
    if (o.variance === null || o.variance === 0) return `<p class="note">${h(o.label)}: the output does not vary in the design; its indices are undefined.</p>`;
    const rows = o.indices.slice(0, 12).map((i) => `<tr><td><code>${h(i.input)}</code></td><td>${indexBar(i.ST, i.STci95, i.STincludesZero)}</td><td class="num">${i.STincludesZero ? '≈0 (n.s.)' : i.ST.toFixed(3)}</td><td>${indexBar(i.S1, i.S1ci95, i.S1includesZero)}</td><td class="num">${i.S1includesZero ? '≈0 (n.s.)' : i.S1.toFixed(3)}</td></tr>`).join('');
    return `<h4>${h(o.label)}</h4><table class="drivers"><thead><tr><th>input</th><th>total effect S<sub>T</sub> (95% interval)</th><th></th><th>first order S<sub>1</sub> (95% interval)</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  return `<p class="note">Sobol indices: the share of each output's variance due to an input alone (S<sub>1</sub>) and with all its interactions (S<sub>T</sub>); ${rep.rows.toLocaleString('en-US')} rows, ${rep.modelRuns.toLocaleString('en-US')} model runs; ${h(rep.estimators)}. "n.s.": the interval includes zero.</p>${rep.notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}${blocks.join('\n')}`;
}

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

function claimRows(claims: readonly ClaimResult[], scenario?: string): string {
  return claims
    .map((c) => `<tr>${scenario ? `<td><a href="#${anchor(scenario)}">${h(scenario)}</a></td>` : ''}<td><code>${h(c.id)}</code>${typeof c.definition.label === 'string' ? `<br><small>not a forecast: ${c.definition.label === 'identity' ? 'identity of the inputs' : 'decided by construction'}</small>` : ''}</td><td>${h(c.statement)}</td>` +
      `<td class="num">${h(probabilityLabel(c.probability, c.hits, c.denominator))}${extremeBound(c.hits, c.denominator) ? '<br><small>one-sided 95% bound, conditional on this model</small>' : ''}</td><td>${probabilityBar(c)}</td><td class="num">${pct(c.ci95[0])}–${pct(c.ci95[1])}</td>` +
      `<td>${h(verdict(c.probability))}</td><td class="num">${c.denominator.toLocaleString('en-US')}</td><td class="num">${h(c.medianLabel ?? '')}</td></tr>`)
    .join('\n');
}

function claimTable(rows: string, withScenario: boolean): string {
  return `<table class="claims"><thead><tr>${withScenario ? '<th>scenario</th>' : ''}<th>claim</th><th>statement</th><th>P</th><th>probability and 95% interval</th><th>95% interval</th><th>verdict</th><th>trajectories</th><th>median month</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** A small density plot of an input from its quantile function (100 equal-probability bins). */
function densitySparkline(spec: DistributionSpec): string {
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

function figure(svg: string, caption: string): string {
  return `<figure role="group"><div class="chart">${svg}</div><figcaption>${h(caption)}</figcaption></figure>`;
}

function scenarioSection(e: ReportEntry, standalone: boolean): string {
  const r = e.result;
  const start = r.scenario.start;
  const defs = r.claims.map((c) => ({ id: c.id, ...(c.definition as Record<string, number & string>) }));
  const charts: string[] = [];
  for (const [name, s] of Object.entries(r.series)) {
    const { svg, caption } = fanChart(name, s, start, r.claims, defs);
    charts.push(figure(svg, caption));
  }
  const when = r.claims.filter((c) => c.cdf).map((c) => {
    const { svg, caption } = whenChart(c, (c.definition as { by: number }).by, start);
    return figure(svg, caption);
  });
  const hists = Object.entries(r.scalars).map(([name, s]) => {
    const chart = histogram(name, s);
    return chart ? figure(chart.svg, chart.caption) : `<p class="note">${h(name)}: no spread to draw (all values equal or non-finite).</p>`;
  });
  const convergence = convergenceCharts(r.convergence).map((c) => figure(c.svg, c.caption));
  const nonFinite = Object.entries(r.nonFinite).filter(([, n]) => n > 0);
  const inputs = Object.entries(r.inputs).map(([name, i]) => `<tr><td><code>${h(name)}</code></td><td>${describeDistribution(i)}</td><td>${h(i.unit)}</td><td>${densitySparkline(i as DistributionSpec)}</td><td>${sourceHtml(String(i.source ?? ''))}</td><td>${h(i.rationale ?? '')}</td></tr>`).join('\n');
  const m = r.manifest;
  return `<section id="${anchor(r.scenario.name)}" class="scenario">
<h2>${h(r.scenario.name)}</h2>
<p class="description">${h(r.scenario.description)}</p>
<p class="meta">Model <code>${h(r.scenario.model)}</code>; month 0 is ${h(monthLabel(start, 0))}; horizon ${r.scenario.horizon} months (to ${h(monthLabel(start, r.scenario.horizon))}); ${m.trajectories.toLocaleString('en-US')} trajectories.${standalone ? '' : ` Files: <a href="${h(e.folder)}/result.json">result.json</a>, <a href="${h(e.folder)}/bands.csv">bands.csv</a>, <a href="${h(e.folder)}/claims.csv">claims.csv</a>.`}</p>
${r.claims.length ? `<h3>Claims</h3>${claimTable(claimRows(r.claims), false)}` : ''}
${nonFinite.length ? `<p class="note">Non-finite values (NaN or ±Infinity), excluded from bands and claims and counted: ${nonFinite.map(([k, n]) => `${h(k)} ${n.toLocaleString('en-US')}`).join(', ')}.</p>` : ''}
${charts.length ? `<h3>Over time</h3><div class="grid">${charts.join('\n')}</div>` : ''}
${when.length ? `<h3>When</h3><div class="grid">${when.join('\n')}</div>` : ''}
${hists.length ? `<h3>Scalars</h3><div class="grid">${hists.join('\n')}</div>` : ''}
${e.sensitivity ? driversSection(e.sensitivity) : ''}
${whatIfSection(e)}
${convergence.length ? `<h3>Convergence</h3><div class="grid">${convergence.join('\n')}</div>` : ''}
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

const CSS = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1rem 1.5rem;color:#222;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid ${COLOURS.blue};padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:1.5rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.num{text-align:right;white-space:nowrap}.grid{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;border:1px solid #e3e3e3;border-radius:4px;padding:.4rem;max-width:660px}figcaption{font-size:.75rem;color:#555;max-width:640px}
.note,.meta{font-size:.85rem;color:#555}.scale td{padding:.15rem .5rem}details{margin:.8rem 0}summary{cursor:pointer;font-weight:600}
nav ul{columns:3;font-size:.85rem}code{font-size:.85em}@media print{details{display:block}}`;

/**
 * The dashboard: one self-contained HTML page (inline CSS and SVG, no
 * JavaScript, no network request). With several entries it opens with the
 * scorecard of every claim and has a section per scenario. Every piece of text
 * from a scenario is escaped.
 */
export function renderReport(entries: readonly ReportEntry[], title: string): string {
  const many = entries.length > 1;
  const scale = LIKELIHOOD_SCALE.slice().reverse().map((s) => `<tr><td>${h(s.words)}</td><td>${h(s.range)}</td></tr>`).join('');
  const scorecard = many ? `<h2>Scorecard</h2>${claimTable(entries.map((e) => claimRows(e.result.claims, e.result.scenario.name)).join('\n'), true)}` : '';
  const nav = many ? `<nav><ul>${entries.map((e) => `<li><a href="#${anchor(e.result.scenario.name)}">${h(e.result.scenario.name)}</a></li>`).join('')}</ul></nav>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${h(title)}</h1>
<p class="meta">Monte Carlo forecast: each probability is the share of simulated trajectories in which the claim holds, with a 95% interval for the simulation error (Wilson). Verdict words follow the IPCC likelihood scale:</p>
<details><summary>Likelihood scale</summary><table class="scale"><tbody>${scale}</tbody></table></details>
${nav}</header>
<main>
${scorecard}
${entries.map((e) => scenarioSection(e, !many)).join('\n')}
</main>
<footer><p class="meta">Generated by forecast-engine ${h(entries[0]?.result.manifest.engineVersion ?? '')}. Bands are quantiles of the simulated values (DDSketch, 0.5% relative accuracy). Month labels are calendar months from each scenario's month 0.</p></footer>
</body></html>
`;
}
