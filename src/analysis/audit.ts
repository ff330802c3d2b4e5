import type { Model } from '../model/defineModel.js';
import { runScenario } from '../engine/run.js';
import { RunPlan } from '../engine/runBlock.js';
import { scenarioHash, type ResolvedScenario } from '../scenario/resolve.js';
import type { InputSpec } from '../scenario/schema.js';
import { quantileOf } from './whatIf.js';

/** What the audit finds about one claim. */
export type AuditStatus = 'varies' | 'construction' | 'identity';

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
    return { ...v, sha256: scenarioHash(v) };
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
  return { ...v, sha256: scenarioHash(v) };
}

/**
 * Runs the exploratory design and classifies each claim:
 * - **construction**: its indicator never varies over the whole design (true, or
 *   false, in every trajectory): the model's structure decides it, not the inputs;
 * - **identity**: one input alone decides it, a threshold on that input separating
 *   every hit from every miss (an arithmetic identity of the inputs, a check of the
 *   claim's arithmetic rather than a forecast);
 * - **varies**: neither.
 * A finding is "unlabelled" unless the claim carries `label: construction` or
 * `label: identity` in its scenario; a labelled claim that varies is "mislabelled"
 * (rare claims need enough trajectories to show they vary: the default is 20,000
 * per design).
 *
 * @example const report = await auditScenario(scenario, model, { trajectories: 4096, workers: 0 });
 */
export async function auditScenario(scenario: ResolvedScenario, model: Model, options: { trajectories?: number; workers?: number } = {}): Promise<AuditReport> {
  const n = options.trajectories ?? 20_000;
  // Claim outcomes and inputs of both designs, trajectory by trajectory.
  const designs = await Promise.all((['box', 'own'] as const).map(async (kind) => {
    const design = auditDesign(scenario, n, kind);
    const out = await runScenario(design, model, { workers: options.workers ?? 0, keepTrajectories: n });
    return { plan: new RunPlan(design, model), rows: out.summary.rows };
  }));
  const { plan } = designs[0];
  const w = plan.layout.rowWidth, k = plan.inputNames.length, nScalars = plan.scalarNames.length;
  const findings: AuditFinding[] = scenario.claims.map((claim, c) => {
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
  return { scenario: scenario.name, trajectories: 2 * n, findings };
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
