/**
 * Finds t with r(t) = 0 for an increasing residual r, by Newton's method
 * safeguarded with a bracket: a step that leaves the bracket (or a residual
 * that is not finite, e.g. ln 0 when a CDF underflows) falls back to bisection,
 * or to a doubling step while one side is still unbounded.
 *
 * `residual(t)` writes [r(t), r′(t)] into `out`. Stops when the step is below
 * 1e-15·max(1, |t|). Used only while building tables and on slow paths.
 *
 * @example solveMonotone((t, o) => { o[0] = t * t * t - 8; o[1] = 3 * t * t; }, 1) // 2
 */
export function solveMonotone(residual: (t: number, out: Float64Array) => void, t0: number): number {
  const o = new Float64Array(2);
  let lo = -Infinity, hi = Infinity, rLo = -Infinity, rHi = Infinity, t = t0;
  for (let it = 0; it < 300; it++) {
    residual(t, o);
    const r = o[0];
    if (r === 0) return t;
    if (r < 0) {
      lo = t;
      rLo = r;
    } else if (r > 0) {
      hi = t;
      rHi = r;
    } else return t; // NaN: nothing better to do
    let next = t - r / o[1];
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    if (!(next > lo && next < hi)) {
      // A Newton step just past a bracket end that is itself within rounding of the root.
      if (hi - lo <= 1e-13 * Math.max(1, Math.abs(t))) return -rLo < rHi ? lo : hi;
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = lo + (hi - lo) / 2;
      else next = r < 0 ? t + Math.max(1, Math.abs(t)) : t - Math.max(1, Math.abs(t));
    }
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    if (next === lo || next === hi) return next;
    t = next;
  }
  return t;
}
