import type { Model } from '../model/defineModel.js';
import { RunPlan } from '../engine/runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { ENGINE_VERSION } from '../version.js';
import { breakeven, type BreakevenResult } from './breakeven.js';
import { rankSensitivity, type RankResult } from './rankSensitivity.js';
import type { OutputRef } from './saltelli.js';
import { resolveOutputs, sobolSensitivity, type SobolSection } from './sobolSensitivity.js';
import { tornado } from './tornado.js';
import { WhatIf } from './whatIf.js';
import { LIMITS } from '../limits.js';

export const SENSITIVITY_METHODS = ['rank', 'tornado', 'sobol', 'breakeven'] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** sensitivity.json */
export interface SensitivityReport {
  schemaVersion: 2;
  scenario: { name: string; model: string; sha256: string; seed: number };
  engineVersion: string;
  methods: SensitivityMethod[];
  outputs: string[];
  rank?: { trajectories: number; outputs: Array<{ label: string; rows: number; results: RankResult[] }> };
  tornado?: {
    quantiles: [number, number];
    trajectories: number;
    deterministic: Awaited<ReturnType<typeof tornado>>;
    probabilistic: Awaited<ReturnType<typeof tornado>>;
  };
  sobol?: SobolSection;
  breakeven?: BreakevenResult;
}

export interface RunSensitivityOptions {
  methods: readonly SensitivityMethod[];
  outputs?: readonly string[];
  /** Trajectories for rank, tornado and breakeven runs. */
  trajectories?: number;
  /** Rows of the Sobol design. */
  rows?: number;
  bootstrap?: number;
  quantiles?: [number, number];
  breakevenInput?: string;
  target?: number;
  workers?: number;
  /** Run every model evaluation on `forecast worker` processes through this Redis URL. */
  redis?: string;
  onProgress?: (label: string) => void;
}

/** Column of the kept rows for input j, or the output o, per trajectory. */
function columns(plan: RunPlan, rows: Float64Array, n: number) {
  const w = plan.layout.rowWidth, k = plan.inputNames.length, nScalars = plan.scalarNames.length, nClaims = plan.scenario.claims.length;
  const col = (offset: number) => Float64Array.from({ length: n }, (_, i) => rows[i * w + offset]);
  return {
    input: (j: number) => col(j),
    output: (o: OutputRef) =>
      o.kind === 'scalar' ? col(k + o.index)
        : o.kind === 'claim' ? col(k + nScalars + o.index)
          : col(k + nScalars + nClaims + o.index * (plan.scenario.horizon + 1) + o.month),
  };
}

/**
 * Runs the chosen sensitivity methods on one scenario, on one shared worker
 * pool with common random numbers, and returns sensitivity.json's content.
 */
export async function runSensitivity(scenario: ResolvedScenario, model: Model, o: RunSensitivityOptions): Promise<SensitivityReport> {
  const plan = new RunPlan(scenario, model);
  const outputs = resolveOutputs(plan, o.outputs);
  const n = Math.min(o.trajectories ?? 10_000, LIMITS.keepTrajectories);
  const quantiles = o.quantiles ?? [0.1, 0.9];
  const report: SensitivityReport = {
    schemaVersion: 2,
    scenario: { name: scenario.name, model: model.name, sha256: scenario.sha256, seed: scenario.seed },
    engineVersion: ENGINE_VERSION,
    methods: [...o.methods],
    outputs: outputs.map((x) => x.label),
  };
  const what = new WhatIf(scenario, model, o.workers, o.redis);
  try {
    if (o.methods.includes('rank')) {
      o.onProgress?.('rank');
      const v = what.variant({}, n);
      const out = await what.run(v, n);
      const cols = columns(out.plan, out.summary.rows, n);
      const inputs = plan.inputNames.map((name, j) => ({ name, values: cols.input(j) }));
      report.rank = { trajectories: n, outputs: outputs.map((x) => ({ label: x.label, ...rankSensitivity(inputs, cols.output(x)) })) };
    }
    if (o.methods.includes('tornado')) {
      o.onProgress?.('tornado');
      const small = Math.max(64, Math.min(n, 1000));
      report.tornado = {
        quantiles,
        trajectories: n,
        deterministic: await tornado(what, outputs, 'deterministic', quantiles, small),
        probabilistic: await tornado(what, outputs, 'probabilistic', quantiles, n),
      };
    }
    if (o.methods.includes('breakeven') && o.breakevenInput) {
      o.onProgress?.('breakeven');
      report.breakeven = await breakeven(what, o.breakevenInput, outputs[0], o.target ?? 0.5, n);
    }
  } finally {
    await what.close();
  }
  if (o.methods.includes('sobol')) {
    o.onProgress?.('sobol');
    report.sobol = await sobolSensitivity(scenario, model, { rows: o.rows, bootstrap: o.bootstrap, outputs: o.outputs, workers: o.workers, redis: o.redis });
  }
  return report;
}
