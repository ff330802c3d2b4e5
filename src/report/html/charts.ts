import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { monthLabel } from '../calendar.js';
import type { ClaimResult, Result } from '../../result/resultSchema.js';

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
export const COLOURS = { blue: '#0072B2', sky: '#56B4E9', orange: '#E69F00', vermillion: '#D55E00', green: '#009E73', grey: '#666666' };
/** Okabe–Ito colours in the order overlays give them to runs (A, B, …; named assumption sets). */
export const PALETTE = [COLOURS.blue, COLOURS.orange, COLOURS.green, COLOURS.vermillion, COLOURS.sky, '#CC79A7', '#000000', COLOURS.grey];

type SeriesSummary = Result['series'][string];

/**
 * ECharts, loaded on the first chart drawn rather than with this module (which
 * the CLI's entry reaches through the sensitivity methods): its CommonJS build,
 * one file (~60 ms to load), where the ES module build is ~600 files (~300 ms).
 * Both are built from the same sources and draw the same SVG, byte for byte.
 */
let echartsLib: typeof Echarts | undefined;
function echarts(): typeof Echarts {
  return (echartsLib ??= createRequire(import.meta.url)('echarts') as typeof Echarts);
}

/** Renders an ECharts option to an SVG string on the server (no DOM, no JavaScript in the page). */
export function renderSvg(option: Echarts.EChartsCoreOption, width = 640, height = 300): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The stored band nearest to quantile q. */
export function band(s: SeriesSummary, q: number): { q: number; values: Array<number | null> } {
  return s.bands.reduce((best, b) => (Math.abs(b.q - q) < Math.abs(best.q - q) ? b : best));
}

/** True when a series spans more than two orders of magnitude and is positive, or asks for a log axis. */
export function wantsLog(s: SeriesSummary): boolean {
  const lo = band(s, 0.05).values, hi = band(s, 0.95).values;
  let min = Infinity, max = 0;
  for (let m = 0; m < lo.length; m++) {
    if (lo[m] !== null) min = Math.min(min, lo[m]!);
    if (hi[m] !== null) max = Math.max(max, hi[m]!);
  }
  if (!(min > 0)) return false;
  return s.logScale || max / min > 100;
}

/** A value for captions and labels: three significant digits, exponent for the very large and small. */
export const fmt = (v: number): string => {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6 || a < 1e-3) return v.toExponential(1);
  return Number(v.toPrecision(3)).toLocaleString('en-US');
};

/** Axis tick labels: short, distinct for the nice numbers ECharts picks (no 0.000999999 or repeated 0.003). */
export const tick = (v: number): string => {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6 || a < 1e-3) return Number(v.toPrecision(3)).toExponential().replace(/e\+?/, 'e');
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
};

/**
 * The x-axis title of a series over months, from the model's own words: a series
 * described as "… ordered in month m" is drawn against "month ordered", "… decided
 * in month m" against "month decided"; otherwise plain "month". Month 0's calendar
 * month is stated.
 * @example monthAxisTitle('wait for a turbine ordered in month m', '2026-02') // 'month ordered (month 0 = 2026-02)'
 */
export function monthAxisTitle(description: string, start: string): string {
  const m = /\b([a-z]+ed) in month m\b/i.exec(description);
  return `${m ? `month ${m[1].toLowerCase()}` : 'month'} (month 0 = ${monthLabel(start, 0)})`;
}

/** Ticks of a log10 axis over [lo, hi]: whole decades (every other one past six), or 1-2-5 steps when fewer than three decades show. */
export function logTicks(lo: number, hi: number): number[] {
  const all: number[] = [];
  for (let d = Math.floor(lo); d <= Math.ceil(hi); d++) for (const k of [1, 2, 5]) all.push(d + Math.log10(k));
  const inside = all.filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);
  const decades = inside.filter((v) => Number.isInteger(v));
  if (decades.length < 3) return inside;
  const step = Math.ceil(decades.length / 6);
  return decades.filter((v) => v % step === 0);
}

