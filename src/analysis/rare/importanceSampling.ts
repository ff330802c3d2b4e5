import { SeededStream } from '../../rng/streams.js';
import { normalQuantile } from '../../distributions/normalQuantile.js';
import type { MarginOracle } from './marginOracle.js';

export interface ImportanceResult {
  method: 'importance sampling at the design point';
  /** The estimate of P(margin ≤ 0). */
  probability: number;
  /** Its standard error and coefficient of variation. */
  standardError: number;
  cov: number | null;
  /** 95% interval: p ± 1.96·SE (clipped at 0). */
  interval: [number, number];
  /** Kish's effective sample size of the weighted hits: (Σ wᵢ)² / Σ wᵢ² over samples where the claim holds. */
  effectiveSampleSize: number;
  hits: number;
  samples: number;
  modelRuns: number;
}

/**
 * Importance sampling centred at the design point u* (Melchers 1989;
 * Ditlevsen & Madsen 1996, ch. 13): u ~ N(u*, I), reweighted to the standard
 * normal by w(u) = φ(u)/φ(u − u*) = exp(−u·u* + ‖u*‖²/2), so
 * P ≈ (1/n) Σ 1{g(u) ≤ 0}·w(u), with standard error from the sample variance
 * of the weighted indicators. Each sample gets a fresh event stream (the
 * events are drawn from their own distribution, so they need no weight).
 * NaN margins count as "not true".
 *
 * @example await importanceSampling(oracle, form.u, { n: 2000, seed: 1 })
 */
export async function importanceSampling(oracle: MarginOracle, centre: readonly number[], o: { n: number; seed: number }): Promise<ImportanceResult> {
  const k = oracle.k, n = o.n;
  const stream = new SeededStream(`${o.seed}/rare/importance`);
  const U = new Float64Array(n * k), S = new Float64Array(n), W = new Float64Array(n);
  let c2 = 0;
  for (let j = 0; j < k; j++) c2 += centre[j] * centre[j];
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0; j < k; j++) {
      const u = centre[j] + normalQuantile(stream.next());
      U[i * k + j] = u;
      dot += u * centre[j];
    }
    W[i] = Math.exp(-dot + c2 / 2);
    S[i] = oracle.freshStream();
  }
  const runs0 = oracle.runs;
  const g = await oracle.atPoints(U, S, n);
  let sum = 0, sum2 = 0, hits = 0;
  for (let i = 0; i < n; i++) {
    if (g[i] <= 0) {
      sum += W[i];
      sum2 += W[i] * W[i];
      hits++;
    }
  }
  const p = sum / n;
  const variance = n > 1 ? (sum2 / n - p * p) / (n - 1) : NaN;
  const se = Math.sqrt(Math.max(0, variance));
  return {
    method: 'importance sampling at the design point',
    probability: p,
    standardError: se,
    cov: p > 0 ? se / p : null,
    interval: [Math.max(0, p - 1.96 * se), p + 1.96 * se],
    effectiveSampleSize: sum2 > 0 ? (sum * sum) / sum2 : 0,
    hits,
    samples: n,
    modelRuns: oracle.runs - runs0,
  };
}
