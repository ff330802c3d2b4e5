/**
 * Worker scaling against the machine's ceiling (issue 14, goal 4), in one
 * run: each repetition measures the two-thread ceiling (the hand-tuned demo
 * loop in 1 process, then in 2 processes at once; bench/parallelCeiling.ts)
 * and, back to back, the engine's demo run on 1 worker thread and on 2, two
 * ways: each run starting its own pool (runScenario alone, the threads' boot
 * timed), and on threads started ahead and left idle for a second (as
 * `forecast run` starts them before it reads the scenario, and a folder run
 * keeps them; their boot is not timed, their first blocks' JIT warm-up is),
 * and on warm threads, which have run the scenario once already (as a folder
 * run's threads are for its next scenario of the same model: neither their
 * boot nor V8 compiling the engine's code is timed).
 * Reports the median of the per-repetition speed-ups and of their ratio,
 * engine / ceiling.
 *
 *   npm run build && node dist/bench/scaling.js [trajectories,...] [repetitions]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { PiscinaBackend } from '../src/engine/piscinaBackend.js';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { handProcesses } from './parallelCeiling.js';
import { median, seconds } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sizes = (process.argv[2] ?? '400000,1000000').split(',').map(Number);
const REPS = Number(process.argv[3] ?? 3);

await handProcesses(20_000, 1); // warm the file cache
/** Seconds for a run on w threads started a second before (not timed), then closed. */
async function onThreadsStartedAhead(run: (backend: PiscinaBackend) => Promise<unknown>, w: number): Promise<number> {
  const pool = new PiscinaBackend(null, w);
  await new Promise((r) => setTimeout(r, 1000));
  try {
    return await seconds(() => run(pool));
  } finally {
    await pool.close();
  }
}

/** Seconds for a second run on w threads that ran the same scenario once just before (not timed), then closed. */
async function onWarmThreads(run: (backend: PiscinaBackend) => Promise<unknown>, w: number): Promise<number> {
  const pool = new PiscinaBackend(null, w);
  try {
    await run(pool);
    return await seconds(() => run(pool));
  } finally {
    await pool.close();
  }
}

for (const N of sizes) {
  const { scenario, model } = await resolveScenarioFile(path.join(root, 'config/examples/demo-growth.yaml'), { trajectories: N });
  const ceiling: number[] = [], engine: number[] = [], ahead: number[] = [], warm: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const one = await handProcesses(N, 1), two = await handProcesses(N, 2);
    const w1 = await seconds(() => runScenario(scenario, model, { workers: 1 }));
    const w2 = await seconds(() => runScenario(scenario, model, { workers: 2 }));
    const a1 = await onThreadsStartedAhead((backend) => runScenario(scenario, model, { backend }), 1);
    const a2 = await onThreadsStartedAhead((backend) => runScenario(scenario, model, { backend }), 2);
    const h1 = await onWarmThreads((backend) => runScenario(scenario, model, { backend }), 1);
    const h2 = await onWarmThreads((backend) => runScenario(scenario, model, { backend }), 2);
    ceiling.push((2 * one) / two);
    engine.push(w1 / w2);
    ahead.push(a1 / a2);
    warm.push(h1 / h2);
    console.log(`  ${N.toLocaleString('en-US')} rep ${rep + 1}: ceiling ${ceiling[rep].toFixed(2)}x (1 process ${one.toFixed(2)} s, 2 at once ${two.toFixed(2)} s); engine 2w/1w ${engine[rep].toFixed(2)}x (1w ${w1.toFixed(2)} s, 2w ${w2.toFixed(2)} s); threads started ahead ${ahead[rep].toFixed(2)}x (1w ${a1.toFixed(2)} s, 2w ${a2.toFixed(2)} s); warm threads ${warm[rep].toFixed(2)}x (1w ${h1.toFixed(2)} s, 2w ${h2.toFixed(2)} s)`);
  }
  const frac = (xs: number[]) => `${(median(xs.map((e, i) => e / ceiling[i])) * 100).toFixed(0)}%`;
  console.log(`demo-growth, ${N.toLocaleString('en-US')} trajectories, median of ${REPS}: ceiling ${median(ceiling).toFixed(2)}x; engine 2 workers / 1 worker ${median(engine).toFixed(2)}x = ${frac(engine)} of the ceiling; on threads started ahead ${median(ahead).toFixed(2)}x = ${frac(ahead)}; on warm threads ${median(warm).toFixed(2)}x = ${frac(warm)}`);
}
