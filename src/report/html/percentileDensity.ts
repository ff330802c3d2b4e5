// The density and CDF of an output from its 101 stored percentiles: what
// result.json files written before histograms were stored (schema field
// `histogram`) allow; density.ts draws from the histogram when there is one.

/**
 * The density of a scalar from its 101 stored percentiles, smoothed: a kernel
 * density estimate (Gaussian kernels). Equal percentiles (one sketch bucket)
 * are first collapsed to one point at their mean rank; the mass between two
 * points sits at their middle. Each kernel's bandwidth is the largest of
 * Silverman's rule, 0.9·min(sd, IQR/1.34)·n^(-1/5) (n the finite count), 3% of
 * its value (three of the sketch's ~1% buckets: within a bucket a percentile's
 * rank is known only to ±0.5%, so narrower kernels draw the buckets as ripples)
 * and 1.2 × the distance to its
 * neighbouring masses, so sparse tails stay smooth (a variable kernel,
 * Silverman 1986 §5.3). Raw bin heights 0.01/(p_{k+1} − p_k) are not
 * drawn: the sketch resolves values only to 0.5%, so close percentiles make
 * spikes that are not in the data. Returns the curve on `gridPoints` + 1 points
 * over [lo, hi]: the 1st to 99th percentile widened by 10% on each side and
 * clipped to [min, max] (the body; the caption states the tails).
 */
export function smoothedDensity(p: ReadonlyArray<number | null>, count: number, gridPoints = 160): { xs: number[]; ys: number[]; lo: number; hi: number } | null {
  if (p.length !== 101 || p.some((v) => v === null || !Number.isFinite(v))) return null;
  const q = p as number[];
  if (!(q[100] > q[0])) return null;
  // Collapse ties: the sketch reports a bucket's value for every percentile in it,
  // so a run of equal percentiles is one point at the run's mean rank.
  const pts: Array<[number, number]> = [];
  for (let k = 0; k <= 100;) {
    let j = k;
    while (j < 100 && q[j + 1] === q[k]) j++;
    pts.push([(k + j) / 2, q[k]]);
    k = j + 1;
  }
  // Masses (as fractions) at the middle of each interval between points, and the ends' remainders at the ends.
  const at: number[] = [], mass: number[] = [];
  if (pts[0][0] > 0) { at.push(pts[0][1]); mass.push(pts[0][0] / 100); }
  for (let i = 0; i + 1 < pts.length; i++) { at.push((pts[i][1] + pts[i + 1][1]) / 2); mass.push((pts[i + 1][0] - pts[i][0]) / 100); }
  const lastRank = pts[pts.length - 1][0];
  if (lastRank < 100) { at.push(pts[pts.length - 1][1]); mass.push((100 - lastRank) / 100); }
  let mean = 0;
  for (let i = 0; i < at.length; i++) mean += at[i] * mass[i];
  let v = 0;
  for (let i = 0; i < at.length; i++) v += (at[i] - mean) ** 2 * mass[i];
  const sd = Math.sqrt(v), iqr = q[75] - q[25];
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  const bw = Math.max(0.9 * spread * Math.max(count, 100) ** -0.2, (q[99] - q[1]) * 1e-3);
  // Each kernel at least as wide as the gaps to its neighbours and three of the sketch's ~1% buckets (a percentile's rank within a bucket is known only to ±0.5%).
  const hs = at.map((m, k) => Math.max(bw, 0.03 * Math.abs(m), 1.2 * Math.max(k > 0 ? m - at[k - 1] : 0, k + 1 < at.length ? at[k + 1] - m : 0)));
  const pad = (q[99] - q[1]) * 0.1;
  const lo = Math.max(q[0], q[1] - pad), hi = Math.min(q[100], q[99] + pad);
  if (!(hi > lo)) return null;
  const xs: number[] = [], ys: number[] = [];
  const c = 1 / Math.sqrt(2 * Math.PI);
  for (let i = 0; i <= gridPoints; i++) {
    const x = lo + ((hi - lo) * i) / gridPoints;
    let d = 0;
    for (let k = 0; k < at.length; k++) {
      const z = (x - at[k]) / hs[k];
      if (z > -8 && z < 8) d += (mass[k] * Math.exp(-0.5 * z * z)) / hs[k];
    }
    xs.push(x);
    ys.push(d * c);
  }
  return { xs, ys, lo, hi };
}

/** P(X ≤ x) from the 101 percentiles, by linear interpolation of the CDF between them (0 below the minimum, 1 above the maximum). */
export function cdfAt(p: readonly number[], x: number): number {
  if (x < p[0]) return 0;
  if (x >= p[100]) return 1;
  let k = 0;
  while (k < 99 && p[k + 1] <= x) k++;
  // The last percentile ≤ x is k (ties: the highest), interpolate to k + 1.
  const w = p[k + 1] - p[k];
  return Math.min(1, (k + (w > 0 ? (x - p[k]) / w : 1)) / 100);
}
