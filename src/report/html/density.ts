import erfc from '@stdlib/math-base-special-erfc';
import type { Histogram, Result } from '../../result/resultSchema.js';
import { COLOURS, fmt, logTicks, renderSvg, tick } from './charts.js';
import { cdfAt, smoothedDensity } from './percentileDensity.js';

/** What a density chart needs: a scalar's summary, or a series' at one month (seriesAt). */
export interface Distribution {
  unit: string;
  description: string;
  count: number;
  min: number | null;
  max: number | null;
  /** The 0th…100th percentiles (scalars; older result.json files have no histogram, and the density is then smoothed from these). */
  percentiles?: ReadonlyArray<number | null>;
  /** Quantiles from the sketch at the scenario's levels (a series' bands at the month). */
  quantiles?: ReadonlyArray<{ q: number; value: number | null }>;
  /** The sketch's bucket counts (result.json's `histogram`): the density is drawn from these when present. */
  histogram?: Histogram | null;
}

/** A series at one month as a Distribution (its histogram if result.json stores one for that month). */
export function seriesAt(s: Result['series'][string], month: number): Distribution {
  return {
    unit: s.unit, description: s.description, count: s.count[month], min: s.min[month], max: s.max[month],
    quantiles: s.bands.map((b) => ({ q: b.q, value: b.values[month] ?? null })), histogram: s.histograms?.find((h) => h.month === month) ?? null,
  };
}

/** A scalar's claim thresholds (claims on that scalar with `below`/`above`), with the claim ids. */
export type Threshold = { value: number; ids: string[] };

/**
 * A density on its drawing scale: xs are values (log10 of values on a log
 * scale), ys the density per unit of that scale (per decade on a log scale),
 * over [lo, hi] on the same scale.
 */
export interface DensityCurve { xs: number[]; ys: number[]; lo: number; hi: number; log: boolean; from: 'histogram' | 'percentiles'; bins: number }

const phi = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/**
 * A histogram on a drawing scale t (the value, or its log10): bins [a_k, b_k)
 * with probabilities p_k, the mass uniform within a bin, and the exact zeros
 * as a point mass p0 at 0. On a log scale, zeros and bins reaching 0 or below
 * are off the scale: their share is `below`, counted under every x.
 */
export class Binned {
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly p: number[] = [];
  readonly p0: number;
  readonly below: number;
  readonly n: number;
  readonly t: (x: number) => number;

  constructor(h: Histogram, readonly log: boolean) {
    this.t = log ? Math.log10 : (x: number) => x;
    this.n = h.counts.reduce((s, c) => s + c, 0) + h.zeros;
    this.p0 = this.n > 0 ? h.zeros / this.n : 0;
    let below = log ? this.p0 : 0;
    h.counts.forEach((c, k) => {
      if (log && h.edges[k] <= 0) {
        below += this.n > 0 ? c / this.n : 0;
        return;
      }
      this.a.push(this.t(h.edges[k]));
      this.b.push(this.t(h.edges[k + 1]));
      this.p.push(this.n > 0 ? c / this.n : 0);
    });
    this.below = below;
  }

  /** P(X ≤ x), x on the drawing scale. */
  cdf(x: number): number {
    let s = this.log ? this.below : x >= 0 ? this.p0 : 0;
    for (let k = 0; k < this.p.length; k++) {
      if (x >= this.b[k]) s += this.p[k];
      else if (x > this.a[k]) s += (this.p[k] * (x - this.a[k])) / (this.b[k] - this.a[k]);
    }
    return Math.min(1, s);
  }

