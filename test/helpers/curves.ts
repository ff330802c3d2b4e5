/** Local maxima of a curve, ignoring wiggles smaller than tol of its peak. */
export function modes(ys: number[], tol = 0.01): number {
  const top = Math.max(...ys);
  let count = 0, rising = true, peak = ys[0];
  for (let i = 1; i < ys.length; i++) {
    if (rising && ys[i] < peak - tol * top) { count++; rising = false; peak = ys[i]; }
    else if (!rising && ys[i] > peak + tol * top) { rising = true; peak = ys[i]; }
    peak = rising ? Math.max(peak, ys[i]) : Math.min(peak, ys[i]);
  }
  return count + (rising ? 1 : 0);
}
