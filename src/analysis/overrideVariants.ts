import { forecastFile } from '../result/forecastFile.js';
import type { Result } from '../result/resultSchema.js';

/** A named what-if: `--set` overrides applied to a base scenario. */
export interface Variant {
  label: string;
  set: string[];
}

/**
 * Runs a base scenario and each variant of it (same seed and trajectory
 * indices, so common random numbers), returning `measure(result)` for each.
 * Used to show how far a result moves when one assumption changes.
 *
 * @example
 * await runVariants('config/peers/orbital-starcloud-assumptions.yaml',
 *   [{ label: 'bus overhead', set: ['busOverhead=0.275'] }],
 *   (r) => r.series.costRatio.mean[0]!);
 */
export async function runVariants(
  file: string,
  variants: readonly Variant[],
  measure: (r: Result) => number,
  options: { trajectories?: number; workers?: number } = {},
): Promise<Array<{ label: string; value: number }>> {
  const out: Array<{ label: string; value: number }> = [];
  for (const v of [{ label: 'base', set: [] as string[] }, ...variants]) {
    const { result } = await forecastFile(file, { set: v.set, workers: options.workers ?? 0, trajectories: options.trajectories });
    out.push({ label: v.label, value: measure(result) });
  }
  return out;
}
