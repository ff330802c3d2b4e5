// Issue 15 §3: runs that could not be stopped. A second Ctrl-C terminates worker threads
// whatever the model does (exit 130, partial result kept); --block-timeout turns a stuck
// model into exit 3 naming the block; a worker that dies every time is the model's failure
// (exit 3), not a bug; a Poisson mean past the supported bound is refused up front.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcess, PLAIN_MODEL, SPIN_MODEL, start, tempDir, until, writeModel } from './cliHelpers.js';

const dir = tempDir('stuck');

describe('runs that cannot be stopped', { timeout: 90_000 }, () => {
  it('a stuck model: the first Ctrl-C stops dispatch, the second terminates the threads; exit 130 with the blocks before kept', async () => {
    const scenario = writeModel(dir, 'stuck', SPIN_MODEL('stuck'));
    const marker = path.join(dir, 'stuck-spinning');
    const out = path.join(dir, 'stuck-out');
    // Trajectory 9000 is in block 1: block 0 is merged before the model gets stuck.
    const run = start(['run', scenario, '-o', out, '-w', '1', '--checkpoint', '-q', '--no-report'], { env: { FORECAST_SPIN_AT: '9000', FORECAST_SPIN_MARKER: marker, FORECAST_CHECKPOINT_SECONDS: '0' } });
    await until(() => existsSync(marker) && existsSync(path.join(out, 'checkpoint.bin')), 'the model to get stuck after block 0 was checkpointed');
    run.child.kill('SIGINT');
    await until(() => run.output().includes('stopping: finishing the blocks in flight'), 'the first Ctrl-C to be seen');
    run.child.kill('SIGINT');
    const r = await run.exited;
    expect(r.status, r.stderr).toBe(130);
    const result = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'));
    expect(result.partial).toBe(true);
    expect(result.manifest.trajectories).toBe(8192);
    expect(existsSync(path.join(out, 'checkpoint.bin'))).toBe(true);
  });

  it('--block-timeout: a model in an endless loop ends the run with exit 3 naming the block', async () => {
    const scenario = writeModel(dir, 'loops', SPIN_MODEL('loops'));
    const r = await inProcess(['run', scenario, '-o', path.join(dir, 'loops-out'), '-w', '1', '--block-timeout', '1', '-q', '--no-report'], { FORECAST_SPIN_AT: '3' });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/model loops in scenario loops: block 0 did not finish within 1 s \(--block-timeout\)/);
    expect(r.stderr).not.toMatch(/bug in the engine/);
  });

  it('a model that ends its worker thread every time is the model\'s failure (exit 3), not a bug', async () => {
    const scenario = writeModel(dir, 'exits', PLAIN_MODEL('exits', 'if (t.index === 5) process.exit(7); t.scalars.y = t.input.x;'));
    const r = await inProcess(['run', scenario, '-o', path.join(dir, 'exits-out'), '-w', '1', '-q', '--no-report']);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/model exits in scenario exits: block 0 failed 3 times: the worker running it died each time/);
  });

  it('a model that calls process.exit on the main thread (-w 0) is the model\'s error (exit 3), not a silent end', async () => {
    const scenario = writeModel(dir, 'exits0', PLAIN_MODEL('exits0', 'if (t.index === 5) process.exit(7); t.scalars.y = t.input.x;'));
    const r = await inProcess(['run', scenario, '-o', path.join(dir, 'exits0-out'), '-w', '0', '-q', '--no-report']);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/model exits0 threw in scenario exits0, block 0, trajectory 5: the model called process.exit\(7\)/);
  });

  it('a Poisson mean past 1e15 is refused before anything runs', async () => {
    const scenario = writeModel(dir, 'lambda', PLAIN_MODEL('lambda'));
    const text = readFileSync(scenario, 'utf8').replace('x: { dist: uniform, min: 0, max: 1,', 'x: { dist: poisson, lambda: 1e300,');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(scenario, text);
    const r = await inProcess(['validate', scenario]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/inputs\.x\.lambda = 1e\+300: must be at most 1000000000000000/);
  });
});
