import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { InputError } from '../../src/errors.js';
import { runData, stableBytes } from '../helpers/run.js';
import { KS_C_0001, ksStatistic } from '../helpers/gof.js';
import { directionNumbers, sobolInt } from '../../src/sampling/sobol.js';

const demoFile = path.resolve('config/examples/demo-growth.yaml');
const demo = parse(readFileSync(demoFile, 'utf8')) as Record<string, any>;
const SAMPLERS = ['mc', 'lhs', 'sobol', 'antithetic'] as const;
const TARGETS = { 'initialDemand/demandGrowth': 0.6, 'initialSupply/supplyGrowth': -0.4, 'initialDemand/initialSupply': 0.3 };
const correlated = { ...demo, correlations: [['initialDemand', 'demandGrowth', 0.6], ['initialSupply', 'supplyGrowth', -0.4], ['initialDemand', 'initialSupply', 0.3]] };

function ranks(xs: Float64Array): Float64Array {
  const idx = Array.from(xs.keys()).sort((a, b) => xs[a] - xs[b]);
  const r = new Float64Array(xs.length);
  idx.forEach((i, k) => (r[i] = k));
  return r;
}
function spearman(a: Float64Array, b: Float64Array): number {
  const ra = ranks(a), rb = ranks(b), n = a.length, m = (n - 1) / 2;
  let s = 0, sa = 0, sb = 0;
  for (let i = 0; i < n; i++) {
    s += (ra[i] - m) * (rb[i] - m);
    sa += (ra[i] - m) ** 2;
    sb += (rb[i] - m) ** 2;
  }
  return s / Math.sqrt(sa * sb);
}

async function inputColumns(data: unknown, n: number, sampler: string) {
  const { scenario, model } = await resolveScenarioData({ ...(data as object), trajectories: n, sampler }, demoFile);
  const out = await runScenario(scenario, model, { workers: 0, keepTrajectories: n });
  const w = out.plan.layout.rowWidth;
  const col = (name: string) => Float64Array.from({ length: n }, (_, i) => out.summary.rows[i * w + out.plan.inputNames.indexOf(name)]);
  return { col, result: buildResult(scenario, out, new Date(0)) };
}

describe('Sobol points', () => {
  it('the first dimensions reproduce the published Sobol sequence', () => {
    // Joe & Kuo's sequence, points 1-7 in dimensions 1-3 (e.g. their sobol.cc output): 0.5 0.5 0.5; 0.75 0.25 0.25; 0.25 0.75 0.75; 0.375 0.375 0.625; …
    const pts = [0, 1, 2, 3, 4].map((k) => [0, 1, 2].map((d) => sobolInt(directionNumbers(d), k) / 2 ** 32));
    expect(pts).toEqual([[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75], [0.375, 0.375, 0.625]]);
    expect(() => directionNumbers(63)).not.toThrow(); // at least 64 dimensions
  });
});

describe('correlated inputs (Iman–Conover; Gaussian copula for sobol and antithetic)', () => {
  for (const sampler of SAMPLERS) {
    it(`${sampler}: achieved Spearman within ±0.02 of the targets at n = 16,384, margins still pass KS`, async () => {
      const { col } = await inputColumns(correlated, 16_384, sampler);
      for (const [pair, target] of Object.entries(TARGETS)) {
        const [a, b] = pair.split('/');
        expect(Math.abs(spearman(col(a), col(b)) - target), `${sampler} ${pair}`).toBeLessThan(0.02);
      }
      expect(Math.abs(spearman(col('demandGrowth'), col('shockSize')))).toBeLessThan(0.04); // uncorrelated pairs stay near 0
      // initialSupply ~ Normal(12, 1); initialDemand ~ lognormal with p5 = 8, p95 = 15.
      const n = 16_384;
      expect(ksStatistic(col('initialSupply'), (x) => normalCdf(x, 12, 1))).toBeLessThan(KS_C_0001 / Math.sqrt(n));
      const mu = (Math.log(8) + Math.log(15)) / 2, sigma = (Math.log(15) - Math.log(8)) / (2 * 1.6448536269514722);
      expect(ksStatistic(col('initialDemand'), (x) => normalCdf(Math.log(x), mu, sigma))).toBeLessThan(KS_C_0001 / Math.sqrt(n));
    }); // timeout: vitest.config.ts
  }

  it('rejects a matrix that is not positive semi-definite, naming the entry; --repair uses the nearest one and says how far it moved', async () => {
    const bad = { ...demo, correlations: { names: ['initialDemand', 'demandGrowth', 'initialSupply'], matrix: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]] } };
    await expect(resolveScenarioData(bad, demoFile)).rejects.toThrow(/correlations = "initialSupply–[a-zA-Z]+ = -?0\.9": the correlation matrix is not positive semi-definite/);
    const { scenario, warnings } = await resolveScenarioData(bad, demoFile, true);
    expect(warnings.join()).toMatch(/nearest correlation matrix \(Higham\), largest change 0\.\d+/);
    expect(scenario.correlations.length).toBe(3);
    const cases: Array<[unknown, RegExp]> = [
      [{ names: ['initialDemand', 'demandGrowth'], matrix: [[1, 0.5], [0.4, 1]] }, /correlations\.matrix\[0\]\[1\] = 0\.5: is not equal to matrix\[1\]\[0\]/],
      [[['initialDemand', 'demandGrowth', 1.5]], /correlations\[0\] = 1\.5: a correlation must lie in \[−1, 1\]/],
      [[['initialDemand', 'nope', 0.5]], /correlations\[0\] = "nope": names no input/],
      [[['initialDemand', 'demandGrowth', 'high']], /correlations/],
    ];
    for (const [spec, pattern] of cases) {
      const e = await resolveScenarioData({ ...demo, correlations: spec }, demoFile).catch((x) => x);
      expect(e).toBeInstanceOf(InputError);
      expect(e.message).toMatch(pattern);
    }
  });
});

