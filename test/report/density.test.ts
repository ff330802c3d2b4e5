import { describe, expect, it } from 'vitest';
import { COLOURS } from '../../src/report/html/charts.js';
import { Binned, cdfOf, histogram, histogramDensity, sCurve, type Distribution } from '../../src/report/html/density.js';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { SketchColumns } from '../../src/stats/sketchColumns.js';
import { bucketLow, sketchIndex } from '../../src/stats/indexMapping.js';
import { HISTOGRAM_MAX_BINS, sketchHistogram } from '../../src/stats/sketchHistogram.js';
import { lines, xAxis, yAxis } from './svgGeometry.js';
import { overlayDensity } from '../../src/report/html/overlays.js';
import type { Histogram, Result } from '../../src/result/resultSchema.js';
import { modes } from '../helpers/curves.js';

const SQ2PI = Math.sqrt(2 * Math.PI);
const normalPdf = (m: number, s: number) => (x: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * SQ2PI);
const lognormalPdf = (mu: number, s: number) => (x: number) => (x > 0 ? Math.exp(-0.5 * ((Math.log(x) - mu) / s) ** 2) / (x * s * SQ2PI) : 0);

/** The density curve a histogram chart draws (the longest green stroked path), read back to data coordinates. */
function drawnCurve(svg: string, log = false): Array<[number, number]> {
  const X = xAxis(svg, 200, log), Y = yAxis(svg, 70);
  const curve = lines(svg, COLOURS.green).sort((a, b) => b.length - a.length)[0];
  return curve.map(([px, py]) => [X(px), Y(py)]);
}

/** Trapezoid integral of |f − g| over a drawn curve. */
function iae(curve: Array<[number, number]>, truth: (x: number) => number): number {
  let s = 0;
  for (let i = 1; i < curve.length; i++) {
    const [x0, y0] = curve[i - 1], [x1, y1] = curve[i];
    s += ((Math.abs(y0 - truth(x0)) + Math.abs(y1 - truth(x1))) / 2) * (x1 - x0);
  }
  return s;
}

describe('histograms from the sketch buckets', () => {
  it('bins are runs of whole sketch buckets: exact counts, bucket bounds as edges, at most 256 bins, zeros apart', () => {
    const sk = new SketchColumns(1);
    let state = 1;
    const vals: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      state = (state * 9301 + 49297) % 233280; // a fixed sequence (a small LCG), no RNG needed
      const u = state / 233280;
      const x = i % 10 === 0 ? 0 : (u - 0.3) * 1000 * (i % 7 === 0 ? 50 : 1);
      vals.push(x);
      sk.add(0, x);
    }
    const h = sketchHistogram(sk, 0, [100, -37.5])!;
    expect(h.scale).toBe('linear');
    // Cuts at thresholds that are bucket bounds: a bin edge at each.
    expect(h.edges).toContain(100);
    expect(h.edges).toContain(-37.5);
    expect(h.counts.length).toBeLessThanOrEqual(HISTOGRAM_MAX_BINS);
    expect(h.edges.length).toBe(h.counts.length + 1);
    expect(h.counts.length).toBeGreaterThan(150); // values from −15,000 to 35,000, the body −300 to 700
    expect(h.edges[0]).toBeLessThan(-14_000);
    expect(h.edges[h.edges.length - 1]).toBeGreaterThan(34_000);
    expect(h.zeros).toBe(2000);
    expect(h.counts.reduce((a, b) => a + b, 0) + h.zeros).toBe(20_000);
    for (let k = 1; k < h.edges.length; k++) expect(h.edges[k]).toBeGreaterThan(h.edges[k - 1]);
    // Every edge is a bound of a sketch bucket (mirrored below zero).
    for (const e of h.edges) expect(bucketLow(sketchIndex(Math.abs(e)))).toBe(Math.abs(e));
    // Each bin holds exactly the values between its edges (negative buckets are (−hi, −lo]).
    const nonzero = vals.filter((x) => x !== 0);
    for (let k = 0; k < h.counts.length; k += 17) {
      const lo = h.edges[k], hi = h.edges[k + 1];
      const n = nonzero.filter((x) => (x > 0 ? x >= lo && x < hi : x > lo && x <= hi)).length;
      expect(n, `bin ${k} [${lo}, ${hi})`).toBe(h.counts[k]);
    }
  });

  it('a positive output spanning decades gets a log scale', () => {
    const sk = new SketchColumns(1);
    for (let i = 0; i < 10_000; i++) sk.add(0, 10 ** (6 * (i + 0.5) / 10_000 - 2));
    const h = sketchHistogram(sk, 0)!;
    expect(h.scale).toBe('log');
    // Even bins on the log scale: about 160 across the 1st–99th percentile.
    const body = h.counts.filter((_, k) => h.edges[k] > 0.02 && h.edges[k + 1] < 5000).length;
    expect(body).toBeGreaterThan(120);
    expect(body).toBeLessThan(200);
  });
});

