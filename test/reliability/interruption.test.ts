import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('dist/src/cli/bin.js');
const demo = path.resolve('config/examples/demo-growth.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-resume-'));
const env = { ...process.env, FORECAST_CHECKPOINT_SECONDS: '0.1' };
const N = '120000';
let interruptedRuns = 0;

/** result.json without its run block: what must be byte-identical. */
const stable = (dir: string): string => {
  const r = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'));
  delete r.run;
  return JSON.stringify(r);
};
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });

function runAndSignal(out: string, signal: NodeJS.Signals, afterMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', demo, '-n', N, '-w', '1', '--checkpoint', '--out', out, '-q'], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve(code ?? (sig === 'SIGKILL' ? 137 : null));
    });
  });
}

describe('interruption and resume (real signals to a child process)', () => {
  const reference = path.join(tmp, 'reference');
  it('an uninterrupted reference run', () => {
    expect(cli('run', demo, '-n', N, '-w', '1', '--out', reference, '-q').status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(reference, 'result.json'), 'utf8')).partial).toBe(false);
  }, 120_000);

  // Random moments, seeded by the attempt so a failure can be replayed.
  const moments = [0.35, 0.6, 0.85].map((f, i) => ({ signal: (i === 2 ? 'SIGTERM' : 'SIGINT') as NodeJS.Signals, f }));
  moments.push({ signal: 'SIGKILL', f: 0.7 });
  for (const [i, { signal, f }] of moments.entries()) {
    it(`${signal} at ~${Math.round(f * 100)}% of the run: ${signal === 'SIGKILL' ? 'loses only blocks since the last checkpoint' : 'exit 130 and a partial result'}; --resume ends byte-identical`, async () => {
      const out = path.join(tmp, `run-${i}`);
      // The reference run's wall time scales the signal's moment (node start-up included).
      const wall = JSON.parse(readFileSync(path.join(reference, 'result.json'), 'utf8')).run.wallSeconds * 1000 + 400;
      const code = await runAndSignal(out, signal, Math.round(f * wall));
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
      if (!existsSync(path.join(out, 'checkpoint.bin'))) return; // killed before the first checkpoint: a fresh run is the only option
      const resumed = cli('run', '--resume', out, '-w', '2', '-q');
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(stable(out)).toBe(stable(reference));
      expect(existsSync(path.join(out, 'checkpoint.bin'))).toBe(false);
      expect(cli('run', '--resume', out, '-q').status).toBe(0); // already complete
    }, 120_000);
  }

  it('most signals really interrupted a run (the tests above were not vacuous)', () => {
    expect(interruptedRuns).toBeGreaterThanOrEqual(3);
  });

  it('a worker thread that dies (process.exit in a model) is replaced, the block retried, the result unchanged, the retry reported', () => {
    const fixture = path.resolve('test/fixtures/dies-once.yaml');
    const marker = path.join(tmp, 'died');
    const a = path.join(tmp, 'dies'), b = path.join(tmp, 'lives');
    const died = spawnSync(process.execPath, [BIN, 'run', fixture, '-w', '2', '--out', a, '-q'], { encoding: 'utf8', env: { ...env, FORECAST_DIE_MARKER: marker } });
    expect(died.status, died.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(cli('run', fixture, '-w', '2', '--out', b, '-q').status).toBe(0);
    expect(stable(a)).toBe(stable(b));
    expect(JSON.parse(readFileSync(path.join(a, 'result.json'), 'utf8')).run.retries).toBe(1);
  }, 120_000);
});
