import { describe, expect, it } from 'vitest';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { RunPlan, TrajectoryEvaluator, drawInputs } from '../../src/engine/runBlock.js';
import { CompiledClaims } from '../../src/engine/compiledClaims.js';
import { ClaimMargins } from '../../src/engine/margins.js';
import { ClaimState } from '../../src/stats/claimCounter.js';
import type { ClaimSpec } from '../../src/scenario/schema.js';

describe('claim margins', () => {
  it('are ≤ 0 exactly where the claim is true (shipped flagship, every claim form)', async () => {
    const { scenario, model } = await resolveScenarioFile('config/interview/space-cheapest-36m.yaml');
    const plan = new RunPlan(scenario, model);
    const n = 400;
    const cols = drawInputs(plan, 0, 0, n);
    const ev = new TrajectoryEvaluator(plan);
    const s = plan.seriesNames.indexOf('costRatio'), l = plan.seriesNames.indexOf('launchCost');
    // Thresholds at the sample medians, so every claim is sometimes true and sometimes false.
    const at36 = new Float64Array(n), launch24 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ev.run(i, 0, (j) => cols[j][i]);
      at36[i] = ev.series[s][36];
      launch24[i] = ev.series[l][24];
    }
    const med = (a: Float64Array) => Float64Array.from(a).sort()[a.length >> 1];
    const r = med(at36), c = med(launch24);
    const extra: ClaimSpec[] = [
      { id: 'r-below', statement: '.', series: 'costRatio', at: 36, below: r },
      { id: 'r-above', statement: '.', series: 'costRatio', at: 36, above: r },
      { id: 'r-between', statement: '.', series: 'costRatio', at: 36, between: [r * 0.8, r * 1.2] },
      { id: 'r-by', statement: '.', series: 'costRatio', by: 48, below: r * 0.9 },
      { id: 'l-below', statement: '.', series: 'launchCost', at: 24, below: c },
      { id: 'both', statement: '.', all: ['r-below', 'l-below'] },
      { id: 'either', statement: '.', any: ['r-by', 'l-below', 'r-between'] },
      { id: 'cond', statement: '.', series: 'costRatio', at: 60, below: r, given: 'l-below' },
      { id: 'scalar', statement: '.', scalar: 'ratioAt36', below: r },
      { id: 'exact', statement: '.', scalar: 'ratioAt36', below: at36[0] }, // equality at trajectory 0: strict, so false
      { id: 'nested', statement: '.', all: ['either', 'cond'] },
    ];
    const claims = [...scenario.claims, ...extra];
    const cc = new CompiledClaims(claims, plan.seriesNames, plan.scalarNames, scenario.horizon);
    const cm = new ClaimMargins(claims, plan.seriesNames, plan.scalarNames, scenario.horizon);
    const counters = cc.newCounters();
    const seen = claims.map(() => [0, 0, 0, 0]);
    for (let i = 0; i < n; i++) {
      ev.run(i + 1000, 0, (j) => (i === 0 ? cols[j][0] : cols[j][i]));
      cc.evaluate(ev.series, ev.scalars, counters);
      cm.evaluate(ev.series, ev.scalars);
      for (let q = 0; q < claims.length; q++) {
        const st = cc.states[q], m = cm.margins[q];
        seen[q][st]++;
        if (st === ClaimState.True) expect(m <= 0, `${claims[q].id} t${i}: true, margin ${m}`).toBe(true);
        else if (st === ClaimState.False) expect(m > 0, `${claims[q].id} t${i}: false, margin ${m}`).toBe(true);
        else expect(Number.isNaN(m), `${claims[q].id} t${i}: state ${st}, margin ${m}`).toBe(true);
      }
    }
    // Every extra claim was both true and false somewhere (the test exercised both signs).
    for (let q = scenario.claims.length; q < claims.length; q++) {
      if (claims[q].id === 'exact') continue;
      expect(seen[q][ClaimState.True] > 0 && seen[q][ClaimState.False] > 0, `${claims[q].id}: ${seen[q]}`).toBe(true);
    }
    expect(seen[claims.findIndex((x) => x.id === 'cond')][ClaimState.Excluded]).toBeGreaterThan(0);
  }, 60_000);
});
