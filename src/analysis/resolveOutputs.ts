import type { RunPlan } from '../engine/runBlock.js';
import type { OutputRef } from '../engine/tasks/outputRef.js';
import { InputError } from '../errors.js';

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
