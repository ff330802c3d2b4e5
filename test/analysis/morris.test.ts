import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, SPAWN_TIMEOUT } from '../helpers/processes.js';
import { resolveScenarioData, resolveScenarioFile } from '../../src/scenario/resolve.js';
import { morris, morrisScreening, morrisStatistics, morrisTrajectoriesFor, screenedInputs, screenFor } from '../../src/analysis/methods/morris.js';
import { screenedRows } from '../../src/analysis/methods/sobolIndices.js';
import { runSensitivity } from '../../src/analysis/runSensitivity.js';
import { driversHtml, sensitivityCsvRows } from '../../src/analysis/registry.js';
import { sizedByBudget } from '../../src/analysis/sensitivityPlan.js';
import { RunPlan } from '../../src/engine/runBlock.js';
import type { MethodContext } from '../../src/analysis/sensitivityMethod.js';
import { InputError } from '../../src/errors.js';
import { sensitivityCommand } from '../../src/cli/sensitivityCommand.js';
import { normalQuantile } from '../../src/distributions/normalQuantile.js';

const BIN = path.resolve('dist/src/cli/bin.js');
const forty = path.resolve('test/fixtures/screening-40.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-morris-'));
/** The five inputs that matter in screening-40.yaml, most first by their mean absolute elementary effects (8.49, 5, 4, 2, 2). */
const IMPORTANT = ['x[19]', 'x[3]', 'x[11]', 'x[26]', 'x[34]'];
const sorted = (xs: string[]) => [...xs].sort();

const given = (dist: Record<string, unknown>) => ({ ...dist, unit: '1', source: 'test', rationale: 'test' });
/** A linear formula model: y = 2a − 3b + 0.5c + d with a ~ U(0, 10), b ~ U(−1, 1), c ~ N(0, 1), d fixed. */
async function linear() {
  return resolveScenarioData({
    name: 'linear', start: '2026-01', horizon: 0, trajectories: 100, seed: 5,
    model: { name: 'linear', description: 'linear test function', scalars: { y: { unit: '1', formula: '2 * a - 3 * b + 0.5 * c + d' } } },
    inputs: { a: given({ dist: 'uniform', min: 0, max: 10 }), b: given({ dist: 'uniform', min: -1, max: 1 }), c: given({ dist: 'normal', mean: 0, sd: 1 }), d: given({ dist: 'point', value: 7 }) },
    claims: [{ id: 'big', statement: 'y above 5', scalar: 'y', above: 5 }],
  }, path.resolve('test/fixtures/x.yaml'));
}

describe('Morris elementary effects: the estimator', () => {
  it('μ*, μ, σ and the bootstrap interval of given effects; non-finite effects left out; sorted by μ*', () => {
    const resamples = [Int32Array.of(0, 0, 0), Int32Array.of(1, 1, 1), Int32Array.of(0, 1, 2)];
    const r = morrisStatistics([{ input: 'a', effects: [2, -2, NaN] }, { input: 'b', effects: [8, 8, 8] }, { input: 'c', effects: [0, 0, 0] }], resamples);
    expect(r.map((e) => e.input)).toEqual(['b', 'a', 'c']);
    const a = r[1];
    expect(a).toMatchObject({ muStar: 2, mu: 0, n: 2, relative: 0.25 });
    expect(a.sigma).toBeCloseTo(Math.sqrt(8), 12);
    expect(a.muStarCi95).toEqual([2, 2]);
    expect(r[0]).toMatchObject({ muStar: 8, mu: 8, sigma: 0, relative: 1, muStarCi95: [8, 8] });
    expect(r[2]).toMatchObject({ muStar: 0, relative: 0 });
  });

  it('on a linear function μ* is |coefficient × range| on the probability scale (uniform: the range; normal: the quantile gap), σ is 0, μ has the sign', async () => {
    const { scenario, model } = await linear();
    const s = await morrisScreening(scenario, model, { trajectories: 12, workers: 0 });
    expect(s).toMatchObject({ trajectories: 12, modelRuns: 12 * 4 }); // d is fixed: 3 moves per trajectory
    const [claim, y] = s.outputs;
    expect(claim).toMatchObject({ label: 'big', measure: 'margin' });
    expect(y).toMatchObject({ label: 'y', measure: 'value' });
    const by = Object.fromEntries(y.effects.map((e) => [e.input, e]));
    expect(Object.keys(by).sort()).toEqual(['a', 'b', 'c']);
    // A move of ½ on the probability scale: a over half its range of 10, b over half of 2.
    expect(by.a.muStar).toBeCloseTo(20, 9);
    expect(by.a.mu).toBeCloseTo(20, 9);
    expect(by.b.muStar).toBeCloseTo(6, 9);
    expect(by.b.mu).toBeCloseTo(-6, 9);
    // c ~ N(0, 1): the jumps are 1/8 ↔ 5/8 and 3/8 ↔ 7/8, both Φ⁻¹(5/8) − Φ⁻¹(1/8) by symmetry.
    expect(by.c.muStar).toBeCloseTo((0.5 * (normalQuantile(5 / 8) - normalQuantile(1 / 8))) / 0.5, 9);
    for (const e of y.effects) {
      expect(e.sigma).toBeLessThan(1e-9);
      expect(e.n).toBe(12);
    }
    // `above 5` has margin 5 − y: the same μ*, μ of the opposite sign.
    const m = Object.fromEntries(claim.effects.map((e) => [e.input, e]));
    expect(m.a.muStar).toBeCloseTo(20, 9);
    expect(m.a.mu).toBeCloseTo(-20, 9);
  });

  it('the same effects in-process, on 1 and on 2 workers; the Sobol design after it too', async () => {
    const { scenario, model } = await resolveScenarioFile(forty, {});
    const on = (workers: number) => morrisScreening(scenario, model, { trajectories: 30, workers });
    const [w0, w1, w2] = [await on(0), await on(1), await on(2)];
    expect(JSON.stringify(w1)).toBe(JSON.stringify(w0));
    expect(JSON.stringify(w2)).toBe(JSON.stringify(w1));
    const ticks: Array<[string, number, number]> = [];
    const both = (workers: number) => runSensitivity(scenario, model, { methods: ['morris', 'sobol'], morrisTrajectories: 10, rows: 128, bootstrap: 20, outputs: ['y'], workers, onProgress: (m, d, t) => d !== undefined && ticks.push([m, d, t!]) });
    expect(JSON.stringify(await both(2))).toBe(JSON.stringify(await both(1)));
    // Progress ends at the planned runs: Morris 10 × 41, Sobol on the 10 screened inputs 128 × 12 (both runs).
    expect(ticks.filter(([m, d, t]) => m === 'morris' && d === t).map(([, , t]) => t)).toEqual([410, 410]);
    expect(ticks.filter(([m, d, t]) => m === 'sobol' && d === t).map(([, , t]) => t)).toEqual([1536, 1536]);
  });
});

