import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { resolveScenarioData, resolveScenarioFile } from '../../src/scenario/resolve.js';
import { scenarioFileSchema } from '../../src/scenario/schema.js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

const demo = parse(readFileSync('config/examples/demo-growth.yaml', 'utf8')) as Record<string, any>;
const base = path.resolve('config/examples/demo-growth.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-validation-'));

async function errorOf(data: unknown): Promise<string> {
  try {
    await resolveScenarioData(data, base);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}
const withInput = (name: string, spec: unknown) => ({ ...demo, inputs: { ...demo.inputs, [name]: spec } });
const meta = { unit: 'x', source: 's', rationale: 'r' };

describe('bad scenarios are rejected with the field path and the value', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['negative sd', () => withInput('initialSupply', { dist: 'normal', mean: 1, sd: -2, ...meta }), /inputs\.initialSupply\.sd = -2: must be greater than 0/],
    ['unknown distribution', () => withInput('initialSupply', { dist: 'cauchy', ...meta }), /inputs\.initialSupply\.dist = "cauchy": is not a known distribution/],
    ['p5 above p95', () => withInput('initialDemand', { dist: 'lognormal', p5: 30, p95: 3, ...meta }), /inputs\.initialDemand\.p95 = 3: must be greater than p5/],
    ['wrong type', () => withInput('initialSupply', { dist: 'normal', mean: 'ten', sd: 1, ...meta }), /inputs\.initialSupply\.mean = "ten"/],
    ['misspelt field', () => withInput('initialSupply', { dist: 'normal', mean: 1, sdev: 1, ...meta }), /inputs\.initialSupply\.sdev = 1: is not a known field/],
    ['missing unit', () => withInput('initialSupply', { dist: 'normal', mean: 1, sd: 1, source: 's', rationale: 'r' }), /inputs\.initialSupply\.unit: is required/],
    ['missing input', () => { const d = structuredClone(demo); delete d.inputs.shockSize; return d; }, /inputs\.shockSize: is required by model demo-growth/],
    ['extra input', () => withInput('typo', { dist: 'point', value: 1, ...meta }), /inputs\.typo: is not an input of model demo-growth/],
    ['unknown model', () => ({ ...demo, model: 'nope' }), /model = "nope": is not a built-in model/],
    ['missing model file', () => ({ ...demo, model: './nope.ts' }), /model = ".\/nope.ts": model file not found/],
    ['horizon too long', () => ({ ...demo, horizon: 5000 }), /horizon = 5000/],
    ['absurd trajectories', () => ({ ...demo, trajectories: 1e12 }), /trajectories = 1000000000000/],
    ['bad start date', () => ({ ...demo, start: 'Feb 2026' }), /start = "Feb 2026": must be a date/],
    ['claim on unknown series', () => ({ ...demo, claims: [{ id: 'x', statement: 's', series: 'nope', above: 1, at: 3 }] }), /claims\[0\]\.series = "nope": is not a series output/],
    ['claim beyond horizon', () => ({ ...demo, claims: [{ id: 'x', statement: 's', series: 'ratio', above: 1, at: 300 }] }), /claims\[0\]\.at = 300: is beyond the horizon/],
    ['claim with two thresholds', () => ({ ...demo, claims: [{ id: 'x', statement: 's', scalar: 'shortfall', above: 1, below: 3 }] }), /claims\[0\]: needs exactly one of below, above, between/],
    ['claim on an unknown claim', () => ({ ...demo, claims: [{ id: 'x', statement: 's', all: ['y'] }] }), /claims\[0\]\.all\[0\] = "y": names no claim/],
    ['cyclic claims', () => ({ ...demo, claims: [{ id: 'x', statement: 's', all: ['y'] }, { id: 'y', statement: 's', any: ['x'] }] }), /claims refer to each other in a cycle/],
    ['duplicate claim id', () => ({ ...demo, claims: [{ id: 'x', statement: 's', scalar: 'shortfall', above: 1 }, { id: 'x', statement: 's', scalar: 'shortfall', above: 2 }] }), /claims\[1\]\.id = "x": is used by an earlier claim/],
    ['quantiles not increasing', () => ({ ...demo, quantiles: [0.5, 0.1] }), /quantiles = \[0.5,0.1\]: must be strictly increasing/],
  ];
  for (const [name, make, pattern] of cases) it(name, async () => expect(await errorOf(make())).toMatch(pattern));
});

