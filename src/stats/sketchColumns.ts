import { BucketColumns, type CountKind } from './bucketColumns.js';
import { bucketValue, sketchIndex } from './indexMapping.js';

/** |x| below this is counted in the exact zero bucket (and every |x| above is a normal double). */
export const ZERO_THRESHOLD = 1e-300;

/**
 * A column of DDSketches, one per slot (month of a series, or one for a
 * scalar), stored flat: a positive and a mirrored negative BucketColumns, and
 * per slot the count and the exact-zero count. Bucket indices come from the
 * linearly interpolated mapping on the float's bits (indexMapping.ts), so
 * `quantile` is within relative error SKETCH_ALPHA = 1/257 ≈ 0.389% of the
 * exact lower quantile.
 * Merging adds counts: exact and order-independent.
 *
 * @example const s = new SketchColumns(2); s.add(0, 3); s.add(0, 1); s.quantile(0, 0.5) // ≈ 1 (±0.39%)
 */
export class SketchColumns {
  readonly positive: BucketColumns;
  readonly negative: BucketColumns;
  readonly zeroCount: Float64Array;
  readonly count: Float64Array;

  /** `kind`: how the stores keep their counts (BucketColumns; a block's summary keeps them as 16- or 32-bit integers). */
  constructor(readonly length: number, kind: CountKind = 'float64') {
    this.positive = new BucketColumns(length, kind);
    this.negative = new BucketColumns(length, kind);
    this.zeroCount = new Float64Array(length);
    this.count = new Float64Array(length);
  }

  /** Adds one finite value to slot k (non-finite values are the caller's to count). */
  add(k: number, x: number): void {
    this.count[k]++;
    if (x > ZERO_THRESHOLD) this.positive.add(k, sketchIndex(x), 1);
    else if (x < -ZERO_THRESHOLD) this.negative.add(k, sketchIndex(-x), 1);
    else this.zeroCount[k]++;
  }

  /** Adds every count of `other` (same length) into this one (exact). */
  merge(other: SketchColumns): void {
    this.positive.merge(other.positive);
    this.negative.merge(other.negative);
    for (let k = 0; k < this.length; k++) {
      this.zeroCount[k] += other.zeroCount[k];
      this.count[k] += other.count[k];
    }
  }

  /** Empties every slot, keeping the stores' layout (for reuse). */
  reset(): void {
    this.positive.reset();
    this.negative.reset();
    this.zeroCount.fill(0);
    this.count.fill(0);
  }

  /** Slot k's value at quantile q ∈ [0, 1] (lower order statistic of rank ⌊q(n − 1)⌋), NaN when empty. */
  quantile(k: number, q: number): number {
    const n = this.count[k];
    if (n === 0) return NaN;
    const rank = Math.floor(q * (n - 1));
    let seen = 0;
    const neg = this.negative.range(k);
    if (neg !== null) {
      for (let i = neg[1]; i >= neg[0]; i--) {
        seen += this.negative.get(k, i);
        if (seen > rank) return -bucketValue(i);
      }
    }
    seen += this.zeroCount[k];
    if (seen > rank) return 0;
    const pos = this.positive.range(k);
    if (pos !== null) {
      for (let i = pos[0]; i <= pos[1]; i++) {
        seen += this.positive.get(k, i);
        if (seen > rank) return bucketValue(i);
      }
      return bucketValue(pos[1]); // unreachable unless counts are inconsistent
    }
    return NaN;
  }

  /** Values of slot k collapsed into the lowest bucket of either store (0 in any ordinary run). */
  collapsed(k: number): number {
    return this.positive.collapsed[k] + this.negative.collapsed[k];
  }
}
