import { SeededStream, inputStreamKey } from '../rng/streams.js';
import { AntitheticSampler } from './antithetic.js';
import { LatinHypercubeSampler } from './latinHypercube.js';
import { SobolSampler } from './sobol.js';

/** Sampler names as written in scenarios and on the CLI. */
export const SAMPLER_NAMES = ['mc', 'lhs', 'sobol', 'antithetic'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/**
 * Independent replicates for the samplers whose draws are not independent
 * (lhs, sobol, antithetic): every trajectory belongs to replicate t mod R (or
 * its pair's, for antithetic), each replicate is an independent randomized
 * design, and the standard error comes from the spread of the R replicate
 * estimates instead of the Wilson formula.
 */
export const REPLICATES = 32;

/**
 * Produces the uniforms in (0, 1) that drive one input's draws for one block.
 * Distributions turn them into values through their quantile functions, so a
 * sampler never needs to know the distribution.
 */
export interface Sampler {
  readonly name: SamplerName;
  /** Number of independent replicates (0: draws are independent, use Wilson). */
  readonly replicates: number;
  /** The replicate of global trajectory t (0 when replicates = 0). */
  replicateOf(t: number): number;
  /**
   * Fills out[0..n) with the uniforms of input `inputIndex` (named `inputName`)
   * for the trajectories first … first + n − 1 of block `block`.
   */
  fillUniforms(block: number, inputIndex: number, inputName: string, first: number, out: Float64Array, n: number): void;
}

/**
 * Plain Monte Carlo: independent uniforms from the stream keyed by
 * (seed, block, input name), so each input's draws are unaffected by any
 * other input, by the worker count and by the number of blocks.
 */
export class MonteCarloSampler implements Sampler {
  readonly name = 'mc';
  readonly replicates = 0;
  constructor(private readonly seed: number) {}
  replicateOf(): number {
    return 0;
  }
  fillUniforms(block: number, _i: number, inputName: string, _first: number, out: Float64Array, n: number): void {
    const s = new SeededStream(inputStreamKey(this.seed, block, inputName));
    for (let i = 0; i < n; i++) out[i] = s.next();
  }
}

/** The sampler a scenario names. */
export function createSampler(name: SamplerName, seed: number, dimensions: number): Sampler {
  switch (name) {
    case 'mc':
      return new MonteCarloSampler(seed);
    case 'lhs':
      return new LatinHypercubeSampler(seed);
    case 'antithetic':
      return new AntitheticSampler(seed);
    case 'sobol':
      return new SobolSampler(seed, dimensions);
  }
}
