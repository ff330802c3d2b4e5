/**
 * Engine overhead (issue 14, goal 1): the engine against a hand-tuned loop
 * of the same model, on the demo model and on the 12-input cost-ratio model,
 * measured in one process run. Each repetition runs, back to back, the
 * hand-tuned loop(s), the engine in-process and the engine on 1 worker thread;
 * ratios are taken within a repetition (so both sides see the same machine
 * load) and the median over repetitions is reported. Cost-ratio-12 has two
 * hand-tuned loops: value by value (bench/handTunedCostRatio.ts) and the
 * stricter column-wise one (bench/handTunedCostRatioColumns.ts).
 *
 *   npm run build && node dist/bench/throughput.js [trajectories] [repetitions] [demo|cost|both]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { handTunedCostRatio } from './handTunedCostRatio.js';
import { handTunedCostRatioColumns } from './handTunedCostRatioColumns.js';
import { handTunedDemo } from './handTunedDemo.js';
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
    label: 'cost-ratio-12 (12 inputs, 121 months, 1 series, 1 first-passage claim)',
  },
  { key: 'demo', file: 'config/examples/demo-growth.yaml', hands: [{ name: 'hand-tuned loop', run: handTunedDemo }], label: 'demo-growth (6 inputs, 121 months, 3 series, 2 scalars, 5 claims)' },
].filter((m) => which === 'both' || which === m.key);

console.log(`Node ${process.versions.node}, ${N.toLocaleString('en-US')} trajectories, ${REPS} interleaved repetitions, median of per-repetition ratios`);
for (const m of models) {
  const { scenario, model } = await resolveScenarioFile(path.join(root, m.file), { trajectories: N });
  // Warm-up (not counted): JIT the hand loops and the in-process engine.
  for (const h of m.hands) h.run({ ...scenario, trajectories: 20_000 }, 20_000);
  await runScenario({ ...scenario, trajectories: 20_000 }, model, { workers: 0 });
  const hand: number[][] = m.hands.map(() => []);
  const t: Record<'inproc' | 'w1', number[]> = { inproc: [], w1: [] };
  for (let rep = 0; rep < REPS; rep++) {
    for (const [h, { run }] of m.hands.entries()) hand[h].push(await seconds(() => run(scenario, N)));
    t.inproc.push(await seconds(() => runScenario(scenario, model, { workers: 0 })));
    t.w1.push(await seconds(() => runScenario(scenario, model, { workers: 1 })));
  }
  const rate = (xs: number[]) => `${(N / median(xs) / 1000).toFixed(1).padStart(7)}k traj/s (median ${median(xs).toFixed(2)} s)`;
  const ratios = (k: 'inproc' | 'w1') => m.hands.map((h, j) => `${median(t[k].map((s, i) => hand[j][i] / s)).toFixed(2)}x`).join(' / ');
  const of = m.hands.length > 1 ? `of the hand-tuned loops (${m.hands.map((h) => h.name.replace('hand-tuned loop, ', '')).join(' / ')})` : 'of the hand-tuned loop';
  console.log(`\n${m.label}`);
  m.hands.forEach((h, j) => console.log(`  ${h.name.padEnd(38)} ${rate(hand[j])}`));
  console.log(`  ${'engine, in-process (1 thread)'.padEnd(38)} ${rate(t.inproc)}   ${ratios('inproc')} ${of}`);
  console.log(`  ${'engine, 1 worker thread'.padEnd(38)} ${rate(t.w1)}   ${ratios('w1')} ${of}`);
}