describe('default sizes and --budget', () => {
  it('defaults from the number of inputs', () => {
    expect([5, 40, 46, 100, 500].map(morrisTrajectoriesFor)).toEqual([100, 49, 43, 20, 20]);
    expect([6, 10, 11, 40, 46, 100, 500].map(screenFor)).toEqual([6, 10, 10, 10, 10, 20, 20]);
    expect([2, 5, 8, 10, 20].map(screenedRows)).toEqual([4096, 2048, 1024, 1024, 512]);
  });

  it('splits a budget by weight (Morris 1, Sobol 4), keeps flagged sizes, and refuses a budget the smallest sizes exceed', async () => {
    const { scenario, model } = await resolveScenarioFile(forty, {});
    const plan = new RunPlan(scenario, model);
    const ctx = (o: Record<string, unknown>) => ({ scenario, model, plan, outputs: [], trajectories: 10_000, options: { methods: ['morris', 'sobol'], ...o }, sections: {}, whatIf: () => { throw new Error('no pool'); }, progress: () => {} }) as unknown as MethodContext;
    // 40 inputs, 10 screened: Morris r·41 ≤ 1,000, Sobol N·12 ≤ 4,000.
    expect(sizedByBudget(ctx({}), 40, 5000)).toMatchObject({ morrisTrajectories: 24, rows: 333 });
    // --rows set: Sobol takes 64·12 = 768, Morris the rest.
    expect(sizedByBudget(ctx({ rows: 64 }), 40, 5000)).toMatchObject({ morrisTrajectories: 103, rows: 64 });
    // At 950, Sobol's share (760) is below its least (64 rows = 768 runs): it gets those, Morris the rest (182 runs: 4 trajectories).
    expect(sizedByBudget(ctx({}), 40, 950)).toMatchObject({ morrisTrajectories: 4, rows: 64 });
    expect(() => sizedByBudget(ctx({}), 40, 500)).toThrow(InputError);
    expect(() => sizedByBudget(ctx({}), 40, 500)).toThrow('--budget = 500: too small: the morris, sobol run on 40 inputs takes at least 932 model runs (--morris-trajectories 4, --rows 64)');
    expect(() => sizedByBudget(ctx({ rows: 4096 }), 40, 3000)).toThrow('takes at least 49,316 model runs (--morris-trajectories 4) with the sizes set by --rows');
  });
});

