/**
 * Whole-run throughput: the engine vs a hand-written loop of the same model
 * (same sampling work), and 2 workers vs 1, measured in one process run so
 * the ratios are comparable on a shared, noisy machine.
 *
 *   npm run build && node dist/bench/throughput.js [trajectories]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { handLoop } from './handLoop.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.argv[2] ?? 200_000);
const { scenario, model } = await resolveScenarioFile(path.join(root, 'config/examples/demo-growth.yaml'), { trajectories: N });

async function time(label: string, f: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s  ${(N / s / 1000).toFixed(1).padStart(8)}k trajectories/s`);
  return N / s;
}

console.log(`demo-growth, ${N.toLocaleString('en-US')} trajectories x ${scenario.horizon + 1} months, Node ${process.versions.node}`);
handLoop(scenario, Math.min(N, 20_000)); // warm-up
await runScenario(scenario, model, { workers: 0 }).catch(() => undefined);
const rates: Record<string, number[]> = { hand: [], inproc: [], w1: [], w2: [] };
for (let rep = 0; rep < 2; rep++) {
  rates.hand.push(await time('hand-written loop (1 thread)', () => handLoop(scenario, N)));
  rates.inproc.push(await time('engine, in-process (1 thread)', () => runScenario(scenario, model, { workers: 0 })));
  rates.w1.push(await time('engine, 1 worker thread', () => runScenario(scenario, model, { workers: 1 })));
  rates.w2.push(await time('engine, 2 worker threads', () => runScenario(scenario, model, { workers: 2 })));
}
const best = (k: string) => Math.max(...rates[k]);
console.log(`\nratios (best of 2 each):`);
console.log(`  engine per core / hand-written loop: in-process ${(best('inproc') / best('hand')).toFixed(2)}x, 1 worker ${(best('w1') / best('hand')).toFixed(2)}x`);
console.log(`  2 workers / 1 worker: ${(best('w2') / best('w1')).toFixed(2)}x`);
