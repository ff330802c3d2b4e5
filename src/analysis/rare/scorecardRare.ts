import path from 'node:path';
import type { Model } from '../../model/defineModel.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import type { Result } from '../../result/resultSchema.js';
import { writeFileAtomic } from '../../io/writeFileAtomic.js';
import type { DecidingInput } from '../../report/rareFormat.js';
import { runRare } from './runRare.js';
import type { Backend } from '../../engine/backend.js';

/** Inputs of the design point the scorecard names: the top 3 by importance. */
export const DECIDING_INPUTS = 3;

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
  /** FORM's reliability index β at the design point (null when none was found). */
  beta: number | null;
  /** How the design point was found (rare.json's form.source: 'ray search' is approximate, FORM did not converge). */
  designSource: string;
  /** The design point's top inputs by importance: which inputs jointly decide the claim. */
  decidedBy: DecidingInput[];
}

/**
 * Runs `rare` on every claim of a run's result with fewer than RARE_HITS hits
 * (and a defined probability), within `budget` model runs per claim, writes
 * each report as rare-<claim>.json into `dir`, and returns the estimates by claim id.
 * A claim with `given: g` is shown as P(claim | g): the estimate of P(claim and g)
 * divided by the plain run's share of trajectories where g holds (and the claim is defined).
 */
export async function rareForScorecard(scenario: ResolvedScenario, model: Model, result: Result, dir: string, budget: number, workers?: number, backend?: Backend): Promise<Map<string, RareEstimate>> {
  const out = new Map<string, RareEstimate>();
  for (const c of result.claims) {
    if (c.hits >= RARE_HITS || c.denominator === 0) continue;
    const r = await runRare(scenario, model, { claim: c.id, budget, workers, backend });
    writeFileAtomic(path.join(dir, `rare-${c.id}.json`), `${JSON.stringify(r, null, 2)}\n`);
    // The estimators give P(claim and condition); the scorecard shows P(claim | condition), so a
    // conditional claim's estimate is divided by the plain run's share of trajectories meeting it.
    const spec = scenario.claims.find((x) => x.id === c.id)!;
    const pGiven = spec.given !== undefined ? c.denominator / result.manifest.trajectories : 1;
    const div = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.min(1, x / pGiven));
    out.set(c.id, {
      method: `${r.best?.method ?? 'subset simulation'}${spec.given !== undefined ? ` ÷ P(${spec.given})` : ''}`,
      probability: div(r.best?.probability),
      interval: r.best ? [div(r.best.interval[0])!, div(r.best.interval[1])!] : null,
      upperBound: r.best ? null : div(r.subset.upperBound),
      modelRuns: r.modelRuns,
      beta: r.form.beta,
      designSource: r.form.source,
      decidedBy: r.designPoint.slice(0, DECIDING_INPUTS).map((d) => ({ input: d.input, unit: d.unit, value: d.value, level: d.level, alpha2: d.alpha2 })),
    });
  }
  return out;
}
