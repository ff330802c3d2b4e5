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

/** ζ(2) … ζ(17). */
const ZETA = [1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337, 1.0173430619844492, 1.008349277381923, 1.0040773561979444, 1.0020083928260821, 1.000994575127818, 1.0004941886041194, 1.000246086553308, 1.0001227133475785, 1.0000612481350588, 1.000030588236307, 1.0000152822594086, 1.0000076371976379];
const EULER_GAMMA = 0.5772156649015329;

/**
 * ln Γ(1 + a) to full relative precision for |a| < 0.05, from its Taylor
 * series −γa + Σₖ (−1)ᵏ ζ(k) aᵏ/k (Abramowitz & Stegun 6.1.33; the first
 * omitted term is below 1e-22 there), else ln Γ(1 + a). logGamma's absolute
 * error of ~1e-15 near 1 is a relative error of 1e-10 in a tiny gamma shape's
 * quantile, whose ln is divided by the shape.
 *
 * @example logGamma1p(1e-5) // −5.772074402712669e-6
 */
export function logGamma1p(a: number): number {
  if (!(Math.abs(a) < 0.05)) return logGamma(1 + a);
  let sum = 0, power = a * a;
  for (let k = 0; k < ZETA.length; k++, power *= -a) sum += (ZETA[k] * power) / (k + 2);
  return -EULER_GAMMA * a + sum;
}
