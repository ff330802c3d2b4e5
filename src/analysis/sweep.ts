import type { Model } from '../model/defineModel.js';
import { estimateClaim } from '../stats/claimEstimate.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { WhatIf } from './whatIf.js';

export interface SweepRow {
  value: number;
  claims: Array<{ id: string; probability: number | null; ci95: [number | null, number | null] }>;
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A claim's probability and 95% interval as result.json writes them (non-finite as null). */
function claimRow(id: string, e: ReturnType<typeof estimateClaim>): SweepRow['claims'][number] {
  return { id, probability: orNull(e.probability), ci95: [orNull(e.ci95[0]), orNull(e.ci95[1])] };
}

/**
 * Runs a scenario with one input pinned at each value (common random numbers:
 * every other input and event keeps its draws), on one worker pool, and returns
 * every claim's probability and 95% interval at each value.
 */
export async function sweep(scenario: ResolvedScenario, model: Model, input: string, values: readonly number[], trajectories: number, workers?: number): Promise<SweepRow[]> {
  const what = new WhatIf(scenario, model, workers);
  try {
    const rows: SweepRow[] = [];
    for (const value of values) {
      const out = await what.run(what.pinned({ [input]: value }, trajectories));
      rows.push({ value, claims: scenario.claims.map((c, i) => claimRow(c.id, estimateClaim(out.summary.claims[i]))) });
    }
    return rows;
  } finally {
    await what.close();
  }
}

/** Parses `name=v1,v2,…` or `name=lo:hi:count` (count evenly spaced values). */
export function parseOver(over: string): { input: string; values: number[] } | string {
  const eq = over.indexOf('=');
  if (eq <= 0) return 'must look like name=v1,v2,… or name=low:high:count';
  const input = over.slice(0, eq).trim(), spec = over.slice(eq + 1).trim();
  const range = /^(-?[\d.eE+-]+):(-?[\d.eE+-]+):(\d+)$/.exec(spec);
  if (range) {
    const lo = Number(range[1]), hi = Number(range[2]), count = Number(range[3]);
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo && count >= 2 && count <= 1000)) return 'a range must be low:high:count with low < high and 2 ≤ count ≤ 1000';
    return { input, values: Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1)) };
  }
  const values = spec.split(',').map((v) => Number(v.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return 'values must be numbers separated by commas';
  return { input, values };
}
