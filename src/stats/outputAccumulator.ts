import { Moments } from './moments.js';
import { SketchColumns } from './sketchColumns.js';

/**
 * Everything kept about one output (a series of H + 1 months, or a scalar as
 * length 1), in flat typed arrays: per slot a quantile sketch (SketchColumns),
 * moments, and a count of non-finite values (NaN, ±Infinity), which are
 * excluded from the sketch and moments and never silently dropped. Size is
 * independent of the number of trajectories.
 */
export class OutputAccumulator {
  readonly sketches: SketchColumns;
  readonly moments: Moments;
  readonly nonFinite: Float64Array;

  constructor(readonly length: number) {
    this.sketches = new SketchColumns(length);
    this.moments = new Moments(length);
    this.nonFinite = new Float64Array(length);
  }

  /** Adds one trajectory's values (values.length ≥ length). */
  addSeries(values: Float64Array): void {
    for (let k = 0; k < this.length; k++) this.addAt(k, values[k]);
  }

  /** Adds one value to slot k. */
  addAt(k: number, x: number): void {
    if (x - x !== 0) {
      // x − x is NaN exactly when x is NaN or ±Infinity.
      this.nonFinite[k]++;
      return;
    }
    this.sketches.add(k, x);
    this.moments.add(k, x);
  }

  /** Slot k's value at quantile q (within SKETCH_ALPHA), NaN when it holds no finite value. */
  quantile(k: number, q: number): number {
    return this.sketches.quantile(k, q);
  }

  merge(other: OutputAccumulator): void {
    this.sketches.merge(other.sketches);
    for (let k = 0; k < this.length; k++) this.nonFinite[k] += other.nonFinite[k];
    this.moments.merge(other.moments);
  }
}
