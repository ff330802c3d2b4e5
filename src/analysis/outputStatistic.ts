import type { RunPlan } from '../engine/runBlock.js';
import type { OutputRef } from '../engine/tasks/outputRef.js';
import type { BlockSummary } from '../stats/blockSummary.js';
import { estimateClaim } from '../stats/claimEstimate.js';
import { Z975 } from '../stats/intervals.js';

/** A statistic of an output and the half-width of its 95% interval. */
export interface OutputStatistic {
  value: number;
  halfWidth: number;
}

// result.json writes non-finite numbers as null; what-if analyses read those as NaN.
const finite = (x: number): number => (Number.isFinite(x) ? x : NaN);

/**
 * The statistic a what-if run reports for an output, read off the merged
 * summary of the run: a claim's probability with half its 95% interval
 * (estimateClaim: Wilson, or replicates), or the mean of a scalar or of a
 * series at a month with the normal half-width z₀.₉₇₅·sd/√n. The same numbers
 * result.json holds for that run (buildResult reads the same accumulators).
 *
 * @example outputStatistic(out.plan, out.summary, { kind: 'claim', index: 0, label: 'x' }) // { value: 0.42, halfWidth: 0.01 }
 */
export function outputStatistic(plan: RunPlan, summary: BlockSummary, o: OutputRef): OutputStatistic {
  if (o.kind === 'claim') {
    const e = estimateClaim(summary.claims[o.index]);
    const lo = finite(e.ci95[0]), hi = finite(e.ci95[1]);
    return { value: finite(e.probability), halfWidth: (hi - lo) / 2 };
  }
  const acc = o.kind === 'scalar' ? summary.outputs[plan.seriesNames.length + o.index] : summary.outputs[o.index];
  const m = o.kind === 'scalar' ? 0 : o.month;
  const sd = finite(acc.moments.sd(m));
  return { value: finite(acc.moments.mean(m)), halfWidth: (Z975 * sd) / Math.sqrt(Math.max(1, acc.moments.count[m])) };
}
