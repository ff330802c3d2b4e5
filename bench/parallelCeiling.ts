/**
 * The machine's own ceiling for two threads: the hand-tuned demo loop
 * (bench/handTunedDemo.ts) run in one process, then in two processes at
 * once. On a 2-vCPU machine whose vCPUs share a physical core, or whose
 * neighbours are busy, this is below 2x, and no engine can scale past it.
 * bench/scaling.ts measures this ceiling interleaved with the engine's own
 * 2-worker speed-up; this script reports the ceiling alone.
 *
 *   node dist/bench/parallelCeiling.js [trajectories] [repetitions]
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';

const here = fileURLToPath(import.meta.url);

/** Seconds to run the hand-tuned demo loop over n trajectories in k processes at once. */
export async function handProcesses(n: number, k: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: k }, () => new Promise<void>((res, rej) => spawn(process.execPath, [here, '--child', String(n)], { stdio: 'inherit' }).on('exit', (c) => (c === 0 ? res() : rej(new Error(`child exited ${c}`)))))),
  );
  return (performance.now() - t0) / 1000;
}

if (process.argv[2] === '--child') {
  const n = Number(process.argv[3]);
  const { resolveScenarioFile } = await import('../src/scenario/resolve.js');
  const { handTunedDemo } = await import('./handTunedDemo.js');
  const { scenario } = await resolveScenarioFile(path.resolve(path.dirname(here), '../../config/examples/demo-growth.yaml'), { trajectories: n });
  handTunedDemo(scenario, n);
} else if (process.argv[1] === here) {
  const N = Number(process.argv[2] ?? 200_000), REPS = Number(process.argv[3] ?? 3);
  await handProcesses(20_000, 1); // warm the file cache
  const r: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const one = await handProcesses(N, 1), two = await handProcesses(N, 2);
    r.push((2 * one) / two);
  }
  console.log(`hand-tuned demo loop, ${N.toLocaleString('en-US')} trajectories: 2 processes at once vs 1, median of ${REPS}: ${median(r).toFixed(2)}x (each: ${r.map((x) => x.toFixed(2)).join(', ')})`);
}
