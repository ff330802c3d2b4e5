import type { Model } from '../../model/defineModel.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import { ENGINE_VERSION } from '../../version.js';
import { MarginOracle } from './marginOracle.js';
import type { Backend } from '../../engine/backend.js';
import { subsetSimulation, type SubsetResult } from './subsetSimulation.js';
import { formDesignPoint, type FormResult } from './form.js';
import { importanceSampling, type ImportanceResult } from './importanceSampling.js';

export interface RareOptions {
  claim: string;
  /** Total model runs for all three methods (default 50,000). */
  budget?: number;
  /** Subset simulation's conditional probability per level (default 0.1). */
  p0?: number;
  /** Subset simulation's samples per level (default: budget / 15). */
  samplesPerLevel?: number;
  /** Worker threads (0: in-process). */
  workers?: number;
  /** Run on this pool (kept open; `workers` is then ignored): a folder run's pool. */
  backend?: Backend;
  /** Estimate P(the claim fails) instead, on the complement's margin (−margin): for a claim that (almost) always holds. */
  complement?: boolean;
  onProgress?: (label: string) => void;
}

/** One row of "what would have to be true": an input at the design point. */
export interface DesignPointInput {
  input: string;
  unit: string;
  /** The input's value at the design point. */
  value: number;
  /** Its quantile level under the scenario's distribution (0.03: "your P3"). */
  level: number;
  /** The scenario's median of the input. */
  median: number;
  /** Importance factor α² (share of β² due to this coordinate of the standard normal space). */
  alpha2: number;
}

/** rare.json */
export interface RareReport {
  schemaVersion: 1;
  scenario: { name: string; model: string; sha256: string; seed: number };
  engineVersion: string;
  claim: { id: string; statement: string; given: string | null };
  budget: number;
  modelRuns: number;
  /** How correlated inputs enter the standard normal space. */
  dependence: string;
  margin: string;
  subset: SubsetResult;
  form: FormResult;
  importance: ImportanceResult | null;
  /** The design point as input values, sorted by importance (empty when FORM found none). */
  designPoint: DesignPointInput[];
  /** The estimate the scorecard should show: subset simulation's, else importance sampling's. */
  best: { method: string; probability: number; interval: [number, number] } | null;
  notes: string[];
}

export const MARGIN_DEFINITION =
  'below v: value − v; above v: v − value; between [a, b]: max(a − value, value − b); at month m: at that month; ' +
  'by month m (first passage): the least margin over months ≤ m; all: max of the parts, any: min of the parts, each part divided by its threshold scale ' +
  '(|threshold|, max(|a|, |b|) for between; 1 if 0 or for all/any); given g: the claim\'s margin where g holds. The claim is true exactly where the margin ≤ 0; ' +
  'a NaN margin (an undefined value, or the condition not met) counts as not true.';

/**
 * Rare-event analysis of one claim: subset simulation, FORM's design point and
 * importance sampling centred there, within a budget of model runs (up to 80%
 * for subset simulation, in levels of budget/15 samples; up to 8% for FORM; the
 * rest for importance sampling),
 * and the design point translated back to input values: "what would have to be true".
 * Seeded by the scenario's seed; identical at any worker count.
 */
export async function runRare(scenario: ResolvedScenario, model: Model, o: RareOptions): Promise<RareReport> {
  const oracle = new MarginOracle(scenario, model, o.claim, o.workers, { negate: o.complement, backend: o.backend });
  const budget = o.budget ?? 50_000;
  const p0 = o.p0 ?? 0.1;
  const step = Math.round(1 / p0);
  const n = o.samplesPerLevel ?? Math.max(step * 20, Math.round(budget / 15 / step) * step);
  const notes: string[] = [];
  const claim = scenario.claims[oracle.claim];
  try {
    o.onProgress?.('subset simulation');
    const subset = await subsetSimulation(oracle, { n, p0, budget: Math.floor(budget * 0.8), seed: scenario.seed });
    o.onProgress?.('FORM design point');
    const form = await formDesignPoint(oracle, { fallback: subset.best, failureMean: subset.failureMean, nearest: subset.nearest, budget: Math.max((oracle.k + 1) * 3, Math.floor(budget * 0.08)) });
    let importance: ImportanceResult | null = null;
    const left = budget - oracle.runs;
    if (form.u !== null && left >= 100) {
      o.onProgress?.('importance sampling');
      importance = await importanceSampling(oracle, form.u, { n: left, seed: scenario.seed });
    } else if (form.u !== null) notes.push('no budget left for importance sampling');
    const plan = oracle.plan;
    const designPoint: DesignPointInput[] = [];
    if (form.u !== null) {
      const values = new Float64Array(oracle.k);
      oracle.space.toValues(form.u, values);
      const levels = oracle.space.levels(form.u);
      plan.inputNames.forEach((name, j) => {
        if (plan.distributions[j].family === 'point') return;
        designPoint.push({ input: name, unit: scenario.inputs[name].unit, value: values[j], level: levels[j], median: plan.distributions[j].quantile(0.5), alpha2: form.alpha2![j] });
      });
      designPoint.sort((a, b) => b.alpha2 - a.alpha2 || a.input.localeCompare(b.input));
    }
    if (subset.interval && importance && importance.hits > 0 && (importance.interval[1] < subset.interval[0] || importance.interval[0] > subset.interval[1])) {
      notes.push('the two estimators disagree beyond their intervals: importance sampling around one design point misses parts of a region with several design points (or one that is not a half-space); trust subset simulation');
    }
    if (o.complement) notes.push('these are estimates of P(the claim fails): the margin is the complement\'s (−margin, ≤ 0 where the claim does not hold, and on its boundary, where the margin is exactly 0; an undefined margin counts as neither)');
    if (claim.given) notes.push(`the claim holds only given "${claim.given}": the estimates are of P(claim and ${claim.given}); a plain run reports P(claim | ${claim.given}) = that / P(${claim.given})`);
    if (oracle.space.copula) notes.push('correlated inputs: the standard normal space imposes the scenario\'s rank correlations through a Gaussian copula (Nataf), whose dependence differs slightly from the Iman–Conover reordering of a plain run; importance factors are per coordinate of that space (a correlated input\'s coordinate is its own share, after the inputs before it in the Cholesky order)');
    const best = subset.probability !== null && subset.interval !== null
      ? { method: 'subset simulation', probability: subset.probability, interval: subset.interval }
      : importance !== null && importance.hits > 0 ? { method: 'importance sampling', probability: importance.probability, interval: importance.interval } : null;
    return {
      schemaVersion: 1,
      scenario: { name: scenario.name, model: model.name, sha256: scenario.sha256, seed: scenario.seed },
      engineVersion: ENGINE_VERSION,
      claim: { id: claim.id, statement: claim.statement, given: claim.given ?? null },
      budget,
      modelRuns: oracle.runs,
      dependence: oracle.space.copula ? 'Gaussian copula (Nataf) on the scenario\'s correlations' : 'independent inputs',
      margin: MARGIN_DEFINITION,
      subset,
      form,
      importance,
      designPoint,
      best,
      notes,
    };
  } finally {
    await oracle.close();
  }
}
