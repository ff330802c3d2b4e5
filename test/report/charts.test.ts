import { describe, expect, it } from 'vitest';
import { COLOURS, convergenceCharts, monthAxisTitle, fanChart, sweepChart } from '../../src/report/html/charts.js';
import { overlayFanChart } from '../../src/report/html/overlays.js';
import { histogram } from '../../src/report/html/density.js';
import { cdfAt, smoothedDensity } from '../../src/report/html/percentileDensity.js';
import { labels } from './svgGeometry.js';
import { normalQuantile } from '../../src/distributions/normalQuantile.js';
import { QuantileSketch } from '../../src/stats/quantileSketch.js';
import type { Result } from '../../src/result/resultSchema.js';
import { lines, polygons, symbols, xAxis, yAxis } from './svgGeometry.js';
import { claimScatters } from '../../src/report/html/scatter.js';
import { analysisSections } from '../../src/analysis/reportSections.js';
import { modes } from '../helpers/curves.js';

type Series = Result['series'][string];
type Scalar = Result['scalars'][string];

// A series spanning 0.005 … 50 (below and above 1, so drawn on a log axis), with
// known quantiles: month m's q-quantile is 0.005 · 10^(m/3) · 3^(z_q) (a lognormal
// with median 0.005·10^(m/3) and log-sd ln 3).
const M = 13;
const zq: Record<number, number> = { 0.05: -1.6448536, 0.25: -0.6744898, 0.5: 0, 0.75: 0.6744898, 0.95: 1.6448536 };
const value = (q: number, m: number) => 0.005 * 10 ** (m / 3) * 3 ** zq[q];
const series: Series = {
  unit: 'GW/yr', description: 'test series', logScale: false,
  bands: [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => ({ q, values: Array.from({ length: M }, (_, m) => value(q, m)) })),
  mean: Array(M).fill(1), sd: Array(M).fill(1), min: Array(M).fill(0.001), max: Array(M).fill(1000), count: Array(M).fill(1000), nonFinite: Array(M).fill(0),
};

describe('fan chart geometry', () => {
  it('draws each band between its own lower and upper quantiles on a log axis, values below 1 included, and the median inside the 50% band', () => {
    const { svg, log } = fanChart('g', series, '2026-02', [], [], 'month');
    expect(log).toBe(true);
    const Y = yAxis(svg, 70, true); // log10 of the value at a pixel row
    for (const [fill, lo, hi] of [[COLOURS.sky, 0.05, 0.95], [COLOURS.blue, 0.25, 0.75]] as const) {
      const ps = polygons(svg, fill);
      expect(ps.length).toBe(1);
      const p = ps[0];
      expect(p.length).toBe(2 * M);
      for (let m = 0; m < M; m++) {
        // Upper edge months 0…M−1, then the lower edge back from M−1 to 0. One pixel is < 0.03 decades here.
        expect(Math.abs(Y(p[m][1]) - Math.log10(value(hi, m)))).toBeLessThan(0.04);
        expect(Math.abs(Y(p[2 * M - 1 - m][1]) - Math.log10(value(lo, m)))).toBeLessThan(0.04);
        expect(p[m][0]).toBeCloseTo(p[2 * M - 1 - m][0], 5);
      }
      // Month 0's 90% band is 0.0019–0.0152: both edges below 1 (log10 < 0), not drawn from 1.
      if (lo === 0.05) expect(Y(p[0][1])).toBeLessThan(-1.5);
    }
    const med = lines(svg, COLOURS.blue).find((l) => l.length === M)!;
    expect(med).toBeDefined();
    const b50 = polygons(svg, COLOURS.blue)[0];
    for (let m = 0; m < M; m++) {
      expect(Math.abs(Y(med[m][1]) - Math.log10(value(0.5, m)))).toBeLessThan(0.04);
      // SVG y grows downwards: upper edge has the smaller pixel row.
      expect(med[m][1]).toBeGreaterThan(b50[m][1]);
      expect(med[m][1]).toBeLessThan(b50[2 * M - 1 - m][1]);
    }
    expect(svg).not.toContain('decision month');
  });
});

/** The 101 percentiles a QuantileSketch gives for n stratified draws of a quantile function (deterministic, no RNG). */
function sketchPercentiles(quantile: (u: number) => number, n = 50_000): number[] {
  const sk = new QuantileSketch();
  for (let i = 0; i < n; i++) sk.add(quantile((i + 0.5) / n));
  return Array.from({ length: 101 }, (_, k) => sk.quantile(k / 100));
}

function scalarOf(p: number[], n: number): Scalar {
  return { unit: 'u', description: '', quantiles: [], percentiles: p, mean: null, sd: null, min: p[0], max: p[100], count: n, nonFinite: 0 } as unknown as Scalar;
}

