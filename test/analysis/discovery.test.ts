import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runDiscover, type DiscoverReport } from '../../src/analysis/discovery/runDiscover.js';
import { binomialSf } from '../../src/analysis/discovery/prim.js';

const fixtures = path.resolve('test/fixtures/x.yaml');
const u01 = { dist: 'uniform', min: 0, max: 1, unit: '1', source: 'test', rationale: 'test' };
const claims = [
  { id: 'box', statement: 'in the box', scalar: 'inBox', above: 0.5 },
  { id: 'triangle', statement: 'in the triangle', scalar: 'sum', below: 0.8 },
];

async function discover(claim: string, points = 4000, workers = 0): Promise<DiscoverReport> {
  const { scenario, model } = await resolveScenarioData({ model: './box-model.mjs', start: '2026-02', horizon: 0, trajectories: 1, seed: 5, inputs: { x1: u01, x2: u01, x3: u01, x4: u01 }, claims }, fixtures);
  return runDiscover(scenario, model, { claim, points, workers, resamples: 4, priorDraws: 50_000 });
}

/** The box's bounds on x1 and x2 within the explored range [0.001, 0.999]. */
function bounds(r: DiscoverReport): { a0: number; a1: number; b0: number; b1: number; others: string[] } {
  const get = (name: string) => r.box.restrictions.find((x) => x.input === name);
  const x1 = get('x1'), x2 = get('x2');
  return {
    a0: x1?.min ?? 0.001, a1: x1?.max ?? 0.999, b0: x2?.min ?? 0.001, b1: x2?.max ?? 0.999,
    others: r.box.restrictions.map((x) => x.input).filter((n) => n !== 'x1' && n !== 'x2'),
  };
}

/** |estimate − exact| within 4 binomial standard errors (plus a little for the LHS's discreteness). */
function near(estimate: number, exact: number, n: number, label: string): void {
  const se = Math.sqrt(Math.max(exact * (1 - exact), 1e-4) / n);
  expect(Math.abs(estimate - exact) <= 4 * se + 0.005, `${label}: ${estimate} vs exact ${exact}`).toBe(true);
}

