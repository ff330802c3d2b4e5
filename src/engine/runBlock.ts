import type { BlockSummary } from '../stats/blockSummary.js';
import { flushChunks, type BlockScratch } from './blockScratch.js';
import { accumulateChunks, chunkFailure } from './chunkBlock.js';
import type { RunPlan } from './runPlan.js';

export { RunPlan } from './runPlan.js';
export { TrajectoryEvaluator } from './trajectoryEvaluator.js';


/**
 * Runs block `block` (trajectories [block·B, block·B + n)) and returns its
 * summary. Inputs are drawn struct-of-arrays, one Float64Array per input;
 * outputs are pre-filled with NaN before each trajectory so anything a model
 * leaves unwritten is counted as non-finite. The first `keep` trajectories of
 * the block also leave a row (inputs, scalars, series) for audit. A model
 * written column-wise (simulateChunk) is run a chunk at a time instead
 * (chunkBlock.ts), with the same results.
 * Throws ModelError (with the trajectory and its inputs) if the model throws.
 */
export function runBlock(plan: RunPlan, block: number, blockSize: number, keep = 0): BlockSummary {
  const n = plan.blockLength(block, blockSize);
  const scratch = plan.blockScratch(n);
  const columns = drawInputs(plan, block, block * blockSize, n, scratch.columns);
  if (scratch.context !== null) {
    try {
      return accumulateChunks(plan, scratch, columns, block, blockSize, keep);
    } catch (e) {
      throw chunkFailure(plan, scratch, columns, e, block, blockSize);
    }
  }
  try {
    return accumulateBlock(plan, scratch, columns, block, blockSize, keep);
  } catch (e) {
    throw scratch.evaluator.failure(e, block);
  }
}

/**
 * runBlock's loop, kept free of try/catch (see TrajectoryEvaluator.runRow).
 * Nothing follows the loop but the return: V8 compiles the loop on stack
 * replacement (OSR) in a thread's first block, before code after the loop
 * has ever run, and that compiled code, kept for the loop and entered again
 * in every later block, deoptimised at the first call or property store it
 * met after the loop, block after block (seen with --trace-deopt). The last
 * chunk is flushed inside the loop for the same reason.
 */
function accumulateBlock(plan: RunPlan, scratch: BlockScratch, columns: Float64Array[], block: number, blockSize: number, keep: number): BlockSummary {
  const n = plan.blockLength(block, blockSize);
  const summary = plan.takeSummary(n);
  const kept = Math.min(keep, n);
  const rows = new Float64Array(kept * plan.layout.rowWidth);
  trajectoryLoop(plan, scratch, columns, block * blockSize, n, summary, rows, kept);
  summary.trajectories = n;
  summary.rows = rows;
  return summary;
}

/** Runs, accumulates and counts the block's n trajectories (the first at global index `first`), keeping the first `kept` as rows. */
function trajectoryLoop(plan: RunPlan, scratch: BlockScratch, columns: Float64Array[], first: number, n: number, summary: BlockSummary, rows: Float64Array, kept: number): void {
  const { evaluator, chunks } = scratch;
  const CHUNK = scratch.chunk;
  const H = plan.scenario.horizon;
  const seriesArrays = evaluator.series, scalarValues = evaluator.scalars;
  const outputs = summary.outputs, counters = summary.claims;
  const nSeries = seriesArrays.length, nScalars = scalarValues.length, nInputs = plan.inputNames.length;
  const rowWidth = plan.layout.rowWidth;

  // Series are accumulated column-wise, CHUNK trajectories at a time (bit-identical to one by
  // one), from chunks laid out slot by slot: slot k of the chunk's trajectory i at k·slotStride + i.
  const stride = H + 1, slotStride = scratch.slotStride;
  let pending = 0;
  // A plan's first chunks are small and grow to CHUNK, so the accumulation loop is called
  // (and optimised by V8) early in the first block rather than after 2,048 trajectories.
  let limit = Math.min(CHUNK, scratch.nextChunk);

  for (let i = 0; i < n; i++) {
    evaluator.runRow(first + i, columns, i);
    for (let s = 0; s < nSeries; s++) {
      const from = seriesArrays[s], to = chunks[s];
      for (let k = 0, p = pending; k < stride; k++, p += slotStride) to[p] = from[k];
    }
    if (++pending === limit || i === n - 1) {
      flushChunks(outputs, chunks, scratch.chunkWords, pending, slotStride);
      if (pending === limit) scratch.nextChunk = limit = Math.min(CHUNK, 2 * limit);
      pending = 0;
    }
    for (let c = 0; c < nScalars; c++) outputs[nSeries + c].addAt(0, scalarValues[c]);
    if (counters.length > 0) plan.claims.evaluate(seriesArrays, scalarValues, counters, plan.sampler.replicateOf(first + i));
    if (i < kept) {
      // The row layout KeptRows (keptRows.ts) reads: inputs, scalars, claim outcomes, series.
      let p = i * rowWidth;
      for (let j = 0; j < nInputs; j++) rows[p++] = columns[j][i];
      for (let c = 0; c < nScalars; c++) rows[p++] = scalarValues[c];
      // Claim outcomes: 1 true, 0 false, NaN when undefined or excluded by its condition.
      for (let c = 0; c < plan.claims.count; c++) rows[p++] = plan.claims.states[c] <= 1 ? plan.claims.states[c] : NaN;
      for (let s = 0; s < nSeries; s++) {
        rows.set(seriesArrays[s], p);
        p += H + 1;
      }
    }
  }
}

/**
 * The sampled (and correlated) input values of a block, one column per input:
 * the sampler's uniforms, mapped through each distribution's quantile function,
 * with the sampler's correlation step before or after the maps.
 */
export function drawInputs(plan: RunPlan, block: number, first: number, n: number, into?: Float64Array[]): Float64Array[] {
  const columns = plan.inputNames.map((name, j) => {
    const col = into ? into[j] : new Float64Array(n);
    plan.sampler.fillUniforms(block, j, name, first, col, n);
    return col;
  });
  // The sampler imposes correlations on its own points, on the uniforms or on the values.
  const corr = plan.correlation, sampler = plan.sampler;
  if (corr !== null && sampler.correlates === 'uniforms') sampler.correlate(columns, corr, block, first, n);
  plan.distributions.forEach((d, j) => d.mapQuantiles(columns[j], columns[j], n));
  if (corr !== null && sampler.correlates === 'values') sampler.correlate(columns, corr, block, first, n);
  return columns;
}
