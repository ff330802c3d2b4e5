import type { Model } from '../model/defineModel.js';
import { runScenario } from '../engine/run.js';
import { RunPlan } from '../engine/runBlock.js';
import { rehashed, type ResolvedScenario } from '../scenario/resolve.js';
import type { InputSpec } from '../scenario/schema.js';
import { quantileOf } from './whatIf.js';
import { runRare } from './rare/runRare.js';
import { smallProbability } from '../report/rareFormat.js';

/** What the audit finds about one claim. */
export type AuditStatus = 'varies' | 'construction' | 'identity' | 'tail';

export interface AuditFinding {
  id: string;
  statement: string;
  status: AuditStatus;
  /** Share of the exploratory trajectories where the claim held (not a forecast: the design is uniform over the ranges). */
  share: number | null;
  /** construction: the value the indicator never leaves (true/false). */
  always?: boolean;
  /** identity: the input whose value alone decides the claim, and the threshold between its hits and misses. */
  input?: string;
  threshold?: number;
  /**
   * construction and tail: what the rare-event methods found beyond the exploratory ranges
   * (the rare ways out of the constant outcome, by the claim's margin or its complement's).
   */
  tailProbe?: { modelRuns: number; method: string | null; probability: number | null; interval: [number, number] | null; upperBound: number | null };
  /** The claim's `label:` in the scenario, if any. */
  label: string | null;
  /** A finding (construction or identity) the scenario does not label. */
  unlabelled: boolean;
  /** A claim the scenario labels (not a forecast) that varies with more than one input: the label is wrong. */
  mislabelled: boolean;
  message: string;
}

export interface AuditReport {
  scenario: string;
  trajectories: number;
  /** Model runs of the rare-event methods per constant claim (0: no tail probe). */
  tailBudget: number;
  findings: AuditFinding[];
}

/**
 * The exploratory designs the audit runs, both Latin hypercubes without the
 * scenario's correlations: `box`, every input that is not a point value made
 * uniform over its 0.1%–99.9% quantile range, so every corner of every input's
 * plausible range is visited as often as its middle (the design the discovery
 * command uses); and `own`, each input's own distribution, so that an input
 * whose range is stretched by a far point mass (a mixture with "never within
 * the horizon") still has its likely values visited.
 */
export function auditDesign(scenario: ResolvedScenario, trajectories: number, kind: 'box' | 'own' = 'box'): ResolvedScenario {
  if (kind === 'own') {
    const v = { ...scenario, correlations: [], sampler: 'lhs' as const, trajectories, precision: null };
    return rehashed(v);
  }
  const inputs: Record<string, InputSpec> = {};
  for (const [name, spec] of Object.entries(scenario.inputs)) {
    if ((spec as { dist: string }).dist === 'point') {
      inputs[name] = spec;
      continue;
    }
    const lo = quantileOf(spec, 0.001), hi = quantileOf(spec, 0.999);
    inputs[name] = (hi > lo
      ? { dist: 'uniform', min: lo, max: hi, unit: spec.unit, source: spec.source, rationale: spec.rationale }
      : { dist: 'point', value: lo, unit: spec.unit, source: spec.source, rationale: spec.rationale }) as unknown as InputSpec;
  }
  const v = { ...scenario, inputs, correlations: [], sampler: 'lhs' as const, trajectories, precision: null };
  return rehashed(v);
}

/**
 * Runs the exploratory design and classifies each claim:
 * - **construction**: its indicator never varies over the whole design (true, or
 *   false, in every trajectory): the model's structure decides it, not the inputs;
 * - **identity**: one input alone decides it, a threshold on that input separating
 *   every hit from every miss (an arithmetic identity of the inputs, a check of the
 *   claim's arithmetic rather than a forecast);
 * - **tail**: constant over both designs, but the rare-event methods find trajectories
 *   beyond them (in unbounded inputs' far tails) where it changes: a rare forecast;
 * - **varies**: neither.
 * A finding is "unlabelled" unless the claim carries `label: construction` or
 * `label: identity` in its scenario; a labelled claim that varies is "mislabelled"
 * (rare claims need enough trajectories to show they vary: the default is 20,000
 * per design).
 *
 * @example const report = await auditScenario(scenario, model, { trajectories: 4096, workers: 0 });
 */