describe('PRIM scenario discovery against known regions', () => {
  it('finds the box x1 ≤ 0.5, x2 ≥ 0.3, with coverage, density and probability equal to the exact values for the box it reports', async () => {
    const r = await discover('box');
    const b = bounds(r);
    expect(b.others).toEqual([]); // x3, x4 do not matter
    expect(Math.abs(b.a1 - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(b.b0 - 0.3)).toBeLessThan(0.03);
    // Exact values for the reported box R against the true region T (x on [0.001, 0.999], uniform).
    const L = 0.998;
    const w = (lo: number, hi: number) => Math.max(0, hi - lo);
    const volR = w(b.a0, b.a1) * w(b.b0, b.b1) / (L * L);
    const volT = w(0.001, 0.5) * w(0.3, 0.999) / (L * L);
    const volRT = w(Math.max(b.a0, 0.001), Math.min(b.a1, 0.5)) * w(Math.max(b.b0, 0.3), Math.min(b.b1, 0.999)) / (L * L);
    near(r.box.coverage, volRT / volT, r.design.hits, 'coverage');
    near(r.box.density, volRT / volR, Math.round(volR * r.design.points), 'density');
    expect(r.box.coverage).toBeGreaterThan(0.9);
    expect(r.box.density).toBeGreaterThan(0.9);
    // Under the scenario's own inputs (uniform on (0, 1)) the box has probability (a1 − a0)(b1 − b0), edges at 0 and 1.
    const exactP = w(b.a0 <= 0.001 ? 0 : b.a0, b.a1 >= 0.999 ? 1 : b.a1) * w(b.b0 <= 0.001 ? 0 : b.b0, b.b1 >= 0.999 ? 1 : b.b1);
    near(r.probabilityUnderInputs, exactP, r.priorDraws, 'probability under the inputs');
    for (const x of r.box.restrictions) expect(x.quasiP).toBeLessThan(1e-4);
    expect(r.sentence).toMatch(/^"in the box" holds in \d+(\.\d)?% of futures where x1 ≤ 0\.\d+ and x2 ≥ 0\.\d+ \(coverage \d+(\.\d)?%\); under your inputs those futures have probability \d+(\.\d)?%\.$/);
  }, 60_000);

  it('a region that is not a box (x1 + x2 ≤ 0.8): coverage and density equal the exact values for the box it reports', async () => {
    const r = await discover('triangle');
    const b = bounds(r);
    expect(b.others).toEqual([]);
    // Exact areas by a fine midpoint rule over x1: ∫ clamp(0.8 − x1 − b0, 0, b1 − b0) dx1.
    const area = (a0: number, a1: number, b0: number, b1: number) => {
      const m = 20_000, h = (a1 - a0) / m;
      let s = 0;
      for (let i = 0; i < m; i++) s += Math.min(Math.max(0.8 - (a0 + (i + 0.5) * h) - b0, 0), b1 - b0) * h;
      return s;
    };
    const inter = area(b.a0, b.a1, b.b0, b.b1), region = area(0.001, 0.999, 0.001, 0.999), box = (b.a1 - b.a0) * (b.b1 - b.b0);
    near(r.box.coverage, inter / region, r.design.hits, 'coverage');
    near(r.box.density, inter / box, Math.round((box / 0.998 ** 2) * r.design.points), 'density');
    expect(r.box.density).toBeGreaterThan(inter / box - 0.1);
    expect(r.box.coverage).toBeGreaterThanOrEqual(0.5);
  }, 60_000);

  it('the binomial tail behind the quasi-p-values', () => {
    expect(binomialSf(3, 4, 0.5)).toBeCloseTo(5 / 16, 12);
    expect(binomialSf(1, 10, 0.1)).toBeCloseTo(1 - 0.9 ** 10, 12);
    expect(binomialSf(0, 10, 0.3)).toBe(1);
    expect(binomialSf(11, 10, 0.3)).toBe(0);
  });
});

describe('--explore inputs: the design drawn from the scenario\'s own inputs', () => {
  // PERT(0, 0.2, 1) is Beta(1.8, 4.2) and PERT(0, 0.8, 1) is Beta(4.2, 1.8) on (0, 1).
  const pert = (mode: number) => ({ dist: 'pert', min: 0, mode, max: 1, unit: '1', source: 'test', rationale: 'test' });
  const betaCdf = (x: number, a: number, b: number): number => {
    const m = 20_000, pdf = (t: number) => t ** (a - 1) * (1 - t) ** (b - 1);
    let s = 0, total = 0;
    for (let i = 0; i < m; i++) {
      const t = (i + 0.5) / m, f = pdf(t) / m;
      total += f;
      if (t < x) s += f;
    }
    return s / total;
  };
  /** P(X ≤ x) within the design's 0.1–99.9% quantiles. */
  const trunc = (F: number) => Math.min(1, Math.max(0, (F - 0.001) / 0.998));

  it('the claim holds at the rate the inputs give it, and the box\'s density is P(claim | box) under them', async () => {
    const { scenario, model } = await resolveScenarioData({ model: './box-model.mjs', start: '2026-02', horizon: 0, trajectories: 1, seed: 5, inputs: { x1: pert(0.2), x2: pert(0.8), x3: u01, x4: u01 }, claims }, fixtures);
    const r = await runDiscover(scenario, model, { claim: 'box', points: 4000, workers: 0, resamples: 4, priorDraws: 50_000, explore: 'inputs' });
    expect(r.design.method).toMatch(/from the scenario's inputs/);
    const F1 = (x: number) => betaCdf(x, 1.8, 4.2), F2 = (x: number) => betaCdf(x, 4.2, 1.8);
    // In the design, the claim (x1 ≤ 0.5, x2 ≥ 0.3) holds at the inputs' rate, not the range's (0.5 · 0.7).
    const pClaim = trunc(F1(0.5)) * (1 - trunc(F2(0.3)));
    near(r.design.hits / r.design.points, pClaim, r.design.points, 'share of design points where the claim holds');
    expect(Math.abs(pClaim - 0.35)).toBeGreaterThan(0.2);
    const b = bounds(r);
    expect(b.others).toEqual([]);
    expect(Math.abs(b.a1 - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(b.b0 - 0.3)).toBeLessThan(0.08);
    // Density: P(claim | box) under the (truncated) inputs; box edges at the explored range's ends are open.
    const p1 = (lo: number, hi: number) => trunc(F1(hi)) - trunc(F1(lo)), p2 = (lo: number, hi: number) => trunc(F2(hi)) - trunc(F2(lo));
    const a0 = b.a0 <= r.design.ranges.x1[0] ? 0 : b.a0, a1 = b.a1 >= r.design.ranges.x1[1] ? 1 : b.a1;
    const b0 = b.b0 <= r.design.ranges.x2[0] ? 0 : b.b0, b1 = b.b1 >= r.design.ranges.x2[1] ? 1 : b.b1;
    const pBox = p1(a0, a1) * p2(b0, b1), pBoth = p1(a0, Math.min(a1, 0.5)) * p2(Math.max(b0, 0.3), b1);
    near(r.box.density, pBoth / pBox, Math.round(pBox * r.design.points), 'density');
    near(r.box.coverage, pBoth / pClaim, r.design.hits, 'coverage');
  }, 60_000);
});

describe('discovery reproducibility', () => {
  it('the same discover.json in-process and on 2 workers', async () => {
    const a = await discover('box', 1000, 0), b = await discover('box', 1000, 2);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 60_000);
});
