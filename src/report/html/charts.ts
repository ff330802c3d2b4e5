import * as echarts from 'echarts';
import { monthLabel } from '../calendar.js';
import type { ClaimResult, Result } from '../../result/resultSchema.js';

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
export const COLOURS = { blue: '#0072B2', sky: '#56B4E9', orange: '#E69F00', vermillion: '#D55E00', green: '#009E73', grey: '#666666' };

type SeriesSummary = Result['series'][string];
type ScalarSummary = Result['scalars'][string];

/** Renders an ECharts option to an SVG string on the server (no DOM, no JavaScript in the page). */
export function renderSvg(option: echarts.EChartsCoreOption, width = 640, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The stored band nearest to quantile q. */
function band(s: SeriesSummary, q: number): { q: number; values: Array<number | null> } {
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

const fmt = (v: number): string => {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6 || a < 1e-3) return v.toExponential(1);
  return Number(v.toPrecision(3)).toLocaleString('en-US');
};

/**
 * A fan chart: the median, and the 50% and 90% bands over the months, with
 * the months that claims test and their thresholds marked. On a log axis the
 * values are drawn as log10 (so stacked bands stay correct) with labels 10^v.
 */
export function fanChart(name: string, s: SeriesSummary, start: string, claims: readonly ClaimResult[], claimSpecs: ReadonlyArray<{ id: string; series?: string; at?: number; by?: number; below?: number; above?: number }>): { svg: string; log: boolean; caption: string } {
  const log = wantsLog(s);
  const t = (v: number | null): number | null => (v === null ? null : log ? (v > 0 ? Math.log10(v) : null) : v);
  const months = s.mean.map((_, m) => monthLabel(start, m));
  const q05 = band(s, 0.05), q25 = band(s, 0.25), q50 = band(s, 0.5), q75 = band(s, 0.75), q95 = band(s, 0.95);
  const diff = (a: typeof q05, b: typeof q05) => a.values.map((v, m) => (v === null || b.values[m] === null ? null : t(v)! - t(b.values[m])!));
  const marks = claimSpecs.filter((c) => c.series === name);
  const markX = marks.map((c) => ({ xAxis: monthLabel(start, (c.at ?? c.by)!), label: { formatter: c.id, fontSize: 9, position: 'insideEndTop' } }));
  const markY = marks.flatMap((c) => [c.below, c.above].filter((v): v is number => v !== undefined)).filter((v, i, a) => a.indexOf(v) === i).map((v) => ({ yAxis: log ? Math.log10(v) : v, label: { formatter: `threshold ${fmt(v)}`, fontSize: 9, position: 'insideEndTop' } }));
  const option = {
    title: { text: `${name} (${s.unit})`, subtext: s.description, left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
    grid: { left: 70, right: 30, top: 88, bottom: 45 },
    legend: { top: 56, data: ['median', '50% band', '90% band'], textStyle: { fontSize: 11 } },
    xAxis: { type: 'category', data: months, name: 'decision month', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10 } },
    yAxis: {
      type: 'value', name: log ? `${s.unit} (log scale)` : s.unit, nameLocation: 'middle', nameGap: 55, scale: true,
      axisLabel: { fontSize: 10, formatter: (v: number) => (log ? fmt(10 ** v) : fmt(v)) },
    },
    series: [
      { name: '90% band', type: 'line', data: q05.values.map(t), stack: 'b90', lineStyle: { opacity: 0 }, symbol: 'none', silent: true, itemStyle: { color: COLOURS.sky } },
      { name: '90% band', type: 'line', data: diff(q95, q05), stack: 'b90', lineStyle: { opacity: 0 }, areaStyle: { color: COLOURS.sky, opacity: 0.25 }, symbol: 'none', itemStyle: { color: COLOURS.sky } },
      { name: '50% band', type: 'line', data: q25.values.map(t), stack: 'b50', lineStyle: { opacity: 0 }, symbol: 'none', silent: true, itemStyle: { color: COLOURS.blue } },
      { name: '50% band', type: 'line', data: diff(q75, q25), stack: 'b50', lineStyle: { opacity: 0 }, areaStyle: { color: COLOURS.blue, opacity: 0.35 }, symbol: 'none', itemStyle: { color: COLOURS.blue } },
      {
        name: 'median', type: 'line', data: q50.values.map(t), symbol: 'none', lineStyle: { color: COLOURS.blue, width: 2 }, itemStyle: { color: COLOURS.blue },
        markLine: markX.length + markY.length > 0 ? { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [...markX, ...markY] } : undefined,
      },
    ],
  };
  const last = s.mean.length - 1;
  const at = (b: typeof q05, m: number) => (b.values[m] === null ? 'n/a' : fmt(b.values[m]!));
  const caption = `Fan chart of ${name} in ${s.unit}, months ${months[0]} to ${months[last]}${log ? ', log scale' : ''}. Median ${at(q50, 0)} at ${months[0]} and ${at(q50, last)} at ${months[last]}; 90% band at ${months[last]}: ${at(q05, last)} to ${at(q95, last)}.${claims.length ? '' : ''}`;
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
 * A histogram of a scalar from its percentiles: 20 bins between the 0th, 5th,
 * 10th … 100th percentiles, each holding 5% of the finite values, so a bin's
 * height is 0.05/width (a density). Coarser than the 101 stored percentiles on
 * purpose: the sketch resolves values to 0.5%, and narrower bins would draw that
 * quantization as spikes. The 5%, 50% and 95% quantiles are marked.
 */
export function histogram(name: string, s: ScalarSummary): { svg: string; caption: string } | null {
  const p = s.percentiles;
  if (p.some((v) => v === null) || p[100]! - p[0]! <= 0) return null;
  const points: Array<[number, number]> = [];
  for (let k = 0; k < 100; k += 5) {
    const w = p[k + 5]! - p[k]!;
    if (w > 0) points.push([p[k]!, 0.05 / w]);
  }
  if (points.length === 0) return null;
  points.push([p[100]!, points[points.length - 1][1]]);
  const marks = [5, 50, 95].map((k) => ({ xAxis: p[k]!, label: { formatter: `q${k / 100}: ${fmt(p[k]!)}`, fontSize: 9, position: 'insideEndTop' } }));
  const option = {
    title: { text: `${name} (${s.unit})`, subtext: s.description, left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
    grid: { left: 60, right: 30, top: 60, bottom: 40 },
    xAxis: { type: 'value', scale: true, name: s.unit, nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10, formatter: fmt } },
    yAxis: { type: 'value', name: 'density', nameLocation: 'middle', nameGap: 45, axisLabel: { fontSize: 10, formatter: fmt } },
    series: [{
      type: 'line', step: 'end', data: points, symbol: 'none', lineStyle: { color: COLOURS.green }, areaStyle: { color: COLOURS.green, opacity: 0.25 },
      markLine: { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: marks },
    }],
  };
  return { svg: renderSvg(option, 480, 260), caption: `Histogram of ${name} (${s.unit}) in 20 equal-probability bins: 5% quantile ${fmt(p[5]!)}, median ${fmt(p[50]!)}, 95% quantile ${fmt(p[95]!)}.` };
}

/**
 * Convergence: each claim's probability and its 95% half-width against the
 * trajectories merged (log axes), from the history recorded at 1, 2, 4, 8, …
 * blocks; the precision target, when one was set, is marked.
 */
export function convergenceCharts(cv: Result['convergence']): Array<{ svg: string; caption: string }> {
  const h = cv.history;
  if (h.length < 3 || h[0].claims.length === 0) return [];
  const ids = h[0].claims.map((c) => c.id);
  const palette = [COLOURS.blue, COLOURS.orange, COLOURS.green, COLOURS.vermillion, COLOURS.sky, '#CC79A7', '#000000', COLOURS.grey];
  const line = (pick: (c: { probability: number | null; halfWidth: number | null }) => number | null) =>
    ids.map((id, k) => ({ name: id, type: 'line', symbolSize: 4, lineStyle: { color: palette[k % palette.length] }, itemStyle: { color: palette[k % palette.length] }, data: h.map((p) => [p.trajectories, pick(p.claims[k])]) }));
  const base = (title: string, yName: string, log: boolean) => ({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 30, top: 40, bottom: 80 },
    legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 10 } },
    xAxis: { type: 'log', name: 'trajectories', nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10 } },
    yAxis: { type: log ? 'log' : 'value', name: yName, nameLocation: 'middle', nameGap: 50, axisLabel: { fontSize: 10 }, ...(log ? {} : { min: 0, max: 1 }) },
  });
  const halfSeries = line((c) => (c.halfWidth !== null && c.halfWidth > 0 ? c.halfWidth : null));
  if (cv.target !== null) (halfSeries[0] as Record<string, unknown>).markLine = { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [{ yAxis: cv.target, label: { formatter: `target ${cv.target}`, fontSize: 9, position: 'insideEndTop' } }] };
  const last = h[h.length - 1];
  const summary = last.claims.map((c) => `${c.id} ${c.probability === null ? 'n/a' : c.probability.toFixed(4)} ± ${c.halfWidth === null ? 'n/a' : c.halfWidth.toFixed(4)}`).join('; ');
  return [
    { svg: renderSvg({ ...base('Convergence: probability', 'probability', false), series: line((c) => c.probability) }), caption: `Each claim's probability after 1, 2, 4, … blocks; at ${last.trajectories.toLocaleString('en-US')} trajectories: ${summary}.` },
    {
      svg: renderSvg({ ...base('Convergence: 95% half-width', 'half-width (log scale)', true), series: halfSeries }),
      caption: `Each claim's 95% interval half-width against trajectories${cv.target !== null ? `; target ${cv.target} ${cv.met ? 'met' : 'not met'} after ${cv.trajectoriesUsed.toLocaleString('en-US')} trajectories` : ''}.`,
    },
  ];
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

/** A sweep chart: every claim's probability (with its 95% interval as a band) against the pinned input's value. */
export function sweepChart(input: string, rows: ReadonlyArray<{ value: number; claims: ReadonlyArray<{ id: string; probability: number | null; ci95: [number | null, number | null] }> }>): string {
  const ids = rows[0]?.claims.map((c) => c.id) ?? [];
  const palette = [COLOURS.blue, COLOURS.orange, COLOURS.green, COLOURS.vermillion, COLOURS.sky, '#CC79A7', '#000000', COLOURS.grey];
  return renderSvg({
    title: { text: `Claim probabilities against ${input}`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 30, top: 40, bottom: 80 },
    legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 10 } },
    xAxis: { type: 'value', scale: true, name: input, nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10, formatter: fmt } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'probability', nameLocation: 'middle', nameGap: 40, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: ids.map((id, k) => ({ name: id, type: 'line', symbolSize: 5, lineStyle: { color: palette[k % palette.length] }, itemStyle: { color: palette[k % palette.length] }, data: rows.map((r) => [r.value, r.claims[k].probability]) })),
  }, 720, 360);
}
