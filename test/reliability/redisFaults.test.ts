// Issue 15 §2, §3, §4 through Redis: bad credentials and unreachable servers fail with a
// message (never a silent wait), a lost server ends the run, SIGINT after every block is
// queued still gives 130, a worker refuses a model file that differs from the coordinator's,
// and a worker thread that dies once is retried as locally (a failed job never sticks).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcess, PLAIN_MODEL, start, tempDir, until, writeModel } from './cliHelpers.js';

const tmp = tempDir('redis-faults');
const servers: ChildProcess[] = [];
const children: ChildProcess[] = [];

/** A port nothing listens on (the OS picks a free one; we close it). */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const cliRedis = (port: number, ...args: string[]): string => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();

async function startRedis(extra: string[] = []): Promise<{ port: number; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], { stdio: 'ignore' });
  servers.push(server);
  const auth = extra.includes('--requirepass') ? ['-a', extra[extra.indexOf('--requirepass') + 1], '--no-auth-warning'] : [];
  await until(() => cliRedis(port, ...auth, 'ping') === 'PONG', 'redis-server to answer', 20_000);
  return { port, server };
}

/** Blocks waiting in the queue (observed, never assumed). */
const waiting = (port: number): number => Number(cliRedis(port, 'LLEN', 'bull:forecast-blocks:wait') || 0);

let main: { port: number; server: ChildProcess };
beforeAll(async () => {
  main = await startRedis();
}, 30_000);
afterAll(() => {
  for (const c of [...children, ...servers]) c.kill('SIGKILL');
});

describe('Redis faults give a message and an exit, never a hang', { timeout: 60_000 }, () => {
  const scenario = writeModel(tmp, 'plain', PLAIN_MODEL('plain'));

  it('a wrong password fails at once with a message (exit 2)', async () => {
    const { port } = await startRedis(['--requirepass', 's3cret']);
    const r = await inProcess(['run', scenario, '-o', path.join(tmp, 'auth'), '-q', '--redis', `redis://:wrong@127.0.0.1:${port}`, '--redis-timeout', '600']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Redis at 127\.0\.0\.1:\d+ refused the credentials: WRONGPASS/);
    expect(r.stderr).not.toContain('wrong');
    const w = await inProcess(['worker', '--redis', `redis://127.0.0.1:${port}`, '--redis-timeout', '600']);
    expect(w.status, w.stderr).toBe(2);
    expect(w.stderr).toMatch(/refused the credentials: NOAUTH/);
    // forecast sensitivity checks Redis before any work, as run does.
    const sens = await inProcess(['sensitivity', scenario, '--method', 'rank', '-n', '1000', '-o', path.join(tmp, 'auth-sensitivity'), '--redis', `redis://:wrong@127.0.0.1:${port}`, '--redis-timeout', '600']);
    expect(sens.status, sens.stderr).toBe(2);
    expect(sens.stderr).toMatch(/refused the credentials: WRONGPASS/);
  });

  it('an unreachable Redis is retried for --redis-timeout, then exit 2 (run and worker)', async () => {
    const port = await freePort();
    const r = await inProcess(['run', scenario, '-o', path.join(tmp, 'unreachable'), '-q', '--redis', `redis://127.0.0.1:${port}`, '--redis-timeout', '1']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/could not reach Redis at 127\.0\.0\.1:\d+ within 1 s \(--redis-timeout\)/);
    const w = await inProcess(['worker', '--redis', `redis://127.0.0.1:${port}`, '--redis-timeout', '1']);
    expect(w.status, w.stderr).toBe(2);
  });

  it('SIGINT after every block is queued (no worker running) gives exit 130', async () => {
    const out = path.join(tmp, 'sigint');
    const run = start(['run', scenario, '-o', out, '-q', '--no-report', '--redis', `redis://127.0.0.1:${main.port}`]);
    children.push(run.child);
    await until(() => waiting(main.port) >= 3, 'the 3 blocks to be queued');
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.status, r.stderr).toBe(130);
    expect(JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8')).partial).toBe(true);
    cliRedis(main.port, 'FLUSHALL');
  });

  it('Redis shut down mid-run ends the run with a message once --redis-timeout passes', async () => {
    const own = await startRedis();
    const run = start(['run', scenario, '-o', path.join(tmp, 'lost'), '-q', '--no-report', '--redis', `redis://127.0.0.1:${own.port}`, '--redis-timeout', '1']);
    children.push(run.child);
    await until(() => waiting(own.port) >= 3, 'the blocks to be queued');
    own.server.kill('SIGKILL');
    const r = await run.exited;
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/lost the connection to Redis at 127\.0\.0\.1:\d+ for more than 1 s/);
  });

  it('a worker whose model file differs from the coordinator\'s refuses the jobs (exit 2, naming the model)', async () => {
    const dir = tempDir('redis-model');
    const s = writeModel(dir, 'drift', PLAIN_MODEL('drift'));
    const run = start(['run', s, '-o', path.join(dir, 'out'), '-q', '--no-report', '--redis', `redis://127.0.0.1:${main.port}`]);
    children.push(run.child);
    await until(() => waiting(main.port) >= 3, 'the blocks to be queued');
    // The coordinator has hashed and queued the model; the file the worker will load is another.
    writeFileSync(path.join(dir, 'drift.mjs'), PLAIN_MODEL('drift', 't.scalars.y = 1;'));
    const worker = start(['worker', '--redis', `redis://127.0.0.1:${main.port}`, '-w', '0']);
    children.push(worker.child);
    const r = await run.exited;
    worker.child.kill('SIGKILL');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/a worker refused: this worker runs model file:[0-9a-f]{64}; the coordinator runs model file:[0-9a-f]{64}/);
    cliRedis(main.port, 'FLUSHALL');
  });

  it('a worker thread that dies once is retried through Redis as locally: exit 0, retries 1, the same result', async () => {
    const marker = path.join(tmp, 'died-once');
    const fixture = path.resolve('test/fixtures/dies-once.yaml');
    const worker = start(['worker', '--redis', `redis://127.0.0.1:${main.port}`, '-w', '1'], { env: { FORECAST_DIE_MARKER: marker } });
    children.push(worker.child);
    await until(() => worker.output().includes('forecast worker ready'), 'the worker to be ready');
    const out = path.join(tmp, 'retried');
    const r = await inProcess(['run', fixture, '-o', out, '-q', '--no-report', '--redis', `redis://127.0.0.1:${main.port}`]);
    worker.child.kill('SIGKILL');
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    const viaRedis = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'));
    expect(viaRedis.run.retries).toBe(1);
    const local = await inProcess(['run', fixture, '-o', path.join(tmp, 'local'), '-w', '0', '-q', '--no-report']);
    expect(local.status).toBe(0);
    const strip = (x: { run: unknown }) => JSON.stringify({ ...x, run: undefined });
    expect(strip(viaRedis)).toBe(strip(JSON.parse(readFileSync(path.join(tmp, 'local', 'result.json'), 'utf8'))));
  });
});