/** Nice axis bounds (a multiple of a 1-2-5 step) around [lo, hi]. */
export function niceRange(lo: number, hi: number): [number, number] {
  if (!(hi > lo)) return [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5];
  const raw = (hi - lo) / 5, mag = 10 ** Math.floor(Math.log10(raw)), f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

/**
 * A filled band between two curves as explicit polygons (one per run of months where
 * both edges exist), drawn by an ECharts custom series. Stacked areas are not used:
 * an area fills down to the axis origin, which on a log axis (values < 1 are negative
 * logs) draws bands from 1 instead of from their lower edge.
 */
export function bandSeries(name: string, xs: readonly number[], lo: ReadonlyArray<number | null>, hi: ReadonlyArray<number | null>, colour: string, opacity: number): Record<string, unknown> {
  const runs: Array<Array<[number, number, number]>> = [];
  let cur: Array<[number, number, number]> = [];
  for (let k = 0; k < xs.length; k++) {
    const a = lo[k], b = hi[k];
    if (a === null || b === null || a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) {
      if (cur.length) runs.push(cur);
      cur = [];
    } else cur.push([xs[k], a, b]);
  }
  if (cur.length) runs.push(cur);
  return {
    name, type: 'custom', silent: true, itemStyle: { color: colour, opacity }, z: 1,
    data: runs.map((_, i) => [i]),
    renderItem: (params: { dataIndex: number }, api: { coord(v: number[]): number[] }) => {
      const r = runs[params.dataIndex];
      // A single month is drawn as a vertical bar a few pixels wide.
      const pts = r.length === 1
        ? [[api.coord([r[0][0], r[0][2]])[0] - 2, api.coord([r[0][0], r[0][2]])[1]], [api.coord([r[0][0], r[0][2]])[0] + 2, api.coord([r[0][0], r[0][2]])[1]], [api.coord([r[0][0], r[0][1]])[0] + 2, api.coord([r[0][0], r[0][1]])[1]], [api.coord([r[0][0], r[0][1]])[0] - 2, api.coord([r[0][0], r[0][1]])[1]]]
        : [...r.map((p) => api.coord([p[0], p[2]])), ...r.slice().reverse().map((p) => api.coord([p[0], p[1]]))];
      return { type: 'polygon', shape: { points: pts }, style: { fill: colour, opacity } };
    },
  };
}

/**
 * A fan chart: the median, and the 50% and 90% bands over the months, with
 * the months that claims test and their thresholds marked. Bands are explicit
 * polygons (bandSeries). On a log axis the values are drawn as log10 with
 * labels 10^v and whole decades as ticks. The y range is set here (not by
 * ECharts) so that it covers the 90% band and the thresholds.
 */
export function fanChart(name: string, s: SeriesSummary, start: string, claims: readonly ClaimResult[], claimSpecs: ReadonlyArray<{ id: string; series?: string; at?: number; by?: number; below?: number; above?: number }>, xName = 'month'): { svg: string; log: boolean; caption: string } {
  const log = wantsLog(s);
  const t = (v: number | null): number | null => (v === null ? null : log ? (v > 0 ? Math.log10(v) : null) : v);
  const months = s.mean.map((_, m) => monthLabel(start, m));
  const q05 = band(s, 0.05), q25 = band(s, 0.25), q50 = band(s, 0.5), q75 = band(s, 0.75), q95 = band(s, 0.95);
  const marks = claimSpecs.filter((c) => c.series === name);
  const xs = months.map((_, m) => m);
  // Claim months: one line per month. Months closer than 4% of the axis share one label
  // (on the cluster's first line), so labels of neighbouring months do not print over
  // each other; a long list is shortened to a count (the caption names every claim month).
  const byMonth = new Map<number, string[]>();
  for (const c of marks) {
    const m = (c.at ?? c.by)!;
    if (m === undefined || m > months.length - 1) continue;
    byMonth.set(m, [...(byMonth.get(m) ?? []), c.id]);
  }
  const gap = Math.max(1, Math.ceil((months.length - 1) * 0.04));
  const sorted = [...byMonth].sort((a, b) => a[0] - b[0]);
  const markX: Array<Record<string, unknown>> = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1][0] - sorted[j][0] < gap) j++;
    const ids = sorted.slice(i, j + 1).flatMap(([, v]) => v), text = ids.join(', ');
    sorted.slice(i, j + 1).forEach(([m], k) => markX.push({
      xAxis: m,
      // The first month's label goes right of its line (left of it are the y-axis labels).
      label: k === 0 ? { formatter: text.length <= 30 ? text : `${ids.length} claims`, fontSize: 9, position: m < gap ? 'insideMiddleBottom' : 'insideMiddleTop' } : { show: false },
    }));
    i = j + 1;
  }
  const claimMonths = sorted.map(([m, ids]) => `${ids.join(', ')} at ${months[m]}`).join('; ');
  const thresholds = marks.flatMap((c) => [c.below, c.above].filter((v): v is number => v !== undefined)).filter((v, i, a) => a.indexOf(v) === i);
  // Threshold labels take turns along the line (start, middle, end), so close thresholds do not print over each other.
  // Threshold labels go where no claim-month line is (the start, end or middle of the
  // line), taking turns among the free places so that close thresholds do not overlap.
  const H = Math.max(1, months.length - 1);
  const places = ([['insideStartTop', 0, 0.18], ['insideEndTop', 0.82, 1], ['insideMiddleTop', 0.38, 0.62]] as const)
    .filter(([, a, b]) => !sorted.some(([m]) => m / H >= a && m / H <= b)).map(([p]) => p);
  const along = places.length ? places : ['insideStartTop', 'insideEndTop'];
  const markY = thresholds.filter((v) => !log || v > 0).sort((a, b) => a - b).map((v, i) => ({ yAxis: log ? Math.log10(v) : v, label: { formatter: `threshold ${fmt(v)}`, fontSize: 9, position: along[i % along.length] } }));
  let lo = Infinity, hi = -Infinity;
  for (const v of [...q05.values, ...q95.values, ...q50.values, ...thresholds]) {
    const tv = t(v);
    if (tv !== null && Number.isFinite(tv)) { lo = Math.min(lo, tv); hi = Math.max(hi, tv); }
  }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  const [yMin, yMax] = log ? (Math.ceil(hi) - Math.floor(lo) >= 1 ? [Math.floor(lo), Math.ceil(hi)] : niceRange(lo, hi)) : niceRange(lo, hi);
  const decades = log && Number.isInteger(yMin) && Number.isInteger(yMax) ? yMax - yMin : 0;
  const option = {
    title: { text: `${name} (${s.unit})`, subtext: s.description, left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11, width: 600, overflow: 'truncate' } },
    grid: { left: 70, right: 30, top: 88, bottom: 45 },
    legend: { top: 56, data: ['median', '50% band', '90% band'], textStyle: { fontSize: 11 } },
    xAxis: { type: 'value', min: 0, max: months.length - 1, axisLine: { onZero: false }, name: xName, nameLocation: 'middle', nameGap: 25, minInterval: 1, axisLabel: { fontSize: 10, hideOverlap: true, formatter: (v: number) => (Number.isInteger(v) ? months[v] ?? '' : '') } },
    yAxis: {
      type: 'value', name: log ? `${s.unit} (log scale)` : s.unit, nameLocation: 'middle', nameGap: 55, min: yMin, max: yMax,
      ...(decades >= 1 ? { interval: Math.max(1, Math.ceil(decades / 6)) } : {}),
      axisLabel: { fontSize: 10, formatter: (v: number) => (log ? tick(10 ** v) : tick(v)) },
    },
    series: [
      bandSeries('90% band', xs, q05.values.map(t), q95.values.map(t), COLOURS.sky, 0.3),
      bandSeries('50% band', xs, q25.values.map(t), q75.values.map(t), COLOURS.blue, 0.35),
      {
        name: 'median', type: 'line', data: q50.values.map((v, m) => [m, t(v)]), symbol: 'none', lineStyle: { color: COLOURS.blue, width: 2 }, itemStyle: { color: COLOURS.blue }, z: 3,
        markLine: markX.length + markY.length > 0 ? { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [...markX, ...markY] } : undefined,
      },
    ],
  };
  const last = s.mean.length - 1;
  const at = (b: typeof q05, m: number) => (b.values[m] === null ? 'n/a' : fmt(b.values[m]!));
  const caption = `Fan chart of ${name} in ${s.unit}, months ${months[0]} to ${months[last]}${log ? ', log scale' : ''}. Median ${at(q50, 0)} at ${months[0]} and ${at(q50, last)} at ${months[last]}; 90% band at ${months[0]}: ${at(q05, 0)} to ${at(q95, 0)}; at ${months[last]}: ${at(q05, last)} to ${at(q95, last)}.${claimMonths ? ` Claim months marked: ${claimMonths}.` : ''}`;
  return { svg: renderSvg(option), log, caption };
}

