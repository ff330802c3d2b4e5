import type { CorrelationPlan } from './imposeCorrelation.js';

/**
 * Produces the uniforms in (0, 1) that drive one input's draws for one block,
 * and imposes the scenario's correlations on its own points. Distributions turn
 * uniforms into values through their quantile functions, so a sampler never
 * needs to know the distribution. The block runner (engine/runBlock.ts,
 * `drawInputs`) calls, per block: `fillUniforms` for every input, then
 * `correlate` if `correlates` is 'uniforms', then the quantile maps, then
 * `correlate` if `correlates` is 'values'.
 */
export interface Sampler {
  /** The name written in scenarios and on the CLI (its key in registry.ts). */
  readonly name: string;
  /** Number of independent replicates (0: draws are independent, use Wilson). */
  readonly replicates: number;
  /** The replicate of global trajectory t (0 when replicates = 0). */
  replicateOf(t: number): number;
  /**
   * Fills out[0..n) with the uniforms of input `inputIndex` (named `inputName`)
   * for the trajectories first … first + n − 1 of block `block`.
   */
  fillUniforms(block: number, inputIndex: number, inputName: string, first: number, out: Float64Array, n: number): void;
  /**
   * What `correlate` works on: the uniforms, before the quantile maps (for
   * points whose structure a reordering of values would break), or the
   * values, after them (rank reordering, which leaves every margin as drawn).
   */
  readonly correlates: 'uniforms' | 'values';
  /**
   * Imposes the correlation plan on columns[input][0..n) (one column per
   * input, uniforms or values as `correlates` says) for the trajectories
   * first … first + n − 1 of block `block`, in place. Any randomness comes
   * from streams keyed by (seed, block), never from a shared stream.
   */
  correlate(columns: Float64Array[], correlation: CorrelationPlan, block: number, first: number, n: number): void;
}
