import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify, parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HANG_GUARD, SPAWN_TIMEOUT } from '../helpers/processes.js';
import { main } from '../../src/cli/main.js';

// Property-based tests (fast-check): malformed scenarios must be rejected with
// exit code 2 and a message, never a stack trace, an internal error or a hang.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-fuzz-'));
const base = parse(readFileSync('config/examples/demo-growth.yaml', 'utf8')) as Record<string, any>;
const BIN = path.resolve('dist/src/cli/bin.js');

let captured = '';
beforeAll(() => {
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((captured += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => vi.restoreAllMocks());

async function validate(contents: string | Buffer, ext = 'yaml'): Promise<{ code: number; err: string }> {
  const file = path.join(tmp, `case.${ext}`);
  writeFileSync(file, contents);
  captured = '';
  const code = await main(['validate', file]);
  return { code, err: captured };
}

const expectClean = (r: { code: number; err: string }): void => {
  expect([0, 2], r.err).toContain(r.code);
  if (r.code === 2) {
    expect(r.err.startsWith('error: ')).toBe(true);
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.err).not.toMatch(/TypeError|ReferenceError|Cannot read propert/);
  }
};

// A path into the scenario and a value to put there (or delete).
const fieldPaths = ['model', 'start', 'horizon', 'trajectories', 'seed', 'sampler', 'quantiles', 'inputs', 'claims', 'correlations', 'precision',
  'inputs.initialDemand', 'inputs.initialDemand.p5', 'inputs.initialDemand.dist', 'inputs.demandGrowth.mode', 'inputs.initialSupply.sd',
  'inputs.shockProbability.alpha', 'inputs.shockSize.max', 'claims.0', 'claims.0.by', 'claims.0.series', 'claims.0.above', 'claims.3.all', 'claims.4.given'];
const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.double(),
  fc.constantFrom(-1, 0, -1e308, 1e308, 1e12, 0.5, 'lognormal', 'mixture', '', null, [], {}, [[1, 2], [3]], 'nope', '2026-13', Number.NaN),
);

function mutate(doc: Record<string, any>, where: string, value: unknown, remove: boolean): Record<string, any> {
  const copy = structuredClone(doc);
  const keys = where.split('.');
  let cur: any = copy;
  for (const k of keys.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return copy;
    cur = cur[k];
  }
  if (cur === null || typeof cur !== 'object') return copy;
  if (remove) delete cur[keys[keys.length - 1]];
  else cur[keys[keys.length - 1]] = value;
  return copy;
}

describe('malformed scenarios never crash the CLI (property-based)', () => {
  it('1,500 random field mutations: exit 0 or 2, one clear message, no stack trace', async () => {
    let rejected = 0, total = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fieldPaths), junk, fc.boolean(), async (where, value, remove) => {
        const doc = mutate(base, where, value, remove);
        let text: string;
        try {
          text = stringify(doc);
        } catch {
          return; // not representable as YAML
        }
        const r = await validate(text);
        expectClean(r);
        total++;
        if (r.code === 2) rejected++;
      }),
      { numRuns: 1500, seed: 20260205 },
    );
    expect(rejected / total).toBeGreaterThan(0.5); // most mutations are errors, so the property is exercised
  }, SPAWN_TIMEOUT);

  it('structural attacks: wrong types everywhere, negative scales, p5 > p95, unknown models, cyclic and non-numeric correlations, absurd sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          sd: fc.double({ min: -1e6, max: 0, noNaN: true }),
          p5: fc.double({ min: 1, max: 1e6, noNaN: true }),
          gap: fc.double({ min: 0, max: 1e6, noNaN: true }),
          model: fc.string(),
          rho: fc.oneof(fc.string(), fc.double(), fc.constant(null)),
          n: fc.oneof(fc.integer({ min: -1e9, max: 0 }), fc.double({ min: 1e9 + 1, max: 1e300, noNaN: true })),
        }),
        async ({ sd, p5, gap, model, rho, n }) => {
          const cases = [
            mutate(base, 'inputs.initialSupply', { dist: 'normal', mean: 1, sd, unit: 'GW', source: 's', rationale: 'r' }, false),
            mutate(base, 'inputs.initialDemand', { dist: 'lognormal', p5, p95: p5 - gap, unit: 'GW', source: 's', rationale: 'r' }, false),
            mutate(base, 'model', model, false),
            mutate(base, 'correlations', [['initialDemand', 'demandGrowth', rho]], false),
            mutate(base, 'claims', [{ id: 'a', statement: 's', all: ['b'] }, { id: 'b', statement: 's', any: ['a'] }], false),
            mutate(base, 'trajectories', n, false),
          ];
          for (const doc of cases) {
            const r = await validate(stringify(doc));
            expectClean(r);
          }
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  }, SPAWN_TIMEOUT);

  it('raw bytes: invalid UTF-8, broken YAML and JSON, alias bombs, huge files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (bytes) => {
        expectClean(await validate(Buffer.from(bytes)));
        expectClean(await validate(Buffer.from(bytes), 'json'));
      }),
      { numRuns: 300, seed: 11 },
    );
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
    const r = await validate(bomb);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/alias/i);
    const huge = await validate(`description: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    expect(huge.code).toBe(2);
    expect(huge.err).toMatch(/the limit is 1048576 bytes/);
  }, SPAWN_TIMEOUT);

  it('a sample as real processes: exit 2, message on stderr, no stack trace', () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...fieldPaths), junk), { numRuns: 12, seed: 3 });
    let rejected = 0;
    samples.forEach(([where, value], i) => {
      const file = path.join(tmp, `proc-${i}.yaml`);
      try {
        writeFileSync(file, stringify(mutate(base, where, value, false)));
      } catch {
        return;
      }
      const r = spawnSync(process.execPath, [BIN, 'validate', file], { encoding: 'utf8', timeout: HANG_GUARD });
      expect([0, 2], r.stderr).toContain(r.status);
      if (r.status === 2) {
        rejected++;
        expect(r.stderr).toMatch(/^error: /);
        expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      }
    });
    expect(rejected).toBeGreaterThan(3);
  }, SPAWN_TIMEOUT);
});
