import { check, type Distribution } from './distribution.js';

/**
 * A mixture: with probability wᵢ (normalized) the value comes from component i.
 * Sampled by composition from ONE uniform, so stratified and quasi-random
 * points still drive it: the cumulative weights cut (0, 1) into segments, u
 * picks segment i, and is rescaled to (u − Wᵢ₋₁)/wᵢ within it and fed to the
 * component's quantile. This map is monotone within each component but not
 * across components (it is not the mixture's exact inverse CDF); rank-based
 * correlation acts on the samples, so that is harmless. Mean = Σ wᵢ·meanᵢ.
 * @example "30%: never within the horizon, 70%: triangular over months 12–60"
 */
export class Mixture implements Distribution {
  readonly family = 'mixture';
  readonly isDiscrete: boolean;
  readonly mean: number;
  private readonly upper: Float64Array; // cumulative weight at the end of each segment
  private readonly lower: Float64Array;
  constructor(weights: readonly number[], private readonly components: readonly Distribution[]) {
    check(weights.length === components.length && components.length > 0, 'components', components.length, 'needs at least one component');
    let total = 0;
    weights.forEach((w, i) => {
      check(w >= 0, `components[${i}].weight`, w, 'must be at least 0');
      total += w;
    });
    check(total > 0, 'components', weights, 'weights must not all be 0');
    this.upper = new Float64Array(weights.length);
    this.lower = new Float64Array(weights.length);
    let acc = 0, mean = 0;
    weights.forEach((w, i) => {
      this.lower[i] = acc;
      acc += w / total;
      this.upper[i] = acc;
      mean += (w / total) * components[i].mean;
    });
    this.upper[weights.length - 1] = 1;
    this.mean = mean;
    this.isDiscrete = components.every((c) => c.isDiscrete);
  }
  quantile(u: number): number {
    const up = this.upper;
    let i = 0;
    while (i < up.length - 1 && u > up[i]) i++;
    const lo = this.lower[i];
    let v = (u - lo) / (up[i] - lo);
    // Keep the rescaled uniform in the open interval despite rounding.
    if (v <= 0) v = Number.EPSILON;
    else if (v >= 1) v = 1 - Number.EPSILON / 2;
    return this.components[i].quantile(v);
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
  }
}
