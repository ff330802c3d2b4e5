import { ModelError } from '../model/modelError.js';
import type { BlockSummary } from '../stats/blockSummary.js';
import { flushChunks, type BlockScratch } from './blockScratch.js';
import type { RunPlan } from './runPlan.js';
import { AsyncModelError, refuseAsync } from './trajectoryEvaluator.js';

/**
 * runBlock's loop for a model written column-wise (simulateChunk): chunk by
 * chunk, the model writes the series buffers (month-major, where the
 * accumulator reads; NaN wherever it writes nothing), then every claim,
 * series and scalar is accumulated column-wise, and the buffers set back to
 * NaN as they are read. Values are accumulated in trajectory
 * order and claims counted, so a model whose simulate and simulateChunk
 * compute the same values gives the same bytes either way (the chunk size
 * never changes a result).
 */
export function accumulateChunks(plan: RunPlan, scratch: BlockScratch, columns: Float64Array[], block: number, blockSize: number, keep: number): BlockSummary {
  const { chunks, scalarColumns } = scratch;
  const ctx = scratch.context!;
  const model = plan.model, claims = plan.claims;
  const n = plan.blockLength(block, blockSize);
  const H = plan.scenario.horizon, slotStride = scratch.slotStride;
  const first = block * blockSize;
  const summary = plan.takeSummary(n);
  const outputs = summary.outputs, counters = summary.claims;
  const nSeries = chunks.length, nScalars = scalarColumns.length, nInputs = columns.length;
  const kept = Math.min(keep, n);
  const rowWidth = plan.layout.rowWidth;
  const rows = new Float64Array(kept * rowWidth);
  // Chunks of 16, 32, … up to full size from each block's start. Small first chunks get the model and
  // the accumulation optimised by V8 early in a thread's first block (as in the trajectory-by-trajectory
  // loop); restarting in every block, rather than growing once per thread, makes where a chunk starts
  // depend only on the trajectory's place in its block, never on the blocks a thread ran before (so on
  // the worker count), even for a model whose values depend on it (one that begins only some
  // trajectories' streams, say). The small chunks cost ~0.5% of a block.
  let size = Math.min(scratch.chunk, 16);
  for (let from = 0; from < n; ) {
    const len = Math.min(size, n - from);
    // Kept rows' inputs are taken before the model runs (a model must not write its input columns, but one that does cannot change them).
    for (let i = from; i < Math.min(kept, from + len); i++) for (let j = 0, p = i * rowWidth; j < nInputs; j++) rows[p++] = columns[j][i];
    ctx.load(columns, scalarColumns, from, len, first + from);
    ctx.inModel = true;
    refuseAsync(model.simulateChunk!(ctx), 'simulateChunk');
    ctx.inModel = false;
    if (counters.length > 0) claims.evaluateChunk(chunks, slotStride, scalarColumns, len, counters, plan.sampler, first + from);
    // Kept rows (the layout KeptRows reads: inputs, scalars, claim outcomes, series) for the block's first `keep` trajectories.
    for (let i = from; i < Math.min(kept, from + len); i++) {
      const r = i - from;
      let p = i * rowWidth + nInputs;
      for (let c = 0; c < nScalars; c++) rows[p++] = scalarColumns[c][r];
      for (let c = 0; c < claims.count; c++) {
        const state = claims.chunkStates[c * claims.chunkCapacity + r];
        rows[p++] = state <= 1 ? state : NaN;
      }
      for (let s = 0; s < nSeries; s++) for (let m = 0; m <= H; m++) rows[p++] = chunks[s][m * slotStride + r];
    }
    // Accumulated and set back to NaN, ready for the next chunk: each slot whole (a model writing past
    // the chunk's trajectories must not leave a value a later, larger chunk would take as written).
    flushChunks(outputs, chunks, scratch.chunkWords, len, slotStride, slotStride);
    for (let c = 0; c < nScalars; c++) outputs[nSeries + c].addColumns(scalarColumns[c], len, 1, 1, scratch.scalarWords[c], len);
    from += len;
    size = Math.min(scratch.chunk, 2 * size);
  }
  summary.trajectories = n;
  summary.rows = rows;
  return summary;
}

/**
 * The ModelError for an exception thrown while a chunk was computed: the
 * chunk's trajectories are computed again one by one with `simulate`, and
 * the first that throws is reported with its inputs. When none does (a
 * model whose two forms disagree), the chunk's first trajectory is named.
 */
export function chunkFailure(plan: RunPlan, scratch: BlockScratch, columns: Float64Array[], e: unknown, block: number, blockSize: number): unknown {
  // The chunk was left half-written: its buffers are NaN again for the plan's next block.
  for (const buf of [...scratch.chunks, ...scratch.scalarColumns]) buf.fill(NaN);
  const ctx = scratch.context!, evaluator = scratch.evaluator;
  // Thrown by the engine's own code, not the model: not the model's error.
  if (!ctx.inModel) return e;
  ctx.inModel = false;
  if (e instanceof ModelError) return e;
  const from = ctx.first - block * blockSize;
  // (An async simulateChunk is reported as it is: its simulate would only say simulate is async.)
  for (let i = from; i < from + ctx.count && !(e instanceof AsyncModelError); i++) {
    try {
      evaluator.runRow(ctx.first + i - from, columns, i);
    } catch (again) {
      return evaluator.failure(again, block);
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ModelError({
    scenario: plan.scenario.name,
    model: plan.model.name,
    block,
    trajectory: ctx.first,
    inputs: Object.fromEntries(plan.inputNames.map((name, j) => [name, columns[j][from]])),
    message: e instanceof AsyncModelError ? message : `${message} (simulateChunk threw on trajectories ${ctx.first}…${ctx.first + ctx.count - 1}; simulate computed each of them without error)`,
  });
}