// Known outputs through the whole engine: a formula model whose scalars are a normal and
// two lognormal inputs (one spanning decades, drawn on a log scale), 60,000 trajectories.
const N = 60_000;
let result: Result;
async function run(): Promise<Result> {
  if (result) return result;
  const input = (spec: Record<string, unknown>) => ({ ...spec, unit: 'u', source: 'test', rationale: 'test' });
  const { scenario, model } = await resolveScenarioData({
    name: 'known-densities', start: '2026-01', horizon: 1, trajectories: N, seed: 11,
    model: { name: 'known', series: { s: { unit: 'u', formula: 'a' } }, scalars: { normal: { unit: 'u', formula: 'a' }, lognormal: { unit: 'u', formula: 'b' }, wide: { unit: 'u', formula: 'c' } } },
    inputs: { a: input({ dist: 'normal', mean: 100, sd: 15 }), b: input({ dist: 'lognormal', mu: 0, sigma: 0.8 }), c: input({ dist: 'lognormal', mu: 0, sigma: 2.5 }) },
    claims: [{ id: 'a-high', statement: 'a above 120 at month 1', series: 's', at: 1, above: 120 }],
  }, '/tmp/known-densities.yaml');
  const outcome = await runScenario(scenario, model, { workers: 0 });
  result = buildResult(scenario, outcome, new Date(0));
  return result;
}

