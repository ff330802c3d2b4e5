import path from 'node:path';
import type { Model } from '../../model/defineModel.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import type { Result } from '../../result/resultSchema.js';
import { writeFileAtomic } from '../../io/writeFileAtomic.js';
import { runRare } from './runRare.js';

/** Claims with fewer plain-run hits than this get a rare-event estimate on the scorecard. */
export const RARE_HITS = 10;

/** What the scorecard shows for a rare claim. */
export interface RareEstimate {
  method: string;
  probability: number | null;
  interval: [number, number] | null;
  /** When there is no estimate: the upper bound subset simulation reached. */
  upperBound: number | null;
  modelRuns: number;
}

/**
 * Runs `rare` on every claim of a run's result with fewer than RARE_HITS hits
 * (and a defined probability), within `budget` model runs per claim, writes
 * each report as rare-<claim>.json into `dir`, and returns the estimates by claim id.
 */
export async function rareForScorecard(scenario: ResolvedScenario, model: Model, result: Result, dir: string, budget: number, workers?: number): Promise<Map<string, RareEstimate>> {
  const out = new Map<string, RareEstimate>();
  for (const c of result.claims) {
    if (c.hits >= RARE_HITS || c.denominator === 0) continue;
    const r = await runRare(scenario, model, { claim: c.id, budget, workers });
    writeFileAtomic(path.join(dir, `rare-${c.id}.json`), `${JSON.stringify(r, null, 2)}\n`);
    out.set(c.id, {
      method: r.best?.method ?? 'subset simulation',
      probability: r.best?.probability ?? null,
      interval: r.best?.interval ?? null,
      upperBound: r.best ? null : r.subset.upperBound,
      modelRuns: r.modelRuns,
    });
  }
  return out;
}