/** P(first passage by month m) for a first-passage claim, with its month marked and P(never) stated. */
export function whenChart(c: ClaimResult, byMonth: number, start: string): { svg: string; caption: string } {
  const months = (c.cdf ?? []).map((_, m) => monthLabel(start, m));
  const never = c.never === null || c.never === undefined ? 'n/a' : `${(c.never * 100).toFixed(1)}%`;
  const option = {
    title: { text: `When: ${c.id}`, subtext: `P(never within the horizon) = ${never}`, left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
    grid: { left: 60, right: 30, top: 60, bottom: 40 },
    xAxis: { type: 'category', data: months, name: 'month', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'P(true by month)', nameLocation: 'middle', nameGap: 40, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [{
      type: 'line', step: 'end', data: c.cdf, symbol: 'none', lineStyle: { color: COLOURS.orange, width: 2 }, areaStyle: { color: COLOURS.orange, opacity: 0.15 },
      markLine: { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [{ xAxis: monthLabel(start, byMonth), label: { formatter: `claim month ${monthLabel(start, byMonth)}`, fontSize: 9, position: 'insideEndTop' } }] },
    }],
  };
  const p = c.probability === null ? 'n/a' : `${(c.probability * 100).toFixed(1)}%`;
  return { svg: renderSvg(option), caption: `Probability that ${c.id} has come true by each month; ${p} by ${monthLabel(start, byMonth)}; median month ${c.medianLabel}; P(never within the horizon) ${never}.` };
}

/**
 * Convergence: each claim's probability and its 95% half-width against the
 * trajectories merged (log axes), from the history recorded at 1, 2, 4, 8, …
 * blocks; the precision target, when one was set, is marked. Claims whose
 * probability stayed 0 (or 1) throughout are flat lines with a zero
 * half-width: they are left out and named in `dropped`.
 */
export function convergenceCharts(cv: Result['convergence']): Array<{ svg: string; caption: string }> & { dropped?: string[] } {
  const h = cv.history;
  const out: Array<{ svg: string; caption: string }> & { dropped?: string[] } = [];
  if (h.length < 3 || h[0].claims.length === 0) return out;
  const all = h[0].claims.map((c) => c.id);
  const flat = (k: number) => h.every((p) => { const v = p.claims[k]?.probability; return v === null || v === undefined || v === 0 || v === 1; });
  const keep = all.map((_, k) => k).filter((k) => !flat(k));
  out.dropped = all.filter((_, k) => flat(k));
  if (keep.length === 0) return out;
  const palette = PALETTE;
  const line = (pick: (c: { probability: number | null; halfWidth: number | null }) => number | null) =>
    keep.map((k, j) => ({ name: all[k], type: 'line', symbolSize: 4, lineStyle: { color: palette[j % palette.length] }, itemStyle: { color: palette[j % palette.length] }, data: h.map((p) => [p.trajectories, pick(p.claims[k])]) }));
  const base = (title: string, yName: string, log: boolean) => ({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 30, top: 40, bottom: 80 },
    legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 10 } },
    xAxis: { type: 'log', name: 'trajectories', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10, formatter: tick } },
    yAxis: { type: log ? 'log' : 'value', name: yName, nameLocation: 'middle', nameGap: 50, axisLabel: { fontSize: 10, formatter: log ? tick : (v: number) => `${Math.round(v * 100)}%` }, ...(log ? {} : { min: 0, max: 1 }) },
  });
  const halfSeries = line((c) => (c.halfWidth !== null && c.halfWidth > 0 ? c.halfWidth : null));
  if (cv.target !== null) (halfSeries[0] as Record<string, unknown>).markLine = { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [{ yAxis: cv.target, label: { formatter: `target ${cv.target}`, fontSize: 9, position: 'insideEndTop' } }] };
  const last = h[h.length - 1];
  const summary = keep.map((k) => last.claims[k]).map((c) => `${c.id} ${c.probability === null ? 'n/a' : c.probability.toFixed(4)} ± ${c.halfWidth === null ? 'n/a' : c.halfWidth.toFixed(4)}`).join('; ');
  out.push(
    { svg: renderSvg({ ...base('Convergence: probability', 'probability', false), series: line((c) => c.probability) }), caption: `Each claim's probability after 1, 2, 4, … blocks; at ${last.trajectories.toLocaleString('en-US')} trajectories: ${summary}.` },
    {
      svg: renderSvg({ ...base('Convergence: 95% half-width', 'half-width (log scale)', true), series: halfSeries }),
      caption: `Each claim's 95% interval half-width against trajectories${cv.target !== null ? `; target ${cv.target} ${cv.met ? 'met' : 'not met'} after ${cv.trajectoriesUsed.toLocaleString('en-US')} trajectories` : ''}.`,
    },
  );
  return out;
}

