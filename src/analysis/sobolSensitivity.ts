import os from 'node:os';
import type { Model } from '../model/defineModel.js';
import { RunPlan } from '../engine/runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { InputError } from '../errors.js';
import { InProcessBackend } from '../engine/inProcessBackend.js';
import { PiscinaBackend } from '../engine/piscinaBackend.js';
import { RedisBackend } from '../engine/redisBackend.js';
import { dispatchInOrder } from '../engine/dispatch.js';
import { ModelError } from '../model/modelError.js';
import { saltelliWidth, sobolIndices, type OutputRef, type SobolIndex } from './saltelli.js';

/** Rows of a Saltelli design per block (each row runs the model k + 2 times). */
export const SALTELLI_ROWS_PER_BLOCK = 512;

export interface SensitivityOptions {
  /** Rows of the design (N); the model runs N·(k + 2) times. */
  rows?: number;
  bootstrap?: number;
  /** Outputs: claim ids, scalar names, or `series@month`; default every claim and scalar. */
  outputs?: readonly string[];
  workers?: number;
  /** Run the design's blocks on `forecast worker` processes through this Redis URL. */
  redis?: string;
  onProgress?: (done: number, total: number) => void;
}

/** The Sobol part of sensitivity.json. */
export interface SobolSection {
  estimators: string;
  rows: number;
  modelRuns: number;
  bootstrap: number;
  notes: string[];
  outputs: Array<{ label: string; kind: string; variance: number | null; rowsUsed: number; indices: SobolIndex[] }>;
}

/** Resolves output names to references into the plan. */
export function resolveOutputs(plan: RunPlan, names: readonly string[] | undefined): OutputRef[] {
  const sc = plan.scenario;
  if (!names || names.length === 0) {
    return [
      ...sc.claims.map((c, index) => ({ kind: 'claim' as const, index, label: c.id })),
      ...plan.scalarNames.map((s, index) => ({ kind: 'scalar' as const, index, label: s })),
    ];
  }
  return names.map((name) => {
    const claim = sc.claims.findIndex((c) => c.id === name);
    if (claim >= 0) return { kind: 'claim' as const, index: claim, label: name };
    const scalar = plan.scalarNames.indexOf(name);
    if (scalar >= 0) return { kind: 'scalar' as const, index: scalar, label: name };
    const m = /^([A-Za-z_][A-Za-z0-9_]*)@(\d+)$/.exec(name);
    if (m && plan.seriesNames.includes(m[1]) && Number(m[2]) <= sc.horizon) return { kind: 'series' as const, index: plan.seriesNames.indexOf(m[1]), month: Number(m[2]), label: name };
    throw new InputError(`--output ${JSON.stringify(name)} is not a claim id, a scalar, or series@month of this scenario (claims: ${sc.claims.map((c) => c.id).join(', ')}; scalars: ${plan.scalarNames.join(', ') || 'none'}; series: ${plan.seriesNames.join(', ') || 'none'}, months 0-${sc.horizon})`);
  });
}

/**
 * Variance-based sensitivity (first-order and total-effect Sobol indices) of
 * each chosen output, from a Saltelli design run on the engine's workers
 * (reproducible: blocks are merged in order). Correlations in the scenario are
 * not imposed (the indices assume independent inputs); a note says so.
 */
export async function sobolSensitivity(scenario: ResolvedScenario, model: Model, options: SensitivityOptions = {}): Promise<SobolSection> {
  const plan = new RunPlan(scenario, model);
  const outputs = resolveOutputs(plan, options.outputs);
  const N = options.rows ?? 4096, bootstrap = options.bootstrap ?? 100;
  const blocks = Math.ceil(N / SALTELLI_ROWS_PER_BLOCK);
  const workers = Math.max(0, Math.min(options.workers ?? os.availableParallelism(), blocks));
  const backend = options.redis ? new RedisBackend(scenario, options.redis) : workers === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, workers);
  const k = plan.inputNames.length;
  const sums = new Float64Array(outputs.length * (bootstrap + 1) * saltelliWidth(k));
  try {
    await dispatchInOrder(
      backend,
      blocks,
      (block) => ({ type: 'saltelli', block, rows: Math.min(SALTELLI_ROWS_PER_BLOCK, N - block * SALTELLI_ROWS_PER_BLOCK), outputs, bootstrap }),
      (block, res) => {
        if (res.type === 'model-error') throw new ModelError(res.details);
        if (res.type === 'input-error') throw new InputError(res.message);
        for (let i = 0; i < sums.length; i++) sums[i] += res.data[i];
        options.onProgress?.(Math.min(N, (block + 1) * SALTELLI_ROWS_PER_BLOCK), N);
        return true;
      },
    );
  } finally {
    await backend.close();
  }
  const varying = plan.distributions.filter((d) => d.family !== 'point').length;
  const notes: string[] = [];
  if (scenario.correlations.length > 0) notes.push('The scenario correlates some inputs; Sobol indices assume independent inputs, so the design samples them independently.');
  return {
    estimators: 'first order: Saltelli et al. (2010); total effect: Jansen (1999); 95% intervals: Poisson bootstrap percentiles',
    rows: N,
    modelRuns: N * (varying + 2),
    bootstrap,
    notes,
    outputs: outputs.map((o, q) => {
      const r = sobolIndices(sums, q, plan.inputNames, bootstrap);
      if (o.kind === 'claim' && Number.isFinite(r.variance)) {
        // An indicator's variance is p(1 − p); with few hits (or misses) the indices are noise.
        const p = (1 - Math.sqrt(Math.max(0, 1 - 4 * r.variance))) / 2;
        if (p * r.rows < 30) notes.push(`${o.label}: the claim holds (or fails) in only about ${Math.round(p * r.rows)} of ${r.rows} rows, so its indices are too noisy to rank drivers; decompose the output it thresholds instead (--output series@month or a scalar).`);
      }
      const indices = r.indices.filter((_, i) => plan.distributions[i].family !== 'point').sort((a, b) => (b.ST || 0) - (a.ST || 0));
      return { label: o.label, kind: o.kind, variance: Number.isFinite(r.variance) ? r.variance : null, rowsUsed: r.rows, indices };
    }),
  };
}
