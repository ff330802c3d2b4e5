import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('dist/src/cli/bin.js');
const folder = path.resolve('test/fixtures/folder-run');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-folder-resume-'));
const env = { ...process.env, FORECAST_CHECKPOINT_SECONDS: '0' };
const stable = (file: string): string => {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  delete r.run;
  return JSON.stringify(r);
};

/** Starts a folder run and sends SIGINT once the second scenario has written a checkpoint (observed progress, not elapsed time). */
function runUntilSecondCheckpoint(out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', folder, '-w', '1', '--checkpoint', '--no-report', '--out', out, '-q'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const watch = setInterval(() => {
      if (existsSync(path.join(out, 'b-demo', 'checkpoint.bin'))) {
        clearInterval(watch);
        child.kill('SIGINT');
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(watch);
      resolve({ code, stderr });
    });
  });
}

describe('a folder run (scorecard) interrupted and resumed', () => {
  it('SIGINT during its second scenario: exit 130, the first kept, a partial second; --resume ends byte-identical to an uninterrupted folder run', async () => {
    const reference = path.join(tmp, 'reference');
    expect(spawnSync(process.execPath, [BIN, 'run', folder, '-w', '1', '--no-report', '--out', reference, '-q'], { env, timeout: 240_000 }).status).toBe(0);

    const out = path.join(tmp, 'interrupted');
    const { code, stderr } = await runUntilSecondCheckpoint(out);
    expect(code).toBe(130);
    expect(stderr).toContain(`forecast run --resume ${out}`);
    expect(JSON.parse(readFileSync(path.join(out, 'a-demo', 'result.json'), 'utf8')).partial).toBe(false);
    expect(JSON.parse(readFileSync(path.join(out, 'b-demo', 'result.json'), 'utf8')).partial).toBe(true);
    expect(existsSync(path.join(out, 'scorecard.csv'))).toBe(false);

    const resumed = spawnSync(process.execPath, [BIN, 'run', '--resume', out, '-w', '2', '--no-report'], { env, encoding: 'utf8', timeout: 240_000 });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('a-demo: already complete');
    expect(resumed.stdout).toMatch(/b-demo: 160,000 trajectories in [\d.]+ s \(resumed at block \d+\)/);
    for (const name of ['a-demo', 'b-demo']) expect(stable(path.join(out, name, 'result.json'))).toBe(stable(path.join(reference, name, 'result.json')));
    expect(readFileSync(path.join(out, 'scorecard.csv'), 'utf8')).toBe(readFileSync(path.join(reference, 'scorecard.csv'), 'utf8'));
    expect(existsSync(path.join(out, 'b-demo', 'checkpoint.bin'))).toBe(false);
  }, 600_000);

  it('a damaged scenario.json in a subfolder is refused on resume with exit 2 and the field', () => {
    const out = path.join(tmp, 'damaged');
    expect(spawnSync(process.execPath, [BIN, 'run', folder, '-n', '8192', '-w', '0', '--no-report', '--out', out, '-q'], { env, timeout: 240_000 }).status).toBe(0);
    const spec = path.join(out, 'b-demo', 'scenario.json');
    const edited = JSON.parse(readFileSync(spec, 'utf8'));
    edited.scenario.horizon = 7;
    // Keep the result but drop its completeness, so resume has to read scenario.json.
    const result = JSON.parse(readFileSync(path.join(out, 'b-demo', 'result.json'), 'utf8'));
    result.partial = true;
    writeFileSync(spec, JSON.stringify(edited));
    writeFileSync(path.join(out, 'b-demo', 'result.json'), JSON.stringify(result));
    const r = spawnSync(process.execPath, [BIN, 'run', '--resume', out, '-w', '0', '--no-report'], { env, encoding: 'utf8', timeout: 240_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/scenario\.json was changed after the run started/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);
});
