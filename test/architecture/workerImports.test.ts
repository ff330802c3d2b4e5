import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticImports } from '../helpers/staticImports.js';

/**
 * What a worker thread loads at start-up: the static imports, type-only ones
 * aside, reachable from workers/block.ts. zod (~40 ms per thread), @stdlib's
 * gamma function (~24 ms) and the Sobol direction table (~13 ms) are loaded
 * on the main thread or on first use only (src/distributions/build.ts,
 * src/model/formula/formulaSchema.ts, the Weibull mean, joeKuoDirections).
 * Piscina's main module (~6 ms; the thread takes workerData from
 * worker_threads), seedrandom (~5 ms, Sobol only), the formula compiler
 * (~6 ms, formula models only) and the built-in models other than the one a
 * run uses (~6 ms; src/models/load.ts) are not loaded either.
 */
describe('worker start-up', () => {
  it('workers/block.ts loads neither zod, nor @stdlib gamma, nor the Sobol direction table', () => {
    const { files, packages } = staticImports(path.join('workers', 'block.ts'));
    expect(files.size).toBeGreaterThan(20); // the walk found the engine
    expect([...packages].filter((p) => p === 'zod' || p === '@stdlib/math-base-special-gamma')).toEqual([]);
    expect([...files].filter((f) => /sobolDirections|schemas?\.ts$|formulaSchema|zodIssues/.test(f))).toEqual([]);
  });

  it('workers/block.ts loads neither Piscina nor seedrandom, nor the formula compiler, nor any built-in model up front', () => {
    const { files, packages } = staticImports(path.join('workers', 'block.ts'));
    expect([...packages].filter((p) => p === 'piscina' || p === 'seedrandom' || p === 'jsep')).toEqual([]);
    expect([...files].filter((f) => /formula[/\\]formulaModel\.ts$|src[/\\]models[/\\](index\.ts$|[^/\\]+[/\\])/.test(f))).toEqual([]);
  });
});