describe('samplers: reproducibility, replicate intervals, convergence control', () => {
  for (const sampler of SAMPLERS) {
    it(`${sampler}: identical bytes in-process and at 1, 2 and 4 workers (with correlations)`, async () => {
      const data = { ...correlated, trajectories: 4096, sampler };
      const ref = stableBytes(await runData(data, { workers: 0, blockSize: 512 }, demoFile));
      for (const workers of [1, 2, 4]) expect(stableBytes(await runData(data, { workers, blockSize: 512 }, demoFile)), `${sampler} ${workers}`).toBe(ref);
    }); // timeout: vitest.config.ts
  }

  it('non-Monte-Carlo samplers report intervals from 32 replicates; plain Monte Carlo from Wilson', async () => {
    const mc = await runData({ ...demo, trajectories: 4096 }, { workers: 0 }, demoFile);
    const lhs = await runData({ ...demo, trajectories: 4096, sampler: 'lhs' }, { workers: 0 }, demoFile);
    expect(mc.claims[0]).toMatchObject({ interval: 'wilson', replicates: 0 });
    expect(lhs.claims[0]).toMatchObject({ interval: 'replicates', replicates: 32 });
    expect(lhs.manifest).toMatchObject({ sampler: 'lhs', replicates: 32 });
  });

  it('--precision stops at a block boundary once every claim is precise enough, the same at any worker count', async () => {
    const data = { ...demo, trajectories: 200_000, precision: 0.01 };
    const a = await runData(data, { workers: 0, blockSize: 1024 }, demoFile);
    const b = await runData(data, { workers: 2, blockSize: 1024 }, demoFile);
    expect(stableBytes(a)).toBe(stableBytes(b));
    expect(a.convergence.met).toBe(true);
    expect(a.manifest.trajectories).toBeLessThan(200_000);
    expect(a.manifest.trajectories % 1024).toBe(0);
    for (const c of a.claims) expect((c.ci95[1]! - c.ci95[0]!) / 2).toBeLessThanOrEqual(0.01);
    // The block before the stop was not yet precise enough.
    const history = a.convergence.history;
    expect(history[history.length - 1].trajectories).toBe(a.manifest.trajectories);
    expect(history.map((h) => h.trajectories)).toEqual([...history.map((h) => h.trajectories)].sort((x, y) => x - y));
    const never = await runData({ ...demo, trajectories: 2048, precision: 0.0001 }, { workers: 0, blockSize: 1024 }, demoFile);
    expect(never.convergence).toMatchObject({ met: false, trajectoriesUsed: 2048, maxTrajectories: 2048 });
  }); // timeout: vitest.config.ts
});

describe('variance reduction on a model with known answers (20 seeds, N = 4,096)', () => {
  it('lhs and sobol estimate E[sum] = 2 and P(sum < 1) = 1/24 with smaller error than mc', async () => {
    // Four uniforms: E[sum] = 2 (smooth); P(sum < 1) = 1/4! = 1/24 (an indicator).
    const fixtures = path.resolve('test/fixtures/x.yaml');
    const u = { dist: 'uniform', min: 0, max: 1, unit: '1', source: 'test', rationale: 'test' };
    const rmse: Record<string, { p: number; mean: number }> = {};
    for (const sampler of ['mc', 'lhs', 'sobol']) {
      let ep = 0, em = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const r = await runData({
          model: './sum-model.mjs', start: '2026-02', horizon: 0, trajectories: 4096, seed, sampler,
          inputs: { x1: u, x2: u, x3: u, x4: u }, claims: [{ id: 'tail', statement: 's', scalar: 'sum', below: 1 }],
        }, { workers: 0 }, fixtures);
        ep += (r.claims[0].probability! - 1 / 24) ** 2;
        em += (r.scalars.sum.mean! - 2) ** 2;
      }
      rmse[sampler] = { p: Math.sqrt(ep / 20), mean: Math.sqrt(em / 20) };
    }
    // Measured here: E[sum] RMSE ratios mc/lhs ≈ 137, mc/sobol ≈ 8; P(sum < 1) ≈ 1.4 and 1.8
    // (bench/varianceReduction.ts has the larger run quoted in the README).
    expect(rmse.mc.mean / rmse.lhs.mean).toBeGreaterThan(20);
    expect(rmse.mc.mean / rmse.sobol.mean).toBeGreaterThan(4);
    expect(rmse.lhs.p).toBeLessThan(rmse.mc.p);
    expect(rmse.sobol.p).toBeLessThan(rmse.mc.p);
  }); // timeout: vitest.config.ts
});
