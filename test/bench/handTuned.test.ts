import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { SKETCH_ALPHA } from '../../src/stats/quantileSketch.js';
import { encodeSummary } from '../../src/stats/summaryCodec.js';
import { handTunedCostRatio } from '../../bench/handTunedCostRatio.js';
import { handTunedCostRatioColumns } from '../../bench/handTunedCostRatioColumns.js';
import { handTunedDemo } from '../../bench/handTunedDemo.js';
import { handTunedDemoColumns } from '../../bench/handTunedDemoColumns.js';
import { HAND_ALPHA, type HandTunedTable } from '../../bench/handTunedTable.js';

// The hand-tuned baselines of bench/ must compute what the engine computes:
// the same claim counts exactly, the same moments within rounding, and
// quantiles each within its stated relative accuracy (1/257 ≤ 0.5%) of the
// exact order statistic (from kept rows), and equal to each other (the same
// bucketing of the same values).
const N = 5_000;
const QS = [0.05, 0.25, 0.5, 0.75, 0.95];

type Series = { bands: Array<{ q: number; values: Array<number | null> }>; mean: Array<number | null>; min: Array<number | null>; max: Array<number | null> };

function compareSeries(engine: Series, hand: HandTunedTable, exact: (m: number) => Float64Array, months: number[]): void {
  for (const m of months) {
    const sorted = exact(m).sort();
    for (const q of QS) {
      const e = engine.bands.find((b) => b.q === q)!.values[m]!;
      const h = hand.quantile(m, q);
      const x = sorted[Math.floor(q * (sorted.length - 1))];
      expect(Math.abs(e - x) / x, `engine m=${m} q=${q}`).toBeLessThanOrEqual(SKETCH_ALPHA * (1 + 1e-12));
      expect(Math.abs(h - x) / x, `hand m=${m} q=${q}`).toBeLessThanOrEqual(HAND_ALPHA * (1 + 1e-12));
      // Both bucket by the exponent and top 7 mantissa bits (α = 1/257), so they agree exactly.
      expect(h, `hand vs engine m=${m} q=${q}`).toBe(e);
    }
    expect(Math.abs(hand.mean(m) - engine.mean[m]!) / engine.mean[m]!).toBeLessThan(1e-12);
    expect(hand.min[m]).toBe(engine.min[m]);
    expect(hand.max[m]).toBe(engine.max[m]);
  }
}

describe('hand-tuned baselines compute what the engine computes', () => {
  it('cost-ratio-12 (12 inputs, 120 months, one series, one first-passage claim)', async () => {
    const { scenario, model } = await resolveScenarioFile(path.resolve('bench/costRatio12.yaml'), { trajectories: N });
    const out = await runScenario(scenario, model, { workers: 0, keepTrajectories: N });
    const r = buildResult(scenario, out, new Date(0));
    const w = out.plan.layout.rowWidth, off = out.plan.inputNames.length + out.plan.scalarNames.length + scenario.claims.length;
    const exact = (m: number) => Float64Array.from({ length: N }, (_, i) => out.summary.rows[i * w + off + m]);
    const c = r.claims[0];
    expect(c.probability!).toBeGreaterThan(0.05);
    expect(c.probability!).toBeLessThan(0.95);
    // Both baselines: value by value, and column-wise (N spans several of its 2,048-trajectory chunks).
    for (const hand of [handTunedCostRatio(scenario, N), handTunedCostRatioColumns(scenario, N)]) {
      compareSeries(r.series.ratio as Series, hand.ratio, exact, [0, 1, 12, 36, 60, 119, 120]);
      expect(hand.hits).toBe(c.hits);
      expect(hand.defined).toBe(c.denominator);
      expect(Array.from(hand.passage)).toEqual(Array.from(out.summary.claims[0].passage!));
      for (let m = 0; m <= scenario.horizon; m++) expect(hand.ratio.sd(m), `sd m=${m}`).toBeCloseTo(r.series.ratio.sd![m]!, 9);
    }
    // The engine model's two forms (simulate, simulateChunk, which the engine uses) give the same bytes.
    expect(model.simulateChunk).toBeDefined();
    const { simulateChunk: _, ...byTrajectory } = model;
    const plain = await runScenario(scenario, byTrajectory, { workers: 0, keepTrajectories: N });
    expect(Buffer.from(encodeSummary(plain.summary).buffer).equals(Buffer.from(encodeSummary(out.summary).buffer))).toBe(true);
    // And so does the same model written as formulas (bench/costRatio12.formulas.yaml).
    const formulas = await resolveScenarioFile(path.resolve('bench/costRatio12.formulas.yaml'), { trajectories: N });
    expect(formulas.model.simulateChunk).toBeDefined();
    const byFormulas = await runScenario(formulas.scenario, formulas.model, { workers: 0, keepTrajectories: N });
    expect(Buffer.from(encodeSummary(byFormulas.summary).buffer).equals(Buffer.from(encodeSummary(out.summary).buffer))).toBe(true);
  }, 60_000);

  it('demo-growth (6 inputs, 3 series, 2 scalars, 5 claims; an event stream drawn month by month)', async () => {
    const { scenario, model } = await resolveScenarioFile(path.resolve('config/examples/demo-growth.yaml'), { trajectories: N });
    const out = await runScenario(scenario, model, { workers: 0, keepTrajectories: N });
    const r = buildResult(scenario, out, new Date(0));
    const H = scenario.horizon, w = out.plan.layout.rowWidth;
    const off = out.plan.inputNames.length + out.plan.scalarNames.length + scenario.claims.length;
    // Both baselines: value by value, and column-wise (N spans several of its 2,048-trajectory chunks).
    for (const hand of [handTunedDemo(scenario, N), handTunedDemoColumns(scenario, N)]) {
      out.plan.seriesNames.forEach((name, s) => {
        const exact = (m: number) => Float64Array.from({ length: N }, (_, i) => out.summary.rows[i * w + off + s * (H + 1) + m]);
        compareSeries(r.series[name] as Series, hand.series[s], exact, [0, 24, 60, 120]);
        for (let m = 0; m <= H; m++) expect(hand.series[s].sd(m), `${name} sd m=${m}`).toBeCloseTo(r.series[name].sd![m]!, 9);
      });
      out.plan.scalarNames.forEach((name, c) => {
        const sc = r.scalars[name];
        expect(hand.scalars[c].mean(0)).toBeCloseTo(sc.mean!, 9);
        for (const { q, value } of sc.quantiles) {
          const h = hand.scalars[c].quantile(0, q);
          if (value === 0) expect(h).toBe(0);
          else expect(h, `${name} q=${q}`).toBe(value);
        }
      });
      r.claims.forEach((c, i) => {
        expect(hand.hits[i], c.id).toBe(c.hits);
        expect(hand.defined[i], c.id).toBe(c.denominator);
      });
    }
    // The model's two forms (simulate, and simulateChunk, which the engine uses) give the same bytes.
    expect(model.simulateChunk).toBeDefined();
    const { simulateChunk: _, ...byTrajectory } = model;
    const plain = await runScenario(scenario, byTrajectory, { workers: 0, keepTrajectories: N });
    expect(Buffer.from(encodeSummary(plain.summary).buffer).equals(Buffer.from(encodeSummary(out.summary).buffer))).toBe(true);
  }, 60_000);
});