describe('forecast sensitivity with its defaults on a 40-input function with 5 that matter', () => {
  it('states the plan, screens by Morris, runs Sobol on the screened inputs, and ranks the 5 first in both', () => {
    const out = path.join(tmp, 'forty');
    const r = spawnSync(process.execPath, [BIN, 'sensitivity', forty, '-o', out], { encoding: 'utf8', cwd: tmp, timeout: HANG_GUARD });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^40 inputs: Morris with 49 trajectories = 2,009 model runs; Sobol on the 10 screened inputs with 1,024 rows = 12,288 model runs; 14,297 model runs in all, (under 1 s|about [\d.]+ (s|min|h)) on 2 cores; --budget \(or --morris-trajectories, --rows\) to change\n/);
    expect(r.stdout).toContain('sensitivity by morris, sobol');
    const report = JSON.parse(readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    expect(report.methods).toEqual(['morris', 'sobol']);
    expect(report.outputs).toEqual(['y-high', 'y']);
    for (const o of report.morris.outputs) {
      const top = o.effects.slice(0, 5);
      expect(sorted(top.map((e: { input: string }) => e.input)), o.label).toEqual(sorted(IMPORTANT));
      expect(top[0].input).toBe('x[19]');
      // The other 35 move y by 0.1 over their range; common random numbers keep the noise term out of every effect.
      for (const e of o.effects.slice(5)) expect(e.muStar, e.input).toBeCloseTo(0.1, 9);
    }
    expect(report.sobol.screened.inputs.slice(0, 5)).toEqual(['x[19]', 'x[3]', 'x[11]', 'x[26]', 'x[34]']);
    expect(report.sobol.screened.atMedians).toHaveLength(30);
    expect(report.sobol.modelRuns).toBe(12_288);
    for (const o of report.sobol.outputs) {
      expect(o.indices).toHaveLength(10);
      expect(sorted(o.indices.slice(0, 5).map((i: { input: string }) => i.input)), o.label).toEqual(sorted(IMPORTANT));
    }
    // The printed summary, the CSV and the report's Drivers section carry the screening.
    expect(r.stdout).toMatch(/morris: y \(value; 49 trajectories, 2,009 model runs\)\ninput\s+μ\*\s+95% CI\s+relative\s+μ\s+σ\nx\[19\]\s+8\.49/);
    expect(r.stdout).toContain('note: Sobol on the 10 inputs Morris ranked first');
    const csv = readFileSync(path.join(out, 'sensitivity.csv'), 'utf8').split('\n');
    expect(csv.filter((l) => l.startsWith('morris,y,'))).toHaveLength(40 * 3);
    expect(csv.findIndex((l) => l.startsWith('morris,'))).toBeLessThan(csv.findIndex((l) => l.startsWith('sobol,')));
    const html = driversHtml(report);
    expect(html).toContain('Morris screening');
    expect(html.indexOf('<code>x[19]</code>')).toBeGreaterThan(0);
    expect(sensitivityCsvRows(report)).toHaveLength(csv.length - 2); // header and final newline
  }, SPAWN_TIMEOUT);

  it('--budget, --screen and --morris-trajectories out of range: one paragraph naming the flag and the range, exit 2', async () => {
    await expect(sensitivityCommand(forty, { screen: 'none', workers: '0' })).rejects.toThrow('--screen = "none": must be a whole number from 1 to 100,000, or all');
    await expect(sensitivityCommand(forty, { morrisTrajectories: '2', workers: '0' })).rejects.toThrow('--morris-trajectories = "2": must be a whole number from 4 to 100,000');
    for (const [args, message] of [
      [['--budget', '50'], '--budget = "50": must be a whole number from 100 to 1,000,000,000,000'],
      [['--budget', '300'], '--budget = 300: too small: the morris, sobol run on 40 inputs takes at least 932 model runs (--morris-trajectories 4, --rows 64)'],
    ] as Array<[string[], string]>) {
      const r = spawnSync(process.execPath, [BIN, 'sensitivity', forty, '-w', '0', '-o', path.join(tmp, 'bad'), ...args], { encoding: 'utf8', cwd: tmp, timeout: HANG_GUARD });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  }, SPAWN_TIMEOUT);
});

describe('screenedInputs', () => {
  it('ranks by μ* relative to each output’s largest, the highest over outputs; ties keep the scenario order', () => {
    const eff = (input: string, relative: number) => ({ input, muStar: relative, muStarCi95: [0, 0] as [number, number], mu: 0, sigma: 0, relative, n: 1 });
    const section = { design: '', trajectories: 1, modelRuns: 1, notes: [], outputs: [
      { label: 'p', kind: 'claim', measure: 'margin' as const, effects: [eff('a', 1), eff('b', 0.1), eff('c', 0.1), eff('d', 0)] },
      { label: 'q', kind: 'scalar', measure: 'value' as const, effects: [eff('d', 1), eff('b', 0.5), eff('a', 0.2), eff('c', 0)] },
    ] };
    expect(screenedInputs(section, ['a', 'b', 'c', 'd'], 3)).toEqual(['a', 'd', 'b']);
    expect(screenedInputs(section, ['d', 'c', 'b', 'a'], 4)).toEqual(['d', 'a', 'b', 'c']);
    expect(morris.planned!({ options: { methods: ['morris'] } } as unknown as MethodContext, 40)).toEqual({ runs: 2009, text: 'Morris with 49 trajectories = 2,009 model runs', flag: '--morris-trajectories' });
  });
});
