import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerFile } from '../../src/engine/piscinaBackend.js';
import { runScenario } from '../../src/engine/run.js';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { encodeSummary } from '../../src/stats/summaryCodec.js';

const meta = { source: 'test', rationale: 'test' };

/**
 * Worker threads run the bundle scripts/bundle-worker.mjs builds (rolldown,
 * into dist/workers/bundle/), which `npm test` builds first. What the bundle
 * could get wrong is what a module finds beside itself or loads on first use:
 * Sobol's direction table (a JSON file read next to the module), seedrandom
 * (Sobol's scrambling, required on first use), @stdlib's erfc (PERT, beta and
 * gamma tables), a formula model's compiler and a built-in model (each a chunk
 * of its own); and a model file, which imports the package's own modules, so
 * that its classes are a second copy beside the bundle's.
 */
describe('the bundled worker entry point', () => {
  it('is what worker threads run once built (through its CommonJS entry, test/reliability/poolShutdown.test.ts says why)', () => {
    const file = workerFile();
    expect(path.relative(path.resolve('dist/workers'), file)).toBe(path.join('bundle', 'block.cjs'));
    expect(readFileSync(file, 'utf8')).toContain(`import("./block.mjs")`);
    expect(existsSync(path.resolve('dist/workers/bundle/sobolDirections.json'))).toBe(true);
  });

  it('gives the bytes of an in-process run: Sobol, PERT, gamma, Weibull, Poisson and beta inputs, a formula model, on 2 threads', async () => {
    const data = {
      name: 'bundle-check', description: 'what the worker bundle loads', start: '2026-01', horizon: 12, trajectories: 3_000, seed: 11, sampler: 'sobol',
      model: {
        name: 'bundle-formulas', description: 'test model',
        let: {},
        monthly: { level: 'if(m == 0, a + b + c, level[m - 1] * (1 + d / 100))' },
        series: { value: { unit: '1', formula: 'level + e' } },
        scalars: { last: { unit: '1', formula: 'value[H]' } },
      },
      inputs: {
        a: { dist: 'pert', min: 1, mode: 2, max: 5, unit: '1', ...meta },
        b: { dist: 'gamma', shape: 0.7, scale: 2, unit: '1', ...meta },
        c: { dist: 'weibull', shape: 1.5, scale: 3, unit: '1', ...meta },
        d: { dist: 'poisson', lambda: 4, unit: '1', ...meta },
        e: { dist: 'beta', alpha: 2, beta: 5, unit: '1', ...meta },
      },
      claims: [{ id: 'high', statement: 'value above 9 by 12', series: 'value', above: 9, by: 12 }],
    };
    const { scenario, model } = await resolveScenarioData(data, '');
    const bytes = async (workers: number) => Buffer.from(encodeSummary((await runScenario(scenario, model, { workers, blockSize: 500 })).summary).buffer);
    const here = await bytes(0);
    expect((await bytes(2)).equals(here)).toBe(true);
  }); // timeout: vitest.config.ts

  it("passes on a model file's own ModelError (the package's class, not the bundle's copy) as it is, as in-process", async () => {
    const { resolveScenarioFile } = await import('../../src/scenario/resolve.js');
    const { ModelError } = await import('../../src/errors.js');
    const { scenario, model } = await resolveScenarioFile(path.resolve('test/fixtures/throws-model-error.yaml'));
    const failure = async (workers: number): Promise<unknown> => runScenario(scenario, model, { workers }).then(() => null, (e: unknown) => e);
    const here = await failure(0), threads = await failure(1);
    expect(here).toBeInstanceOf(ModelError);
    expect(threads).toBeInstanceOf(ModelError);
    const message = 'model throws-model-error threw in scenario its own, block -1, trajectory 7: details from the model\n  inputs: note=42';
    expect((here as Error).message).toBe(message);
    expect((threads as Error).message).toBe(message);
  });

  it('loads a built-in model on a thread as in-process', async () => {
    const { resolveScenarioFile } = await import('../../src/scenario/resolve.js');
    const { scenario, model } = await resolveScenarioFile(path.resolve('config/examples/demo-growth.yaml'), { trajectories: 2_000 });
    const bytes = async (workers: number) => Buffer.from(encodeSummary((await runScenario(scenario, model, { workers, blockSize: 500 })).summary).buffer);
    expect((await bytes(2)).equals(await bytes(0))).toBe(true);
  });
});