/** A tornado chart: for each input (largest swing first) a bar from the output at its low quantile to the output at its high quantile, around the baseline. */
export function tornadoChart(t: { output: string; baseline: number; bars: Array<{ input: string; atLow: number; atHigh: number; swing: number }> }, kind: string): { svg: string; caption: string } {
  const bars = t.bars.filter((b) => Number.isFinite(b.swing)).slice(0, 12).reverse();
  const lows = bars.map((b) => Math.min(b.atLow, b.atHigh)), widths = bars.map((b) => Math.abs(b.atHigh - b.atLow));
  const option = {
    title: { text: `Tornado (${kind}): ${t.output}`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 170, right: 30, top: 40, bottom: 40 },
    xAxis: { type: 'value', scale: true, name: t.output, nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10, formatter: fmt } },
    yAxis: { type: 'category', data: bars.map((b) => b.input), axisLabel: { fontSize: 10 } },
    series: [
      { type: 'bar', stack: 't', data: lows, itemStyle: { color: 'transparent' }, silent: true },
      { type: 'bar', stack: 't', data: widths, itemStyle: { color: COLOURS.blue }, markLine: { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [{ xAxis: t.baseline, label: { formatter: `baseline ${fmt(t.baseline)}`, fontSize: 9, position: 'insideEndTop' } }] } },
    ],
  };
  const top = t.bars.slice(0, 3).map((b) => `${b.input} (${fmt(b.atLow)} to ${fmt(b.atHigh)})`).join(', ');
  return { svg: renderSvg(option, 640, Math.max(200, 60 + 22 * bars.length)), caption: `Tornado of ${t.output}, ${kind}: each input swung from its low to its high quantile; largest swings: ${top}. Baseline ${fmt(t.baseline)}.` };
}

