// Issue 15 §5 and §6: bad input is never "a bug in the engine" (exit 1). Deep structures,
// model paths that are folders, FIFOs or devices, a run folder that cannot be written
// (ENOSPC, EROFS injected at the file-writing layer: tests run as root), YAML tags, and
// files that are not scenarios (never read, never echoed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, inProcess, PLAIN_MODEL, tempDir, writeModel } from './cliHelpers.js';

const dir = tempDir('bad-input');
const head = 'model: demo-growth\nstart: 2026-02\nhorizon: 1\ntrajectories: 10\ninputs: {}\n';
const noBug = (stderr: string): void => expect(stderr).not.toMatch(/bug in the engine|Maximum call stack|\n\s+at /);

describe('bad input gets exit 2 and a message', { timeout: 60_000 }, () => {
  it('a 10,000-deep array, in JSON and in YAML', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const json = path.join(dir, 'deep.json');
    writeFileSync(json, `{"model":"demo-growth","start":"2026-02","horizon":1,"trajectories":10,"inputs":{},"claims":${deep}}`);
    const yaml = path.join(dir, 'deep.yaml');
    writeFileSync(yaml, `${head}claims: ${deep}\n`);
    for (const f of [json, yaml]) {
      const r = await inProcess(['validate', f]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/nested (more than 640 levels deep|too deeply)/);
      noBug(r.stderr);
    }
  });

  it('a model path that is a folder, a FIFO or /dev/zero (never read, never waited on)', async () => {
    const s = writeModel(dir, 'odd', PLAIN_MODEL('odd'));
    const cases: Array<[string, () => void, RegExp]> = [
      ['folder.mjs', () => mkdirSync(path.join(dir, 'folder.mjs')), /is a folder, not a model file/],
      ['fifo.mjs', () => execFileSync('mkfifo', [path.join(dir, 'fifo.mjs')]), /is a pipe \(FIFO\), not a model file/],
      ['zero.mjs', () => symlinkSync('/dev/zero', path.join(dir, 'zero.mjs')), /is not a regular file, not a model file/],
    ];
    for (const [name, make, message] of cases) {
      make();
      const scenario = path.join(dir, `${name}.yaml`);
      writeFileSync(scenario, execFileSync('cat', [s], { encoding: 'utf8' }).replace('./odd.mjs', `./${name}`));
      // The FIFO in a child process: were it read, a hang would fail this test, not block the suite.
      const r = name === 'fifo.mjs' ? cli(['validate', scenario], { timeout: 30_000 }) : await inProcess(['validate', scenario]);
      expect(r.status, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('a run folder on a full or read-only disk (ENOSPC, EROFS injected): exit 2, no temporary file left', async () => {
    const full = path.join(dir, 'full');
    const r = await inProcess(['run', DEMO, '-n', '2000', '-w', '0', '-q', '-o', full], { FORECAST_TEST_WRITE_FAULT: 'ENOSPC:report.html' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/could not write .*report\.html: no space left on the device \(ENOSPC\)/);
    expect(readdirSync(full).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const ro = path.join(dir, 'readonly');
    const r2 = await inProcess(['run', DEMO, '-n', '2000', '-w', '0', '-q', '-o', ro], { FORECAST_TEST_WRITE_FAULT: 'EROFS' });
    expect(r2.status, r2.stderr).toBe(2);
    expect(r2.stderr).toMatch(/the file system is read-only \(EROFS\)/);
    noBug(r2.stderr);
  });

  it('a !!js/function tag is an error with a message, not a YAML library warning', () => {
    const f = path.join(dir, 'tag.yaml');
    writeFileSync(f, head.replace('start: 2026-02', 'start: !!js/function "function () {}"'));
    const r = cli(['validate', f]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Unresolved tag: !!js\/function at line 2.*scenario files are plain data/);
    expect(r.stderr).not.toMatch(/YAMLWarning|TAG_RESOLVE_FAILED/);
  });
});

describe('secrets are not echoed', { timeout: 60_000 }, () => {
  it('extends: /proc/self/environ is refused without reading it', async () => {
    const f = path.join(dir, 'environ.yaml');
    writeFileSync(f, 'extends: /proc/self/environ\n');
    const r = await inProcess(['validate', f], { FORECAST_TEST_SECRET: 'hunter2-do-not-print' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/\/proc\/self\/environ is not a scenario file .* it was not read/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('a scenario-named file that does not parse is quoted by a short excerpt at most', async () => {
    const secret = `API_KEY=${'s3cr3t'.repeat(40)}`;
    for (const name of ['leak.json', 'leak.yaml']) {
      const f = path.join(dir, name);
      writeFileSync(f, name.endsWith('.json') ? `${secret}\n` : `"${secret}"\n`);
      const r = await inProcess(['validate', f]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.length).toBeLessThan(400);
      expect(r.stderr).not.toContain('s3cr3t'.repeat(10));
    }
  });
});
