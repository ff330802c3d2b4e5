import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, SPAWN_TIMEOUT } from '../helpers/processes.js';
import { resultSchema } from '../../src/result/resultSchema.js';

const BIN = path.resolve('dist/src/cli/bin.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-cli-'));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp, timeout: HANG_GUARD });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const demo = path.resolve('config/examples/demo-growth.yaml');
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('forecast CLI (real processes)', () => {
  it('run writes result.json, bands.csv, claims.csv and trajectories.csv, and prints the claim table', () => {
    const out = path.join(tmp, 'run1');
    const r = cli('run', demo, '-n', '3000', '-w', '1', '--out', out, '--keep-trajectories', '5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/shortfall-by-24m\s+Demand exceeds supply within 24 months\s+\d+\.\d%/);
    expect(r.out).toContain(`results: ${out}`);
    for (const f of ['result.json', 'bands.csv', 'claims.csv', 'trajectories.csv', 'report.html']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const result = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'));
    expect(resultSchema.safeParse(result).success).toBe(true);
    expect(result.manifest).toMatchObject({ trajectories: 3000, blockSize: 8192, sampler: 'mc' });
    expect(readFileSync(path.join(out, 'bands.csv'), 'utf8').split('\n')[0]).toBe('series,unit,month,date,q0.05,q0.25,q0.5,q0.75,q0.95,mean,sd,count,nonFinite');
    expect(readFileSync(path.join(out, 'trajectories.csv'), 'utf8').trim().split('\n')).toHaveLength(6);
  }, SPAWN_TIMEOUT);

  it('refuses to overwrite a run folder without --force', () => {
    const out = path.join(tmp, 'run2');
    expect(cli('run', demo, '-n', '100', '-w', '0', '--out', out, '-q').code).toBe(0);
    const again = cli('run', demo, '-n', '100', '-w', '0', '--out', out, '-q');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists.*--force/);
    expect(cli('run', demo, '-n', '100', '-w', '0', '--out', out, '-q', '--force').code).toBe(0);
  }, SPAWN_TIMEOUT);

  it('--json prints result.json to stdout', () => {
    const r = cli('run', demo, '-n', '200', '-w', '0', '--json', '--out', path.join(tmp, 'run3'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).schemaVersion).toBe(1);
  }, SPAWN_TIMEOUT);

  it('bad input exits 2 with one clear message and no stack trace', () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, readFileSync(demo, 'utf8').replace('sd: 1', 'sd: -1'));
    const cases: Array<[string[], RegExp]> = [
      [['run', bad], /inputs\.initialSupply\.sd = -1: must be greater than 0/],
      [['run', path.join(tmp, 'missing.yaml')], /scenario file not found/],
      [['run', demo, '-n', 'lots'], /--trajectories = "lots": must be a whole number from 1 to/],
      [['run', demo, '-n', '0'], /--trajectories = "0"/],
      [['run', demo, '--workers', '-3'], /--workers/],
      [['run', demo, '--set', 'nope=1'], /no input named "nope"/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, pattern] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(pattern);
      noStack(r.err);
    }
  }, SPAWN_TIMEOUT);

  it('validate, list and schema', () => {
    const v = cli('validate', demo);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/OK \(model demo-growth, 6 inputs, 5 claims/);
    expect(cli('list').out).toMatch(/demo-growth[\s\S]*Distribution families: .*lognormal/);
    const schema = JSON.parse(cli('schema').out);
    expect(schema.properties.inputs).toBeDefined();
    const rs = JSON.parse(cli('schema', '--result').out);
    expect(rs.properties.claims).toBeDefined();
  }, SPAWN_TIMEOUT);
});

describe('forecast run <folder>: the scorecard', () => {
  it('runs every scenario in a folder and writes scorecard.csv, scorecard.json and a folder per scenario', () => {
    const out = path.join(tmp, 'score');
    const r = cli('run', path.resolve('config/interview'), '-n', '300', '-w', '1', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/space-cheapest-36m\s+Space is cheaper than the ground for a deployment decided at month 36/);
    expect(r.out).toMatch(/space-cheaper-by-120m .* > 120|space-cheaper-by-120m .*\d+\s*$/m);
    const card = JSON.parse(readFileSync(path.join(out, 'scorecard.json'), 'utf8'));
    expect(card.claims.length).toBeGreaterThanOrEqual(11);
    expect(readFileSync(path.join(out, 'scorecard.csv'), 'utf8').split('\n')[0]).toBe('scenario,id,statement,probability,ci95Low,ci95High,medianMonth,denominator,trajectories,hits,bound95,label');
    for (const s of ['space-cheapest-36m', 'gb300-1gw', 'gov-waste-750b']) expect(existsSync(path.join(out, s, 'result.json')), s).toBe(true);
    expect(existsSync(path.join(out, 'inputs'))).toBe(false); // the input library is not a scenario
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('Forecast scorecard: interview');
    expect(html).toContain('id="scenario-space-cheapest-36m"');
    // forecast report rewrites it; --no-report skips it.
    const again = cli('report', out);
    expect(again.code).toBe(0);
    expect(again.out.trim()).toBe(path.join(out, 'report.html'));
    const bare = path.join(tmp, 'bare');
    expect(cli('run', demo, '-n', '100', '-w', '0', '--out', bare, '-q', '--no-report').code).toBe(0);
    expect(existsSync(path.join(bare, 'report.html'))).toBe(false);
    expect(cli('report', tmp).code).toBe(2);
  }, SPAWN_TIMEOUT);
});

