import type { Result } from '../result/resultSchema.js';
import type { OutputRef } from './saltelli.js';

/** The statistic a what-if run reports for an output: a claim's probability, or the mean of a scalar or of a series at a month. */
export function measure(result: Result, o: OutputRef): { value: number; halfWidth: number } {
  if (o.kind === 'claim') {
    const c = result.claims[o.index];
    return { value: c.probability ?? NaN, halfWidth: c.ci95[0] === null || c.ci95[1] === null ? NaN : (c.ci95[1] - c.ci95[0]) / 2 };
  }
  if (o.kind === 'scalar') {
    const s = Object.values(result.scalars)[o.index];
    return { value: s.mean ?? NaN, halfWidth: s.sd === null ? NaN : (1.959963984540054 * s.sd) / Math.sqrt(Math.max(1, s.count)) };
  }
  const s = Object.values(result.series)[o.index];
  const sd = s.sd[o.month];
  return { value: s.mean[o.month] ?? NaN, halfWidth: sd === null ? NaN : (1.959963984540054 * sd) / Math.sqrt(Math.max(1, s.count[o.month])) };
}
