import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, SPAWN_TIMEOUT } from '../helpers/processes.js';

const BIN = path.resolve('dist/src/cli/bin.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-errors-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: HANG_GUARD });
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('a model that throws', () => {
  it('names scenario, model, block, trajectory and inputs, exits 3, keeps the earlier blocks as a partial result; replay raises it again', () => {
    const out = path.join(tmp, 'throws');
    const r = cli('run', path.resolve('test/fixtures/throws.yaml'), '-w', '1', '--out', out, '-q');
    expect(r.status).toBe(3);
    const m = /model throws-sometimes threw in scenario throws, block (\d+), trajectory (\d+): x is too large: (0\.999\d+)\n\s+inputs: x=\3\n/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    noStack(r.stderr);
    const [block, trajectory] = [Number(m![1]), Number(m![2])];
    expect(Math.floor(trajectory / 8192)).toBe(block);
    const partial = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'));
    expect(partial.partial).toBe(true);
    expect(partial.manifest.trajectories).toBe(block * 8192);
    expect(r.stderr).toContain(`forecast replay ${out} --trajectory ${trajectory}`);
    const replay = cli('replay', out, '--trajectory', String(trajectory));
    expect(replay.status).toBe(3);
    expect(replay.stderr).toContain(`trajectory ${trajectory}: x is too large`);
  }, SPAWN_TIMEOUT);

  it('replay reproduces a trajectory exactly: its inputs and outputs match trajectories.csv', () => {
    const out = path.join(tmp, 'demo');
    expect(cli('run', path.resolve('config/examples/demo-growth.yaml'), '-n', '20000', '-w', '2', '--sampler', 'lhs', '--keep-trajectories', '20000', '--out', out, '-q').status).toBe(0);
    const lines = readFileSync(path.join(out, 'trajectories.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    for (const t of [0, 8191, 8192, 19_999]) {
      const row = lines[t + 1].split(',');
      const r = cli('replay', out, '--trajectory', String(t));
      expect(r.status, r.stderr).toBe(0);
      const rep = JSON.parse(r.stdout);
      for (const [name, v] of Object.entries(rep.inputs)) expect(v, `${t} ${name}`).toBe(Number(row[header.indexOf(name)]));
      expect(rep.scalars.shortfall).toBe(Number(row[header.indexOf('shortfall')]));
      expect(rep.series.ratio[60]).toBe(Number(row[header.indexOf('ratio[60]')]));
      expect(rep.claims['shortfall-by-24m']).toBe(row[header.indexOf('claim:shortfall-by-24m')] === '1' ? 'true' : 'false');
    }
    expect(cli('replay', out, '--trajectory', '20000').status).toBe(2);
  }, SPAWN_TIMEOUT);
});

describe('user model files that are broken', () => {
  const scenario = (model: string) => {
    const f = path.join(tmp, `s-${path.basename(model)}.yaml`);
    writeFileSync(f, `model: ${model}\nstart: 2026-02\nhorizon: 0\ntrajectories: 10\ninputs: {}\n`);
    return f;
  };
  it('one that fails to import, one that exports the wrong shape, one with a syntax error: exit 2 and a precise message', () => {
    writeFileSync(path.join(tmp, 'fails.mjs'), "throw new Error('boom at import');\n");
    writeFileSync(path.join(tmp, 'shape.mjs'), 'export const notAModel = 1;\nexport default { name: 1 };\n');
    writeFileSync(path.join(tmp, 'syntax.ts'), 'export default defineModel({ name: "x", \n');
    const cases: Array<[string, RegExp]> = [
      ['./fails.mjs', /model file .*fails\.mjs failed to import: boom at import/],
      ['./shape.mjs', /must export a model made with defineModel\(\).*It exports: default, notAModel/],
      ['./syntax.ts', /model file .*syntax\.ts .*could not be compiled: line \d+, column \d+/],
    ];
    for (const [model, pattern] of cases) {
      const r = cli('run', scenario(model), '-w', '0');
      expect(r.status, model).toBe(2);
      expect(r.stderr).toMatch(pattern);
      noStack(r.stderr);
    }
    expect(existsSync(path.join(tmp, '.forecast-cache'))).toBe(false); // nothing cached for a file that does not compile
  }, SPAWN_TIMEOUT);
});
