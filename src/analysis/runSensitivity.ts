import type { Model } from '../model/defineModel.js';
import { RunPlan } from '../engine/runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { ENGINE_VERSION } from '../version.js';
import { LIMITS } from '../limits.js';
import { ALL_METHODS, type SensitivityReport } from './registry.js';
import { resolveOutputs } from './resolveOutputs.js';
import type { MethodContext, SensitivityOptions } from './sensitivityMethod.js';
import { WhatIf } from './whatIf.js';

export { SENSITIVITY_METHODS, type SensitivityReport } from './registry.js';
export type RunSensitivityOptions = SensitivityOptions;

/**
 * Runs the chosen sensitivity methods (registry order) on one scenario and
 * returns sensitivity.json's content. Methods with `sharedPool` share one
 * worker pool with common random numbers; it is closed before a method that
 * starts its own.
 */
export async function runSensitivity(scenario: ResolvedScenario, model: Model, o: SensitivityOptions): Promise<SensitivityReport> {
  const plan = new RunPlan(scenario, model);
  const outputs = resolveOutputs(plan, o.outputs);
  const report: SensitivityReport = {
    schemaVersion: 2,
    scenario: { name: scenario.name, model: model.name, sha256: scenario.sha256, seed: scenario.seed },
    engineVersion: ENGINE_VERSION,
    methods: [...o.methods],
    outputs: outputs.map((x) => x.label),
  };
  let pool: WhatIf | null = null;
  const closePool = async () => {
    const p = pool;
    pool = null;
    await p?.close();
  };
  const ctx: MethodContext = {
    scenario, model, plan, outputs, options: o,
    trajectories: Math.min(o.trajectories ?? 10_000, LIMITS.keepTrajectories),
    whatIf: () => (pool ??= new WhatIf(scenario, model, o.workers, o.redis)),
    progress: () => {},
  };
  o.onPlan?.(plannedSizeLine(ctx));
  try {
    for (const m of ALL_METHODS) {
      if (!o.methods.includes(m.name)) continue;
      if (!m.sharedPool) await closePool();
      o.onProgress?.(m.name);
      const section = await m.run({ ...ctx, progress: (done, total) => o.onProgress?.(m.name, done, total) });
      if (section !== undefined) (report as Record<string, unknown>)[m.name] = section;
    }
  } finally {
    await closePool();
  }
  return report;
}

/**
 * One line stating the planned size of a sensitivity run, e.g. "46 inputs:
 * Sobol with 2,048 rows = 98,304 model runs; --rows to change", with every
 * chosen method's part joined by "; ".
 */
export function plannedSizeLine(ctx: MethodContext): string {
  const varying = ctx.plan.distributions.filter((d) => d.family !== 'point').length;
  const parts: string[] = [], flags: string[] = [];
  let total = 0;
  for (const m of ALL_METHODS) {
    if (!ctx.options.methods.includes(m.name) || !m.planned) continue;
    const p = m.planned(ctx, varying);
    parts.push(p.text);
    if (!flags.includes(p.flag)) flags.push(p.flag);
    total += p.runs;
  }
  const all = parts.length > 1 ? `; ${total.toLocaleString('en-US')} model runs in all` : '';
  return `${varying} input${varying === 1 ? '' : 's'}: ${parts.join('; ')}${all}; ${flags.join(', ')} to change`;
}
