/**
 * ln Γ*(a), the log of Stirling's remainder Γ*(a) = Γ(a) / (√(2π/a)·(a/e)^a),
 * for a ≥ 10, from the asymptotic series Σ B₂ₖ/(2k(2k−1)a^(2k−1))
 * (Abramowitz & Stegun 6.1.40); the first omitted term is below 1e-17 at a = 10.
 *
 * @example logGammaStar(10) // 0.008330563433362871
 */
export function logGammaStar(a: number): number {
  const r = 1 / a, r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360 - r2 / 156))))));
}

const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln Γ(a) for a > 0: Stirling's series for a ≥ 10, and below that the
 * recurrence Γ(a) = Γ(a + n)/(a(a+1)…(a+n−1)) with a + n ≥ 10. Absolute error
 * about 1e-15 (relative to max(1, |ln Γ|)); used only where its error is not
 * multiplied by a large exponent (small shapes).
 *
 * @example logGamma(0.5) // ln √π = 0.5723649429247001
 */
export function logGamma(a: number): number {
  if (a >= 10) return (a - 0.5) * Math.log(a) - a + HALF_LOG_2PI + logGammaStar(a);
  let prod = 1, y = a;
  while (y < 10) {
    prod *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + logGammaStar(y) - Math.log(prod);
}
