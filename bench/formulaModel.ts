/**
 * Formula model vs the same model in TypeScript: the built-in orbital-vs-ground
 * model and its formula version (test/fixtures/orbital-vs-ground.formulas.yaml,
 * byte-identical results), measured in one process run.
 * - model only: simulate() over the same pre-drawn inputs (121 months, 7 series);
 * - whole run: sampling, correlation, model, summaries, in-process (1 thread).
 *
 *   npm run build && node dist/bench/formulaModel.js [trajectories]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { drawInputs, RunPlan, TrajectoryEvaluator } from '../src/engine/runBlock.js';
import { formulaModelRef, loadModel } from '../src/scenario/loadModel.js';
import { resolveScenarioFile, type ResolvedScenario } from '../src/scenario/resolve.js';
import type { Model } from '../src/model/defineModel.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? 20_000);
const ts = await resolveScenarioFile(path.join(root, 'config/interview/space-cheapest-36m.yaml'), { trajectories: N });
const fm = await resolveScenarioFile(path.join(root, 'test/fixtures/orbital-vs-ground.formulas.yaml'), { trajectories: N });
if (fm.scenario.model.kind !== 'formula') throw new Error('expected a formula model');
const ref = formulaModelRef(fm.scenario.model.spec, Object.fromEntries(Object.entries(ts.model.inputs).map(([n, d]) => [n, { unit: d.unit }])));
const formula = { scenario: { ...ts.scenario, model: ref } as ResolvedScenario, model: await loadModel(ref) };

const plan = new RunPlan(ts.scenario, ts.model);
const cols = drawInputs(plan, 0, 0, N);
function modelOnly(scenario: ResolvedScenario, model: Model): number {
  const ev = new TrajectoryEvaluator(new RunPlan(scenario, model));
  const t0 = performance.now();
  for (let t = 0; t < N; t++) ev.run(t, 0, (j) => cols[j][t]);
  return N / ((performance.now() - t0) / 1000);
}
async function wholeRun(scenario: ResolvedScenario, model: Model): Promise<number> {
  const t0 = performance.now();
  await runScenario(scenario, model, { workers: 0 });
  return N / ((performance.now() - t0) / 1000);
}

console.log(`orbital-vs-ground, ${N.toLocaleString('en-US')} trajectories x ${ts.scenario.horizon + 1} months, Node ${process.versions.node}`);
modelOnly(ts.scenario, ts.model); // warm-up
modelOnly(formula.scenario, formula.model);
const rates = { tsModel: [] as number[], fmModel: [] as number[], tsRun: [] as number[], fmRun: [] as number[] };
for (let rep = 0; rep < 3; rep++) {
  rates.tsModel.push(modelOnly(ts.scenario, ts.model));
  rates.fmModel.push(modelOnly(formula.scenario, formula.model));
}
for (let rep = 0; rep < 2; rep++) {
  rates.tsRun.push(await wholeRun(ts.scenario, ts.model));
  rates.fmRun.push(await wholeRun(formula.scenario, formula.model));
}
const best = (k: keyof typeof rates) => Math.max(...rates[k]);
const k = (r: number) => `${(r / 1000).toFixed(1)}k trajectories/s`;
console.log(`model only:  TypeScript ${k(best('tsModel'))}, formulas ${k(best('fmModel'))}: formulas / TypeScript = ${(best('fmModel') / best('tsModel')).toFixed(2)}x`);
console.log(`whole run:   TypeScript ${k(best('tsRun'))}, formulas ${k(best('fmRun'))}: formulas / TypeScript = ${(best('fmRun') / best('tsRun')).toFixed(2)}x`);