describe('histogram density', () => {
  const cases = [
    { name: 'normal(100, 15)', q: (u: number) => 100 + 15 * normalQuantile(u), pdf: (x: number) => Math.exp(-0.5 * ((x - 100) / 15) ** 2) / (15 * Math.sqrt(2 * Math.PI)) },
    { name: 'lognormal(0, 0.8)', q: (u: number) => Math.exp(0.8 * normalQuantile(u)), pdf: (x: number) => Math.exp(-0.5 * (Math.log(x) / 0.8) ** 2) / (x * 0.8 * Math.sqrt(2 * Math.PI)) },
  ];
  for (const c of cases) {
    it(`${c.name}: the drawn curve has one mode and stays within 10% of the peak of the true density over the body`, () => {
      const p = sketchPercentiles(c.q);
      const h = histogram('x', scalarOf(p, 50_000))!;
      const svg = h.svg;
      const X = xAxis(svg, 200), Y = yAxis(svg, 70);
      const curve = lines(svg, COLOURS.green).sort((a, b) => b.length - a.length)[0];
      expect(curve.length).toBeGreaterThan(100);
      const ys = curve.map(([, py]) => Y(py));
      expect(modes(ys)).toBe(1);
      const peak = Math.max(...curve.map(([px]) => c.pdf(X(px))));
      let worst = 0;
      for (const [px, py] of curve) worst = Math.max(worst, Math.abs(Y(py) - c.pdf(X(px))) / peak);
      expect(worst).toBeLessThan(0.1);
      // The range shows the body (P1…P99 at least) and, for the long tail, not the whole range; the caption states it.
      const d = smoothedDensity(p, 50_000)!;
      expect(d.lo).toBeLessThanOrEqual(p[1]);
      expect(d.hi).toBeGreaterThanOrEqual(p[99]);
      if (c.name.startsWith('lognormal')) expect(d.hi).toBeLessThan(p[100]);
      expect(h.caption).toMatch(/range drawn .* all values span/);
    });
  }

  it('P(≤ x) read-outs interpolate the percentiles', () => {
    const p = Array.from({ length: 101 }, (_, k) => k * 2); // uniform on [0, 200]
    expect(cdfAt(p, 50)).toBeCloseTo(0.25, 10);
    expect(cdfAt(p, -1)).toBe(0);
    expect(cdfAt(p, 200)).toBe(1);
  });
});

describe('claim scatter', () => {
  it('plots the output against the input that drives it, each kept trajectory where its values are, coloured by whether the claim holds', () => {
    // y = 2a + a small wiggle; b is unrelated. The claim: y above 1.
    const n = 400;
    const rows = Array.from({ length: n }, (_, i) => {
      const a = (i + 0.5) / n, b = ((i * 7919) % n) / n, y = 2 * a + 0.2 * Math.sin(i * 1.7);
      return [i, a, b, y, y > 1 ? 1 : 0];
    });
    const result = {
      inputs: { a: { dist: 'uniform', unit: 'kg' }, b: { dist: 'uniform', unit: 'm' } },
      scalars: { y: { unit: 's' } }, series: {},
      claims: [{ id: 'y-above-1', definition: { scalar: 'y', above: 1 } }],
    } as unknown as Result;
    const [chart] = claimScatters(result, { columns: ['trajectory', 'a', 'b', 'y', 'claim:y-above-1'], rows });
    expect(chart.svg).toContain('y against a');
    const X = xAxis(chart.svg, 231), Y = yAxis(chart.svg, 70);
    const holds = symbols(chart.svg, COLOURS.blue), fails = symbols(chart.svg, COLOURS.vermillion);
    expect(holds.length).toBe(rows.filter((r) => r[4] === 1).length);
    expect(fails.length).toBe(n - holds.length);
    const want = rows.filter((r) => r[4] === 1);
    holds.forEach(([px, py], k) => {
      expect(Math.abs(X(px) - want[k][1])).toBeLessThan(0.01);
      expect(Math.abs(Y(py) - want[k][3])).toBeLessThan(0.02);
      expect(Y(py)).toBeGreaterThan(1 - 0.01);
    });
    for (const [, py] of fails) expect(Y(py)).toBeLessThan(1 + 0.01);
  });
});