/** A spider chart: the output's mean (a claim's probability) in each decile of an input, for the inputs with the largest partial rank correlation. */
export function spiderChart(o: { label: string; results: Array<{ input: string; prcc: number | null; bins: Array<number | null> }> }): { svg: string; caption: string } {
  const top = o.results.slice(0, 6);
  const palette = [COLOURS.blue, COLOURS.orange, COLOURS.green, COLOURS.vermillion, COLOURS.sky, '#CC79A7'];
  const option = {
    title: { text: `Spider: ${o.label} by input decile`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 30, top: 40, bottom: 75 },
    legend: { bottom: 0, textStyle: { fontSize: 10 } },
    xAxis: { type: 'category', data: Array.from({ length: 10 }, (_, k) => `${k * 10}-${k * 10 + 10}%`), name: 'input decile', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 9 } },
    yAxis: { type: 'value', scale: true, name: o.label, nameLocation: 'middle', nameGap: 45, axisLabel: { fontSize: 10, formatter: fmt } },
    series: top.map((r, k) => ({ name: r.input, type: 'line', data: r.bins, lineStyle: { color: palette[k] }, itemStyle: { color: palette[k] }, symbolSize: 4 })),
  };
  return { svg: renderSvg(option), caption: `Mean of ${o.label} in each tenth of the trajectories sorted by an input, for the ${top.length} inputs with the largest partial rank correlation (${top.map((r) => `${r.input} ${r.prcc !== null && Number.isFinite(r.prcc) ? r.prcc.toFixed(2) : 'n/a'}`).join(', ')}).` };
}

/** A sweep chart: every claim's probability, with its 95% interval as a band, against the pinned input's value (in its unit). Sized to fit a report card. */
export function sweepChart(input: string, rows: ReadonlyArray<{ value: number; claims: ReadonlyArray<{ id: string; probability: number | null; ci95: [number | null, number | null] }> }>, unit = ''): string {
  const ids = rows[0]?.claims.map((c) => c.id) ?? [];
  const palette = PALETTE;
  const xs = rows.map((r) => r.value);
  const [xMin, xMax] = xs.length ? niceRange(Math.min(...xs), Math.max(...xs)) : [0, 1];
  return renderSvg({
    title: { text: `Claim probabilities against ${input}`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 30, top: 40, bottom: 80 },
    legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 10 }, data: ids },
    xAxis: { type: 'value', min: xMin, max: xMax, name: unit ? `${input} (${unit})` : input, nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10, formatter: tick, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'probability', nameLocation: 'middle', nameGap: 40, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      ...ids.map((id, k) => bandSeries(`${id} 95% interval`, xs, rows.map((r) => r.claims[k].ci95[0]), rows.map((r) => r.claims[k].ci95[1]), palette[k % palette.length], 0.18)),
      ...ids.map((id, k) => ({ name: id, type: 'line', symbolSize: 5, z: 3, lineStyle: { color: palette[k % palette.length] }, itemStyle: { color: palette[k % palette.length] }, data: rows.map((r) => [r.value, r.claims[k].probability]) })),
    ],
  }, 640, 340);
}
