import { SeededStream, inputStreamKey } from '../rng/streams.js';
import type { CorrelationPlan } from './imposeCorrelation.js';
import { imposeByRanks } from './rankReordering.js';
import type { Sampler } from './sampler.js';

/**
 * Plain Monte Carlo: independent uniforms from the stream keyed by
 * (seed, block, input name), so each input's draws are unaffected by any
 * other input, by the worker count and by the number of blocks.
 * Correlations: Iman–Conover on the values over the whole block.
 */
export class MonteCarloSampler implements Sampler {
  readonly name = 'mc';
  readonly replicates = 0;
  readonly correlates = 'values';
  constructor(private readonly seed: number) {}
  replicateOf(): number {
    return 0;
  }
  fillUniforms(block: number, _i: number, inputName: string, _first: number, out: Float64Array, n: number): void {
    const s = new SeededStream(inputStreamKey(this.seed, block, inputName));
    for (let i = 0; i < n; i++) out[i] = s.next();
  }
  correlate(columns: Float64Array[], correlation: CorrelationPlan, block: number, first: number, n: number): void {
    imposeByRanks(this, correlation, columns, this.seed, block, first, n);
  }
}