describe('densities drawn from the stored buckets', () => {
  const cases = [
    { name: 'normal', pdf: normalPdf(100, 15), log: false },
    { name: 'lognormal', pdf: lognormalPdf(0, 0.8), log: false },
    // Per decade: f(x)·x·ln 10 at x = 10^v.
    { name: 'wide', pdf: (v: number) => lognormalPdf(0, 2.5)(10 ** v) * 10 ** v * Math.LN10, log: true },
  ];
  for (const c of cases) {
    it(`${c.name}: one mode, close to the true density, and the drawn curve is the stored buckets' density`, async () => {
      const r = await run();
      const s = r.scalars[c.name];
      const h = s.histogram!;
      expect(h.counts.reduce((a, b) => a + b, 0) + h.zeros).toBe(N);
      expect(h.scale).toBe(c.log ? 'log' : 'linear');
      const chart = histogram(c.name, s)!;
      const curve = drawnCurve(chart.svg, c.log);
      expect(curve.length).toBeGreaterThan(100);
      expect(modes(curve.map(([, y]) => y))).toBe(1);
      // Close to the truth: integrated absolute error over the range drawn (which holds ≥ 98% of the mass).
      expect(iae(curve, c.pdf)).toBeLessThan(0.04);
      // The geometry is the stored buckets' density: every drawn point on histogramDensity's curve (within a pixel),
      const d = histogramDensity(h, { min: s.min, max: s.max })!;
      const peak = Math.max(...d.ys);
      curve.forEach(([x, y], i) => {
        expect(Math.abs(x - d.xs[i])).toBeLessThan((d.hi - d.lo) / 300);
        expect(Math.abs(y - d.ys[i])).toBeLessThan(peak / 150);
      });
      // and the area under the drawn curve between stored edges is the stored share of values there
      // (compared over runs of bins a few kernel widths wide, where smoothing moves little mass).
      const B = new Binned(h, c.log);
      const area = (lo: number, hi: number) => {
        let a = 0;
        for (let i = 1; i < curve.length; i++) {
          const x0 = Math.max(lo, curve[i - 1][0]), x1 = Math.min(hi, curve[i][0]);
          if (x1 > x0) a += ((curve[i - 1][1] + curve[i][1]) / 2) * (x1 - x0);
        }
        return a;
      };
      const q = [0.1, 0.3, 0.5, 0.7, 0.9].map((p) => B.quantile(p));
      for (let k = 0; k + 1 < q.length; k++) expect(Math.abs(area(q[k], q[k + 1]) - (B.cdf(q[k + 1]) - B.cdf(q[k])))).toBeLessThan(0.01);
      expect(chart.caption).toMatch(/from the sketch's bucket counts \(\d+ bins\), lightly smoothed.*range drawn .* all values span/);
    });
  }

  it('the S-curve passes through the stored cumulative counts at every bin edge, and its read-out matches the claim', async () => {
    const r = await run();
    const series = r.series.s;
    expect(series.histograms!.map((x) => x.month)).toEqual([1]);
    const dist: Distribution = { unit: 'u', description: '', count: series.count[1], min: series.min[1], max: series.max[1], histogram: series.histograms![0] as Histogram };
    const out = sCurve('s', dist, [{ value: 120, ids: ['a-high'] }])!;
    const X = xAxis(out.svg, 200), Y = yAxis(out.svg, 70);
    const curve = lines(out.svg, COLOURS.blue).sort((a, b) => b.length - a.length)[0].map(([px, py]) => [X(px), Y(py)]);
    const h = dist.histogram!;
    let cum = 0;
    const atEdge = new Map<number, number>();
    h.counts.forEach((c, k) => { cum += c; atEdge.set(h.edges[k + 1], cum / N); });
    let checked = 0;
    for (const [x, y] of curve) {
      const edge = [...atEdge.keys()].find((e) => Math.abs(e - x) < 0.05);
      if (edge === undefined) continue;
      expect(Math.abs(y - atEdge.get(edge)!)).toBeLessThan(0.006);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    // P(≤ 120) read off the S-curve is 1 − P(above 120), the claim's own count: 120 is a bound of a
    // sketch bucket and the histogram keeps a bin edge at each claim threshold, so the share is exact.
    const claim = r.claims[0];
    expect(h.edges).toContain(120);
    expect(Math.abs(cdfOf(dist, 120)! - (1 - claim.probability!))).toBeLessThan(1e-12);
    const m = /P\(≤ 120\) = ([\d.]+)%/.exec(out.caption)!;
    expect(Number(m[1])).toBe(Number(((1 - claim.probability!) * 100).toFixed(1)));
  });

  it('overlays (What-if, serve) draw both runs from their buckets on one range: B = A shifted by 30 peaks 30 to the right', async () => {
    const r = await run();
    const a = r.scalars.normal, h = a.histogram!;
    const b = { ...a, min: a.min! + 30, max: a.max! + 30, percentiles: a.percentiles.map((v) => v! + 30), histogram: { ...h, edges: h.edges.map((e) => e + 30) } };
    const { svg } = overlayDensity('normal', a, b, ['A', 'B'])!;
    const X = xAxis(svg, 200);
    const peak = (colour: string) => { const c = lines(svg, colour).sort((p, q) => q.length - p.length)[0]; return X(c.reduce((best, p) => (p[1] < best[1] ? p : best))[0]); };
    expect(Math.abs(peak(COLOURS.blue) - 100)).toBeLessThan(3);
    expect(Math.abs(peak(COLOURS.orange) - peak(COLOURS.blue) - 30)).toBeLessThan(1);
  });

  it('older result.json files (no histograms) still draw, from the percentiles', async () => {
    const r = await run();
    const { histogram: _h, ...old } = r.scalars.normal;
    const chart = histogram('normal', old)!;
    expect(chart.caption).toContain('smoothed from the 101 stored percentiles');
    expect(modes(drawnCurve(chart.svg).map(([, y]) => y))).toBe(1);
  });
});
