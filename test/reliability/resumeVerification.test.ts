// Issue 15 §2: no silent wrong results. A resume whose model file changed is refused
// (the file is hashed again); corrupted run folders are refused; names of built-in
// object properties are not mistaken for model outputs or inputs; async models are
// refused; huge discrete weights normalise; impossible dates are rejected.
import { readFileSync, truncateSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDistribution } from '../../src/distributions/registry.js';
import { inProcess, PLAIN_MODEL, tempDir, writeModel } from './cliHelpers.js';

const tmp = tempDir('verify');
const w0 = ['-w', '0', '-q', '--no-report'];

/** A run that stops with a model error in block 1, leaving block 0 in a checkpoint. */
async function checkpointedRun(name: string): Promise<{ scenario: string; model: string; out: string }> {
  const dir = tempDir(name);
  const scenario = writeModel(dir, name, PLAIN_MODEL(name, "if (t.index === 9000) throw new Error('stop here'); t.scalars.y = t.input.x;"));
  const out = path.join(dir, 'out');
  const r = await inProcess(['run', scenario, '-o', out, '--checkpoint', ...w0]);
  expect(r.status, r.stderr).toBe(3);
  expect(existsSync(path.join(out, 'checkpoint.bin'))).toBe(true);
  return { scenario, model: path.join(dir, `${name}.mjs`), out };
}

describe('resume verifies the model and the run folder', { timeout: 60_000 }, () => {
  it('a resume whose model file was edited is refused, naming the file', async () => {
    const { model, out } = await checkpointedRun('edited');
    writeFileSync(model, PLAIN_MODEL('edited', 't.scalars.y = 1;'));
    const r = await inProcess(['run', '--resume', out, ...w0]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`model file ${model} changed since the run was set up`);
  });

  it('a truncated checkpoint is refused (exit 2), never resumed as if whole', async () => {
    const { out } = await checkpointedRun('truncated');
    const file = path.join(out, 'checkpoint.bin');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const r = await inProcess(['run', '--resume', out, ...w0]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/checkpoint\.bin is damaged/);
    truncateSync(file, 3);
    const r2 = await inProcess(['run', '--resume', out, ...w0]);
    expect(r2.status, r2.stderr).toBe(2);
  });

  it('a checkpoint written by another engine version is refused, naming both', async () => {
    const { out } = await checkpointedRun('engine');
    const file = path.join(out, 'checkpoint.bin');
    const buf = readFileSync(file);
    const magic = 6, n = Number(buf.readBigUInt64LE(magic));
    const header = JSON.parse(buf.subarray(magic + 8, magic + 8 + n).toString('utf8'));
    expect(typeof header.engine).toBe('string');
    const edited = Buffer.from(JSON.stringify({ ...header, engine: '0.0.1-old' }));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(edited.length));
    writeFileSync(file, Buffer.concat([buf.subarray(0, magic), len, edited, buf.subarray(magic + 8 + n)]));
    const r = await inProcess(['run', '--resume', out, ...w0]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/was written by engine 0\.0\.1-old, this is /);
  });

  it('an edited scenario.json (horizon) is refused', async () => {
    const { out } = await checkpointedRun('horizon');
    const file = path.join(out, 'scenario.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"horizon": 0', '"horizon": 3'));
    const r = await inProcess(['run', '--resume', out, ...w0]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/changed after the run started/);
  });
});

