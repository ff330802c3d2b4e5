/**
 * The cost of running through Redis: the same scenario locally on 2 worker
 * threads, then through a Redis server on loopback with 2 `forecast worker`
 * processes of 1 thread each, in one run of this script. Reports the total
 * time of each and the overhead per block. Needs redis-server (test/setup.sh).
 *
 *   npm run build && node dist/bench/redisOverhead.js [trajectories]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { RedisBackend } from '../src/engine/redisBackend.js';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { encodeSummary } from '../src/stats/summaryCodec.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(root, 'dist/src/cli/bin.js');
const N = Number(process.argv[2] ?? 400_000);
const port = 21000 + Math.floor(Math.random() * 10000);
const url = `redis://127.0.0.1:${port}`;
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const workers: ChildProcess[] = [];
try {
  for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
  const { scenario, model } = await resolveScenarioFile(path.join(root, 'config/examples/demo-growth.yaml'), { trajectories: N });
  const blocks = Math.ceil(N / 8192);
  await runScenario({ ...scenario, trajectories: 20_000 }, model, { workers: 2 }); // warm the file cache
  let t0 = performance.now();
  const localOut = await runScenario(scenario, model, { workers: 2 });
  const local = (performance.now() - t0) / 1000;
  for (let i = 0; i < 2; i++) workers.push(spawn(process.execPath, [BIN, 'worker', '--redis', url, '-w', '1', '-q'], { stdio: 'ignore' }));
  await new Promise((r) => setTimeout(r, 1500)); // the workers start
  const backend = new RedisBackend(scenario, url);
  await runScenario({ ...scenario, trajectories: 20_000, seed: scenario.seed + 1 }, model, { backend }); // warm the workers' JIT and pools
  t0 = performance.now();
  const remoteOut = await runScenario(scenario, model, { backend });
  const remote = (performance.now() - t0) / 1000;
  const same = Buffer.from(encodeSummary(localOut.summary).buffer).equals(Buffer.from(encodeSummary(remoteOut.summary).buffer));
  if (!same || remoteOut.summary.trajectories !== N) throw new Error(`the Redis run differs from the local run (${remoteOut.summary.trajectories} trajectories)`);
  await backend.close();
  console.log(`demo-growth, ${N.toLocaleString('en-US')} trajectories, ${blocks} blocks of 8,192`);
  console.log(`local, 2 worker threads:                     ${local.toFixed(2)} s`);
  console.log(`Redis on loopback, 2 worker processes x 1:  ${remote.toFixed(2)} s`);
  console.log(`overhead: ${(remote - local).toFixed(2)} s in all, ${(((remote - local) / blocks) * 1000).toFixed(1)} ms per block (${((remote / local - 1) * 100).toFixed(1)}%)`);
} finally {
  for (const w of workers) w.kill('SIGTERM');
  redis.kill('SIGTERM');
}
