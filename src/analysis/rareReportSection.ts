import type { RareReport } from './rare/runRare.js';
import type { DiscoverReport } from './discovery/runDiscover.js';
import { COLOURS, renderSvg } from '../report/html/charts.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { smallProbability as prob, percentileLabel as pctile } from '../report/rareFormat.js';

const val = (x: number | null): string => (x === null || !Number.isFinite(x) ? '' : Number(x.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 }));

function figure(svg: string, caption: string): string {
  return `<figure role="group"><div class="chart">${svg}</div><figcaption>${h(caption)}</figcaption></figure>`;
}

/** How far each input of the design point sits from its median, in quantile points (level − 0.5), sorted by importance. */
function shiftChart(r: RareReport): string {
  const rows = r.designPoint.filter((d) => d.alpha2 >= 0.005).slice(0, 15).reverse();
  const option = {
    title: { text: `What would have to be true: ${r.claim.id}`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 190, right: 30, top: 40, bottom: 45 },
    xAxis: { type: 'value', min: -50, max: 50, name: 'quantile points from the median (your P50)', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'category', data: rows.map((d) => `${d.input} (${(d.alpha2 * 100).toFixed(0)}%)`), axisLabel: { fontSize: 10 } },
    series: [{ type: 'bar', data: rows.map((d) => ({ value: Number(((d.level - 0.5) * 100).toFixed(2)), itemStyle: { color: d.level < 0.5 ? COLOURS.blue : COLOURS.orange } })) }],
  };
  return figure(renderSvg(option, 640, Math.max(200, 80 + 22 * rows.length)), `Each input at the design point, as its quantile under the scenario minus 50 (bars left: lower than the median; right: higher), for the inputs carrying at least 0.5% of β² (their importance α² in brackets).`);
}

/** One rare.json: the estimates and the design point table and chart. */
function rareBlock(r: RareReport): string {
  const s = r.subset, f = r.form, is = r.importance;
  const rows = [
    `<tr><td>subset simulation</td><td class="num">${s.probability !== null ? prob(s.probability) : s.upperBound !== null ? `&lt; ${prob(s.upperBound)}` : 'n/a'}</td><td class="num">${s.interval ? `${prob(s.interval[0])} – ${prob(s.interval[1])}` : ''}</td><td class="num">${s.modelRuns.toLocaleString('en-US')}</td><td>${s.levels.length} levels of ${s.samplesPerLevel.toLocaleString('en-US')}</td></tr>`,
    `<tr><td>FORM</td><td class="num">${prob(f.probability)}</td><td></td><td class="num">${f.modelRuns.toLocaleString('en-US')}</td><td>${f.beta !== null ? `β = ${f.beta.toFixed(2)} (${h(f.source)})` : 'no design point'}</td></tr>`,
    is ? `<tr><td>importance sampling</td><td class="num">${prob(is.probability)}</td><td class="num">${prob(is.interval[0])} – ${prob(is.interval[1])}</td><td class="num">${is.modelRuns.toLocaleString('en-US')}</td><td>ESS ${Math.round(is.effectiveSampleSize).toLocaleString('en-US')}</td></tr>` : '',
  ].join('');
  const table = `<table><thead><tr><th>method</th><th>estimate</th><th>95% interval</th><th>model runs</th><th>detail</th></tr></thead><tbody>${rows}</tbody></table>`;
  const dp = r.designPoint.filter((d) => d.alpha2 >= 0.001).map((d) => `<tr><td><code>${h(d.input)}</code></td><td class="num">${val(d.value)}</td><td>${h(d.unit)}</td><td class="num">${pctile(d.level)}</td><td class="num">${val(d.median)}</td><td class="num">${(d.alpha2 * 100).toFixed(1)}%</td></tr>`).join('');
  const notes = [...s.notes, ...f.notes, ...r.notes].map((n) => `<p class="note">${h(n)}</p>`).join('');
  return `<h4><code>${h(r.claim.id)}</code>: ${h(r.claim.statement)}</h4>${table}
${r.designPoint.length ? `<div class="grid">${shiftChart(r)}<div><table class="drivers"><thead><tr><th>input</th><th>value</th><th>unit</th><th>your quantile</th><th>median</th><th>importance α²</th></tr></thead><tbody>${dp}</tbody></table></div></div>` : ''}
${notes}`;
}

