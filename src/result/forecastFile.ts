import type { Model } from '../model/defineModel.js';
import { buildResult } from './buildResult.js';
import type { Result } from './resultSchema.js';
import { resolveScenarioFile, type ResolvedScenario, type ResolveOptions } from '../scenario/resolve.js';
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
 * Resolves a scenario file, runs it and builds its result, writing nothing.
 *
 * @example
 * const { result } = await forecastFile('config/examples/demo-growth.yaml', { trajectories: 10_000, workers: 2 });
 * console.log(result.claims[0].probability);
 */
export async function forecastFile(file: string, options: ResolveOptions & RunOptions & { backendFor?: (s: ResolvedScenario) => Backend } = {}): Promise<ForecastOutput> {
  const { scenario, model, warnings } = await resolveScenarioFile(file, options);
  const startedAt = new Date();
  const outcome = await runScenario(scenario, model, { ...options, backend: options.backendFor?.(scenario) ?? options.backend });
  return { scenario, model, result: buildResult(scenario, outcome, startedAt), outcome, warnings };
}
