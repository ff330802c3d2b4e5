import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME, fingerprint, redisConnection } from '../../src/engine/redisBackend.js';
import { SUMMARY_FORMAT } from '../../src/stats/summaryCodec.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { HANG_GUARD, SPAWN_TIMEOUT, checkpointNextBlock, exited, hasExited, waitFor } from '../helpers/processes.js';

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
const workerLog = (i: number): string => path.join(tmp, `worker-${i}.log`);
const logOf = (i: number): string => (existsSync(workerLog(i)) ? readFileSync(workerLog(i), 'utf8') : '');
/** Starts a worker and resolves once its log says it is connected and ready for jobs. */
const startWorker = async (): Promise<{ w: ChildProcess; i: number }> => {
  const i = workers.length;
  const w = spawn(process.execPath, [BIN, 'worker', '--redis', url, '-w', '1'], { env, stdio: ['ignore', openSync(workerLog(i), 'a'), openSync(workerLog(i), 'a')] });
  workers.push(w);
  const ready = await waitFor(() => /forecast worker ready/.test(logOf(i)), w, 20);
  if (!ready) throw new Error(`worker ${i} exited before it was ready:\n${logOf(i)}`);
  return { w, i };
};
/** How many blocks a worker's log says it has finished. */
const blocksDone = (i: number): number => (logOf(i).match(/^\S+ block \d+ of .* done$/gm) ?? []).length;
/** The worker logs, for a failure message. */
const logs = (): string => workers.map((_, i) => `worker-${i}.log:\n${logOf(i)}`).join('\n');
const sync = (args: string[], e: NodeJS.ProcessEnv = env) => spawnSync(process.execPath, [BIN, ...args], { env: e, encoding: 'utf8', timeout: HANG_GUARD });

beforeAll(async () => {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  // Ready when it answers PING; a server that exits (port taken, say) fails here, not later.
  const up = await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG', redis, 50);
  if (!up) throw new Error(`redis-server on port ${port} exited before answering PING`);
}, SPAWN_TIMEOUT);

afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  redis?.kill('SIGTERM');
  await Promise.all([redis, ...workers].filter(Boolean).map((c) => exited(c!)));
}, SPAWN_TIMEOUT);

