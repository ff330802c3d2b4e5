import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME, fingerprint, redisConnection } from '../../src/engine/redisBackend.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';

// The distributed backend against a real Redis (Debian's redis-server, installed by
// test/setup.sh) that this test starts on a loopback port and stops.
const BIN = path.resolve('dist/src/cli/bin.js');
const demo = path.resolve('config/examples/demo-growth.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-redis-'));
console.log('redis test logs in', tmp);
const port = 20000 + Math.floor(Math.random() * 20000);
const url = `redis://127.0.0.1:${port}`;
const env = { ...process.env, FORECAST_STALLED_MS: '1500' };
let redis: ChildProcess;
const workers: ChildProcess[] = [];

const stable = (dir: string): string => {
  const r = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'));
  delete r.run;
  return JSON.stringify(r);
};
const startWorker = (): ChildProcess => {
  const w = spawn(process.execPath, [BIN, 'worker', '--redis', url, '-w', '1'], { env, stdio: ['ignore', openSync(path.join(tmp, `worker-${workers.length}.log`), 'a'), openSync(path.join(tmp, `worker-${workers.length}.log`), 'a')] });
  workers.push(w);
  return w;
};
const exited = (c: ChildProcess): Promise<number | null> => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.on('exit', (code) => r(code))));

beforeAll(async () => {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);

afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  redis?.kill('SIGTERM');
  await Promise.all([redis, ...workers].filter(Boolean).map((c) => exited(c!)));
}, 30_000);

describe('runs through Redis with forecast worker processes', () => {
  it('a worker refuses a job from a coordinator with another engine version, with a clear reason', async () => {
    startWorker();
    const { scenario } = await resolveScenarioFile(demo, { trajectories: 100 });
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(url) });
    const events = new QueueEvents(QUEUE_NAME, { connection: redisConnection(url) });
    await events.waitUntilReady();
    const job = await queue.add('block', { scenario, request: { type: 'block', block: 0, blockSize: 8192, keep: 0 }, fingerprint: { ...fingerprint(scenario), engine: '0.0.0-other' } }, { jobId: `mismatch-${Date.now()}` });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/refused: this worker runs engine .*; the coordinator runs engine 0\.0\.0-other/);
    await events.close();
    await queue.close();
  }, 60_000);

  it('two workers, one killed with SIGKILL mid-run: the result equals the local run byte for byte', async () => {
    const local = path.join(tmp, 'local'), remote = path.join(tmp, 'remote');
    expect(spawnSync(process.execPath, [BIN, 'run', demo, '-n', '150000', '-w', '2', '--out', local, '-q'], { env }).status).toBe(0);
    const victim = startWorker();
    startWorker();
    await new Promise((r) => setTimeout(r, 1000));
    const coordinator = spawn(process.execPath, [BIN, 'run', demo, '-n', '150000', '--redis', url, '--out', remote, '-q'], { env, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 2500));
    victim.kill('SIGKILL'); // mid-run: its job stalls, and BullMQ hands it to the other worker
    expect(await exited(coordinator)).toBe(0);
    expect(stable(remote)).toBe(stable(local));
    expect(JSON.parse(readFileSync(path.join(remote, 'result.json'), 'utf8')).run.backend).toBe('redis');
  }, 120_000);

  it('a coordinator killed with SIGKILL and restarted with --resume re-attaches to its jobs and ends byte-identical', async () => {
    const local = path.join(tmp, 'local-2'), remote = path.join(tmp, 'remote-2');
    const ckEnv = { ...env, FORECAST_CHECKPOINT_SECONDS: '0.1' };
    expect(spawnSync(process.execPath, [BIN, 'run', demo, '-n', '150000', '-w', '2', '--out', local, '-q'], { env }).status).toBe(0);
    if (workers.filter((w) => w.exitCode === null && w.signalCode === null).length < 2) startWorker();
    const coordinator = spawn(process.execPath, [BIN, 'run', demo, '-n', '150000', '--redis', url, '--checkpoint', '--out', remote, '-q'], { env: ckEnv, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 3000));
    coordinator.kill('SIGKILL');
    await exited(coordinator);
    const resumed = spawnSync(process.execPath, [BIN, 'run', '--resume', remote, '--redis', url, '-q'], { env: ckEnv, encoding: 'utf8' });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(stable(remote)).toBe(stable(local));
  }, 120_000);

  it('forecast sensitivity through Redis gives the same report as locally', () => {
    const a = path.join(tmp, 'sens-local'), b = path.join(tmp, 'sens-redis');
    const args = ['sensitivity', demo, '--method', 'sobol,tornado', '--rows', '512', '-n', '500', '--output', 'shortfall'];
    expect(spawnSync(process.execPath, [BIN, ...args, '-w', '1', '--out', a], { env }).status).toBe(0);
    const r = spawnSync(process.execPath, [BIN, ...args, '--redis', url, '--out', b], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const strip = (f: string) => JSON.stringify({ ...JSON.parse(readFileSync(path.join(f, 'sensitivity.json'), 'utf8')) });
    expect(strip(b)).toBe(strip(a));
  }, 120_000);

  it('a folder run (the scorecard) through Redis equals the local one', () => {
    const a = path.join(tmp, 'card-local'), b = path.join(tmp, 'card-redis');
    const folder = path.resolve('config/interview');
    expect(spawnSync(process.execPath, [BIN, 'run', folder, '-n', '2000', '-w', '1', '--out', a, '-q', '--no-report'], { env }).status).toBe(0);
    const r = spawnSync(process.execPath, [BIN, 'run', folder, '-n', '2000', '--redis', url, '--out', b, '-q', '--no-report'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const s of ['space-cheapest-36m', 'gb300-1gw', 'launch-and-space-compute']) expect(stable(path.join(b, s)), s).toBe(stable(path.join(a, s)));
  }, 120_000);

  it('a bad --redis URL is a clear usage error', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', demo, '-n', '100', '--redis', 'http://nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--redis "http:\/\/nope": the scheme must be redis:\/\/ or rediss:\/\//);
  });
});
