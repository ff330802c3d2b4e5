import { buildDistribution, type DistributionSpec } from '../distributions/build.js';
import type { Distribution } from '../distributions/distribution.js';
import { correlationPlan, type CorrelationPlan } from '../sampling/imposeCorrelation.js';
import { createSampler } from '../sampling/registry.js';
import type { Sampler } from '../sampling/sampler.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { BlockSummary, type SummaryLayout } from '../stats/blockSummary.js';
import { flushChunks, newBlockScratch, type BlockScratch } from './blockScratch.js';
import { accumulateChunks, chunkFailure } from './chunkBlock.js';
import { CompiledClaims } from './compiledClaims.js';
import type { Model } from '../model/defineModel.js';
import { TrajectoryEvaluator } from './trajectoryEvaluator.js';

export { TrajectoryEvaluator } from './trajectoryEvaluator.js';

/**
 * Everything needed to run blocks of one scenario, built once per worker:
 * distributions, sampler, compiled claims and the summary layout.
 */
export class RunPlan {
  readonly inputNames: string[];
  readonly distributions: Distribution[];
  readonly seriesNames: string[];
  readonly scalarNames: string[];
  readonly claims: CompiledClaims;
  readonly sampler: Sampler;
  readonly layout: SummaryLayout;
  readonly correlation: CorrelationPlan | null;

  constructor(readonly scenario: ResolvedScenario, readonly model: Model) {
    this.inputNames = Object.keys(scenario.inputs);
    this.distributions = this.inputNames.map((n) => buildDistribution(scenario.inputs[n] as DistributionSpec));
    this.seriesNames = Object.keys(model.series);
    this.scalarNames = Object.keys(model.scalars);
    this.claims = new CompiledClaims(scenario.claims, this.seriesNames, this.scalarNames, scenario.horizon);
    this.sampler = createSampler(scenario.sampler, scenario.seed, this.inputNames.length);
    this.correlation = correlationPlan(scenario.correlations, this.inputNames);
    const H = scenario.horizon;
    this.layout = {
      outputLengths: [...this.seriesNames.map(() => H + 1), ...this.scalarNames.map(() => 1)],
      horizon: H,
      firstPassage: scenario.claims.map((_, i) => this.claims.isFirstPassage(i)),
      replicates: this.sampler.replicates,
      rowWidth: this.inputNames.length + this.scalarNames.length + scenario.claims.length + this.seriesNames.length * (H + 1),
    };
  }

  private spare: BlockSummary | null = null;

  /**
   * A summary for the next block: the one last handed back with `recycle`,
   * emptied (its sketch windows stay where the previous block put them, so the
   * next block rarely widens or moves them), or a new one.
   */
  takeSummary(): BlockSummary {
    const s = this.spare;
    if (s === null) return new BlockSummary(this.layout);
    this.spare = null;
    s.reset();
    return s;
  }

  /** Hands back a block summary that nothing references any more (once encoded). */
  recycle(summary: BlockSummary): void {
    this.spare = summary;
  }

  private scratch: BlockScratch | null = null;

  /**
   * The buffers a block runs in, built once per plan and reused block after
   * block (blocks of a plan run one at a time): the input columns, the
   * evaluator (its generated input setter stays optimised) and the chunk
   * buffers the series are accumulated from. Reallocating them per block cost
   * ~10 MB of garbage a block on the flagship, and a cold setter each time.
   */
  blockScratch(n: number): BlockScratch {
    let s = this.scratch;
    if (s === null || s.capacity < n) s = this.scratch = newBlockScratch(this, n, s?.evaluator ?? new TrajectoryEvaluator(this), s);
    return s;
  }

  /** Number of trajectories in block `block` of size `blockSize`. */
  blockLength(block: number, blockSize: number): number {
    return Math.max(0, Math.min(blockSize, this.scenario.trajectories - block * blockSize));
  }
}

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

/** runBlock's loop, kept free of try/catch (see TrajectoryEvaluator.runRow). */
function accumulateBlock(plan: RunPlan, scratch: BlockScratch, columns: Float64Array[], block: number, blockSize: number, keep: number): BlockSummary {
  const { evaluator, chunks } = scratch;
  const CHUNK = scratch.chunk;
  const { scenario, inputNames } = plan;
  const n = plan.blockLength(block, blockSize);
  const H = scenario.horizon;
  const first = block * blockSize;
  const seriesArrays = evaluator.series, scalarValues = evaluator.scalars;
  const summary = plan.takeSummary();
  const outputs = summary.outputs, counters = summary.claims;
  const nSeries = seriesArrays.length, nScalars = scalarValues.length, nInputs = inputNames.length;
  const kept = Math.min(keep, n);
  const rowWidth = plan.layout.rowWidth;
  const rows = new Float64Array(kept * rowWidth);

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
    if (++pending === limit) {
      flushChunks(outputs, chunks, scratch.chunkWords, pending, slotStride);
      pending = 0;
      scratch.nextChunk = limit = Math.min(CHUNK, 2 * limit);
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
  flushChunks(outputs, chunks, scratch.chunkWords, pending, slotStride);
  summary.trajectories = n;
  summary.rows = rows;
  return summary;
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
