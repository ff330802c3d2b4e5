import { BLOCK_SIZE } from '../engine/run.js';
import type { Model } from '../model/defineModel.js';
import { loadModel } from '../scenario/loadModel.js';
import { drawInputs, RunPlan, TrajectoryEvaluator } from '../engine/runBlock.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { InputError } from '../errors.js';
import { readRunSpec } from '../scenario/runSpec.js';
import { wholeNumber } from './flags.js';

/**
 * Replays one trajectory of a run exactly: draws its block's inputs with the
 * same streams, sampler and correlations, runs the model on the trajectory's
 * own event stream, and returns its inputs and outputs.
 */
export function replayTrajectory(scenario: ResolvedScenario, model: Model, t: number) {
  const plan = new RunPlan(scenario, model);
  const block = Math.floor(t / BLOCK_SIZE), first = block * BLOCK_SIZE;
  const columns = drawInputs(plan, block, first, plan.blockLength(block, BLOCK_SIZE));
  const evaluator = new TrajectoryEvaluator(plan);
  evaluator.run(t, block, (j) => columns[j][t - first]);
  plan.claims.evaluate(evaluator.series, evaluator.scalars, plan.claims.newCounters());
  const finite = (v: number) => (Number.isFinite(v) ? v : String(v));
  return {
    scenario: scenario.name,
    trajectory: t,
    block,
    inputs: Object.fromEntries(plan.inputNames.map((n, j) => [n, columns[j][t - first]])),
    scalars: Object.fromEntries(plan.scalarNames.map((n, c) => [n, finite(evaluator.scalars[c])])),
    claims: Object.fromEntries(scenario.claims.map((c, i) => [c.id, ['false', 'true', 'undefined', 'excluded'][plan.claims.states[i]]])),
    series: Object.fromEntries(plan.seriesNames.map((n, k) => [n, Array.from(evaluator.series[k], finite)])),
  };
}

/** `forecast replay <run-folder> --trajectory K`: prints trajectory K's inputs and outputs as JSON. */
export async function replayCommand(dir: string, raw: Record<string, unknown>): Promise<void> {
  const { scenario } = readRunSpec(dir, 'forecast replay');
  const t = wholeNumber(0, scenario.trajectories - 1).safeParse(raw.trajectory);
  if (!t.success) throw new InputError(`--trajectory = ${JSON.stringify(raw.trajectory)}: must be a trajectory index from 0 to ${scenario.trajectories - 1}`);
  const model = await loadModel(scenario.model);
  process.stdout.write(`${JSON.stringify(replayTrajectory(scenario, model, t.data), null, 2)}\n`);
}
