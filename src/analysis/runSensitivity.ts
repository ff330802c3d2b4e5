import type { Model } from '../model/defineModel.js';
import { RunPlan } from '../engine/runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { ENGINE_VERSION } from '../version.js';
import { ALL_METHODS, type SensitivityReport } from './registry.js';
import { resolveOutputs } from './resolveOutputs.js';
import { plannedSizeLine, runCosts, sizedByBudget, trajectoriesOf, varyingInputs } from './sensitivityPlan.js';
import type { MethodContext, SensitivityOptions } from './sensitivityMethod.js';
import { WhatIf } from './whatIf.js';

export { SENSITIVITY_METHODS, type SensitivityReport } from './registry.js';
export type RunSensitivityOptions = SensitivityOptions;

/**
 * Runs the chosen sensitivity methods (registry order) on one scenario and
 * returns sensitivity.json's content. Sizes not set by their own flags come
 * from the number of inputs, or from `budget` (sensitivityPlan.ts); the plan
 * is handed to `onPlan` before anything runs. Methods with `sharedPool` share
 * one worker pool with common random numbers; it is closed before a method
 * that starts its own. Each method sees the sections of those before it.
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
  const sections: Record<string, unknown> = {};
  let ctx: MethodContext = {
    scenario, model, plan, outputs, options: o, sections,
    trajectories: trajectoriesOf(o),
    whatIf: () => (pool ??= new WhatIf(scenario, model, o.workers, o.redis)),
    progress: () => {},
  };
  if (o.budget !== undefined) {
    const sized = sizedByBudget(ctx, varyingInputs(plan), o.budget);
    ctx = { ...ctx, options: sized, trajectories: trajectoriesOf(sized) };
  }
  if (o.onPlan) o.onPlan(plannedSizeLine(ctx, o.estimateTime && !o.redis ? await runCosts(ctx) : null));
  try {
    for (const m of ALL_METHODS) {
      if (!o.methods.includes(m.name)) continue;
      if (!m.sharedPool) await closePool();
      o.onProgress?.(m.name);
      const section = await m.run({ ...ctx, progress: (done, total) => o.onProgress?.(m.name, done, total) });
      if (section !== undefined) sections[m.name] = (report as Record<string, unknown>)[m.name] = section;
    }
  } finally {
    await closePool();
  }
  return report;
}

export { plannedSizeLine } from './sensitivityPlan.js';