describe('user names are own properties, never inherited ones', { timeout: 60_000 }, () => {
  const dir = tempDir('names');
  for (const prop of ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__']) {
    it(`a claim on scalar or series ${prop} is refused`, async () => {
      const s = writeModel(dir, `claim-${prop.replace(/_/g, "u").toLowerCase()}`, PLAIN_MODEL('m'), `  - { id: s, statement: s, scalar: "${prop}", above: 0 }\n  - { id: t, statement: t, series: "${prop}", at: 0, above: 0 }\n`);
      const r = await inProcess(['validate', s]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/claims\[1\]\.scalar .*is not a scalar output/);
      expect(r.stderr).toMatch(/claims\[2\]\.series .*is not a series output/);
    });
  }

  it('an input named like an Object property is not taken as given, nor as the model\'s', async () => {
    // The model requires `constructor`; the scenario does not give it.
    const s = writeModel(dir, 'needs-ctor', "export default { name: 'm', description: 'd', inputs: { x: { unit: '1' }, constructor: { unit: '1' } }, series: {}, scalars: { y: { unit: '1' } }, simulate(t) { t.scalars.y = t.input.x; } };\n");
    const r = await inProcess(['validate', s]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/inputs\.constructor: is required/);
    // The scenario gives `toString`, which the model does not have.
    const s2 = writeModel(dir, 'gives-tostring', PLAIN_MODEL('m'));
    writeFileSync(s2, readFileSync(s2, 'utf8').replace('inputs:\n', 'inputs:\n  toString: { dist: point, value: 1, unit: "1", source: t, rationale: t }\n'));
    const r2 = await inProcess(['validate', s2]);
    expect(r2.status, r2.stderr).toBe(2);
    expect(r2.stderr).toMatch(/inputs\.toString: is not an input of model/);
  });

  it('--set __proto__=5 (and constructor, toString) is refused, not silently ignored', async () => {
    const s = writeModel(dir, 'set-proto', PLAIN_MODEL('m'));
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const r = await inProcess(['validate', s, '--set', `${name}=5`]);
      expect(r.status, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`no input named "${name}"`);
    }
  });
});

describe('models and inputs that gave silent wrong answers', { timeout: 60_000 }, () => {
  const dir = tempDir('models');
  it('an async simulate is refused at load, at -w 0 and -w 1', async () => {
    const s = writeModel(dir, 'async', "export default { name: 'a', description: 'd', inputs: { x: { unit: '1' } }, series: {}, scalars: { y: { unit: '1' } }, async simulate(t) { throw new Error('never seen'); } };\n");
    for (const w of ['0', '1']) {
      const r = await inProcess(['run', s, '-o', path.join(dir, `async-${w}`), '-w', w, '-q', '--no-report']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/simulate is async; models must be synchronous/);
    }
  });

  it('a simulate that returns a Promise is the model\'s error (exit 3), at -w 0 and -w 1', async () => {
    const s = writeModel(dir, 'promise', PLAIN_MODEL('p', "t.scalars.y = t.input.x; return Promise.reject(new Error('late'));"));
    for (const w of ['0', '1']) {
      const r = await inProcess(['run', s, '-o', path.join(dir, `promise-${w}`), '-w', w, '-q', '--no-report']);
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/simulate returned a Promise/);
    }
  });

  it('series: null, or a getter that throws, is bad input (exit 2), not a bug', async () => {
    const nul = writeModel(dir, 'nullseries', "export default { name: 'n', description: 'd', inputs: { x: { unit: '1' } }, series: null, scalars: { y: { unit: '1' } }, simulate(t) {} };\n");
    const r = await inProcess(['validate', nul]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/series must be an object of declarations/);
    const getter = writeModel(dir, 'getter', "export default { name: 'g', description: 'd', inputs: { x: { unit: '1' } }, get series() { throw new Error('boom'); }, scalars: {}, simulate(t) {} };\n");
    const r2 = await inProcess(['validate', getter]);
    expect(r2.status, r2.stderr).toBe(2);
    expect(r2.stderr).toMatch(/reading its model threw: boom/);
  });

  it('discrete weights [1e308, 1e308] give each value half the time', () => {
    const d = createDistribution({ dist: 'discrete', values: [1, 2], weights: [1e308, 1e308] });
    expect(d.quantile(0.25)).toBe(1);
    expect(d.quantile(0.75)).toBe(2);
    expect(d.mean).toBe(1.5);
  });

  it('start: 2026-02-30 is rejected', async () => {
    const s = writeModel(dir, 'baddate', PLAIN_MODEL('d'));
    writeFileSync(s, readFileSync(s, 'utf8').replace('start: 2026-02', 'start: 2026-02-30'));
    const r = await inProcess(['validate', s]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/start = "2026-02-30": is not a date in the calendar/);
    writeFileSync(s, readFileSync(s, 'utf8').replace('start: 2026-02-30', 'start: 2028-02-29'));
    expect((await inProcess(['validate', s])).status).toBe(0);
  });
});
