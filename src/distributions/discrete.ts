import { check, type Distribution } from './distribution.js';
import type { DiscreteParams } from './schemas.js';

/**
 * A discrete distribution over `values` with `weights` (normalized to sum 1).
 * Values are sorted so the quantile is monotone: Q(u) = the smallest value v
 * with cumulative weight ≥ u, found by binary search. Mean = Σ wᵢvᵢ.
 * @example createDiscrete({dist: 'discrete', values: [1, 2], weights: [3, 1]}).quantile(0.8) // 2
 */
export class Discrete implements Distribution {
  readonly family = 'discrete';
  readonly isDiscrete = true;
  readonly mean: number;
  private readonly sorted: Float64Array;
  private readonly cumulative: Float64Array;
  constructor(values: readonly number[], weights: readonly number[]) {
    check(values.length === weights.length, 'weights', weights, `must have one weight per value (${values.length} values)`);
    // Weights are scaled by the largest first, so huge weights ([1e308, 1e308]) cannot overflow the sum.
    let largest = 0;
    weights.forEach((w, i) => {
      check(w >= 0 && Number.isFinite(w), `weights[${i}]`, w, 'must be a finite number, at least 0');
      if (w > largest) largest = w;
    });
    check(largest > 0, 'weights', weights, 'must not all be 0');
    let total = 0;
    for (const w of weights) total += w / largest;
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    this.sorted = Float64Array.from(order, (i) => values[i]);
    this.cumulative = new Float64Array(order.length);
    let acc = 0, mean = 0;
    order.forEach((i, k) => {
      const p = weights[i] / largest / total;
      acc += p;
      this.cumulative[k] = acc;
      mean += p * values[i];
    });
    this.cumulative[order.length - 1] = 1; // absorb rounding so every u < 1 finds a value
    this.mean = mean;
  }
  quantile(u: number): number {
    const c = this.cumulative;
    let lo = 0, hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] >= u) hi = mid;
      else lo = mid + 1;
    }
    return this.sorted[lo];
  }
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = this.quantile(u[i]);
  }
}

export function createDiscrete(p: DiscreteParams): Discrete {
  return new Discrete(p.values, p.weights);
}
