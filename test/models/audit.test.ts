import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { describe, expect, it } from 'vitest';
import { auditScenario, separatingThreshold } from '../../src/analysis/audit.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { extremeBound, probabilityLabel } from '../../src/report/format.js';

const audit = async (file: string, n = 400) => {
  const { scenario, model } = await resolveScenarioFile(path.resolve('config/interview', file));
  return Object.fromEntries((await auditScenario(scenario, model, { trajectories: n, workers: 0 })).findings.map((f) => [f.id, f]));
};

describe('forecast audit (issue 12 §5)', () => {
  it('a threshold on one input separates hits from misses only when no tie straddles it', () => {
    expect(separatingThreshold([1, 2, 3, 4], [0, 0, 1, 1])).toBe(2.5);
    expect(separatingThreshold([1, 2, 3, 4], [1, 1, 0, 0])).toBe(2.5);
    expect(separatingThreshold([1, 2, 3, 4], [0, 1, 0, 1])).toBeNull();
    expect(separatingThreshold([1, 2], [1, 1])).toBeNull();
  });

  it('finds the terafab arithmetic decided by construction and its 5M-a-month claim varying', async () => {
    const f = await audit('terafab-chips.yaml');
    expect(f['terafab-chips'].status).toBe('construction');
    expect(f['terafab-chips'].always).toBe(true);
    expect(f['terafab-chips'].unlabelled).toBe(false); // the scenario labels it
    expect(f['terafab-5m-per-month'].status).not.toBe('construction');
  });

  it("finds turbine-blades-2030 an identity of today's backlog (wait ≥ 47 months ⇔ backlog ≥ 47/12 years)", async () => {
    const f = await audit('turbine-blades-2030.yaml');
    expect(f['turbine-blades-2030'].status).toBe('identity');
    expect(f['turbine-blades-2030'].input).toBe('turbineBacklogYears');
    expect(Math.abs(f['turbine-blades-2030'].threshold! - 47 / 12)).toBeLessThan(0.05);
    // With casters that expand and orders that respond, the wait two years out is no longer fixed by construction.
    expect(f['turbines-wait-shorter-2028'].status).toBe('varies');
  });
});

describe('forecast audit exit code', () => {
  it('exits 4 when a finding has no label or a labelled claim varies, 0 when every finding is labelled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-'));
    const file = path.join(dir, 'terafab.yaml');
    writeFileSync(file, readFileSync('config/interview/terafab-chips.yaml', 'utf8').replace(/^ *label: .*$/gm, ''));
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await main(['audit', file, '-n', '300'])).toBe(4);
      process.exitCode = 0;
      expect(await main(['audit', path.resolve('config/interview/terafab-chips.yaml'), '-n', '300'])).toBe(0);
      // A label on a claim that varies (terafab-5m-per-month) is a finding too.
      const wrong = path.join(dir, 'mislabelled.yaml');
      writeFileSync(wrong, readFileSync('config/interview/terafab-chips.yaml', 'utf8').replace(/(    above: 5\n)/, '$1    label: construction\n'));
      expect(await main(['audit', wrong, '-n', '300'])).toBe(4);
    } finally {
      process.stdout.write = write;
      process.exitCode = 0;
    }
  });
});

describe('honest extremes (issue 12 §6)', () => {
  it('0 or n hits print the one-sided 95% bound 3/n, never a bare 0% or 100%', () => {
    expect(extremeBound(0, 200_000)).toEqual({ side: 'upper', value: 3 / 200_000 });
    expect(extremeBound(1000, 1000)).toEqual({ side: 'lower', value: 1 - 3 / 1000 });
    expect(extremeBound(1, 1000)).toBeNull();
    expect(probabilityLabel(0, 0, 200_000)).toBe('0 of 200,000 (≤0.0015%)');
    expect(probabilityLabel(1, 1000, 1000)).toBe('1,000 of 1,000 (≥99.70%)');
    expect(probabilityLabel(0.25, 250, 1000)).toBe('25.0%');
    expect(probabilityLabel(1, 20_000, 20_000)).toBe('20,000 of 20,000 (≥99.985%)');
  });
});

describe("forecast audit's tail probe: constant over the ranges is not constant in the far tails", () => {
  const std = { dist: 'normal', mean: 0, sd: 1, unit: '1', source: 'test', rationale: 'test' };
  const box = { dist: 'uniform', min: -1, max: 1, unit: '1', source: 'test', rationale: 'test' };
  const auditOf = async (claims: Array<Record<string, unknown>>, x1: unknown = std) => {
    const { resolveScenarioData } = await import('../../src/scenario/resolve.js');
    const { scenario, model } = await resolveScenarioData(
      { model: './linear-margin.mjs', start: '2026-02', horizon: 0, trajectories: 1, seed: 3, inputs: { x1, x2: std, x3: std, x4: std, x5: std }, claims },
      path.resolve('test/fixtures/x.yaml'),
    );
    return Object.fromEntries((await auditScenario(scenario, model, { trajectories: 300, workers: 0, tailBudget: 6000 })).findings.map((f) => [f.id, f]));
  };
  // first = x1: standard normal, so P(x1 > 4.5) = Φ(−4.5) = 3.40e-6, never seen in 600 exploratory points
  // (the box design stops at ±3.09, the 0.1–99.9% range).
  const truth = 3.3976731247300535e-6;

  it('a claim never true over the designs but true beyond 4.5σ is a rare forecast (tail), with P ≈ Φ(−4.5); its construction label is wrong', async () => {
    const f = await auditOf([
      { id: 'beyond', statement: 'x1 above 4.5', scalar: 'first', above: 4.5 },
      { id: 'labelled', statement: 'x1 above 4.5', scalar: 'first', above: 4.5, label: 'construction' },
      { id: 'below', statement: 'x1 below 4.5', scalar: 'first', below: 4.5 },
    ]);
    expect(f.beyond.status).toBe('tail');
    expect(f.beyond.unlabelled).toBe(false);
    expect(f.beyond.mislabelled).toBe(false);
    const p = f.beyond.tailProbe!.probability!, [lo, hi] = f.beyond.tailProbe!.interval!;
    expect(lo <= truth && truth <= hi, `${p} (${lo}–${hi}) vs ${truth}`).toBe(true);
    expect(Math.abs(Math.log(p / truth))).toBeLessThan(Math.log(3));
    expect(f.labelled.status).toBe('tail');
    expect(f.labelled.mislabelled).toBe(true);
    // Always true over the designs: the probe looks for the complement (the claim failing) in the tails.
    expect(f.below.status).toBe('tail');
    expect(f.below.always).toBe(true);
    expect(f.below.tailProbe!.probability!).toBe(p); // the same margin, negated, and the same seed
    expect(f.below.message).toMatch(/fails in the inputs' far tails/);
  }, 60_000);

  it('a claim bounded away from its threshold (x1 uniform on [−1, 1], claim x1 > 2) stays decided by construction, with the bound reached', async () => {
    const f = await auditOf([{ id: 'never', statement: 'x1 above 2', scalar: 'first', above: 2 }], box);
    expect(f.never.status).toBe('construction');
    expect(f.never.unlabelled).toBe(true);
    expect(f.never.tailProbe!.probability).toBeNull();
    expect(f.never.message).toMatch(/no trajectory where it holds in [0-9,]+ model runs/);
  }, 60_000);
});
