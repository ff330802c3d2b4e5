import { resolveScenarioData, resolveScenarioFile, type ResolveOptions } from '../../src/scenario/resolve.js';
import { runScenario, type RunOptions } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { resultJson } from '../../src/report/writeRun.js';
import type { Result } from '../../src/result/resultSchema.js';

/** Runs a scenario file and returns its result. */
export async function runFile(file: string, options: ResolveOptions & RunOptions = {}): Promise<Result> {
  const { scenario, model } = await resolveScenarioFile(file, options);
  return buildResult(scenario, await runScenario(scenario, model, options), new Date(0));
}

/** Runs scenario data (validated like a file) and returns its result. */
export async function runData(data: unknown, options: RunOptions = {}, file = ''): Promise<Result> {
  const { scenario, model } = await resolveScenarioData(data, file);
  return buildResult(scenario, await runScenario(scenario, model, options), new Date(0));
}

/** result.json without the `run` block: what must be byte-identical between runs. */
export function stableBytes(r: Result): string {
  const { run: _run, ...rest } = r;
  return resultJson(rest as Result);
}
