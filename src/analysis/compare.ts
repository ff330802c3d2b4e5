import type { Model } from '../model/defineModel.js';
import { runScenario, type RunOutcome } from '../engine/run.js';
import { KeptRows } from '../engine/keptRows.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { InputError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { Z975 } from '../stats/intervals.js';

export interface ClaimComparison {
  id: string;
  statement: string;
  a: number;
  b: number;
  difference: number;
  ci95: [number, number];
  /** Trajectories where the claim is defined in both scenarios. */
  pairs: number;
}

/** compare.json */
export interface Comparison {
  schemaVersion: 1;
  a: { name: string; sha256: string };
  b: { name: string; sha256: string };
  seed: number;
  trajectories: number;
  claims: ClaimComparison[];
  /** Claims in only one of the scenarios (not compared). */
  unmatched: string[];
}

/**
 * Runs two scenarios with common random numbers (the same seed; trajectory t
 * of each draws the same value of every input the two define alike, and the
 * same events) and compares each claim they share by id: P(a) − P(b) with a
 * 95% interval from the paired differences d_t = 1[a holds in t] − 1[b holds in t]:
 * d̄ ± 1.96·s_d/√n. Pairing removes most of the noise two independent runs
 * would add. Uses up to 100,000 trajectories (the per-trajectory outcomes are kept).
 * `onRun` sees each side's run (e.g. to keep its bands for an overlay).
 */
export async function compareScenarios(a: { scenario: ResolvedScenario; model: Model }, b: { scenario: ResolvedScenario; model: Model }, trajectories: number, workers?: number, onRun?: (side: 'a' | 'b', scenario: ResolvedScenario, outcome: RunOutcome) => void): Promise<Comparison> {
  if (a.scenario.seed !== b.scenario.seed) throw new InputError(`compare needs one seed for both scenarios (common random numbers): ${a.scenario.name} has ${a.scenario.seed}, ${b.scenario.name} has ${b.scenario.seed}; pass --seed`);
  const n = Math.min(trajectories, LIMITS.keepTrajectories);
  const run = async (x: { scenario: ResolvedScenario; model: Model }, side: 'a' | 'b') => {
    const s = { ...x.scenario, trajectories: n, precision: null };
    const out = await runScenario(s, x.model, { workers, keepTrajectories: n });
    onRun?.(side, s, out);
    const kept = new KeptRows(out.plan, out.summary.rows);
    const states = new Map<string, Float64Array>();
    s.claims.forEach((c, i) => states.set(c.id, kept.column((t) => kept.claim(t, i), n)));
    return states;
  };
  const sa = await run(a, 'a'), sb = await run(b, 'b');
  const claims: ClaimComparison[] = [];
  for (const c of a.scenario.claims) {
    const xa = sa.get(c.id), xb = sb.get(c.id);
    if (!xa || !xb) continue;
    let m = 0, ha = 0, hb = 0, sum = 0, sumSq = 0;
    for (let t = 0; t < n; t++) {
      if (!(Number.isFinite(xa[t]) && Number.isFinite(xb[t]))) continue;
      const d = xa[t] - xb[t];
      m++;
      ha += xa[t];
      hb += xb[t];
      sum += d;
      sumSq += d * d;
    }
    const mean = m > 0 ? sum / m : NaN;
    const sd = m > 1 ? Math.sqrt(Math.max(0, (sumSq - m * mean * mean) / (m - 1))) : NaN;
    const half = (Z975 * sd) / Math.sqrt(m);
    claims.push({ id: c.id, statement: c.statement, a: ha / m, b: hb / m, difference: mean, ci95: [mean - half, mean + half], pairs: m });
  }
  const ids = new Set(claims.map((c) => c.id));
  const unmatched = [...a.scenario.claims, ...b.scenario.claims].map((c) => c.id).filter((id) => !ids.has(id));
  return { schemaVersion: 1, a: { name: a.scenario.name, sha256: a.scenario.sha256 }, b: { name: b.scenario.name, sha256: b.scenario.sha256 }, seed: a.scenario.seed, trajectories: n, claims, unmatched: [...new Set(unmatched)] };
}