describe('runs through Redis with forecast worker processes', () => {
  it('a worker refuses a job from a coordinator with another engine version, with a clear reason', async () => {
    await startWorker();
    const { scenario } = await resolveScenarioFile(demo, { trajectories: 100 });
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(url) });
    // The job's state is read back until it has failed, rather than waited for as an event: under a
    // full load the 'failed' event of QueueEvents was once missed, and the test hung to its timeout.
    const failure = async (id: string): Promise<string> => {
      for (;;) {
        const job = await queue.getJob(id);
        const state = await job?.getState();
        if (state === 'completed') return 'completed, not refused';
        if (state === 'failed') return job!.failedReason;
        await new Promise((r) => setTimeout(r, 50)); // a poll interval, not a guess at how long anything takes
      }
    };
    const job = await queue.add('block', { scenario, request: { type: 'block', block: 0, blockSize: 8192, keep: 0 }, fingerprint: { ...fingerprint(scenario), engine: '0.0.0-other' } }, { jobId: `mismatch-${Date.now()}` });
    expect(await failure(job.id!)).toMatch(/refused: this worker runs engine .*; the coordinator runs engine 0\.0\.0-other/);
    // The same engine version, but a build answering in another summary format (merging its summaries would fail).
    const other = await queue.add('block', { scenario, request: { type: 'block', block: 0, blockSize: 8192, keep: 0 }, fingerprint: { ...fingerprint(scenario), summary: 999 } }, { jobId: `format-${Date.now()}` });
    expect(await failure(other.id!)).toMatch(new RegExp(`refused: this worker runs summary ${SUMMARY_FORMAT}; the coordinator runs summary 999`));
    await queue.close();
  }, SPAWN_TIMEOUT);

  it('two workers, one killed with SIGKILL mid-run: the result equals the local run byte for byte', async () => {
    const local = path.join(tmp, 'local'), remote = path.join(tmp, 'remote');
    expect(sync(['run', demo, '-n', '150000', '-w', '2', '--out', local, '-q']).status).toBe(0);
    const victim = await startWorker();
    const other = await startWorker();
    const coordinator = spawn(process.execPath, [BIN, 'run', demo, '-n', '150000', '--redis', url, '--out', remote, '-q'], { env, stdio: 'ignore' });
    // Mid-run, observed: the victim has finished a block (so it is taking jobs, with
    // more in hand at concurrency 2) and the coordinator is still waiting for blocks.
    const busy = await waitFor(() => blocksDone(victim.i) >= 1, coordinator);
    expect(busy, 'the coordinator finished before the victim took a job').toBe(true);
    const before = blocksDone(victim.i) + blocksDone(other.i);
    victim.w.kill('SIGKILL'); // its jobs stall, and BullMQ hands them to the other worker
    await exited(victim.w);
    expect(await exited(coordinator)).toBe(0);
    expect(before, 'the kill came before every block was done').toBeLessThan(Math.ceil(150_000 / 8192));
    expect(blocksDone(other.i)).toBeGreaterThan(0);
    expect(stable(remote)).toBe(stable(local));
    expect(JSON.parse(readFileSync(path.join(remote, 'result.json'), 'utf8')).run.backend).toBe('redis');
  }, SPAWN_TIMEOUT);

  it('a coordinator killed with SIGKILL and restarted with --resume re-attaches to its jobs and ends byte-identical', async () => {
    const local = path.join(tmp, 'local-2'), remote = path.join(tmp, 'remote-2');
    const ckEnv = { ...env, FORECAST_CHECKPOINT_SECONDS: '0.1' };
    // Another seed than the test above, so its jobs are not already finished in Redis: the kill meets jobs in flight.
    expect(sync(['run', demo, '-n', '150000', '--seed', '7', '-w', '2', '--out', local, '-q']).status).toBe(0);
    if (workers.filter((w) => !hasExited(w)).length < 2) await startWorker();
    const coordinator = spawn(process.execPath, [BIN, 'run', demo, '-n', '150000', '--seed', '7', '--redis', url, '--checkpoint', '--out', remote, '-q'], { env: ckEnv, stdio: 'ignore' });
    // Killed once it has written scenario.json and a first checkpoint (jobs queued, some merged), never at a guessed time.
    const next = await waitFor(() => existsSync(path.join(remote, 'scenario.json')) && checkpointNextBlock(remote), coordinator);
    expect(next, 'the coordinator exited before its first checkpoint').toBeGreaterThan(0);
    coordinator.kill('SIGKILL');
    expect(await exited(coordinator)).toBe(137);
    expect(existsSync(path.join(remote, 'result.json'))).toBe(false);
    const resumed = sync(['run', '--resume', remote, '--redis', url, '-q'], ckEnv);
    expect(resumed.status, `${resumed.stderr}\n${logs()}`).toBe(0);
    expect(stable(remote)).toBe(stable(local));
  }, SPAWN_TIMEOUT);

  it('forecast sensitivity through Redis gives the same report as locally', () => {
    const a = path.join(tmp, 'sens-local'), b = path.join(tmp, 'sens-redis');
    const args = ['sensitivity', demo, '--method', 'morris,sobol,tornado', '--morris-trajectories', '20', '--rows', '512', '-n', '500', '--output', 'shortfall'];
    expect(spawnSync(process.execPath, [BIN, ...args, '-w', '1', '--out', a], { env, timeout: HANG_GUARD }).status).toBe(0);
    const r = spawnSync(process.execPath, [BIN, ...args, '--redis', url, '--out', b], { env, encoding: 'utf8', timeout: HANG_GUARD });
    expect(r.status, `${r.stderr}\n${logs()}`).toBe(0);
    const strip = (f: string) => JSON.stringify({ ...JSON.parse(readFileSync(path.join(f, 'sensitivity.json'), 'utf8')) });
    expect(strip(b)).toBe(strip(a));
  }, SPAWN_TIMEOUT);

  it('a folder run (the scorecard) through Redis equals the local one', () => {
    const a = path.join(tmp, 'card-local'), b = path.join(tmp, 'card-redis');
    const folder = path.resolve('config/interview');
    expect(spawnSync(process.execPath, [BIN, 'run', folder, '-n', '2000', '-w', '1', '--out', a, '-q', '--no-report'], { env, timeout: HANG_GUARD }).status).toBe(0);
    const r = spawnSync(process.execPath, [BIN, 'run', folder, '-n', '2000', '--redis', url, '--out', b, '-q', '--no-report'], { env, encoding: 'utf8', timeout: HANG_GUARD });
    expect(r.status, r.stderr).toBe(0);
    for (const s of ['space-cheapest-36m', 'gb300-1gw', 'launch-and-space-compute']) expect(stable(path.join(b, s)), s).toBe(stable(path.join(a, s)));
  }, SPAWN_TIMEOUT);

  it('a bad --redis URL is a clear usage error', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', demo, '-n', '100', '--redis', 'http://nope'], { encoding: 'utf8', timeout: HANG_GUARD });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--redis "http:\/\/nope": the scheme must be redis:\/\/ or rediss:\/\//);
  }, SPAWN_TIMEOUT);
});
