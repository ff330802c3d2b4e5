import { SeededStream } from '../rng/streams.js';
import { imanConover, type CorrelationPlan } from './imposeCorrelation.js';
import type { Sampler } from './sampler.js';

/** The stream of block `block`'s Iman–Conover permutations: one per block, shared by its replicates in order. */
function imanConoverStream(seed: number, block: number): SeededStream {
  return new SeededStream(`${seed}/block/${block}/iman-conover`);
}

/**
 * Iman–Conover within the block: over all its trajectories when the sampler
 * has no replicates (plain Monte Carlo), and within each replicate's
 * trajectories otherwise (Latin hypercube), so each replicate stays an
 * independent, stratified design. Works on values (or on uniforms: only
 * ranks matter).
 */
export function imposeByRanks(sampler: Sampler, corr: CorrelationPlan, columns: Float64Array[], seed: number, block: number, first: number, n: number): void {
  const stream = imanConoverStream(seed, block);
  const R = sampler.replicates;
  if (R === 0) {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
    imanConover(columns, corr, rows, stream);
    return;
  }
  for (let r = 0; r < R; r++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (sampler.replicateOf(first + i) === r) rows.push(i);
    imanConover(columns, corr, Int32Array.from(rows), stream);
  }
}

/**
 * Antithetic pairs keep their structure: Iman–Conover reorders the uniforms of
 * the first member of each pair (within each replicate), and the partner is
 * set to 1 − u again, so pairs stay antithetic and the ranks, hence the rank
 * correlations, carry over to the values (quantile functions are monotone).
 * Works on uniforms, before the quantile maps.
 */
export function imposeOnPairs(sampler: Sampler, corr: CorrelationPlan, columns: Float64Array[], seed: number, block: number, first: number, n: number): void {
  const stream = imanConoverStream(seed, block);
  // A block starts at an even trajectory (the block size is even), so pairs are (i, i + 1) for even i.
  for (let r = 0; r < sampler.replicates; r++) {
    const rows: number[] = [];
    for (let i = 0; i + 1 < n; i += 2) if (sampler.replicateOf(first + i) === r) rows.push(i);
    imanConover(columns, corr, Int32Array.from(rows), stream);
  }
  for (const input of corr.inputs) {
    const col = columns[input];
    for (let i = 0; i + 1 < n; i += 2) col[i + 1] = 1 - col[i];
  }
}
