/**
 * Discounted useful kW-years of one kW switched on `start` years after the
 * decision and decaying at `decay` per year from switch-on (not from the
 * decision), for `years` years, at annual rate r (ρ = ln(1 + r)):
 * U = e^(−ρ·s) · (1 − e^(−(ρ+k)·L)) / (ρ + k).
 * Nothing decays before switch-on: the GPUs are not running and the cells not
 * yet in orbit.
 * @example usefulYearsFromSwitchOn(0.08, 1, 5, 0.05) // ≈ 3.35
 */
export function usefulYearsFromSwitchOn(annualRate: number, start: number, years: number, decay: number): number {
  const rho = Math.log1p(annualRate);
  const a = rho + decay;
  const window = Math.abs(a) < 1e-12 ? years : -Math.expm1(-a * years) / a;
  return Math.exp(-rho * start) * window;
}

/**
 * The rate at which an orbital kW loses capacity, 1/yr, when the array is
 * sized for the starting load: GPUs die at rate g (capacity e^(−g·t)) and
 * cells lose a fraction δ a year (power e^(ln(1−δ)·t)). Power freed by dead
 * GPUs covers the cells' loss, so capacity is min(e^(−g·t), (1 − δ)^t) =
 * e^(−max(g, −ln(1 − δ))·t): the larger of the two rates, not their sum.
 * @example capacityDecayRate(0.08, 0.02) // 0.08
 */
export function capacityDecayRate(gpuFailureRate: number, cellDegradation: number): number {
  const cells = -Math.log1p(-cellDegradation);
  return gpuFailureRate > cells ? gpuFailureRate : cells;
}

/**
 * The share of a long-lived asset's capital charged to one compute generation
 * of `life` years when the asset serves `assetLife` years: the generation's
 * share of the asset's discounted service, (1 − e^(−ρ·L)) / (1 − e^(−ρ·B)),
 * with B = max(assetLife, L) (an asset that dies with its compute is charged in
 * full). The same rule charges the satellite bus, the ground facility and the
 * gas plant, so both sides are amortised like for like. At r = 0: L/B.
 * @example longLivedShare(0.08, 5, 15) // ≈ 0.44
 */
export function longLivedShare(annualRate: number, life: number, assetLife: number): number {
  const B = assetLife > life ? assetLife : life;
  const rho = Math.log1p(annualRate);
  if (rho < 1e-12) return life / B;
  return -Math.expm1(-rho * life) / -Math.expm1(-rho * B);
}