  /** The q-quantile on the drawing scale (the smallest x with cdf(x) ≥ q, by bisection; 0 when q falls on the exact zeros). */
  quantile(q: number): number {
    if (!this.log && this.p0 > 0) {
      const c0 = this.cdf(0);
      if (q > c0 - this.p0 && q <= c0) return 0;
    }
    let lo = Math.min(this.a[0], this.log ? Infinity : 0), hi = Math.max(this.b[this.b.length - 1], this.log ? -Infinity : 0);
    for (let i = 0; i < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)); i++) {
      const mid = (lo + hi) / 2;
      if (this.cdf(mid) >= q) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

/**
 * The density from a histogram of the sketch's buckets, lightly smoothed: each
 * bin's mass, uniform over the bin, convolved with a Gaussian kernel whose
 * bandwidth is the larger of Silverman's rule, 0.9·min(sd, IQR/1.34)·n^(−1/5)
 * on the drawing scale, times Abramson's adaptive factor √(g/f̃) (f̃ a pilot
 * estimate at the bin, g its geometric mean; kept within [0.85, 3]), and half
 * the bin's width (so that neighbouring bins join without steps; the sketch's
 * buckets are 0.78% wide). Exact zeros are a
 * point mass, not drawn (the caption states it). The range is the body: 1st to
 * 99th percentile widened by 10% of that span on each side, clipped to
 * [min, max]; `log` draws on log10 (per decade) when the histogram's scale is
 * log or when asked, if every value is positive. `lo`/`hi` (on the drawing
 * scale) override the range (overlays).
 */
export function histogramDensity(h: Histogram, opts: { log?: boolean; lo?: number; hi?: number; min?: number | null; max?: number | null; gridPoints?: number } = {}): DensityCurve | null {
  if (h.counts.length === 0 || !h.counts.some((c) => c > 0)) return null;
  // A log scale needs positive values: the histogram's own log scale (≥ 99% positive), or one asked for where all are.
  const log = opts.log ?? h.scale === 'log' ? h.scale === 'log' || (h.zeros === 0 && h.edges[0] > 0) : false;
  const B = new Binned(h, log);
  if (!B.p.some((p) => p > 0)) return null;
  const t = B.t, last = B.b.length - 1;
  const tMin = opts.min !== undefined && opts.min !== null && (!log || opts.min > 0) ? t(opts.min) : B.a[0];
  const tMax = opts.max !== undefined && opts.max !== null && (!log || opts.max > 0) ? t(opts.max) : B.b[last];
  const q01 = B.quantile(0.01), q99 = B.quantile(0.99), pad = (q99 - q01) * 0.1;
  let lo = opts.lo ?? Math.max(tMin, q01 - pad), hi = opts.hi ?? Math.min(tMax, q99 + pad);
  if (!(hi > lo)) [lo, hi] = [Math.min(B.a[0], tMin), Math.max(B.b[last], tMax)];
  if (!(hi > lo)) return null;
  // Moments of the binned values (bins only: the zero atom is not drawn), on the drawing scale.
  let mass = 0, mean = 0;
  for (let k = 0; k <= last; k++) { mass += B.p[k]; mean += B.p[k] * (B.a[k] + B.b[k]) / 2; }
  mean /= mass;
  let v = 0;
  for (let k = 0; k <= last; k++) v += B.p[k] * (((B.a[k] + B.b[k]) / 2 - mean) ** 2 + (B.b[k] - B.a[k]) ** 2 / 12);
  const sd = Math.sqrt(v / mass), iqr = B.quantile(0.75) - B.quantile(0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  const n = B.n * mass;
  const h0 = Math.max(0.9 * spread * Math.max(n, 100) ** -0.2, (hi - lo) * 1e-3);
  // A pilot estimate at each bin's centre, then Abramson's square-root law: narrower kernels
  // where the density is high, wider in the sparse tails (λ kept within [0.85, 3]: never much
  // narrower than Silverman's, where sampling noise would draw bumps).
  const fixed = B.a.map((a, k) => Math.max(h0, 0.5 * (B.b[k] - a)));
  const pilot = B.a.map((a, k) => smooth(B, fixed, (a + B.b[k]) / 2));
  let logG = 0;
  for (let k = 0; k <= last; k++) if (B.p[k] > 0 && pilot[k] > 0) logG += (B.p[k] / mass) * Math.log(pilot[k]);
  const g = Math.exp(logG);
  const hs = B.a.map((a, k) => Math.max(h0 * Math.min(3, Math.max(0.85, pilot[k] > 0 ? Math.sqrt(g / pilot[k]) : 3)), 0.5 * (B.b[k] - a)));
  const grid = opts.gridPoints ?? 160, xs: number[] = [], ys: number[] = [];
  for (let i = 0; i <= grid; i++) {
    const x = lo + ((hi - lo) * i) / grid;
    xs.push(x);
    ys.push(smooth(B, hs, x));
  }
  return { xs, ys, lo, hi, log, from: 'histogram', bins: h.counts.length };
}

/** The binned mass, uniform within each bin, convolved with a Gaussian of bandwidth hs[k] per bin, at x. */
function smooth(B: Binned, hs: readonly number[], x: number): number {
  let d = 0;
  for (let k = 0; k < B.p.length; k++) {
    if (B.p[k] === 0) continue;
    const za = (x - B.a[k]) / hs[k], zb = (x - B.b[k]) / hs[k];
    if (zb > 8 || za < -8) continue;
    d += (B.p[k] * (phi(za) - phi(zb))) / (B.b[k] - B.a[k]);
  }
  return d;
}

/** The density of a distribution: from its histogram when it has one, else smoothed from its percentiles (linear scale only). */
export function densityOf(s: Distribution, opts: { log?: boolean; lo?: number; hi?: number } = {}): DensityCurve | null {
  if (s.histogram && s.histogram.counts.length) return histogramDensity(s.histogram, { ...opts, min: s.min, max: s.max });
  if (!s.percentiles) return null;
  const d = smoothedDensity(s.percentiles, s.count);
  return d ? { ...d, log: false, from: 'percentiles', bins: 0 } : null;
}

/**
 * The q-quantile of a distribution in its own units: the sketch's own (a stored
 * percentile or band, as in the statistics table and bands.csv), else read off
 * the histogram; null when neither has it.
 */
export function quantileOf(s: Distribution, q: number): number | null {
  const stored = s.percentiles?.length === 101 && Math.abs(q * 100 - Math.round(q * 100)) < 1e-9 ? s.percentiles[Math.round(q * 100)] : s.quantiles?.find((x) => Math.abs(x.q - q) < 1e-9)?.value;
  if (stored !== undefined && stored !== null) return stored;
  if (s.histogram && s.histogram.counts.length) return new Binned(s.histogram, false).quantile(q);
  return null;
}

/** P(X ≤ x) of a distribution in its own units: from the histogram's bins, else interpolated between the percentiles. */
export function cdfOf(s: Distribution, x: number): number | null {
  if (s.histogram && s.histogram.counts.length) return new Binned(s.histogram, false).cdf(x);
  const p = s.percentiles;
  if (!p || p.some((v) => v === null)) return null;
  return cdfAt(p as number[], x);
}

const source = (d: DensityCurve): string => (d.from === 'histogram' ? `from the sketch's bucket counts (${d.bins} bins), lightly smoothed` : 'smoothed from the 101 stored percentiles');

export function xAxisOf(d: DensityCurve, unit: string): Record<string, unknown> {
  // Custom ticks (log scale), none at the very ends, where they would meet the y axis's labels.
  const edge = (d.hi - d.lo) * 0.04;
  const ticks = d.log ? logTicks(d.lo, d.hi).filter((v) => v > d.lo + edge && v < d.hi - edge) : null;
  return {
    type: 'value', min: d.lo, max: d.hi, name: d.log ? `${unit} (log scale)` : unit, nameLocation: 'middle', nameGap: 25,
    ...(ticks ? { axisTick: { customValues: ticks }, splitLine: { show: false } } : {}),
    axisLabel: { fontSize: 10, formatter: (v: number) => tick(d.log ? 10 ** v : v), hideOverlap: true, ...(ticks ? { customValues: ticks } : { showMinLabel: false, showMaxLabel: false }) },
  };
}

/**
 * A density of a scalar (or of a series at a month) over the body of its
 * distribution (1st–99th percentile, widened 10%), drawn from the sketch's
 * bucket counts (densityOf), with the tails that fall outside stated in the
 * caption; the 5%, 50% and 95% quantiles and claim thresholds are marked.
 */
export function histogram(name: string, s: Distribution, thresholds: readonly Threshold[] = []): { svg: string; caption: string } | null {
  const dens = densityOf(s);
  if (!dens) return null;
  const T = (v: number): number | null => (dens.log ? (v > 0 ? Math.log10(v) : null) : v);
  const qs = [0.05, 0.5, 0.95].map((q) => quantileOf(s, q));
  // Labels placed so that close lines do not print over each other: the median's along its
  // line at the top end (left of it), P5's at the bottom end right of its line (away from the
  // y axis), P95's at the bottom end left of it; thresholds' (short: the caption names their
  // claims) above the plot, beyond their lines' top ends.
  const place = ['insideStartBottom', 'insideEndTop', 'insideStartTop'];
  const marks = qs.flatMap((v, i) => (v === null || T(v) === null ? [] : [{ xAxis: T(v)!, label: { formatter: `${i === 1 ? 'median' : `P${i ? 95 : 5}`} ${fmt(v)}`, fontSize: 9, position: place[i] } }]));
  const tmarks = thresholds.filter((t) => T(t.value) !== null && T(t.value)! >= dens.lo && T(t.value)! <= dens.hi).map((t) => ({ xAxis: T(t.value)!, lineStyle: { color: COLOURS.orange, type: 'solid' }, label: { formatter: `threshold ${fmt(t.value)}`, fontSize: 9, position: 'end', distance: 2 } }));
  const option = {
    title: { text: `${name} (${s.unit})`, subtext: s.description, left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11, width: 440, overflow: 'truncate' } },
    grid: { left: 70, right: 30, top: 76, bottom: 45 },
    xAxis: xAxisOf(dens, s.unit),
    yAxis: { type: 'value', min: 0, name: dens.log ? 'density (per decade)' : `density (per ${s.unit})`, nameLocation: 'middle', nameGap: 50, axisLine: { onZero: false }, axisLabel: { fontSize: 10, formatter: tick, showMaxLabel: false } },
    series: [{
      type: 'line', data: dens.xs.map((x, i) => [x, dens.ys[i]]), symbol: 'none', smooth: false, lineStyle: { color: COLOURS.green }, areaStyle: { color: COLOURS.green, opacity: 0.25 },
      markLine: { symbol: 'none', lineStyle: { color: COLOURS.vermillion, type: 'dashed' }, data: [...marks, ...tmarks] },
    }],
  };
  const at = (v: number | null): string => (v === null ? 'n/a' : fmt(v));
  const real = (x: number): number => (dens.log ? 10 ** x : x);
  const B = s.histogram && dens.from === 'histogram' ? new Binned(s.histogram, dens.log) : null;
  const share = (p: number): string => (p < 0.001 ? '<0.1%' : `${(100 * p).toFixed(1)}%`);
  const zeros = !B ? '' : dens.log ? (B.below > 0 ? `; ${share(B.below)} of the values are 0 or below, off the log scale` : '') : B.p0 > 0 ? `; P(= 0) = ${share(B.p0)}, a point mass not drawn` : '';
  const marked = thresholds.length ? `; claim thresholds marked: ${thresholds.map((t) => `${fmt(t.value)} (${t.ids.join(', ')})`).join(', ')}` : '';
  const tails = `range drawn ${fmt(real(dens.lo))} to ${fmt(real(dens.hi))}${dens.log ? ' (log scale)' : ''}; all values span ${at(s.min)} to ${at(s.max)}${zeros}`;
  return { svg: renderSvg(option, 480, 272), caption: `Density of ${name} (${s.unit}), ${source(dens)}: 5% quantile ${at(qs[0])}, median ${at(qs[1])}, 95% quantile ${at(qs[2])}; ${tails}${marked}.` };
}

/**
 * A cumulative distribution (S-curve) of a scalar (or a series at a month) on
 * the density's range and scale, with P(≤ x) read off at each claim threshold
 * (the orange marks) and the 5/50/95% levels as reference lines. From the
 * histogram: the exact share at every bin edge (linear within a bin); else
 * through the 101 percentiles.
 */
export function sCurve(name: string, s: Distribution, thresholds: readonly Threshold[] = []): { svg: string; caption: string } | null {
  const dens = densityOf(s);
  let pts: number[][];
  if (dens && dens.from === 'histogram') {
    const B = new Binned(s.histogram!, dens.log);
    const jump = !B.log && B.p0 > 0; // the exact zeros: a step at 0
    const xs = [...new Set([dens.lo, ...B.a, B.b[B.b.length - 1], ...(jump ? [0] : []), dens.hi])].filter((x) => x >= dens.lo && x <= dens.hi).sort((a, b) => a - b);
    pts = xs.flatMap((x) => (x === 0 && jump ? [[0, B.cdf(0) - B.p0], [0, B.cdf(0)]] : [[x, B.cdf(x)]]));
  } else {
    const p = s.percentiles;
    if (!p || p.some((v) => v === null) || !(p[100]! > p[0]!)) return null;
    const lo = dens ? dens.lo : p[0]!, hi = dens ? dens.hi : p[100]!;
    pts = (p as number[]).map((v, k) => [v, k / 100]).filter(([v]) => v >= lo && v <= hi);
  }
  const d: DensityCurve = dens ?? { xs: [], ys: [], lo: pts[0][0], hi: pts[pts.length - 1][0], log: false, from: 'percentiles', bins: 0 };
  const T = (v: number): number | null => (d.log ? (v > 0 ? Math.log10(v) : null) : v);
  const readouts = thresholds.map((t) => ({ ...t, p: cdfOf(s, t.value) ?? 0 }));
  const shown = readouts.filter((r) => T(r.value) !== null && T(r.value)! >= d.lo && T(r.value)! <= d.hi);
  const option = {
    title: { text: `${name}: P(≤ x)`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 30, top: 40, bottom: 45 },
    xAxis: xAxisOf(d, s.unit),
    yAxis: { type: 'value', min: 0, max: 1, name: 'P(≤ x)', nameLocation: 'middle', nameGap: 45, axisLine: { onZero: false }, axisLabel: { fontSize: 10, formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [{
      type: 'line', data: pts, symbol: 'none', lineStyle: { color: COLOURS.blue, width: 2 },
      markLine: { symbol: 'none', lineStyle: { color: COLOURS.grey, type: 'dotted' }, data: [0.05, 0.5, 0.95].map((y) => ({ yAxis: y, label: { show: false } })) },
      markPoint: shown.length ? {
        symbol: 'circle', symbolSize: 7, itemStyle: { color: COLOURS.orange },
        data: shown.map((r, i) => ({ coord: [T(r.value)!, r.p], label: { show: true, formatter: `P(≤ ${fmt(r.value)}) = ${(r.p * 100).toFixed(1)}%`, position: i % 2 ? 'left' : 'right', fontSize: 9, color: '#333' } })),
      } : undefined,
    }],
  };
  const read = readouts.map((r) => `P(≤ ${fmt(r.value)}) = ${(r.p * 100).toFixed(1)}% (${r.ids.join(', ')})`).join('; ');
  return { svg: renderSvg(option, 480, 260), caption: `Cumulative distribution of ${name} (${s.unit}) ${d.from === 'histogram' ? "from the sketch's bucket counts" : 'through the stored percentiles'}${read ? `; at the claim thresholds: ${read}` : ''}.` };
}
