import { SeededStream, inputStreamKey } from '../rng/streams.js';
import type { CorrelationPlan } from './imposeCorrelation.js';
import { imposeByRanks } from './rankReordering.js';
import { REPLICATES } from './replicates.js';
import type { Sampler } from './sampler.js';

/**
 * Latin hypercube sampling (McKay, Beckman & Conover 1979, Technometrics 21:239),
 * stratified per input within each replicate of each block: the m trajectories of
 * replicate r in the block get u = (π(j) + v_j)/m for a random permutation π and
 * jitters v_j, so every stratum of width 1/m holds exactly one draw. Inputs use
 * independent streams, so their permutations are independent. Correlations:
 * Iman–Conover on the values within each replicate, so replicates stay
 * stratified and independent.
 */
export class LatinHypercubeSampler implements Sampler {
  readonly name = 'lhs';
  readonly replicates = REPLICATES;
  readonly correlates = 'values';
  constructor(private readonly seed: number) {}
  replicateOf(t: number): number {
    return t % REPLICATES;
  }
  fillUniforms(block: number, _i: number, inputName: string, first: number, out: Float64Array, n: number): void {
    const s = new SeededStream(inputStreamKey(this.seed, block, `${inputName}/lhs`));
    const R = REPLICATES;
    for (let r = 0; r < R; r++) {
      // Positions in the block of replicate r's trajectories: i ≡ (r − first) mod R.
      const start = (((r - first) % R) + R) % R;
      const m = start < n ? Math.floor((n - 1 - start) / R) + 1 : 0;
      if (m === 0) continue;
      const perm = new Int32Array(m);
      for (let j = 0; j < m; j++) perm[j] = j;
      for (let j = m - 1; j > 0; j--) {
        const k = Math.floor(s.next() * (j + 1));
        const tmp = perm[j];
        perm[j] = perm[k];
        perm[k] = tmp;
      }
      for (let j = 0; j < m; j++) out[start + j * R] = (perm[j] + s.next()) / m;
    }
  }
  correlate(columns: Float64Array[], correlation: CorrelationPlan, block: number, first: number, n: number): void {
    imposeByRanks(this, correlation, columns, this.seed, block, first, n);
  }
}
