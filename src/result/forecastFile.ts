import type { Model } from '../model/defineModel.js';
import { buildResult } from './buildResult.js';
import type { Result } from './resultSchema.js';
import { resolveScenarioSource, type ResolvedScenario, type ResolveOptions, type ScenarioSource } from '../scenario/resolve.js';
import { runScenario, type RunOptions, type RunOutcome } from '../engine/run.js';
import type { Backend } from '../engine/backend.js';

export interface ForecastOutput {
  scenario: ResolvedScenario;
  model: Model;
  result: Result;
  outcome: RunOutcome;
  warnings: string[];
}

/**
 * Resolves a scenario (a file path, or the same content as an object), runs
 * it and builds its result, writing nothing. `model` (from defineModel)
 * replaces the scenario's `model:` field; a model object runs on the calling
 * thread (functions cannot be sent to worker threads).
 *
 * @example
 * const { result } = await forecastFile('config/examples/demo-growth.yaml', { trajectories: 10_000, workers: 2 });
 * console.log(result.claims[0].probability);
 * @example
 * const { result } = await forecastFile('my-scenario.yaml', { model: myModel, trajectories: 10_000 });
 */
export async function forecastFile(file: ScenarioSource, options: ResolveOptions & RunOptions & { backendFor?: (s: ResolvedScenario) => Backend } = {}): Promise<ForecastOutput> {
  const { scenario, model, warnings } = await resolveScenarioSource(file, options);
  const startedAt = new Date();
  const outcome = await runScenario(scenario, model, { ...options, backend: options.backendFor?.(scenario) ?? options.backend });
  return { scenario, model, result: buildResult(scenario, outcome, startedAt), outcome, warnings };
}
