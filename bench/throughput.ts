/**
 * Engine overhead (issue 14, goal 1): the engine against a hand-tuned loop
 * of the same model, on the demo model and on the 12-input cost-ratio model,
 * measured in one process run. Each repetition runs, back to back, the
 * hand-tuned loop, the engine in-process and the engine on 1 worker thread;
 * ratios are taken within a repetition (so both sides see the same machine
 * load) and the median over repetitions is reported.
 *
 *   npm run build && node dist/bench/throughput.js [trajectories] [repetitions] [demo|cost|both]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { handTunedCostRatio } from './handTunedCostRatio.js';
import { handTunedDemo } from './handTunedDemo.js';
import { median, seconds } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? 200_000);
const REPS = Number(process.argv[3] ?? 5);
const which = process.argv[4] ?? 'both';
const models = [
  { key: 'cost', file: 'bench/costRatio12.yaml', hand: handTunedCostRatio, label: 'cost-ratio-12 (12 inputs, 121 months, 1 series, 1 first-passage claim)' },
  { key: 'demo', file: 'config/examples/demo-growth.yaml', hand: handTunedDemo, label: 'demo-growth (6 inputs, 121 months, 3 series, 2 scalars, 5 claims)' },
].filter((m) => which === 'both' || which === m.key);

console.log(`Node ${process.versions.node}, ${N.toLocaleString('en-US')} trajectories, ${REPS} interleaved repetitions, median of per-repetition ratios`);
for (const m of models) {
  const { scenario, model } = await resolveScenarioFile(path.join(root, m.file), { trajectories: N });
  // Warm-up (not counted): JIT the hand loop and the in-process engine.
  m.hand({ ...scenario, trajectories: 20_000 }, 20_000);
  await runScenario({ ...scenario, trajectories: 20_000 }, model, { workers: 0 });
  const t: Record<'hand' | 'inproc' | 'w1', number[]> = { hand: [], inproc: [], w1: [] };
  for (let rep = 0; rep < REPS; rep++) {
    t.hand.push(await seconds(() => m.hand(scenario, N)));
    t.inproc.push(await seconds(() => runScenario(scenario, model, { workers: 0 })));
    t.w1.push(await seconds(() => runScenario(scenario, model, { workers: 1 })));
  }
  const ratio = (k: 'inproc' | 'w1') => median(t[k].map((s, i) => t.hand[i] / s));
  const rate = (k: 'hand' | 'inproc' | 'w1') => `${(N / median(t[k]) / 1000).toFixed(1).padStart(7)}k traj/s (median ${median(t[k]).toFixed(2)} s)`;
  console.log(`\n${m.label}`);
  console.log(`  hand-tuned loop, 1 thread      ${rate('hand')}`);
  console.log(`  engine, in-process (1 thread)  ${rate('inproc')}   ${ratio('inproc').toFixed(2)}x of the hand-tuned loop`);
  console.log(`  engine, 1 worker thread        ${rate('w1')}   ${ratio('w1').toFixed(2)}x of the hand-tuned loop`);
}
