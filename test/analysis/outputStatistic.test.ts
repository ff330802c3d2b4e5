import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { outputStatistic } from '../../src/analysis/outputStatistic.js';
import type { OutputRef } from '../../src/engine/tasks/outputRef.js';
import type { Result } from '../../src/result/resultSchema.js';

const fixtures = path.resolve('test/fixtures/x.yaml');
const meta = { unit: 'x', source: 'test', rationale: 'test' };
const u = { dist: 'uniform', min: 0, max: 1, ...meta };

/** The statistic as analyses read it before the redesign: off result.json (non-finite as null), z = 1.959963984540054. */
function fromResult(result: Result, o: OutputRef): { value: number; halfWidth: number } {
  if (o.kind === 'claim') {
    const c = result.claims[o.index];
    return { value: c.probability ?? NaN, halfWidth: c.ci95[0] === null || c.ci95[1] === null ? NaN : (c.ci95[1] - c.ci95[0]) / 2 };
  }
  const s = o.kind === 'scalar' ? Object.values(result.scalars)[o.index] : Object.values(result.series)[o.index];
  const m = o.kind === 'scalar' ? 0 : o.month;
  const mean = o.kind === 'scalar' ? (s as Result['scalars'][string]).mean : (s as Result['series'][string]).mean[m];
  const sd = o.kind === 'scalar' ? (s as Result['scalars'][string]).sd : (s as Result['series'][string]).sd[m];
  const count = o.kind === 'scalar' ? (s as Result['scalars'][string]).count : (s as Result['series'][string]).count[m];
  return { value: mean ?? NaN, halfWidth: sd === null ? NaN : (1.959963984540054 * sd) / Math.sqrt(Math.max(1, count)) };
}

describe('outputStatistic reads the merged summary', () => {
  for (const sampler of ['mc', 'lhs']) {
    it(`gives the very doubles result.json holds (claims, scalars, series; sampler ${sampler})`, async () => {
      const sum = await resolveScenarioData({ model: './sum-model.mjs', start: '2026-02', horizon: 0, trajectories: 3000, seed: 3, sampler, inputs: { x1: u, x2: u, x3: u, x4: u }, claims: [{ id: 'low', statement: 'sum below 2', scalar: 'sum', below: 2 }] }, fixtures);
      const ramp = await resolveScenarioData({
        model: './ramp-model.ts', start: '2026-02', horizon: 12, trajectories: 3000, seed: 3, sampler,
        inputs: { start: { dist: 'normal', mean: 10, sd: 1, ...meta }, slope: u, jump: { dist: 'point', value: 0, ...meta }, jumpProbability: { dist: 'point', value: 0, ...meta } },
        claims: [{ id: 'above', statement: 'value above 15 at 12', series: 'value', above: 15, at: 12 }],
      }, fixtures);
      for (const { scenario, model } of [sum, ramp]) {
        const out = await runScenario(scenario, model, { workers: 0 });
        const result = buildResult(scenario, out, new Date(0));
        const refs: OutputRef[] = [
          ...scenario.claims.map((c, index) => ({ kind: 'claim' as const, index, label: c.id })),
          ...out.plan.scalarNames.map((s, index) => ({ kind: 'scalar' as const, index, label: s })),
          ...out.plan.seriesNames.flatMap((s, index) => [0, scenario.horizon].map((month) => ({ kind: 'series' as const, index, month, label: `${s}@${month}` }))),
        ];
        for (const o of refs) expect(outputStatistic(out.plan, out.summary, o), o.label).toEqual(fromResult(result, o));
      }
    }, 60_000);
  }
});
