import { ClaimCounter } from './claimCounter.js';
import { OutputAccumulator } from './outputAccumulator.js';
import type { CountKind } from './bucketColumns.js';

/** The shape of a summary: how many outputs of which length, which claims are first passages. */
export interface SummaryLayout {
  /** Length of each output: H + 1 for each series, then 1 for each scalar. */
  outputLengths: readonly number[];
  horizon: number;
  firstPassage: readonly boolean[];
  /** Independent replicates the claim counts are split by (0: none, plain Monte Carlo). */
  replicates: number;
  /** Values per kept trajectory row (0 when none are kept). */
  rowWidth: number;
}

/**
 * What one block (or a merge of blocks) of trajectories leaves behind: per
 * output an accumulator, per claim a counter, the count of trajectories, and
 * the rows of kept trajectories (only those asked for, a bounded number).
 * Its size does not depend on the number of trajectories.
 */
export class BlockSummary {
  trajectories = 0;
  readonly outputs: OutputAccumulator[];
  readonly claims: ClaimCounter[];
  /** Kept rows, concatenated in trajectory order. */
  rows: Float64Array;

  /**
   * `kind`: how the sketches keep their bucket counts. A block's summary, which never holds more
   * values a slot than the block's trajectories, keeps them as 16-bit integers (countKindFor): a
   * quarter of the memory, and encoded by a plain copy; a merged summary keeps them as doubles.
   */
  constructor(readonly layout: SummaryLayout, readonly kind: CountKind = 'float64') {
    this.outputs = layout.outputLengths.map((n) => new OutputAccumulator(n, kind));
    this.claims = layout.firstPassage.map((fp) => new ClaimCounter(layout.horizon, fp, layout.replicates));
    this.rows = new Float64Array(0);
  }

  /** Empties the summary for reuse by the next block (its sketch stores keep their layout). */
  reset(): void {
    this.trajectories = 0;
    for (const o of this.outputs) o.reset();
    for (const c of this.claims) c.reset();
    this.rows = new Float64Array(0);
  }

  /** Folds `other` into this one. Merge in block order for bit-reproducible moments. */
  merge(other: BlockSummary): void {
    this.trajectories += other.trajectories;
    for (let i = 0; i < this.outputs.length; i++) this.outputs[i].merge(other.outputs[i]);
    for (let i = 0; i < this.claims.length; i++) this.claims[i].merge(other.claims[i]);
    if (other.rows.length > 0) {
      const rows = new Float64Array(this.rows.length + other.rows.length);
      rows.set(this.rows);
      rows.set(other.rows, this.rows.length);
      this.rows = rows;
    }
  }
}
