import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { KeptRows } from '../../src/engine/keptRows.js';

const fixtures = path.resolve('test/fixtures/x.yaml');
const meta = { unit: 'x', source: 'test', rationale: 'test' };
const u = { dist: 'uniform', min: 0, max: 1, ...meta };

describe('KeptRows', () => {
  it('reads inputs, scalars, claims and series where runBlock wrote them', async () => {
    const { scenario, model } = await resolveScenarioData({
      model: './ramp-model.ts', start: '2026-02', horizon: 3, trajectories: 50, seed: 1,
      inputs: { start: { dist: 'normal', mean: 10, sd: 1, ...meta }, slope: u, jump: { dist: 'point', value: 0, ...meta }, jumpProbability: { dist: 'point', value: 0, ...meta } },
      claims: [{ id: 'above', statement: 'value above 11 at 3', series: 'value', above: 11, at: 3 }],
    }, fixtures);
    const out = await runScenario(scenario, model, { workers: 0, keepTrajectories: 20 });
    const kept = new KeptRows(out.plan, out.summary.rows);
    expect(kept.count).toBe(20);
    const j = out.plan.inputNames.indexOf('start'), k = out.plan.inputNames.indexOf('slope'), s = out.plan.seriesNames.indexOf('value');
    for (let t = 0; t < kept.count; t++) {
      expect(kept.row(t).length).toBe(out.plan.layout.rowWidth);
      // The ramp without jumps: value(m) = start + m·slope.
      for (let m = 0; m <= 3; m++) expect(kept.series(t, s, m)).toBeCloseTo(kept.input(t, j) + m * kept.input(t, k), 12);
      expect(kept.claim(t, 0)).toBe(kept.series(t, s, 3) > 11 ? 1 : 0);
    }
    expect(Array.from(kept.column((t) => kept.input(t, j)))).toEqual(Array.from({ length: 20 }, (_, t) => kept.input(t, j)));
  }, 60_000);
});