describe('forecast sensitivity', () => {
  it('writes sensitivity.json and .csv, prints the top drivers, and adds Drivers to an existing run folder report', () => {
    const run = path.join(tmp, 'sens-run');
    expect(cli('run', demo, '-n', '500', '-w', '0', '--out', run, '-q').code).toBe(0);
    const r = cli('sensitivity', demo, '--method', 'rank,tornado,sobol', '--rows', '512', '-n', '2000', '-w', '1', '--output', 'shortfall', '--output', 'ratio@36', '--out', run);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/sensitivity by rank, tornado, sobol/);
    expect(r.out).toMatch(/sobol: shortfall \(variance [\d.e+-]+; 512 rows/);
    expect(r.out).toMatch(/rank: shortfall \(2,000 trajectories\)\ninput\s+PRCC/);
    expect(r.out).toMatch(/tornado \(probabilistic\): ratio@36/);
    const report = JSON.parse(readFileSync(path.join(run, 'sensitivity.json'), 'utf8'));
    expect(report.outputs).toEqual(['shortfall', 'ratio@36']);
    expect(readFileSync(path.join(run, 'sensitivity.csv'), 'utf8').split('\n')[0]).toBe('method,output,input,statistic,value,low,high');
    expect(readFileSync(path.join(run, 'report.html'), 'utf8')).toContain('<h3>Drivers</h3>');
    // compare and sweep pointed at the run folder land beside result.json, and the report draws them.
    expect(cli('sweep', demo, '--over', 'shockSize=0.05,0.2', '-n', '500', '-w', '0', '--out', run).code).toBe(0);
    expect(cli('compare', demo, '--set', 'shockSize=0.3', '-n', '500', '-w', '0', '--out', run).code).toBe(0);
    const html = readFileSync(path.join(run, 'report.html'), 'utf8');
    expect(html).toContain('<h3>What-if</h3>');
    expect(html).toContain('<h4>Comparison</h4>');
    expect(existsSync(path.join(run, 'result.json'))).toBe(true);
    for (const [args, pattern] of [
      [['--output', 'nope'], /--output "nope" is not a claim id, a scalar, or series@month/],
      [['--method', 'spline'], /--method spline: not a method/],
      [['--rows', '3'], /--rows = "3"/],
      [['--method', 'breakeven'], /needs --input/],
    ] as Array<[string[], RegExp]>) {
      const bad = cli('sensitivity', demo, '-w', '0', ...args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.err).toMatch(pattern);
      noStack(bad.err);
    }
  }, SPAWN_TIMEOUT);
});

describe('forecast compare and forecast sweep (common random numbers)', () => {
  it('compare: identical scenarios differ by exactly 0; a what-if has a paired interval narrower than independent runs would give', () => {
    const same = path.join(tmp, 'cmp-same');
    expect(cli('compare', demo, demo, '-n', '2000', '-w', '0', '--out', same).code).toBe(0);
    const z = JSON.parse(readFileSync(path.join(same, 'compare.json'), 'utf8'));
    for (const c of z.claims) expect([c.difference, c.ci95[0], c.ci95[1]]).toEqual([0, 0, 0]);
    const out = path.join(tmp, 'cmp-growth');
    // Supply one GW higher in every trajectory: the same uniforms, so outcomes move together.
    const r = cli('compare', demo, '--set', 'initialSupply={dist: normal, mean: 13, sd: 1}', '-n', '5000', '-w', '1', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/B: demo-growth with initialSupply=/);
    const cmp = JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8'));
    const c = cmp.claims.find((x: { id: string }) => x.id === 'ratio-above-2-at-60m');
    expect(c.b).toBeLessThan(c.a); // more supply: a lower demand/supply ratio at month 60
    const paired = (c.ci95[1] - c.ci95[0]) / 2;
    const independent = 1.96 * Math.sqrt((c.a * (1 - c.a) + c.b * (1 - c.b)) / c.pairs);
    expect(paired).toBeLessThan(independent);
    expect(cli('compare', demo, '-w', '0').code).toBe(2); // no second scenario and no --set
  }, SPAWN_TIMEOUT);

  it('sweep: P(ratio > 2 at month 60) rises with demand growth; writes sweep.csv and sweep.svg', () => {
    const out = path.join(tmp, 'sweep');
    const r = cli('sweep', demo, '--over', 'demandGrowth=0.1:0.6:6', '-n', '2000', '-w', '1', '--out', out);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('value,claim,probability,ci95Low,ci95High');
    expect(lines.length).toBe(1 + 6 * 5);
    const p = lines.slice(1).filter((l) => l.includes(',ratio-above-2-at-60m,')).map((l) => Number(l.split(',')[2]));
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1]);
    expect(readFileSync(path.join(out, 'sweep.svg'), 'utf8')).toMatch(/^<svg/);
    for (const [args, pattern] of [[['--over', 'nope=1,2'], /no input of that name/], [['--over', 'demandGrowth=1:0:3'], /low < high/], [[], /--over/]] as Array<[string[], RegExp]>) {
      const bad = cli('sweep', demo, '-w', '0', ...args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.err).toMatch(pattern);
    }
  }, SPAWN_TIMEOUT);
});