describe('sweep and convergence charts', () => {
  it('sweep: each claim\'s 95% interval is a band around its line, the x axis names the input and its unit, the chart fits its card', () => {
    const values = [10, 20, 30, 40];
    const rows = values.map((v, i) => ({ value: v, claims: [{ id: 'c1', probability: 0.2 + 0.1 * i, ci95: [0.15 + 0.1 * i, 0.25 + 0.1 * i] as [number, number] }, { id: 'c2', probability: 0.8 - 0.1 * i, ci95: [0.78 - 0.1 * i, 0.82 - 0.1 * i] as [number, number] }] }));
    const svg = sweepChart('price', rows, '$/kg');
    expect(svg).toContain('price ($/kg)');
    expect(Number(/<svg width="(\d+)"/.exec(svg)![1])).toBeLessThanOrEqual(640);
    const Y = yAxis(svg, 60), X = xAxis(svg, 255);
    for (const [k, colour] of [[0, COLOURS.blue], [1, COLOURS.orange]] as const) {
      const [poly] = polygons(svg, colour);
      expect(poly.length).toBe(2 * values.length);
      values.forEach((v, i) => {
        expect(Math.abs(X(poly[i][0]) - v)).toBeLessThan(0.2);
        expect(Math.abs(Y(poly[i][1]) - rows[i].claims[k].ci95[1])).toBeLessThan(0.01);
        expect(Math.abs(Y(poly[2 * values.length - 1 - i][1]) - rows[i].claims[k].ci95[0])).toBeLessThan(0.01);
      });
    }
  });

  it('convergence: claims flat at 0 or 1 are left out and named; tick labels are short and distinct', () => {
    const history = [1000, 2000, 4000, 8000].map((n, i) => ({ trajectories: n, claims: [
      { id: 'moving', probability: 0.3 + 0.01 * i, halfWidth: 0.03 / Math.sqrt(2 ** i) },
      { id: 'never', probability: 0, halfWidth: 0 },
    ] }));
    const charts = convergenceCharts({ target: null, claims: [], met: null, trajectoriesUsed: 8000, maxTrajectories: 8000, history });
    expect(charts.dropped).toEqual(['never']);
    expect(charts.length).toBe(2);
    for (const c of charts) {
      expect(c.svg).not.toContain('>never<');
      const ticks = labels(c.svg).map((l) => l.text).filter((t) => /^[-\d.,e%]+$/.test(t));
      expect(ticks.length).toBeGreaterThan(3);
      for (const t of ticks) expect(t.length).toBeLessThanOrEqual(7);
    }
  });

  it('density y-axis labels are distinct', () => {
    const p = sketchPercentiles((u) => 1000 + 300 * normalQuantile(u));
    const svg = histogram('x', scalarOf(p, 50_000))!.svg;
    const ys = labels(svg).filter((l) => l.anchor === 'end' && l.x < 70).map((l) => l.text);
    expect(ys.length).toBeGreaterThan(2);
    expect(new Set(ys).size).toBe(ys.length);
  });
});

describe('axis titles from the model', () => {
  it('a series over decision or order months says so; others say month; no hard-coded "decision month"', () => {
    expect(monthAxisTitle('wait for a turbine ordered in month m', '2026-02')).toBe('month ordered (month 0 = 2026-02)');
    expect(monthAxisTitle('cost per useful kW-year of IT in orbit, deployment decided in month m', '2026-02')).toBe('month decided (month 0 = 2026-02)');
    expect(monthAxisTitle('price to LEO in month m', '2026-02')).toBe('month (month 0 = 2026-02)');
    const { svg } = fanChart('g', series, '2026-02', [], [], monthAxisTitle('wait for a turbine ordered in month m', '2026-02'));
    expect(svg).toContain('month ordered (month 0 = 2026-02)');
  });
});

describe('What-if overlays', () => {
  // B: every quantile of A times 10.
  const b: Series = { ...series, bands: series.bands.map((x) => ({ q: x.q, values: x.values.map((v) => (v === null ? null : v * 10)) })) };
  it('draws A\'s and B\'s 90% bands each between its own quantiles on one axis', () => {
    const { svg } = overlayFanChart('g', series, b, ['A', 'B'], '2026-02');
    const Y = yAxis(svg, 70, true);
    for (const [fill, s, k] of [[COLOURS.blue, series, 1], [COLOURS.orange, b, 10]] as const) {
      const [poly] = polygons(svg, fill);
      expect(poly.length).toBe(2 * M);
      for (let m = 0; m < M; m++) {
        expect(Math.abs(Y(poly[m][1]) - Math.log10(value(0.95, m) * k))).toBeLessThan(0.05);
        expect(Math.abs(Y(poly[2 * M - 1 - m][1]) - Math.log10(value(0.05, m) * k))).toBeLessThan(0.05);
      }
      expect(s).toBeDefined();
    }
  });

  it('the What-if section overlays A and B when the run folder has compare-runs.json', () => {
    const files: Record<string, unknown> = {
      'compare.json': { a: { name: 'a' }, b: { name: 'a', label: 'a with x=1' }, trajectories: 100, claims: [] },
      'compare-runs.json': { trajectories: 100, a: { name: 'a', start: '2026-02', series: { g: series }, scalars: {} }, b: { name: 'a with x=1', start: '2026-02', series: { g: b }, scalars: {} } },
    };
    const [section] = analysisSections(<T>(name: string) => files[name] as T | undefined, () => Object.keys(files).sort(), 100).sections;
    const html = section.render();
    expect(html).toContain('A and B overlaid');
    expect((html.match(/<polygon /g) ?? []).length).toBe(2);
  });
});