export async function auditScenario(scenario: ResolvedScenario, model: Model, options: { trajectories?: number; workers?: number; tailBudget?: number } = {}): Promise<AuditReport> {
  const n = options.trajectories ?? 20_000;
  // Claim outcomes and inputs of both designs, trajectory by trajectory.
  const designs = await Promise.all((['box', 'own'] as const).map(async (kind) => {
    const design = auditDesign(scenario, n, kind);
    const out = await runScenario(design, model, { workers: options.workers ?? 0, keepTrajectories: n });
    return { plan: new RunPlan(design, model), rows: out.summary.rows };
  }));
  const { plan } = designs[0];
  const w = plan.layout.rowWidth, k = plan.inputNames.length, nScalars = plan.scalarNames.length;
  const findings: AuditFinding[] = scenario.claims.map((claim, c): AuditFinding => {
    const label = (claim as { label?: string }).label ?? null;
    const x: number[][] = plan.inputNames.map(() => []), y: number[] = [];
    for (const d of designs) {
      const kept = Math.floor(d.rows.length / w);
      for (let i = 0; i < kept; i++) {
        const v = d.rows[i * w + k + nScalars + c];
        if (!Number.isFinite(v)) continue;
        y.push(v);
        for (let j = 0; j < k; j++) x[j].push(d.rows[i * w + j]);
      }
    }
    const hits = y.reduce((a, b) => a + b, 0);
    const share = y.length ? hits / y.length : null;
    const base = { id: claim.id, statement: claim.statement, share, label };
    if (y.length === 0) return { ...base, status: 'varies' as const, unlabelled: false, mislabelled: false, message: 'undefined in every trajectory' };
    if (hits === 0 || hits === y.length) {
      const always = hits === y.length;
      return { ...base, status: 'construction' as const, always, unlabelled: label === null, mislabelled: false, message: `always ${always} in ${y.length.toLocaleString('en-US')} trajectories over every input's 0.1–99.9% range and its own distribution: decided by construction` };
    }
    for (let j = 0; j < k; j++) {
      const t = separatingThreshold(x[j], y);
      if (t !== null) {
        const name = plan.inputNames[j];
        return { ...base, status: 'identity' as const, input: name, threshold: t, unlabelled: label === null, mislabelled: false, message: `decided by ${name} alone (threshold ≈ ${t.toPrecision(4)}): an identity of the inputs` };
      }
    }
    return {
      ...base, status: 'varies' as const, unlabelled: false, mislabelled: label !== null,
      message: label !== null ? `labelled ${label} but varies with more than one input: a forecast (perhaps a rare one), not a check` : 'varies with more than one input',
    };
  });
  const tailBudget = options.tailBudget ?? DEFAULT_TAIL_BUDGET;
  if (tailBudget > 0) {
    for (let c = 0; c < findings.length; c++) {
      if (findings[c].status === 'construction') findings[c] = await probeTails(scenario, model, findings[c], tailBudget, options.workers ?? 0);
    }
  }
  return { scenario: scenario.name, trajectories: 2 * n, tailBudget, findings };
}

/** The model runs the audit spends looking for a constant claim's way out in the inputs' far tails. */
export const DEFAULT_TAIL_BUDGET = 20_000;

/**
 * A claim that never varies over the exploratory designs may still vary beyond them, in
 * the far tails of unbounded inputs (a lognormal's P99.99, a normal's −5σ): a rare
 * forecast, not a claim decided by construction. The probe is `forecast rare` on the
 * claim (for a claim that always holds, on its complement: −margin) with the scorecard's
 * split of the budget and the scenario's seed, so the audit and the scorecard agree:
 * any model run where the outcome changes (subset simulation's or importance sampling's)
 * makes the claim `tail`, with the estimate; none → still `construction`, with the upper
 * bound of the last level subset simulation reached. A claim labelled `construction` or
 * `identity` whose tails are reached is mislabelled.
 */
async function probeTails(scenario: ResolvedScenario, model: Model, f: AuditFinding, budget: number, workers: number): Promise<AuditFinding> {
  const r = await runRare(scenario, model, { claim: f.id, budget, workers, complement: f.always === true });
  const tailProbe = { modelRuns: r.modelRuns, method: r.best?.method ?? null, probability: r.best?.probability ?? null, interval: r.best?.interval ?? null, upperBound: r.subset.upperBound };
  const never = f.always ? 'fails' : 'holds';
  if (r.best === null) {
    const bound = r.subset.upperBound !== null ? `; P ≤ ${smallProbability(r.subset.upperBound)} at the last level subset simulation reached` : '';
    return { ...f, tailProbe, message: `${f.message} (no trajectory where it ${never} in ${r.modelRuns.toLocaleString('en-US')} model runs of subset simulation, FORM and importance sampling into the inputs' far tails${bound})` };
  }
  const ci = ` (95% ${smallProbability(r.best.interval[0])}–${smallProbability(r.best.interval[1])})`;
  return {
    ...f, status: 'tail', tailProbe, unlabelled: false, mislabelled: f.label !== null,
    message: `always ${f.always} over every input's 0.1–99.9% range, but it ${never} in the inputs' far tails: P(it ${never}) ≈ ${smallProbability(r.best.probability)}${ci} by ${r.best.method} (${r.modelRuns.toLocaleString('en-US')} model runs): a rare forecast, not decided by construction${f.label !== null ? ` (labelled ${f.label}: remove the label)` : ''}`,
  };
}

/**
 * If sorting by x puts every 0 before every 1 (or every 1 before every 0),
 * with no tie straddling the boundary, the midpoint between the two groups;
 * otherwise null.
 */
export function separatingThreshold(x: readonly number[], y: readonly number[]): number | null {
  let max0 = -Infinity, min0 = Infinity, max1 = -Infinity, min1 = Infinity;
  for (let i = 0; i < x.length; i++) {
    if (y[i] === 1) (max1 = Math.max(max1, x[i])), (min1 = Math.min(min1, x[i]));
    else (max0 = Math.max(max0, x[i])), (min0 = Math.min(min0, x[i]));
  }
  if (!Number.isFinite(max0) || !Number.isFinite(max1)) return null;
  if (max0 < min1) return (max0 + min1) / 2;
  if (max1 < min0) return (max1 + min0) / 2;
  return null;
}
