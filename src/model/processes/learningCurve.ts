/**
 * A cost falling toward a floor: the gap to the floor shrinks by a fixed
 * fraction each year, c(t) = floor + (c₀ − floor)·(1 − k)^(t/12), t in months.
 * The time-based form of an experience curve; `k` is the fraction of the
 * remaining gap closed per year.
 *
 * @example approachFloor(3000, 100, 0.5, 12) // 1550: half the gap closed after a year
 */
export function approachFloor(start: number, floor: number, annualGapClosure: number, months: number): number {
  return floor + (start - floor) * Math.pow(1 - annualGapClosure, months / 12);
}

/**
 * Wright's law: unit cost falls by `learningRate` with each doubling of
 * cumulative production, c = c₀·(Q/Q₀)^log₂(1 − LR) (Wright 1936, J. Aeronautical Sci. 3:122).
 *
 * @example wrightsLaw(100, 1, 4, 0.2) // 64: two doublings at 20%
 */
export function wrightsLaw(startCost: number, startCumulative: number, cumulative: number, learningRate: number): number {
  return startCost * Math.pow(cumulative / startCumulative, Math.log2(1 - learningRate));
}
