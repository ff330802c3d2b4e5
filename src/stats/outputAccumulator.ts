import { Moments } from './moments.js';
import { QuantileSketch } from './quantileSketch.js';

/**
 * Everything kept about one output (a series of H + 1 months, or a scalar as
 * length 1): per slot a quantile sketch, moments, and a count of non-finite
 * values (NaN, ±Infinity), which are excluded from the sketch and moments and
 * never silently dropped. Size is independent of the number of trajectories.
 */
export class OutputAccumulator {
  readonly sketches: QuantileSketch[];
  readonly moments: Moments;
  readonly nonFinite: Float64Array;

  constructor(readonly length: number) {
    this.sketches = Array.from({ length }, () => new QuantileSketch());
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
    this.sketches[k].add(x);
    this.moments.add(k, x);
  }

  merge(other: OutputAccumulator): void {
    for (let k = 0; k < this.length; k++) {
      this.sketches[k].merge(other.sketches[k]);
      this.nonFinite[k] += other.nonFinite[k];
    }
    this.moments.merge(other.moments);
  }
}
