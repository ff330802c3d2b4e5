import { SeededStream, inputStreamKey } from '../rng/streams.js';
import type { CorrelationPlan } from './imposeCorrelation.js';
import { imposeOnPairs } from './rankReordering.js';
import { REPLICATES } from './replicates.js';
import type { Sampler } from './sampler.js';

/**
 * Plain Monte Carlo with antithetic pairs (Hammersley & Morton 1956): trajectory
 * 2k draws u and trajectory 2k + 1 draws 1 − u for every input, which reduces
 * variance for outputs monotone in the inputs. A pair shares a replicate
 * ((t ≫ 1) mod R), so replicates stay independent. Correlations: Iman–Conover
 * on the uniforms of each pair's first member, before the quantile maps, then
 * the partners are set to 1 − u again.
 */
export class AntitheticSampler implements Sampler {
  readonly name = 'antithetic';
  readonly replicates = REPLICATES;
  readonly correlates = 'uniforms';
  constructor(private readonly seed: number) {}
  replicateOf(t: number): number {
    return (t >>> 1) % REPLICATES;
  }
  fillUniforms(block: number, _i: number, inputName: string, first: number, out: Float64Array, n: number): void {
    const s = new SeededStream(inputStreamKey(this.seed, block, inputName));
    let i = 0;
    if ((first & 1) === 1 && n > 0) out[i++] = s.next(); // a block never starts mid-pair (B is even); kept for safety
    for (; i + 1 < n; i += 2) {
      const u = s.next();
      out[i] = u;
      out[i + 1] = 1 - u;
    }
    if (i < n) out[i] = s.next();
  }
  correlate(columns: Float64Array[], correlation: CorrelationPlan, block: number, first: number, n: number): void {
    imposeOnPairs(this, correlation, columns, this.seed, block, first, n);
  }
}
