/**
 * The machine's own ceiling for two threads: the hand-written loop run in one
 * process, then in two processes at once. On a 2-vCPU machine whose vCPUs
 * share a physical core, or whose neighbours are busy, this is below 2x, and
 * no engine can scale past it. Reports the ratio measured in one run.
 *
 *   node dist/bench/parallelCeiling.js [trajectories]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { handLoop } from './handLoop.js';

const here = fileURLToPath(import.meta.url);
const N = Number(process.argv[2] ?? 200_000);

if (process.argv[3] === '--child') {
  const { scenario } = await resolveScenarioFile(path.resolve(path.dirname(here), '../../config/examples/demo-growth.yaml'), { trajectories: N });
  handLoop(scenario, N);
} else {
  const runChildren = async (k: number): Promise<number> => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: k }, () => new Promise((res) => spawn(process.execPath, [here, String(N), '--child'], { stdio: 'inherit' }).on('exit', res))));
    return (performance.now() - t0) / 1000;
  };
  await runChildren(1); // warm the file cache
  const one = await runChildren(1), two = await runChildren(2);
  console.log(`hand-written loop, ${N.toLocaleString('en-US')} trajectories: 1 process ${one.toFixed(2)} s; 2 processes at once ${two.toFixed(2)} s`);
  console.log(`machine ceiling for 2 threads: ${((2 * one) / two).toFixed(2)}x`);
}
