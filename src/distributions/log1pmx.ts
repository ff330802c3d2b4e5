/**
 * log1pmx(x) = ln(1 + x) − x, accurate near 0 where the two terms cancel.
 *
 * For |x| < 1/2 it uses ln(1 + x) = 2·atanh(u), u = x/(2 + x), so that
 * ln(1 + x) − x = −x²/(2 + x) + 2(u³/3 + u⁵/5 + …) with no cancellation
 * (|u| ≤ 1/3, so 16 terms reach full precision). Elsewhere the plain
 * difference loses at most a few bits. Used by the incomplete gamma and beta
 * prefixes, whose exponents are a·log1pmx(σ).
 *
 * @example log1pmx(1e-5) // −4.9999666669e-11
 */
export function log1pmx(x: number): number {
  if (Math.abs(x) >= 0.5) return Math.log1p(x) - x;
  const u = x / (2 + x);
  const u2 = u * u;
  let term = u * u2, sum = 0;
  for (let k = 3; k < 60; k += 2) {
    const t = term / k;
    sum += t;
    if (Math.abs(t) <= 1e-17 * Math.abs(sum)) break;
    term *= u2;
  }
  return (-x * x) / (2 + x) + 2 * sum;
}
