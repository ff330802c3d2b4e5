// Issue 15 §1 and §7: --force removes only the files forecast wrote (a manifest per run
// folder), refuses project folders, / and the home folder; a lock file keeps two runs
// out of one folder and names who holds it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, inProcess, SPIN_MODEL, start, tempDir, until, writeModel } from './cliHelpers.js';

const tmp = tempDir('force');
const small = ['-n', '2000', '-w', '0', '-q', '--no-report'];

describe('--force deletes only run files', { timeout: 90_000 }, () => {
  it('refuses a project folder holding .git and a source file, and deletes nothing', async () => {
    const proj = path.join(tmp, 'project');
    mkdirSync(path.join(proj, '.git'), { recursive: true });
    writeFileSync(path.join(proj, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(proj, 'main.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(proj, 's.yaml'), readFileSync(DEMO));
    const r = await inProcess(['run', path.join(proj, 's.yaml'), '-o', proj, '--force', ...small]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--force refused: .*holds \.git/);
    for (const f of ['.git/HEAD', 'main.ts', 's.yaml']) expect(existsSync(path.join(proj, f)), f).toBe(true);
  });

  it('refuses a folder of someone else\'s files (no manifest), and deletes nothing', async () => {
    const dir = path.join(tmp, 'notes');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.md'), '# mine\n');
    const r = await inProcess(['run', DEMO, '-o', dir, '--force', ...small]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/not a run folder/);
    expect(readFileSync(path.join(dir, 'notes.md'), 'utf8')).toBe('# mine\n');
  });

  it('overwrites a run folder, but not one where the user added a file; lists what it wrote', async () => {
    const dir = path.join(tmp, 'run');
    expect((await inProcess(['run', DEMO, '-o', dir, ...small])).status).toBe(0);
    const listed = readFileSync(path.join(dir, '.forecast-files'), 'utf8');
    for (const f of ['scenario.json', 'result.json', 'bands.csv', 'claims.csv']) expect(listed).toContain(`\n${f}\n`);
    writeFileSync(path.join(dir, 'analysis.py'), 'print(1)\n');
    const refused = await inProcess(['run', DEMO, '-o', dir, '--force', ...small]);
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/did not write: analysis\.py/);
    expect(existsSync(path.join(dir, 'analysis.py'))).toBe(true);
    expect(existsSync(path.join(dir, 'result.json'))).toBe(true);
    rmSync(path.join(dir, 'analysis.py'));
    const again = await inProcess(['run', DEMO, '-o', dir, '--force', '--seed', '5', ...small]);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8')).manifest.seed).toBe(5);
  });

  it('a folder run (scorecard subfolders) can be overwritten with --force', async () => {
    const src = path.join(tmp, 'scenarios');
    mkdirSync(src);
    writeFileSync(path.join(src, 'a.yaml'), readFileSync(DEMO, 'utf8').replace('name: demo-growth', 'name: a'));
    const out = path.join(tmp, 'card');
    expect((await inProcess(['run', src, '-o', out, ...small])).status).toBe(0);
    expect(readFileSync(path.join(out, '.forecast-files'), 'utf8')).toContain('\na/result.json\n');
    const r = await inProcess(['run', src, '-o', out, '--force', ...small]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('refuses the home folder and --out naming a file', async () => {
    const home = path.join(tmp, 'home');
    mkdirSync(home);
    writeFileSync(path.join(home, '.bashrc'), 'export A=1\n');
    const r = await inProcess(['run', DEMO, '-o', home, '--force', ...small], { HOME: home });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/home folder/);
    expect(existsSync(path.join(home, '.bashrc'))).toBe(true);
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const f = await inProcess(['run', DEMO, '-o', file, ...small]);
    expect(f.status, f.stderr).toBe(2);
    expect(f.stderr).toMatch(/is a file, not a folder/);
  });
});

describe('a lock on the run folder', () => {
  it('a second run on a folder in use is refused naming the holder; a dead holder\'s lock is taken over', async () => {
    const dir = tempDir('lock-model');
    const scenario = writeModel(dir, 'spin', SPIN_MODEL('spin'));
    const marker = path.join(dir, 'spinning'), release = path.join(dir, 'release');
    const out = path.join(dir, 'out');
    const a = start(['run', scenario, '-o', out, '-w', '0', '-q', '--no-report'], { env: { FORECAST_SPIN_AT: '10', FORECAST_SPIN_MARKER: marker, FORECAST_SPIN_RELEASE: release } });
    try {
      await until(() => existsSync(marker), 'the first run to reach its model');
      const b = await inProcess(['run', scenario, '-o', out, '--force', ...small]);
      expect(b.status, b.stderr).toBe(2);
      expect(b.stderr).toMatch(new RegExp(`in use by another forecast process \\(pid ${a.child.pid} on host ${os.hostname()}`));
    } finally {
      writeFileSync(release, '');
    }
    expect((await a.exited).status).toBe(0);
    expect(existsSync(path.join(out, '.forecast-lock'))).toBe(false);
    // A lock left by a process that is gone (killed) is taken over.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(out, '.forecast-lock'), JSON.stringify({ pid: Number(dead), host: os.hostname(), startedAt: new Date().toISOString(), command: 'run' }));
    const c = await inProcess(['run', scenario, '-o', out, '--force', ...small], { FORECAST_SPIN_RELEASE: release });
    expect(c.status, c.stderr).toBe(0);
  }, 90_000);
});
