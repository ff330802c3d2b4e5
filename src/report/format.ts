/**
 * Formats a probability as a percentage with sensible precision ("<0.1%", "99.9%", "n/a").
 * @example percent(0.0004) // '<0.1%'
 */
export function percent(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'n/a';
  if (p > 0 && p < 0.001) return '<0.1%';
  if (p < 1 && p > 0.999) return '>99.9%';
  return `${(p * 100).toFixed(1)}%`;
}

/**
 * A difference of probabilities in percentage points, signed.
 * @example points(-0.052) // '−5.2 pts'
 */
export function points(d: number): string {
  return `${d >= 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)} pts`;
}

/**
 * The one-sided 95% bound on a probability when a claim held in none or all of
 * n trajectories: the rule of three, P ≤ 3/n after 0 hits (P ≥ 1 − 3/n after n),
 * from (1 − p)^n = 0.05 ⇒ p ≈ −ln(0.05)/n ≈ 3/n (Hanley & Lippman-Hand 1983,
 * JAMA 249:1743). Null when 0 < hits < n. The bound is conditional on the
 * model: it says how rare the claim is among the model's trajectories, not in
 * the world.
 * @example extremeBound(0, 200000) // { side: 'upper', value: 0.000015 }
 */
export function extremeBound(hits: number, n: number): { side: 'upper' | 'lower'; value: number } | null {
  if (!(n > 0)) return null;
  if (hits === 0) return { side: 'upper', value: Math.min(1, 3 / n) };
  if (hits === n) return { side: 'lower', value: Math.max(0, 1 - 3 / n) };
  return null;
}

/** A probability with as many digits as a bound near 0 (or, for `nearOne`, near 1) needs. */
function finePercent(p: number, nearOne = false): string {
  const x = p * 100, gap = nearOne ? 100 - x : x;
  const digits = gap >= 1 ? 1 : Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(gap))));
  return `${x.toFixed(digits)}%`;
}

/**
 * A claim's probability as printed in a claim table or scorecard: the
 * percentage, or, where hits are 0 or n, "0 of n (< 3/n)" with the one-sided
 * 95% bound, so a run never prints a bare "0.0%" or "100.0%".
 * @example probabilityLabel(0, 0, 200000) // '0 of 200,000 (≤0.0015%)'
 */
export function probabilityLabel(p: number | null, hits: number, n: number): string {
  const b = extremeBound(hits, n);
  if (!b || p === null) return percent(p);
  const count = `${hits.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}`;
  return b.side === 'upper' ? `${count} (≤${finePercent(b.value)})` : `${count} (≥${finePercent(b.value, true)})`;
}

/** The note printed under a table that holds a claim at 0 or n hits. */
export const EXTREME_NOTE =
  '0 or n hits: the bound is one-sided 95% (rule of three, 3/n), conditional on this model; for a rare claim, the rare-event estimate says more than a zero.';