describe('files', () => {
  const write = (name: string, text: string | Buffer): string => {
    const f = path.join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  const fileError = async (file: string, opts = {}): Promise<string> => {
    try {
      await resolveScenarioFile(file, opts);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };
  it('a missing file', async () => expect(await fileError(path.join(tmp, 'missing.yaml'))).toMatch(/scenario file not found/));
  it('non-UTF-8 bytes', async () => expect(await fileError(write('bin.yaml', Buffer.from([0x6d, 0x3a, 0xff, 0xfe])))).toMatch(/not valid UTF-8/));
  it('a YAML alias bomb', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(await fileError(write('bomb.yaml', bomb))).toMatch(/could not be parsed.*alias/i);
  });
  it('a list instead of a mapping', async () => expect(await fileError(write('list.yaml', '- 1\n- 2\n'))).toMatch(/must be a mapping/));
  it('an extends cycle', async () => {
    write('c1.yaml', 'extends: c2.yaml\n');
    expect(await fileError(write('c2.yaml', 'extends: c1.yaml\n'))).toMatch(/extends forms a cycle/);
  });
  it('--set on an unknown input, and a malformed --set', async () => {
    expect(await fileError(base, { set: ['nope=3'] })).toMatch(/--set nope: no input named "nope"/);
    expect(await fileError(base, { set: ['demandGrowth'] })).toMatch(/must look like name=value/);
    expect(await fileError(base, { set: ['demandGrowth={dist: normal, mean: 1, sd: -1}'] })).toMatch(/inputs\.demandGrowth\.sd = -1/);
  });
});

describe('extends, --set and the JSON Schema', () => {
  it('a child inherits its base, overrides inputs and claims by id and appends new claims', async () => {
    const { scenario } = await resolveScenarioFile('test/fixtures/child.yaml');
    expect(scenario.name).toBe('child');
    expect(scenario.trajectories).toBe(1000);
    expect(scenario.inputs.demandGrowth).toMatchObject({ dist: 'point', value: 0.5 });
    expect(scenario.inputs.initialDemand).toMatchObject({ dist: 'lognormal', p5: 8 });
    expect(scenario.claims.map((c) => c.id)).toEqual(['shortfall-by-24m', 'ratio-above-2-at-60m', 'large-shortfall', 'both', 'large-given-early', 'new-claim']);
    expect(scenario.claims[2].above).toBe(50);
  });

  it('--set takes a number or a flow mapping and keeps the unit; the hash changes', async () => {
    const plain = await resolveScenarioFile(base);
    const { scenario } = await resolveScenarioFile(base, { set: ['demandGrowth=0.2', 'initialSupply={dist: lognormal, p5: 10, p95: 14}'] });
    expect(scenario.inputs.demandGrowth).toMatchObject({ dist: 'point', value: 0.2, unit: '1/yr' });
    expect(scenario.inputs.initialSupply).toMatchObject({ dist: 'lognormal', p5: 10, p95: 14, unit: 'GW' });
    expect(scenario.sha256).not.toBe(plain.scenario.sha256);
  });

  it('the JSON Schema of scenario files is generated from the zod schema and accepts the shipped scenario', () => {
    const schema = z.toJSONSchema(scenarioFileSchema, { unrepresentable: 'any', io: 'input' }) as Record<string, any>;
    expect(schema.properties.inputs).toBeDefined();
    expect(JSON.stringify(schema)).toContain('lognormal');
    expect(scenarioFileSchema.safeParse(demo).success).toBe(true);
  });
});
