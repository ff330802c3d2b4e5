import type { OutputAccumulator } from '../stats/outputAccumulator.js';
import { ChunkContext } from './chunkContext.js';
import type { TrajectoryEvaluator } from './trajectoryEvaluator.js';

/** Reused buffers of a plan's blocks (RunPlan.blockScratch). */
export interface BlockScratch {
  evaluator: TrajectoryEvaluator;
  /** Trajectories the columns hold (at least a block's). */
  capacity: number;
  /** One column per input, `capacity` long. */
  columns: Float64Array[];
  /** Trajectories buffered per chunk; one chunk buffer per series, slot by slot, `slotStride` values a slot (H + 1 slots). */
  chunk: number;
  slotStride: number;
  /** The size of the next chunk: 16 at first, doubling up to `chunk`. */
  nextChunk: number;
  chunks: Float64Array[];
  /** The chunk buffers as 32-bit words (the accumulator reads each value's bucket from its high word). */
  chunkWords: Uint32Array[];
  /** A column-wise model's chunk (over `chunks` and `scalarColumns`); null for a model without simulateChunk. */
  context: ChunkContext | null;
  /** A column-wise model's scalars, one column of `chunk` values per scalar, and as 32-bit words. */
  scalarColumns: Float64Array[];
  scalarWords: Uint32Array[];
}

/** What blockScratch needs of a plan. */
interface ScratchPlan {
  readonly inputNames: readonly string[];
  readonly seriesNames: readonly string[];
  readonly scalarNames: readonly string[];
  readonly scenario: { readonly horizon: number; readonly seed: number };
  readonly model: { readonly simulateChunk?: unknown };
}

/**
 * Buffers for blocks of up to n trajectories, reusing `old`'s evaluator and
 * chunk growth when it is too small. Chunks are no larger than the block (a
 * what-if variant of 1,000 trajectories needs no 2,048-trajectory chunks);
 * the chunk size never changes a result (a column-wise model's chunks always start at the same places: chunkBlock.ts).
 */
export function newBlockScratch(plan: ScratchPlan, n: number, evaluator: TrajectoryEvaluator, old: BlockScratch | null): BlockScratch {
  const H = plan.scenario.horizon;
  // A column-wise model's buffers start NaN and are set back to NaN as they are accumulated (chunkBlock.ts).
  const nan = plan.model.simulateChunk !== undefined;
  const chunk = Math.min(chunkTrajectories(plan.seriesNames.length, H + 1, nan), Math.max(64, n));
  const slotStride = chunk + CHUNK_PAD;
  const chunks = plan.seriesNames.map(() => new Float64Array(slotStride * (H + 1)).fill(nan ? NaN : 0));
  const scalarColumns = nan ? plan.scalarNames.map(() => new Float64Array(chunk).fill(NaN)) : [];
  return {
    evaluator,
    capacity: n,
    columns: plan.inputNames.map(() => new Float64Array(n)),
    chunk,
    nextChunk: old?.nextChunk ?? 16,
    slotStride,
    chunks,
    chunkWords: chunks.map((c) => new Uint32Array(c.buffer)),
    context: nan ? new ChunkContext(plan, slotStride, chunks) : null,
    scalarColumns,
    scalarWords: scalarColumns.map((c) => new Uint32Array(c.buffer)),
  };
}

/**
 * Padding between the slots of a chunk buffer, in values: with a power-of-two
 * chunk and none, the H + 1 values one trajectory writes would sit 8 KB
 * apart, all in the same L1 cache set (and 4K-aliased), which made the copy
 * ~8x slower (measured).
 */
const CHUNK_PAD = 8;

/** Bytes of series buffered before they are accumulated slot by slot. */
const CHUNK_BYTES = 16 << 20;

/**
 * Trajectories whose series are buffered and then accumulated slot by slot:
 * as many as fit in CHUNK_BYTES, between 64 and 2,048 (512 for a column-wise
 * model). A slot's bucket window is then loaded into cache once for hundreds
 * of values instead of a few dozen, and a slot's values are read in order: on
 * the flagship (7 series of 121 months, trajectory by trajectory) a block took
 * ~24 µs a trajectory with 2,048, ~33 µs with 128, and 1.7% more time with 512
 * than with 1,024 or 2,048. A column-wise model's chunk is read twice
 * right after the model writes it (its first-passage claims, trajectory by
 * trajectory, then the accumulation, slot by slot): with 512, one series of
 * 121 months is 0.5 MB, which stays in a core's L2 cache, and a trajectory's
 * months are a page apart rather than four; cost-ratio-12 and demo-growth
 * ran 2% faster than with 2,048 (in-process, interleaved runs; 256: 0.6% more).
 */
function chunkTrajectories(series: number, slots: number, columnWise: boolean): number {
  const fit = Math.floor(CHUNK_BYTES / (8 * Math.max(1, series * (slots + CHUNK_PAD))));
  return Math.max(64, Math.min(columnWise ? 512 : 2048, fit));
}

/** Accumulates the `pending` trajectories buffered in the series chunks (a plain function: a closure made per block is a new call target each block, and V8 deoptimised the block loop for it). */
export function flushChunks(outputs: readonly OutputAccumulator[], chunks: readonly Float64Array[], words: readonly Uint32Array[], pending: number, slotStride: number, clear = 0): void {
  for (let s = 0; s < chunks.length; s++) outputs[s].addColumns(chunks[s], pending, 1, slotStride, words[s], clear);
}
