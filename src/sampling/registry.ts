/**
 * The samplers a scenario (`sampler:`) or the CLI (`--sampler`) can name.
 *
 * To add one: copy src/sampling/latinHypercube.ts (a stratified sampler with
 * replicates; src/sampling/monteCarlo.ts is the simplest) to a new file,
 * implement the Sampler interface of src/sampling/sampler.ts (uniforms, and
 * how correlations are imposed on its points: see `correlates`/`correlate`;
 * the shared Iman–Conover helpers are in rankReordering.ts), and add one line
 * below. The name becomes valid in scenario files and on the CLI.
 */
import { AntitheticSampler } from './antithetic.js';
import { LatinHypercubeSampler } from './latinHypercube.js';
import { MonteCarloSampler } from './monteCarlo.js';
import type { Sampler } from './sampler.js';
import { SobolSampler } from './sobol.js';

/** Builds a sampler from the run's seed and its number of inputs (dimensions). */
export type SamplerConstructor = (seed: number, dimensions: number) => Sampler;

/** Name → constructor; the order is the order names are listed in help and errors. */
export const SAMPLERS = {
  mc: (seed) => new MonteCarloSampler(seed),
  lhs: (seed) => new LatinHypercubeSampler(seed),
  sobol: (seed, dimensions) => new SobolSampler(seed, dimensions),
  antithetic: (seed) => new AntitheticSampler(seed),
} as const satisfies Record<string, SamplerConstructor>;

/** Sampler names as written in scenarios and on the CLI. */
export type SamplerName = keyof typeof SAMPLERS;
export const SAMPLER_NAMES = Object.keys(SAMPLERS) as [SamplerName, ...SamplerName[]];

/** The sampler named `name`; throws on a name the registry does not hold (no default). */
export function createSampler(name: string, seed: number, dimensions: number): Sampler {
  if (!Object.hasOwn(SAMPLERS, name)) throw new Error(`unknown sampler "${name}": expected one of ${SAMPLER_NAMES.join(', ')}`);
  return SAMPLERS[name as SamplerName](seed, dimensions);
}