/** The peeling trajectory (coverage against density) and the chosen box against each input's explored range. */
function discoverBlock(d: DiscoverReport): string {
  const traj = renderSvg({
    title: { text: `PRIM peeling trajectory: ${d.claim.id}`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 30, top: 40, bottom: 45 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'coverage', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'density', nameLocation: 'middle', nameGap: 40, axisLabel: { fontSize: 10 } },
    series: [
      { type: 'line', data: d.trajectory.map((t) => [t.coverage, t.density]), lineStyle: { color: COLOURS.grey }, itemStyle: { color: COLOURS.blue }, symbolSize: 4 },
      { type: 'scatter', data: [[d.box.coverage, d.box.density]], itemStyle: { color: COLOURS.vermillion }, symbolSize: 10 },
    ],
  });
  const rs = d.box.restrictions.slice().reverse();
  const frac = (x: number, r: [number, number]) => (r[1] > r[0] ? Math.max(0, Math.min(1, (x - r[0]) / (r[1] - r[0]))) : 0);
  const boxes = rs.length ? renderSvg({
    title: { text: 'The box against each input\'s explored range', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 190, right: 30, top: 40, bottom: 45 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'share of the explored range (0.1%–99.9% quantiles)', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'category', data: rs.map((r) => r.input), axisLabel: { fontSize: 10 } },
    series: [
      { type: 'bar', stack: 'b', data: rs.map((r) => frac(r.min ?? r.range[0], r.range)), itemStyle: { color: 'transparent' }, silent: true },
      { type: 'bar', stack: 'b', data: rs.map((r) => frac(r.max ?? r.range[1], r.range) - frac(r.min ?? r.range[0], r.range)), itemStyle: { color: COLOURS.green } },
    ],
  }, 640, Math.max(160, 80 + 26 * rs.length)) : '';
  const rows = d.box.restrictions.map((r) => `<tr><td><code>${h(r.input)}</code></td><td class="num">${val(r.min)}</td><td class="num">${val(r.max)}</td><td>${h(r.unit)}</td><td class="num">${val(r.range[0])} – ${val(r.range[1])}</td><td class="num">${r.quasiP < 1e-4 ? '&lt;1e-4' : r.quasiP.toPrecision(2)}</td><td class="num">${Math.round(r.stability * 100)}%</td></tr>`).join('');
  return `<h4>Where <code>${h(d.claim.id)}</code> holds (PRIM)</h4><p>${h(d.sentence)}</p>
<div class="grid">${figure(traj, `Coverage and density of each box as PRIM peels (α = ${d.alpha}); the chosen box, after pasting, in red. ${d.design.points.toLocaleString('en-US')} points, the claim holds at ${d.design.hits.toLocaleString('en-US')}.`)}${boxes ? figure(boxes, 'Each restriction of the chosen box as a share of the input\'s explored range.') : ''}</div>
${rows ? `<table><thead><tr><th>input</th><th>min</th><th>max</th><th>unit</th><th>explored range</th><th>quasi-p</th><th>stability</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${d.notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}`;
}

/** The report's "What would have to be true" section, from the rare.json and discover.json files of a run folder. */
export function rareSection(rare: readonly RareReport[] | undefined, discover: readonly DiscoverReport[] | undefined): string {
  if (!rare?.length && !discover?.length) return '';
  return `
<p class="note">Rare-event estimates (subset simulation, FORM, importance sampling in the inputs' standard normal space) and the design point: the most likely combination of inputs under which the claim comes true, each input's value there, its quantile under the scenario, and its share of the reliability index (importance α²).</p>
${(rare ?? []).map(rareBlock).join('\n')}
${(discover ?? []).map(discoverBlock).join('\n')}`;
}

/**
 * Under a claim's plain probability in the claim tables: the rare-event estimate
 * from a rare.json of that claim, when the plain run had fewer than 10 hits. A
 * conditional claim's estimate (of P(claim and condition)) is divided by the
 * plain run's share of trajectories meeting the condition.
 */
export function rareNote(c: { id: string; hits: number; denominator: number }, trajectories: number, rare: readonly RareReport[] | undefined): string {
  const r = rare?.find((x) => x.claim.id === c.id);
  if (!r || c.hits >= 10) return '';
  const div = r.claim.given ? c.denominator / trajectories : 1;
  const f = (x: number) => prob(Math.min(1, x / div));
  if (r.best) return `<br><small title="rare-event estimate (${h(r.best.method)}), ${r.modelRuns.toLocaleString('en-US')} model runs">rare-event: ${f(r.best.probability)} [${f(r.best.interval[0])}, ${f(r.best.interval[1])}] (${h(r.best.method)})</small>`;
  if (r.subset.upperBound !== null) return `<br><small>rare-event: &lt; ${f(r.subset.upperBound)} (subset simulation)</small>`;
  return '';
}
