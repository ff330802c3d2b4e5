import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runSensitivity } from '../../src/analysis/runSensitivity.js';
import { normalQuantile } from '../../src/distributions/normalQuantile.js';

const fixtures = path.resolve('test/fixtures/x.yaml');
const meta = { unit: 'x', source: 'test', rationale: 'test' };
const u = { dist: 'uniform', min: 0, max: 1, ...meta };

async function scenario(data: Record<string, unknown>) {
  return resolveScenarioData({ start: '2026-02', trajectories: 10_000, seed: 5, ...data }, fixtures);
}
const ramp = () => scenario({
  model: './ramp-model.ts', horizon: 24,
  inputs: { start: { dist: 'normal', mean: 10, sd: 1, ...meta }, slope: { ...u }, jump: { dist: 'point', value: 0, ...meta }, jumpProbability: { dist: 'point', value: 0, ...meta } },
  claims: [{ id: 'above-20-at-12', statement: 'value above 20 at month 12', series: 'value', above: 20, at: 12 }],
});

describe('rank sensitivity (Spearman, PRCC, decile bins)', () => {
  it('sum of four uniforms: Spearman ≈ 1/2 each (within 5 standard errors), PRCC near 1, bins increasing', async () => {
    const { scenario: s, model } = await scenario({ model: './sum-model.mjs', horizon: 0, inputs: { x1: u, x2: u, x3: u, x4: u } });
    const r = await runSensitivity(s, model, { methods: ['rank'], outputs: ['sum'], trajectories: 10_000, workers: 0 });
    const o = r.rank!.outputs[0];
    expect(o.rows).toBe(10_000);
    // Spearman of x_i with the sum: ≈ 0.49 (Pearson 1/2 for uniforms); SE ≈ (1 − ρ²)/√n.
    for (const x of o.results) {
      expect(Math.abs(x.spearman - 0.49)).toBeLessThan(5 * (1 - 0.25) / Math.sqrt(10_000) + 0.01);
      expect(x.prcc).toBeGreaterThan(0.9); // ≈ 0.94: ranks of a sum are not linear in the inputs' ranks
      for (let k = 1; k < 10; k++) expect(x.bins[k]).toBeGreaterThan(x.bins[k - 1]);
    }
  }); // timeout: vitest.config.ts
});

describe('tornado and breakeven with common random numbers', () => {
  it('deterministic tornado of value@12 = start + 12·slope matches the hand computation', async () => {
    const { scenario: s, model } = await ramp();
    const r = await runSensitivity(s, model, { methods: ['tornado'], outputs: ['value@12'], trajectories: 2000, workers: 0 });
    const t = r.tornado!.deterministic[0];
    const z = normalQuantile(0.9);
    expect(t.baseline).toBeCloseTo(10 + 12 * 0.5, 9);
    expect(t.bars.map((b) => b.input)).toEqual(['slope', 'start']);
    expect(t.bars[0].atHigh - t.bars[0].atLow).toBeCloseTo(12 * 0.8, 9); // slope P10 0.1 → P90 0.9
    expect(t.bars[1].atHigh - t.bars[1].atLow).toBeCloseTo(2 * z, 9); // start P10 → P90 of N(10, 1)
    // Probabilistic: the claim's probability with slope pinned low and high, others uncertain.
    const p = r.tornado!.probabilistic.find((x) => x.output === 'value@12')!;
    expect(p.bars[0].input).toBe('slope');
  }); // timeout: vitest.config.ts

  it('breakeven: P(start + 12·slope > 20) = Φ(12s − 10) crosses 0.5 at slope = 10/12', async () => {
    const { scenario: s, model } = await ramp();
    const r = await runSensitivity(s, model, { methods: ['breakeven'], outputs: ['above-20-at-12'], breakevenInput: 'slope', target: 0.5, trajectories: 10_000, workers: 0 });
    const b = r.breakeven!;
    expect(b.reached).toBe(true);
    expect(b.interval![0]).toBeLessThanOrEqual(10 / 12 + 0.002);
    expect(b.interval![1]).toBeGreaterThanOrEqual(10 / 12 - 0.002);
    expect(Math.abs(b.value! - 10 / 12)).toBeLessThan(0.02);
    const none = await runSensitivity(s, model, { methods: ['breakeven'], outputs: ['above-20-at-12'], breakevenInput: 'start', target: 0.5, trajectories: 2000, workers: 0 });
    expect(none.breakeven!.reached).toBe(false);
    expect(none.breakeven!.message).toMatch(/not reached within the input's range/);
  }); // timeout: vitest.config.ts

  it('the same report in-process and on 2 workers', async () => {
    const { scenario: s, model } = await ramp();
    const opts = { methods: ['rank', 'tornado'] as const, outputs: ['above-20-at-12'], trajectories: 2000 };
    const a = await runSensitivity(s, model, { ...opts, methods: [...opts.methods], workers: 0 });
    const b = await runSensitivity(s, model, { ...opts, methods: [...opts.methods], workers: 2 });
    expect(JSON.stringify(a.rank)).toBe(JSON.stringify(b.rank));
    expect(JSON.stringify(a.tornado)).toBe(JSON.stringify(b.tornado));
  }); // timeout: vitest.config.ts
});
