/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z975 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209):
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Well behaved at p̂ = 0 or 1,
 * unlike the normal approximation. Returns [NaN, NaN] for n = 0.
 * @example wilsonInterval(50, 100) // [0.4038, 0.5962]
 */
export function wilsonInterval(hits: number, n: number, z = Z975): [number, number] {
  if (n <= 0) return [NaN, NaN];
  const p = hits / n, z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const den = 1 + z2 / n;
  // At 0 or n hits the bound is exactly 0 or 1; rounding would leave ~1e-22 there.
  return [hits === 0 ? 0 : Math.max(0, (centre - half) / den), hits === n ? 1 : Math.min(1, (centre + half) / den)];
}

/** Monte Carlo standard error of a proportion: √(p(1 − p)/n). */
export function proportionStandardError(hits: number, n: number): number {
  if (n <= 0) return NaN;
  const p = hits / n;
  return Math.sqrt((p * (1 - p)) / n);
}
