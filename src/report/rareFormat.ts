/**
 * A small probability as text: 3 significant digits, in scientific notation
 * below 0.1% (where "<0.1%" would say nothing), as a percentage above.
 * @example smallProbability(2.87e-7) // '2.87e-7'
 * @example smallProbability(0.0157) // '1.57%'
 */
export function smallProbability(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'n/a';
  if (p === 0) return '0';
  if (p < 1e-3) return p.toExponential(2);
  return `${Number((p * 100).toPrecision(3))}%`;
}

/**
 * A quantile level as a percentile label: "your P3".
 * @example percentileLabel(0.03) // 'P3'
 * @example percentileLabel(0.00025) // 'P0.025'
 */
export function percentileLabel(level: number): string {
  const q = level * 100;
  return `P${q >= 1 && q <= 99 ? Math.round(q) : Number(q.toPrecision(2))}`;
}
