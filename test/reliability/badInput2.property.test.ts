// Issue 15: more property-based generators (fast-check) beside badInput.property.test.ts:
// names of built-in object properties, deep structures, corrupted run folders and odd file
// types. Every case must end in exit 2 (or 3 for the model's own failure), with a message,
// never exit 0 with a wrong answer, never "a bug in the engine", never a hang.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEMO, inProcess, PLAIN_MODEL, tempDir, writeModel, type Ran } from './cliHelpers.js';

const tmp = tempDir('fuzz2');
const base = parse(readFileSync(DEMO, 'utf8')) as Record<string, any>;
const clean = (r: Ran, codes: number[]): void => {
  expect(codes, r.stderr).toContain(r.status);
  expect(r.stderr.startsWith('error: '), r.stderr).toBe(true);
  expect(r.stderr).not.toMatch(/bug in the engine|\n\s+at .+:\d+:\d+|TypeError|ReferenceError|Maximum call stack/);
};

const PROPERTY_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

describe('property-based: names of built-in object properties', { timeout: 60_000 }, () => {
  it('as claim scalars or series, extra inputs, or --set names: always refused', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROPERTY_NAMES), fc.constantFrom('scalar', 'series', 'input', 'set'), async (name, where) => {
        const doc = structuredClone(base);
        const args: string[] = [];
        if (where === 'scalar') doc.claims = [{ id: 'p', statement: 's', scalar: name, above: 0 }];
        if (where === 'series') doc.claims = [{ id: 'p', statement: 's', series: name, at: 1, above: 0 }];
        if (where === 'input') Object.defineProperty(doc.inputs, name, { enumerable: true, value: { dist: 'point', value: 1, unit: '1', source: 's', rationale: 'r' } });
        if (where === 'set') args.push('--set', `${name}=5`);
        const file = path.join(tmp, `names-${n++}.yaml`);
        writeFileSync(file, stringify(doc));
        clean(await inProcess(['validate', file, ...args]), [2]);
      }),
      { numRuns: 20, seed: 15 },
    );
  });
});

describe('property-based: deep structures', { timeout: 60_000 }, () => {
  it('lists and mappings nested 65 to 20,000 deep anywhere in a scenario are refused', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 65, max: 20_000 }), fc.constantFrom('claims', 'inputs', 'start', 'correlations', 'quantiles'), fc.constantFrom('[', '{"a":'), fc.boolean(), async (depth, field, open, json) => {
        const close = open === '[' ? ']' : '}';
        const deep = open.repeat(depth) + '1' + close.repeat(depth);
        const top = { ...base, [field]: '@@' };
        const text = (json ? JSON.stringify(top) : stringify(top)).replace(/"@@"|'@@'|@@/, deep);
        const file = path.join(tmp, `deep-${n++}.${json ? 'json' : 'yaml'}`);
        writeFileSync(file, text);
        clean(await inProcess(['validate', file]), [2]);
      }),
      { numRuns: 12, seed: 16 },
    );
  });
});

describe('property-based: corrupted run folders', { timeout: 120_000 }, () => {
  it('flipped, cut or edited checkpoint.bin and scenario.json: --resume refuses (2) or reaches the model\'s own error again (3), never a wrong exit 0', async () => {
    const dir = tempDir('fuzz-run');
    const scenario = writeModel(dir, 'cut', PLAIN_MODEL('cut', "if (t.index === 9000) throw new Error('stop'); t.scalars.y = t.input.x;"));
    const pristine = path.join(dir, 'pristine');
    expect((await inProcess(['run', scenario, '-o', pristine, '--checkpoint', '-w', '0', '-q', '--no-report'])).status).toBe(3);
    const files = { ckpt: readFileSync(path.join(pristine, 'checkpoint.bin')), spec: readFileSync(path.join(pristine, 'scenario.json')) };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ckpt', 'spec'), fc.constantFrom('flip', 'cut', 'zero'), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 }), async (which, how, at, xor) => {
        const out = path.join(dir, `case-${n++}`);
        cpSync(pristine, out, { recursive: true });
        const bytes = Buffer.from(files[which as 'ckpt' | 'spec']);
        const i = Math.min(bytes.length - 1, Math.floor(at * bytes.length));
        let changed: Buffer;
        if (how === 'flip') {
          bytes[i] ^= xor;
          changed = bytes;
        } else if (how === 'cut') changed = bytes.subarray(0, i);
        else changed = Buffer.concat([bytes.subarray(0, i), Buffer.alloc(Math.min(64, bytes.length - i))]);
        writeFileSync(path.join(out, which === 'ckpt' ? 'checkpoint.bin' : 'scenario.json'), changed);
        const r = await inProcess(['run', '--resume', out, '-w', '0', '-q', '--no-report']);
        rmSync(out, { recursive: true, force: true });
        clean(r, [2, 3]);
      }),
      { numRuns: 40, seed: 17 },
    );
  });
});

describe('property-based: odd file types', { timeout: 60_000 }, () => {
  it('folders, FIFOs, devices, empty and binary files as scenarios, bases, libraries and models', async () => {
    const dir = tempDir('fuzz-files');
    const model = writeModel(dir, 'ok', PLAIN_MODEL('ok'));
    let n = 0;
    const make = (kind: string, file: string): void => {
      if (kind === 'folder') mkdirSync(file);
      else if (kind === 'fifo') execFileSync('mkfifo', [file]);
      else if (kind === 'devzero') symlinkSync('/dev/zero', file);
      else if (kind === 'devnull') symlinkSync('/dev/null', file);
      else if (kind === 'dangling') symlinkSync(path.join(dir, 'nowhere'), file);
      else if (kind === 'empty') writeFileSync(file, '');
      else writeFileSync(file, Buffer.from([0xff, 0xfe, 0, 1, 2, 0x80, 0x81, 10, 0xc3]));
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('folder', 'fifo', 'devzero', 'devnull', 'dangling', 'empty', 'binary'), fc.constantFrom('scenario', 'extends', 'inputLibrary', 'model'), fc.constantFrom('yaml', 'json', 'mjs', 'txt'), async (kind, role, ext) => {
        const odd = path.join(dir, `odd-${n++}.${role === 'model' ? (ext === 'yaml' || ext === 'json' ? 'mjs' : ext) : ext}`);
        make(kind, odd);
        let target = odd;
        if (role !== 'scenario') {
          const text = readFileSync(model, 'utf8');
          target = path.join(dir, `uses-${n}.yaml`);
          if (role === 'model') writeFileSync(target, text.replace('./ok.mjs', `./${path.basename(odd)}`));
          else if (role === 'extends') writeFileSync(target, `extends: ./${path.basename(odd)}\n`);
          else writeFileSync(target, text.replace('inputs:\n  x:', `inputLibrary: ./${path.basename(odd)}\ninputs:\n  x:`));
        }
        const r = await inProcess(['validate', target]);
        // An empty or binary .mjs is imported as a module: refused (2). An input library that is empty
        // (or /dev/null) lends nothing, and the scenario itself is fine: that case alone may pass.
        if (r.status === 0) expect(role === 'inputLibrary' && (kind === 'empty' || kind === 'devnull') && (ext === 'yaml' || ext === 'json'), `${kind} ${role} ${ext}`).toBe(true);
        else clean(r, [2]);
      }),
      { numRuns: 60, seed: 18 },
    );
  });
});
