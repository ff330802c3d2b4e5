import { monthLabel } from '../calendar.js';
import type { Result } from '../../result/resultSchema.js';
import { band, bandSeries, COLOURS, fmt, logTicks, niceRange, PALETTE, renderSvg, tick, wantsLog } from './charts.js';
import { densityOf, quantileOf, xAxisOf, type DensityCurve, type Distribution } from './density.js';

type SeriesSummary = Result['series'][string];

/** One run in an overlay: its label, its colour, and whether its median is dashed. */
export interface OverlayRun<T> { label: string; colour: string; dashed?: boolean; data: T }

/** Claim months and thresholds to mark on an overlay. */
export interface OverlayMarks { months?: readonly number[]; thresholds?: readonly number[] }

/**
 * Several runs' fan charts of one series on one axis: each run's 90% band as a
 * polygon in its colour (light, so that overlapping bands stay readable) and
 * its median as a line; a log axis when any run wants one and every run's 5%
 * quantile is positive. The legend names each run once (its median and band
 * share the name). Claim months and thresholds are marked.
 */
export function overlayFans(name: string, runs: ReadonlyArray<OverlayRun<SeriesSummary>>, start: string, marks: OverlayMarks = {}, opts: { bandOpacity?: number; height?: number; xName?: string } = {}): { svg: string; caption: string; log: boolean } {
  const positive = runs.every((r) => band(r.data, 0.05).values.every((v) => v === null || v > 0));
  const log = positive && runs.some((r) => wantsLog(r.data));
  const t = (v: number | null): number | null => (v === null ? null : log ? (v > 0 ? Math.log10(v) : null) : v);
  const months = runs[0].data.mean.map((_, m) => monthLabel(start, m));
  const xs = months.map((_, m) => m);
  const thresholds = (marks.thresholds ?? []).filter((v) => !log || v > 0);
  let lo = Infinity, hi = -Infinity;
  for (const r of runs) for (const q of [0.05, 0.95]) for (const v of band(r.data, q).values) { const tv = t(v); if (tv !== null && Number.isFinite(tv)) { lo = Math.min(lo, tv); hi = Math.max(hi, tv); } }
  for (const v of thresholds) { const tv = t(v)!; lo = Math.min(lo, tv); hi = Math.max(hi, tv); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  // On a log axis: the data's range (5% padding) with ticks at whole decades, or at 1-2-5 steps over fewer than three.
  const pad = (hi - lo) * 0.05 || 0.1;
  const [yMin, yMax] = log ? [lo - pad, hi + pad] : niceRange(lo, hi);
  const ticks = log ? logTicks(yMin, yMax) : null;
  const opacity = opts.bandOpacity ?? 0.12;
  const markLine = {
    symbol: 'none', lineStyle: { color: '#555', type: 'dotted' },
    data: [
      ...(marks.months ?? []).filter((m) => m < months.length).map((m) => ({ xAxis: m, label: { formatter: months[m], fontSize: 9, position: 'insideEndTop' } })),
      ...thresholds.map((v) => ({ yAxis: t(v)!, label: { formatter: `threshold ${fmt(v)}`, fontSize: 9, position: 'insideStartTop' } })),
    ],
  };
  const series = [
    ...runs.map((r, k) => ({
      name: r.label, type: 'line', data: band(r.data, 0.5).values.map((v, m) => [m, t(v)]), symbol: 'none', z: 3,
      lineStyle: { color: r.colour, width: 2, type: r.dashed ? 'dashed' : 'solid' }, itemStyle: { color: r.colour },
      ...(k === 0 && markLine.data.length ? { markLine } : {}),
    })),
    ...runs.map((r) => bandSeries(r.label, xs, band(r.data, 0.05).values.map(t), band(r.data, 0.95).values.map(t), r.colour, opacity)),
  ];
  const legendRows = Math.ceil(runs.reduce((w, r) => w + 40 + 7 * r.label.length, 0) / 560);
  const height = opts.height ?? 300 + 18 * Math.max(0, legendRows - 1);
  const top = 40 + 18 * legendRows;
  const option = {
    title: { text: `${name} (${runs[0].data.unit}): median and 90% band`, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 70, right: 30, top, bottom: 45 },
    legend: { top: 30, itemGap: 14, data: runs.map((r) => r.label), textStyle: { fontSize: 10 } },
    xAxis: { type: 'value', min: 0, max: months.length - 1, axisLine: { onZero: false }, name: opts.xName ?? 'month', nameLocation: 'middle', nameGap: 25, minInterval: 1, axisLabel: { fontSize: 10, hideOverlap: true, formatter: (v: number) => (Number.isInteger(v) ? months[v] ?? '' : '') } },
    yAxis: {
      type: 'value', min: yMin, max: yMax, name: log ? `${runs[0].data.unit} (log scale)` : runs[0].data.unit, nameLocation: 'middle', nameGap: 55, axisLine: { onZero: false },
      ...(ticks ? { axisTick: { customValues: ticks }, splitLine: { show: false } } : {}),
      axisLabel: { fontSize: 10, formatter: (v: number) => (log ? tick(10 ** v) : tick(v)), ...(ticks ? { customValues: ticks } : {}) },
    },
    series,
  };
  const at = (s: SeriesSummary, q: number, m: number): string => { const v = band(s, q).values[m]; return v === null || v === undefined ? 'n/a' : fmt(v); };
  const m = Math.min(...(marks.months?.length ? marks.months : [months.length - 1]), months.length - 1);
  const caption = `${name} (${runs[0].data.unit}), median and 90% band by month of each run${log ? ', log scale' : ''}; at ${months[m]}: ${runs.map((r) => `${r.label} ${at(r.data, 0.5, m)} (${at(r.data, 0.05, m)} to ${at(r.data, 0.95, m)})`).join('; ')}.`;
  return { svg: renderSvg(option, 640, height), caption, log };
}

/**
 * Overlay of two runs' fan charts of one series (A: shipped, B: edited): each
 * run's 90% band as a polygon and its median, on one axis (log when either
 * wants it), so a change shows as a shift of the band.
 */
export function overlayFanChart(name: string, a: SeriesSummary, b: SeriesSummary, labels: [string, string], start: string): { svg: string; caption: string } {
  const runs = [{ label: labels[0], colour: PALETTE[0], data: a }, { label: labels[1], colour: PALETTE[1], dashed: true, data: b }];
  const { svg } = overlayFans(name, runs, start, {}, { bandOpacity: 0.2 });
  const last = a.mean.length - 1, med = (s: SeriesSummary) => band(s, 0.5).values[last];
  return { svg, caption: `${name}: ${labels[0]} (blue, solid) and ${labels[1]} (orange, dashed), median and 90% band by month; median at ${monthLabel(start, last)}: ${med(a) === null ? 'n/a' : fmt(med(a)!)} and ${med(b) === null ? 'n/a' : fmt(med(b)!)}.` };
}

/** One run's first passage: P(by month m), m = 0…H, and P(never within the horizon). */
export interface Passage { cdf: ReadonlyArray<number | null>; never: number | null; medianLabel: string }

/**
 * Several runs' first-passage curves of one claim, P(true by month m), on one
 * axis, the claim's month marked; the caption gives each run's P by that month
 * and its median month.
 */
export function overlayPassage(id: string, runs: ReadonlyArray<OverlayRun<Passage>>, start: string, byMonth: number): { svg: string; caption: string } {
  const H = Math.max(...runs.map((r) => r.data.cdf.length)) - 1;
  const months = Array.from({ length: H + 1 }, (_, m) => monthLabel(start, m));
  const legendRows = Math.ceil(runs.reduce((w, r) => w + 40 + 7 * r.label.length, 0) / 560);
  const option = {
    title: { text: `When: ${id}, P(true by month)`, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 60, right: 30, top: 40 + 18 * legendRows, bottom: 45 },
    legend: { top: 30, itemGap: 14, data: runs.map((r) => r.label), textStyle: { fontSize: 10 } },
    xAxis: { type: 'value', min: 0, max: H, axisLine: { onZero: false }, name: 'month', nameLocation: 'middle', nameGap: 25, minInterval: 1, axisLabel: { fontSize: 10, hideOverlap: true, formatter: (v: number) => (Number.isInteger(v) ? months[v] ?? '' : '') } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'P(true by month)', nameLocation: 'middle', nameGap: 40, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: runs.map((r, k) => ({
      name: r.label, type: 'line', symbol: 'none', data: r.data.cdf.map((v, m) => [m, v]), lineStyle: { color: r.colour, width: 2, type: r.dashed ? 'dashed' : 'solid' }, itemStyle: { color: r.colour },
      ...(k === 0 && byMonth <= H ? { markLine: { symbol: 'none', lineStyle: { color: '#555', type: 'dotted' }, data: [{ xAxis: byMonth, label: { formatter: `claim month ${months[byMonth]}`, fontSize: 9, position: 'insideEndTop' } }] } } : {}),
    })),
  };
  const p = (v: number | null | undefined): string => (v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  const caption = `Probability that ${id} has come true by each month, per run; by ${months[Math.min(byMonth, H)]}: ${runs.map((r) => `${r.label} ${p(r.data.cdf[Math.min(byMonth, r.data.cdf.length - 1)])} (median month ${r.data.medianLabel}, never ${p(r.data.never)})`).join('; ')}.`;
  return { svg: renderSvg(option, 640, 300 + 18 * Math.max(0, legendRows - 1)), caption };
}

/** Overlay of two runs' densities of one scalar (A: shipped, B: edited) on one range and scale covering both bodies. */
export function overlayDensity(name: string, a: Distribution, b: Distribution, labels: [string, string]): { svg: string; caption: string } | null {
  const na = densityOf(a), nb = densityOf(b);
  if (!na && !nb) return null;
  const log = (na?.log ?? true) && (nb?.log ?? true);
  // Each body on the common scale, then both drawn over the union of the two.
  const body = (s: Distribution): DensityCurve | null => densityOf(s, { log });
  const ba = body(a), bb = body(b);
  const lo = Math.min(ba?.lo ?? Infinity, bb?.lo ?? Infinity), hi = Math.max(ba?.hi ?? -Infinity, bb?.hi ?? -Infinity);
  const da = ba && ba.from === 'histogram' ? densityOf(a, { log, lo, hi }) : ba, db = bb && bb.from === 'histogram' ? densityOf(b, { log, lo, hi }) : bb;
  const colour = [COLOURS.blue, COLOURS.orange];
  const axis: DensityCurve = { xs: [], ys: [], lo, hi, log: (da ?? db)!.log, from: 'histogram', bins: 0 };
  const option = {
    title: { text: `${name} (${a.unit}): ${labels[0]} and ${labels[1]}`, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 70, right: 30, top: 66, bottom: 45 },
    legend: { top: 34, data: labels, textStyle: { fontSize: 10 } },
    xAxis: xAxisOf(axis, a.unit),
    yAxis: { type: 'value', min: 0, name: axis.log ? 'density (per decade)' : 'density', nameLocation: 'middle', nameGap: 50, axisLine: { onZero: false }, axisLabel: { fontSize: 10, formatter: tick, showMaxLabel: false } },
    series: [da, db].map((d, k) => ({ name: labels[k], type: 'line', symbol: 'none', data: d ? d.xs.map((x, i) => [x, d.ys[i]]) : [], lineStyle: { color: colour[k], width: 2, type: k ? 'dashed' : 'solid' }, itemStyle: { color: colour[k] }, areaStyle: { color: colour[k], opacity: 0.12 } })),
  };
  const m = (s: Distribution): string => { const v = quantileOf(s, 0.5); return v === null ? 'n/a' : fmt(v); };
  return { svg: renderSvg(option, 560, 280), caption: `Density of ${name}: ${labels[0]} (blue, solid; median ${m(a)}) and ${labels[1]} (orange, dashed; median ${m(b)}).` };
}
