/**
 * Engine overhead (issue 14, goal 1): the engine against a hand-tuned loop
 * of the same model, on the demo model and on the 12-input cost-ratio model,
 * measured in one process run. Cost-ratio-12 runs three ways in the engine:
 * its TypeScript model column-wise (simulateChunk), the same model trajectory
 * by trajectory (simulate), and written as formulas. Each repetition runs,
 * back to back, the hand-tuned loop(s), the engine in-process, the engine
 * on 1 worker thread started for the run (its boot, module loading and V8's
 * compiling of the engine in a fresh isolate timed, as a `forecast run` pays
 * them), and the engine on 1 warm worker thread (one kept for the whole
 * benchmark, which ran the scenario once before: like the hand-tuned loop,
 * which is warmed up in this process, it is timed with its code compiled,
 * and it also keeps its plan, the scenario's buffers and tables, from run to
 * run, as a folder run's threads do);
 * ratios are taken within a repetition (so both sides see the same machine
 * load) and the median over repetitions is reported. Each model has two
 * hand-tuned loops: value by value (bench/handTunedCostRatio.ts,
 * bench/handTunedDemo.ts) and the stricter column-wise one
 * (bench/handTunedCostRatioColumns.ts, bench/handTunedDemoColumns.ts).
 *
 *   npm run build && node dist/bench/throughput.js [trajectories] [repetitions] [demo|cost|both]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { PiscinaBackend } from '../src/engine/piscinaBackend.js';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { handTunedCostRatio } from './handTunedCostRatio.js';
import { handTunedCostRatioColumns } from './handTunedCostRatioColumns.js';
import { handTunedDemo } from './handTunedDemo.js';
import { handTunedDemoColumns } from './handTunedDemoColumns.js';
import { median, seconds } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? 200_000);
const REPS = Number(process.argv[3] ?? 5);
const which = process.argv[4] ?? 'both';
const models = [
  {
    key: 'cost',
    file: 'bench/costRatio12.yaml',
    hands: [
      { name: 'hand-tuned loop, value by value', run: handTunedCostRatio },
      { name: 'hand-tuned loop, column-wise', run: handTunedCostRatioColumns },
    ],
    // The TypeScript model has both forms: simulateChunk (what the engine runs) and simulate (run trajectory by trajectory when the model has no simulateChunk).
    engines: [
      { name: 'TypeScript, simulateChunk', file: 'bench/costRatio12.yaml' },
      { name: 'TypeScript, simulate', file: 'bench/costRatio12.byTrajectory.yaml' },
      { name: 'formulas', file: 'bench/costRatio12.formulas.yaml' },
    ],
    label: 'cost-ratio-12 (12 inputs, 121 months, 1 series, 1 first-passage claim)',
  },
  {
    key: 'demo',
    file: 'config/examples/demo-growth.yaml',
    hands: [
      { name: 'hand-tuned loop, value by value', run: handTunedDemo },
      { name: 'hand-tuned loop, column-wise', run: handTunedDemoColumns },
    ],
    engines: [{ name: 'TypeScript, simulate', file: 'config/examples/demo-growth.yaml' }],
    label: 'demo-growth (6 inputs, 121 months, 3 series, 2 scalars, 5 claims)',
  },
].filter((m) => which === 'both' || which === m.key);

console.log(`Node ${process.versions.node}, ${N.toLocaleString('en-US')} trajectories, ${REPS} interleaved repetitions, median of per-repetition ratios`);
for (const m of models) {
  const { scenario } = await resolveScenarioFile(path.join(root, m.file), { trajectories: N });
  const engines = await Promise.all(
    m.engines.map(async (e) => {
      const r = await resolveScenarioFile(path.join(root, e.file), { trajectories: N });
      return { ...e, scenario: r.scenario, model: r.model, inproc: [] as number[], w1: [] as number[], warm: [] as number[], pool: new PiscinaBackend(null, 1) };
    }),
  );
  // Warm-up (not counted): JIT the hand loops and the in-process engine.
  for (const h of m.hands) h.run({ ...scenario, trajectories: 20_000 }, 20_000);
  for (const e of engines) await runScenario({ ...e.scenario, trajectories: 20_000 }, e.model, { workers: 0 });
  const hand: number[][] = m.hands.map(() => []);
  try {
    // Warm-up of each engine's kept thread: the whole scenario once.
    for (const e of engines) await runScenario(e.scenario, e.model, { backend: e.pool });
    for (let rep = 0; rep < REPS; rep++) {
      for (const [h, { run }] of m.hands.entries()) hand[h].push(await seconds(() => run(scenario, N)));
      for (const e of engines) {
        e.inproc.push(await seconds(() => runScenario(e.scenario, e.model, { workers: 0 })));
        e.w1.push(await seconds(() => runScenario(e.scenario, e.model, { workers: 1 })));
        e.warm.push(await seconds(() => runScenario(e.scenario, e.model, { backend: e.pool })));
      }
    }
  } finally {
    for (const e of engines) await e.pool.close();
  }
  const rate = (xs: number[]) => `${(N / median(xs) / 1000).toFixed(1).padStart(7)}k traj/s (median ${median(xs).toFixed(2)} s)`;
  const ratios = (xs: number[]) => m.hands.map((h, j) => `${median(xs.map((s, i) => hand[j][i] / s)).toFixed(2)}x`).join(' / ');
  const of = m.hands.length > 1 ? `of the hand-tuned loops (${m.hands.map((h) => h.name.replace('hand-tuned loop, ', '')).join(' / ')})` : 'of the hand-tuned loop';
  console.log(`\n${m.label}`);
  m.hands.forEach((h, j) => console.log(`  ${h.name.padEnd(48)} ${rate(hand[j])}`));
  for (const e of engines) {
    const label = m.engines.length > 1 ? `engine (${e.name})` : 'engine';
    console.log(`  ${`${label}, in-process`.padEnd(48)} ${rate(e.inproc)}   ${ratios(e.inproc)} ${of}`);
    console.log(`  ${`${label}, 1 worker thread`.padEnd(48)} ${rate(e.w1)}   ${ratios(e.w1)} ${of}`);
    console.log(`  ${`${label}, 1 warm worker thread`.padEnd(48)} ${rate(e.warm)}   ${ratios(e.warm)} ${of}`);
  }
}
