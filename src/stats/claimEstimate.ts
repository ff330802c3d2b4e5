import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { ClaimCounter } from './claimCounter.js';
import { proportionStandardError, wilsonInterval } from './intervals.js';

/** A claim's probability with its standard error and 95% interval. */
export interface ClaimEstimate {
  probability: number;
  standardError: number;
  ci95: [number, number];
  halfWidth: number;
  interval: 'wilson' | 'replicates';
  /** Replicates with data (0 for Wilson). */
  replicates: number;
}

/**
 * The probability hits/n with its uncertainty. Plain Monte Carlo: the binomial
 * standard error √(p(1 − p)/n) and a Wilson interval. Samplers with replicates
 * (lhs, sobol, antithetic), whose draws are not independent: the standard error
 * is the spread of the R replicate proportions, s/√R, and the interval
 * p ± t₀.₉₇₅,R−1·s/√R (Student t), clipped to [0, 1].
 */
export function estimateClaim(k: ClaimCounter): ClaimEstimate {
  const n = k.defined;
  const p = n > 0 ? k.hits / n : NaN;
  if (k.replicateHits.length === 0) {
    const ci = wilsonInterval(k.hits, n);
    return { probability: p, standardError: proportionStandardError(k.hits, n), ci95: ci, halfWidth: (ci[1] - ci[0]) / 2, interval: 'wilson', replicates: 0 };
  }
  let r = 0, sum = 0, sumSq = 0;
  for (let i = 0; i < k.replicateHits.length; i++) {
    if (k.replicateDefined[i] === 0) continue;
    const pr = k.replicateHits[i] / k.replicateDefined[i];
    r++;
    sum += pr;
    sumSq += pr * pr;
  }
  if (r < 2) return { probability: p, standardError: NaN, ci95: [NaN, NaN], halfWidth: NaN, interval: 'replicates', replicates: r };
  const mean = sum / r;
  const sd = Math.sqrt(Math.max(0, (sumSq - r * mean * mean) / (r - 1)));
  const se = sd / Math.sqrt(r);
  const half = tQuantile(0.975, r - 1) * se;
  return { probability: p, standardError: se, ci95: [Math.max(0, p - half), Math.min(1, p + half)], halfWidth: half, interval: 'replicates', replicates: r };
}
