import { SketchColumns } from './sketchColumns.js';
export { SKETCH_ALPHA } from './indexMapping.js';
export { MAX_BUCKETS } from './bucketColumns.js';

/**
 * A single mergeable quantile sketch with a relative-value guarantee
 * (DDSketch; Masson, Rim & Lee 2019, VLDB 12(12)): a SketchColumns of one
 * slot. Positive values go to the bucket named by their exponent and top 7
 * mantissa bits (DDSketch's linearly interpolated mapping with 128 buckets per
 * doubling, no logarithm; indexMapping.ts); negative values to a mirrored store; exact zeros (and
 * |x| < 1e-300) to an exact zero bucket. The quantile at q returns the order
 * statistic of rank ⌊q·(n − 1)⌋ (0-based), the "lower" quantile, within
 * relative error SKETCH_ALPHA = 1/257 ≈ 0.389%. Merging adds bucket counts, so merge is
 * exact and order-independent for the counts. Non-finite values must be
 * filtered by the caller (the accumulators count them separately).
 *
 * @example const s = new QuantileSketch(); s.add(3); s.add(1); s.quantile(0.5) // ≈ 1 (±0.5%)
 */
export class QuantileSketch {
  readonly columns = new SketchColumns(1);

  /** Adds one finite value. */
  add(x: number): void {
    this.columns.add(0, x);
  }

  /** Adds every count of `other` into this sketch (exact). */
  merge(other: QuantileSketch): void {
    this.columns.merge(other.columns);
  }

  /** The value at quantile q ∈ [0, 1] (lower order statistic of rank ⌊q(n − 1)⌋), or NaN when empty. */
  quantile(q: number): number {
    return this.columns.quantile(0, q);
  }

  get count(): number {
    return this.columns.count[0];
  }

  /** Values collapsed into the lowest bucket of either store (0 in any ordinary run). */
  get collapsed(): number {
    return this.columns.collapsed(0);
  }
}
