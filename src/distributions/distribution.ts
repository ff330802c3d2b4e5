import type { UniformSource } from '../rng/streams.js';

/**
 * A probability distribution sampled by its quantile function (inverse CDF).
 *
 * Parameters are checked and constants computed when the distribution is
 * built, so `quantile` and `mapQuantiles` do only arithmetic. Because every
 * family samples through its quantile function, any source of uniforms (plain
 * Monte Carlo, Latin hypercube strata, Sobol points) plugs in unchanged.
 */
export interface Distribution {
  /** The family name as written in scenario files (`lognormal`, `pert`, …). */
  readonly family: string;
  /** The distribution's mean (exact where a closed form exists). */
  readonly mean: number;
  /** True for families with a discrete support (Bernoulli, Poisson, discrete). */
  readonly isDiscrete: boolean;
  /** Inverse CDF: the smallest x with F(x) ≥ u, for u in (0, 1). */
  quantile(u: number): number;
  /** Batch form: `out[i] = quantile(u[i])` for i < n; `out` may be `u` itself. */
  mapQuantiles(u: Float64Array, out: Float64Array, n: number): void;
}

/** A bad distribution parameter: names the field, its value and what is wrong. */
export class ParameterError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${field} = ${JSON.stringify(value)}: ${reason}`);
    this.name = 'ParameterError';
  }
}

/** Throws a ParameterError unless `ok`. */
export function check(ok: boolean, field: string, value: unknown, reason: string): void {
  if (!ok) throw new ParameterError(field, value, reason);
}

/**
 * Draws `n` values of `dist` into `out` from `source` (plain Monte Carlo).
 * Uniforms are written first, then mapped in place, so the per-family loop
 * stays monomorphic.
 *
 * @example sampleInto(createDistribution({dist: 'normal', mean: 0, sd: 1}), out, stream, out.length)
 */
export function sampleInto(dist: Distribution, out: Float64Array, source: UniformSource, n: number): void {
  for (let i = 0; i < n; i++) out[i] = source.next();
  dist.mapQuantiles(out, out, n);
}

/** z of the 95th percentile of the standard normal: Φ⁻¹(0.95). Used by the p5/p95 forms. */
export const Z95 = 1.6448536269514722;
