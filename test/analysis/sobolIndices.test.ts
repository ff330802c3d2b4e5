import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { sobolIndices } from '../../src/analysis/methods/sobolIndices.js';

const fixtures = path.resolve('test/fixtures/x.yaml');
const u = (min: number, max: number) => ({ dist: 'uniform', min, max, unit: '1', source: 'test', rationale: 'test' });

async function indices(model: string, inputs: Record<string, unknown>, rows: number, workers = 0, claims: unknown[] = []) {
  const { scenario, model: m } = await resolveScenarioData({ model, start: '2026-02', horizon: 0, trajectories: 1, seed: 11, inputs, claims }, fixtures);
  return sobolIndices(scenario, m, { rows, bootstrap: 100, workers });
}

/** The analytic value lies within the estimate's bootstrap interval, widened by a factor for the remaining bootstrap noise. */
function within(i: { S1: number; S1ci95: [number, number]; ST: number; STci95: [number, number] }, s1: number, st: number): void {
  const wide = (ci: [number, number], x: number) => {
    const half = (ci[1] - ci[0]) / 2, mid = (ci[1] + ci[0]) / 2;
    return Math.abs(x - mid) <= 1.5 * half + 1e-3;
  };
  expect(wide(i.S1ci95, s1), `S1 ${i.S1} [${i.S1ci95}] vs ${s1}`).toBe(true);
  expect(wide(i.STci95, st), `ST ${i.ST} [${i.STci95}] vs ${st}`).toBe(true);
}

describe('Sobol indices against analytic values', () => {
  it('Ishigami (a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437', async () => {
    const r = await indices('./ishigami.mjs', { x1: u(-Math.PI, Math.PI), x2: u(-Math.PI, Math.PI), x3: u(-Math.PI, Math.PI) }, 16_384);
    const by = Object.fromEntries(r.outputs[0].indices.map((i) => [i.input, i]));
    within(by.x1, 0.3139, 0.5576);
    within(by.x2, 0.4424, 0.4424);
    within(by.x3, 0, 0.2437);
    expect(by.x3.S1includesZero).toBe(true); // flagged, not printed as a meaningful number
    expect(r.outputs[0].indices.map((i) => i.input)).toEqual(['x1', 'x2', 'x3']); // sorted by total effect
    // Intervals narrow enough to mean something.
    expect(by.x1.STci95[1] - by.x1.STci95[0]).toBeLessThan(0.08);
  }, 120_000);

  it("Sobol's G function (a = 0, 1, 4.5, 9, 99, 99): analytic S1 and ST", async () => {
    const a = [0, 1, 4.5, 9, 99, 99];
    const Vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
    const V = Vi.reduce((p, v) => p * (1 + v), 1) - 1;
    const S1 = Vi.map((v) => v / V);
    const ST = Vi.map((v, i) => (v * Vi.reduce((p, w, j) => (j === i ? p : p * (1 + w)), 1)) / V);
    const inputs = Object.fromEntries(a.map((_, i) => [`x${i + 1}`, u(0, 1)]));
    const r = await indices('./gfunction.mjs', inputs, 16_384);
    const by = Object.fromEntries(r.outputs[0].indices.map((i) => [i.input, i]));
    a.forEach((_, i) => within(by[`x${i + 1}`], S1[i], ST[i]));
    expect(by.x5.STincludesZero || by.x5.ST < 0.001).toBe(true);
  }, 120_000);

  it('the same indices in-process and on 2 workers, and claim indicators are decomposed too', async () => {
    const inputs = { x1: u(-Math.PI, Math.PI), x2: u(-Math.PI, Math.PI), x3: u(-Math.PI, Math.PI) };
    const claims = [{ id: 'big', statement: 'y above 5', scalar: 'y', above: 5 }];
    const a = await indices('./ishigami.mjs', inputs, 2048, 0, claims);
    const b = await indices('./ishigami.mjs', inputs, 2048, 2, claims);
    expect(JSON.stringify(a.outputs)).toBe(JSON.stringify(b.outputs));
    expect(a.outputs.map((o) => o.label)).toEqual(['big', 'y']);
    expect(a.outputs[0].indices[0].input).toBe('x2'); // y > 5 is driven mostly by 7 sin² x2
  }, 120_000);
});
