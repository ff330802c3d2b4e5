/**
 * A regime change at an uncertain month: `before` until month `at`
 * (exclusive), `after` from then on. A month beyond the horizon (or
 * Infinity) means "not within the horizon".
 * @example stepAt(m, t.input.reuseMonth, 1, 0.2)
 */
export function stepAt(month: number, at: number, before: number, after: number): number {
  return month < at ? before : after;
}

/**
 * Months elapsed since `at`, or 0 before it (for a curve that starts at an uncertain month).
 * @example approachFloor(c0, floor, k, monthsSince(m, reuseMonth))
 */
export function monthsSince(month: number, at: number): number {
  return month > at ? month - at : 0;
}
