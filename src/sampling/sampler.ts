import { SeededStream, inputStreamKey } from '../rng/streams.js';

/**
 * Produces the uniforms in (0, 1) that drive one input's draws for one block.
 * Distributions turn them into values through their quantile functions, so
 * a sampler never needs to know the distribution.
 */
export interface Sampler {
  readonly name: string;
  /** Fills out[0..n) with the uniforms of input `inputName` for block `block`. */
  fillUniforms(block: number, inputName: string, out: Float64Array, n: number): void;
}

/**
 * Plain Monte Carlo: independent uniforms from the stream keyed by
 * (seed, block, input name), so each input's draws are unaffected by any
 * other input, by the worker count and by the number of blocks.
 */
export class MonteCarloSampler implements Sampler {
  readonly name = 'mc';
  constructor(private readonly seed: number) {}
  fillUniforms(block: number, inputName: string, out: Float64Array, n: number): void {
    const s = new SeededStream(inputStreamKey(this.seed, block, inputName));
    for (let i = 0; i < n; i++) out[i] = s.next();
  }
}

/** The sampler a scenario names. */
export function createSampler(name: 'mc', seed: number): Sampler {
  switch (name) {
    case 'mc':
      return new MonteCarloSampler(seed);
  }
}
