import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runData } from '../helpers/run.js';

const fixtures = path.resolve('test/fixtures');
const point = (value: number) => ({ dist: 'point', value, unit: 'x', source: 'test', rationale: 'test' });
const ramp = (claims: unknown[], inputs: Record<string, unknown> = {}, trajectories = 10) => ({
  name: 'claims',
  model: './ramp-model.ts',
  start: '2026-02',
  horizon: 24,
  trajectories,
  seed: 1,
  inputs: { start: point(10), slope: point(1), jump: point(0), jumpProbability: point(0), ...inputs },
  claims,
});
const byId = (r: Awaited<ReturnType<typeof runData>>) => Object.fromEntries(r.claims.map((c) => [c.id, c]));

describe('claims on a hand-computed trajectory: value(m) = 10 + m', () => {
  it('below/above are strict, between is closed, at is inclusive', async () => {
    const r = byId(await runData(ramp([
      { id: 'a', statement: 's', series: 'value', above: 22, at: 12 },
      { id: 'b', statement: 's', series: 'value', above: 21.999, at: 12 },
      { id: 'c', statement: 's', series: 'value', between: [22, 22], at: 12 },
      { id: 'd', statement: 's', scalar: 'final', below: 34 },
      { id: 'e', statement: 's', scalar: 'final', between: [34, 40] },
    ]), { workers: 0 }, path.join(fixtures, 'x.yaml')));
    expect([r.a.probability, r.b.probability, r.c.probability, r.d.probability, r.e.probability]).toEqual([0, 1, 1, 0, 1]);
    expect(r.a.denominator).toBe(10);
  });

  it('first passage: by is inclusive; the cdf, never and the median month are exact', async () => {
    const r = byId(await runData(ramp([
      { id: 'by5', statement: 's', series: 'value', above: 15, by: 5 },
      { id: 'by6', statement: 's', series: 'value', above: 15, by: 6 },
      { id: 'never', statement: 's', series: 'value', above: 100, by: 24 },
    ]), { workers: 0 }, path.join(fixtures, 'x.yaml')));
    expect(r.by5.probability).toBe(0);
    expect(r.by6.probability).toBe(1);
    expect(r.by6.cdf).toEqual(Array.from({ length: 25 }, (_, m) => (m >= 6 ? 1 : 0)));
    expect(r.by6.medianMonth).toBe(6);
    expect(r.by6.never).toBe(0);
    expect(r.never.never).toBe(1);
    expect(r.never.medianMonth).toBeNull();
    expect(r.never.medianLabel).toBe('> 24');
  });

  it('all/any combine claims; given conditions the denominator', async () => {
    const r = byId(await runData(ramp([
      { id: 't', statement: 's', scalar: 'final', above: 0 },
      { id: 'f', statement: 's', scalar: 'final', below: 0 },
      { id: 'all', statement: 's', all: ['t', 'f'] },
      { id: 'any', statement: 's', any: ['f', 't'] },
      { id: 'cond-false', statement: 's', given: 'f', scalar: 'final', above: 0 },
      { id: 'cond-true', statement: 's', given: 't', scalar: 'final', above: 30 },
    ]), { workers: 0 }, path.join(fixtures, 'x.yaml')));
    expect(r.all.probability).toBe(0);
    expect(r.any.probability).toBe(1);
    expect(r['cond-false'].denominator).toBe(0);
    expect(r['cond-false'].probability).toBeNull();
    expect(r['cond-false'].excludedByCondition).toBe(10);
    expect(r['cond-true'].probability).toBe(1);
  });

  it('a random first passage follows its geometric law within 5 standard errors', async () => {
    // A jump of 100 happens in the first month whose event draw is below 0.1,
    // so P(first passage ≤ m) = 1 − 0.9^(m+1).
    const n = 20_000;
    const r = byId(await runData(ramp([{ id: 'jump', statement: 's', series: 'value', above: 100, by: 12 }], { jump: point(100), jumpProbability: point(0.1) }, n), { workers: 2 }, path.join(fixtures, 'x.yaml')));
    for (const m of [0, 3, 12, 24]) {
      const p = 1 - 0.9 ** (m + 1);
      expect(Math.abs(r.jump.cdf![m]! - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    expect(r.jump.probability).toBe(r.jump.cdf![12]);
    const se = r.jump.standardError!;
    expect(se).toBeCloseTo(Math.sqrt((r.jump.probability! * (1 - r.jump.probability!)) / n), 12);
  }); // timeout: vitest.config.ts
});

describe('non-finite outputs are counted and excluded, never dropped silently', () => {
  it('NaN on odd trajectories: half the values are counted non-finite; claims state their denominators; Kleene logic holds', async () => {
    const r = await runData({
      model: './nan-model.mjs', start: '2026-02', horizon: 3, trajectories: 100, seed: 1,
      inputs: { level: point(5) },
      claims: [
        { id: 'hi', statement: 's', scalar: 'level', above: 1 },
        { id: 'lo', statement: 's', scalar: 'level', below: 1 },
        { id: 'pass', statement: 's', series: 'value', above: 1, by: 3 },
        { id: 'any', statement: 's', any: ['hi', 'lo'] },
        { id: 'all', statement: 's', all: ['hi', 'lo'] },
      ],
    }, { workers: 0 }, path.join(fixtures, 'x.yaml'));
    expect(r.nonFinite).toEqual({ value: 200, level: 50 });
    expect(r.series.value.nonFinite).toEqual([50, 50, 50, 50]);
    expect(r.series.value.bands[0].values).toEqual([5, 5, 5, 5].map((v) => expect.closeTo(v, 1))); // finite half only
    const c = Object.fromEntries(r.claims.map((x) => [x.id, x]));
    expect(c.hi.denominator).toBe(50);
    expect(c.hi.undefinedTrajectories).toBe(50);
    expect(c.hi.probability).toBe(1);
    expect(c.pass.denominator).toBe(50);
    // Kleene: any(true, undefined) is true; all(false, undefined) is false — but here both are undefined on odd rows.
    expect(c.any.undefinedTrajectories).toBe(50);
    expect(c.all.denominator).toBe(50);
  });
});
