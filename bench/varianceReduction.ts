/**
 * Variance reduction of the samplers on a model with known answers: four
 * uniform inputs and their sum, for which E[sum] = 2, P(sum < 2) = 1/2 and
 * P(sum < 1) = 1/24. Reports the root-mean-square error of each estimate over
 * many seeds at equal N, and its ratio to plain Monte Carlo.
 *
 *   npm run build && node dist/bench/varianceReduction.js [N] [seeds]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { buildResult } from '../src/result/buildResult.js';
import { resolveScenarioData } from '../src/scenario/resolve.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? 65_536), SEEDS = Number(process.argv[3] ?? 20);
const u = { dist: 'uniform', min: 0, max: 1, unit: '1', source: 'bench', rationale: 'bench' };
const truths = { half: 0.5, tail: 1 / 24 };
const rows: Array<{ sampler: string; half: number; tail: number; mean: number }> = [];
for (const sampler of ['mc', 'lhs', 'sobol', 'antithetic']) {
  let eh = 0, et = 0, em = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { scenario, model } = await resolveScenarioData({
      model: './sum-model.mjs', start: '2026-02', horizon: 0, trajectories: N, seed, sampler, inputs: { x1: u, x2: u, x3: u, x4: u },
      claims: [{ id: 'half', statement: 'sum < 2', scalar: 'sum', below: 2 }, { id: 'tail', statement: 'sum < 1', scalar: 'sum', below: 1 }],
    }, path.join(root, 'test/fixtures/bench.yaml'));
    const r = buildResult(scenario, await runScenario(scenario, model, { workers: 0 }), new Date(0));
    eh += (r.claims[0].probability! - truths.half) ** 2;
    et += (r.claims[1].probability! - truths.tail) ** 2;
    em += (r.scalars.sum.mean! - 2) ** 2;
  }
  rows.push({ sampler, half: Math.sqrt(eh / SEEDS), tail: Math.sqrt(et / SEEDS), mean: Math.sqrt(em / SEEDS) });
}
const mc = rows[0];
console.log(`RMSE over ${SEEDS} seeds at N = ${N.toLocaleString('en-US')} (ratio = mc RMSE / sampler RMSE; variance ratio = its square)`);
for (const r of rows) {
  const ratio = (a: number, b: number) => (b === 0 ? 'exact' : `${(a / b).toFixed(1)}x`);
  console.log(`${r.sampler.padEnd(11)} P(sum<2) ${r.half.toExponential(2)} (${ratio(mc.half, r.half)})  P(sum<1) ${r.tail.toExponential(2)} (${ratio(mc.tail, r.tail)})  E[sum] ${r.mean.toExponential(2)} (${ratio(mc.mean, r.mean)})`);
}
