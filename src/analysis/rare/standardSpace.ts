import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { RunPlan } from '../../engine/runBlock.js';

const U_MAX = 1 - 2 ** -53;

/** Φ(z), clamped into the open interval (0, 1) that quantile functions take. */
export function phi(z: number): number {
  const p = normalCdf(z, 0, 1);
  return p <= 0 ? Number.MIN_VALUE : p >= 1 ? U_MAX : p;
}

/**
 * The standard normal space of a scenario's inputs (the space FORM and subset
 * simulation work in): a point u of k independent N(0, 1) coordinates maps to
 * the inputs' values by x_j = F_j⁻¹(Φ(z_j)), where z = u for independent
 * inputs and, for the correlated ones, z = L·u with L the Cholesky factor of
 * the normal-score correlation the scenario asks for (a Gaussian copula, the
 * Nataf transform). A plain run imposes the same rank correlations by
 * Iman–Conover instead, so its dependence differs slightly from the copula's.
 *
 * @example new StandardSpace(plan).toValues(Float64Array.of(0, 0), out) // each input's median
 */
export class StandardSpace {
  readonly k: number;
  readonly copula: boolean;
  private readonly z: Float64Array;
  constructor(private readonly plan: RunPlan) {
    this.k = plan.inputNames.length;
    this.copula = plan.correlation !== null;
    this.z = new Float64Array(this.k);
  }

  /** The correlated normal scores z of a point u (z = u where inputs are independent). */
  scores(u: ArrayLike<number>, z: Float64Array = new Float64Array(this.k)): Float64Array {
    for (let j = 0; j < this.k; j++) z[j] = u[j];
    const corr = this.plan.correlation;
    if (corr !== null) {
      const m = corr.inputs.length;
      for (let a = m - 1; a >= 0; a--) {
        // Lower-triangular L·u, from the last row so each row still reads unmodified u.
        let v = 0;
        for (let b = 0; b <= a; b++) v += corr.L[a][b] * u[corr.inputs[b]];
        z[corr.inputs[a]] = v;
      }
    }
    return z;
  }

  /** Each input's quantile level Φ(z_j) at point u: "your P3" is 0.03. */
  levels(u: ArrayLike<number>): Float64Array {
    const z = this.scores(u);
    for (let j = 0; j < this.k; j++) z[j] = phi(z[j]);
    return z;
  }

  /** Writes the inputs' values at point u into out[offset .. offset + k). */
  toValues(u: ArrayLike<number>, out: Float64Array, offset = 0): void {
    const z = this.scores(u, this.z);
    const d = this.plan.distributions;
    for (let j = 0; j < this.k; j++) out[offset + j] = d[j].quantile(phi(z[j]));
  }
}
