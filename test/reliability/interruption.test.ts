import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../src/engine/blockSize.js';
import { HANG_GUARD, SPAWN_TIMEOUT, checkpointNextBlock, exited, hasExited, waitFor } from '../helpers/processes.js';

const BIN = path.resolve('dist/src/cli/bin.js');
const demo = path.resolve('config/examples/demo-growth.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-resume-'));
const env = { ...process.env, FORECAST_CHECKPOINT_SECONDS: '0.1' };
const N = '120000';
const BLOCKS = Math.ceil(Number(N) / BLOCK_SIZE);
let interruptedRuns = 0;

/** result.json without its run block: what must be byte-identical. */
const stable = (dir: string): string => {
  const r = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'));
  delete r.run;
  return JSON.stringify(r);
};
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: HANG_GUARD });

/**
 * Starts a checkpointing run and sends `signal` once its checkpoint says at least
 * `afterBlocks` blocks are merged: the signal handler is installed before the first
 * checkpoint is written, so the signal always meets it, however slow the machine.
 * Resolves with the exit code (137 for SIGKILL) once the process has exited, and
 * whether the signal was sent (the run may finish between two polls).
 */
async function runAndSignal(out: string, signal: NodeJS.Signals, afterBlocks: number): Promise<{ code: number | null; sent: boolean }> {
  const child = spawn(process.execPath, [BIN, 'run', demo, '-n', N, '-w', '1', '--checkpoint', '--out', out, '-q'], { env, stdio: 'ignore' });
  const reached = await waitFor(() => (checkpointNextBlock(out) ?? 0) >= afterBlocks, child);
  const sent = reached === true && !hasExited(child) && child.kill(signal);
  return { code: await exited(child), sent };
}

describe('interruption and resume (real signals to a child process)', () => {
  const reference = path.join(tmp, 'reference');
  it('an uninterrupted reference run', () => {
    expect(cli('run', demo, '-n', N, '-w', '1', '--out', reference, '-q').status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(reference, 'result.json'), 'utf8')).partial).toBe(false);
  }, SPAWN_TIMEOUT);

  // Moments as shares of the run's blocks; the last one kills without warning.
  const moments = [0.35, 0.6, 0.85].map((f, i) => ({ signal: (i === 2 ? 'SIGTERM' : 'SIGINT') as NodeJS.Signals, f }));
  moments.push({ signal: 'SIGKILL', f: 0.7 });
  for (const [i, { signal, f }] of moments.entries()) {
    it(`${signal} at ~${Math.round(f * 100)}% of the run: ${signal === 'SIGKILL' ? 'loses only blocks since the last checkpoint' : 'exit 130 and a partial result'}; --resume ends byte-identical`, async () => {
      const out = path.join(tmp, `run-${i}`);
      // The moment is a share of the run's blocks, read from its checkpoint: observed progress, not elapsed time.
      const { code, sent } = await runAndSignal(out, signal, Math.max(1, Math.floor(f * BLOCKS)));
      if (code === 0) {
        // The run beat the signal: nothing to resume, and the result is complete.
        expect(stable(out)).toBe(stable(reference));
        return;
      }
      interruptedRuns++;
      if (signal === 'SIGKILL') {
        expect(code).toBe(137);
        expect(existsSync(path.join(out, 'result.json'))).toBe(false); // no half-written result
      } else {
        expect(code).toBe(130);
        const partial = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'));
        expect(partial.partial).toBe(true);
        expect(partial.manifest.trajectories).toBeLessThan(Number(N));
      }
      expect(sent).toBe(true); // nothing else stops a run early
      expect(existsSync(path.join(out, 'checkpoint.bin'))).toBe(true); // the signal followed a checkpoint, so there is one to resume
      const resumed = cli('run', '--resume', out, '-w', '2', '-q');
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(stable(out)).toBe(stable(reference));
      expect(existsSync(path.join(out, 'checkpoint.bin'))).toBe(false);
      expect(cli('run', '--resume', out, '-q').status).toBe(0); // already complete
    }, SPAWN_TIMEOUT);
  }

  it('most signals really interrupted a run (the tests above were not vacuous)', () => {
    expect(interruptedRuns).toBeGreaterThanOrEqual(3);
  });

  it('a worker thread that dies (process.exit in a model) is replaced, the block retried, the result unchanged, the retry reported', () => {
    const fixture = path.resolve('test/fixtures/dies-once.yaml');
    const marker = path.join(tmp, 'died');
    const a = path.join(tmp, 'dies'), b = path.join(tmp, 'lives');
    const died = spawnSync(process.execPath, [BIN, 'run', fixture, '-w', '2', '--out', a, '-q'], { encoding: 'utf8', env: { ...env, FORECAST_DIE_MARKER: marker }, timeout: HANG_GUARD });
    expect(died.status, died.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(cli('run', fixture, '-w', '2', '--out', b, '-q').status).toBe(0);
    expect(stable(a)).toBe(stable(b));
    expect(JSON.parse(readFileSync(path.join(a, 'result.json'), 'utf8')).run.retries).toBe(1);
  }, SPAWN_TIMEOUT);
});
