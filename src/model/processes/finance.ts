/**
 * Present value of a continuous flow of 1 per year from year `start` for
 * `years`, discounted at continuous rate ρ = ln(1 + r) and decaying at rate
 * k per year (failures, degradation): ∫ e^−(ρ+k)t dt over [start, start + years]
 * = e^−(ρ+k)·start · (1 − e^−(ρ+k)·years)/(ρ + k).
 * @example discountedYears(0.08, 0, 5, 0) // ≈ 4.04 of 5 years
 */
export function discountedYears(annualRate: number, start: number, years: number, decayPerYear: number): number {
  const a = Math.log1p(annualRate) + decayPerYear;
  if (Math.abs(a) < 1e-12) return years;
  return (Math.exp(-a * start) * -Math.expm1(-a * years)) / a;
}

/**
 * Capital recovery factor: the level annual payment that repays 1 over n
 * years at rate r, r/(1 − (1 + r)^−n) (1/n at r = 0).
 * @example capitalRecoveryFactor(0.08, 20) // 0.10185
 */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (rate === 0) return 1 / years;
  return rate / -Math.expm1(-years * Math.log1p(rate));
}
