/**
 * Issue 17 §2–§3: every message a new user meets names the fix. The CLI runs
 * in-process (main() with captured stdout/stderr) to keep this file fast.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { warnAboutWorkers } from '../../src/cli/flags.js';
import { defaultWorkers } from '../../src/engine/run.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-messages-'));
const demo = path.resolve('config/examples/demo-growth.yaml');
const demoText = readFileSync(demo, 'utf8');
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
};

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('flags say their allowed range', () => {
  it.each([
    [['-n', '0'], /--trajectories = "0": must be a whole number from 1 to 1,000,000,000/],
    [['-n', '-5'], /--trajectories = "-5": must be a whole number from 1 to 1,000,000,000/],
    [['--workers', '-1'], /--workers = "-1": must be a whole number from 0 to 1,024/],
  ])('forecast run %j', async (flags, message) => {
    const r = await cli('run', demo, ...flags, '-o', path.join(tmp, 'never'), '-q');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });

  it.each([
    [['rare', demo, '--claim', 'x', '--p0', '0.9'], /--p0 = "0.9": must be a number above 0.01 and at most 0.5/],
    [['discover', demo, '--claim', 'x', '--alpha', '2'], /--alpha = "2": must be a number above 0 and below 0.5/],
    [['discover', demo, '--claim', 'x', '--min-coverage', 'lots'], /--min-coverage = "lots": must be a number above 0 and below 1/],
    [['sensitivity', demo, '--method', 'breakeven', '--target', '1.5'], /--target = "1.5": must be a number above 0 and below 1/],
    [['audit', demo, '--tail-budget', '500'], /--tail-budget = "500": must be 0 \(no probe of the far tails\) or a whole number of model runs from 1,000 to 10,000,000/],
    [['audit', demo, '-n', '5'], /--trajectories = "5": must be a whole number from 100 to 100,000/],
  ])('forecast %j: decimal and audit flags say their range', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });

  it('--workers above the core count warns and says how many threads run', async () => {
    const cores = defaultWorkers();
    expect(warnAboutWorkers(cores, () => {})).toBeNull();
    const r = await cli('run', demo, '-n', '100', '--workers', String(cores + 7), '-o', path.join(tmp, 'many'), '-q');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: --workers ${cores + 7} is more than the ${cores} core`);
    expect(r.err).toMatch(new RegExp(`${cores + 7} worker threads will run .* share ${cores} core`));
  }, 30_000);
});

describe('scenario messages', () => {
  it('forecast validate a b c checks every file and reports all errors', async () => {
    const bad1 = write('bad1.yaml', demoText.replace('sd: 1', 'sd: -1'));
    const bad2 = write('bad2.yaml', demoText.replace('horizon: 120', 'horizon: [120'));
    const r = await cli('validate', bad1, demo, bad2);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${demo}: OK`);
    expect(r.err).toContain(`error: scenario ${bad1} is invalid:`);
    expect(r.err).toMatch(/inputs\.initialSupply\.sd = -1/);
    expect(r.err).toContain(`error: scenario ${bad2} could not be parsed: line 8, column 1`);
    expect(r.err).toContain('(the problem may be on line 7: "horizon: [120")');
    expect(r.err).toMatch(/error: 2 of 3 scenario files are invalid/);
  });

  it('a YAML parse error shows line, column and the offending text', async () => {
    const f = write('parse.yaml', 'model: demo-growth\nstart: 2026-02\nhorizon: 12\ninputs:\n  a: {dist: point, value: 1\n  b: 2\n');
    const r = await cli('validate', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/could not be parsed: line \d+, column \d+: /);
    expect(r.err).toMatch(/\d \| .*(a: \{dist: point, value: 1|b: 2)/);
    expect(r.err).toMatch(/\| +\^/);
  });

  it('a misspelt dist says dist is required and which key is not a field', async () => {
    const f = write('dsit.yaml', demoText.replace('dist: lognormal', 'dsit: lognormal'));
    const r = await cli('validate', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/inputs\.initialDemand: dist is required \(one of .*\); dsit is not a known field \(did you mean dist\?\)/);
  });

  it('YAML merge keys work; an anchor holder is named x-…', async () => {
    const text = demoText
      .replace('inputs:\n', 'x-assumed: &assumed\n  source: "assumption (demonstration scenario)"\n  unit: "1"\ninputs:\n')
      .replace(/  shockSize:\n    dist: uniform\n    min: 0.05\n    max: 0.2\n    unit: "1"\n    source: "assumption \(demonstration scenario\)"\n/, '  shockSize:\n    <<: *assumed\n    dist: uniform\n    min: 0.05\n    max: 0.2\n');
    expect(text).toContain('<<: *assumed');
    const r = await cli('validate', write('merge.yaml', text));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const holder = await cli('validate', write('holder.yaml', text.replace('x-assumed:', 'assumed:')));
    expect(holder.code).toBe(2);
    expect(holder.err).toMatch(/assumed: is not a known field \(a mapping kept only for YAML anchors .* x-assumed/);
  });

  it('provenance: optional lets a user omit source and rationale, with a warning listing them; otherwise they are required', async () => {
    const text = demoText.replace(/\n    (source|rationale): .*/g, '');
    const strict = await cli('validate', write('noprov.yaml', text));
    expect(strict.code).toBe(2);
    expect(strict.err).toMatch(/inputs\.initialDemand\.source: is required/);
    const lax = await cli('validate', write('optional.yaml', `provenance: optional\n${text}`));
    expect(lax.code).toBe(0);
    expect(lax.err).toMatch(/warning: .*provenance: optional: 6 inputs have no source or rationale yet: initialDemand \(source, rationale\); demandGrowth/);
  });

  it('shipped scenarios keep provenance required', async () => {
    const { readdirSync } = await import('node:fs');
    for (const dir of ['config/examples', 'config/interview']) {
      for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x))) expect(readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/^provenance:\s*optional/m);
    }
  });

  it('a missing model file names the scenario that points to it', async () => {
    const f = write('nomodel.yaml', demoText.replace('model: demo-growth', 'model: ./models/missing.ts'));
    const r = await cli('validate', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`scenario ${f} is invalid`);
    expect(r.err).toMatch(/model = "\.\/models\/missing\.ts": model file not found: .*missing\.ts/);
  });

  it('a model syntax error shows line and column: TypeScript model files and formulas', async () => {
    write('broken.ts', "import { defineModel } from 'forecast-engine';\nexport default defineModel({\n  name: 'x', description: '', inputs: {}, simulate(t) { let = ; },\n});\n");
    const ts = await cli('validate', write('broken.yaml', demoText.replace('model: demo-growth', 'model: ./broken.ts')));
    expect(ts.code).toBe(2);
    expect(ts.err).toMatch(/broken\.ts \(the model of scenario .*broken\.yaml\) could not be compiled: line 3, column \d+: /);
    const formula = write(
      'formula.yaml',
      'start: 2026-01\nhorizon: 12\ntrajectories: 100\nprovenance: optional\nmodel:\n  series:\n    s: { unit: "1", formula: "a * (2 +" }\ninputs:\n  a: { dist: point, value: 1, unit: "1" }\n',
    );
    const f = await cli('validate', formula);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/model\.series\.s\.formula = "a \* \(2 \+": line 7, column 39 \(column 9 of the formula\): syntax error/);
    const unknown = await cli('validate', write('unknown.yaml', readFileSync(formula, 'utf8').replace('a * (2 +', 'cost[m-1] * b')));
    expect(unknown.err).toMatch(/line 7, column 31 \(column 1 of the formula\): unknown name "cost"/);
  });
});

describe('commands', () => {
  it('forecast compare of two scenarios with no shared claim is an error', async () => {
    const other = write('renamed.yaml', demoText.replace(/- id: ([a-z0-9-]+)/g, '- id: other-$1').replace(/\[shortfall-by-24m, ratio-above-2-at-60m\]/, '[other-shortfall-by-24m, other-ratio-above-2-at-60m]').replace('given: shortfall-by-24m', 'given: other-shortfall-by-24m'));
    const r = await cli('compare', demo, other, '-n', '100', '-o', path.join(tmp, 'cmp'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/share no claim, so there is nothing to compare \(claims are matched by id; A has: shortfall-by-24m/);
  });

  it('forecast list fits an 80-column terminal', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(80);
    const one = await cli('list', '--model', 'demo-growth');
    expect(one.out).toMatch(/inputs:\n  initialDemand, demandGrowth/);
    for (const l of one.out.split('\n')) expect([...l].length, l).toBeLessThanOrEqual(80);
  });
});
