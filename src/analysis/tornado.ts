import { buildResult } from '../result/buildResult.js';
import { measure } from './measure.js';
import type { OutputRef } from './saltelli.js';
import { quantileOf, type WhatIf } from './whatIf.js';

/** One input's swing for one output. */
export interface TornadoBar {
  input: string;
  low: number;
  high: number;
  /** Output at the input's low and high quantile. */
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|: what the bars are sorted by. */
  swing: number;
}

/**
 * Tornado diagrams. Deterministic: every input at its median, one input swung to
 * its `lo` and `hi` quantiles (P10 and P90 by default); events inside
 * trajectories keep their seeded streams, so with the inputs fixed only they
 * vary (averaged over `trajectories`). Probabilistic: the input pinned at its
 * lo and hi quantiles with every other input still uncertain, common random
 * numbers throughout, so the difference is not noise from fresh draws.
 * Constant inputs are skipped. Returns, per output, bars sorted by swing, and
 * the baseline (all medians for deterministic, the unpinned run for probabilistic).
 */
export async function tornado(what: WhatIf, outputs: readonly OutputRef[], kind: 'deterministic' | 'probabilistic', quantiles: [number, number], trajectories: number): Promise<Array<{ output: string; baseline: number; bars: TornadoBar[] }>> {
  const s = what.scenario;
  const names = Object.keys(s.inputs).filter((n) => (s.inputs[n] as { dist: string }).dist !== 'point');
  const medians = Object.fromEntries(Object.keys(s.inputs).map((n) => [n, quantileOf(s.inputs[n], 0.5)]));
  const runWith = async (pins: Record<string, number>) => {
    const v = what.pinned(pins, trajectories);
    return buildResult(v, await what.run(v), new Date(0));
  };
  const base = kind === 'deterministic' ? await runWith(medians) : await runWith({});
  const bars: TornadoBar[][] = outputs.map(() => []);
  for (const name of names) {
    const lo = quantileOf(s.inputs[name], quantiles[0]), hi = quantileOf(s.inputs[name], quantiles[1]);
    const pinsLo = kind === 'deterministic' ? { ...medians, [name]: lo } : { [name]: lo };
    const pinsHi = kind === 'deterministic' ? { ...medians, [name]: hi } : { [name]: hi };
    const [rLo, rHi] = [await runWith(pinsLo), await runWith(pinsHi)];
    outputs.forEach((o, q) => {
      const a = measure(rLo, o).value, b = measure(rHi, o).value;
      bars[q].push({ input: name, low: lo, high: hi, atLow: a, atHigh: b, swing: Math.abs(b - a) });
    });
  }
  return outputs.map((o, q) => ({ output: o.label, baseline: measure(base, o).value, bars: bars[q].sort((a, b) => (b.swing || 0) - (a.swing || 0)) }));
}
