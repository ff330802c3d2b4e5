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
