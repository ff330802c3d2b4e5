import { saltelliWidth } from '../engine/tasks/saltelliTask.js';

/** First-order and total-effect indices with percentile-bootstrap 95% intervals. */
export interface SobolIndex {
  input: string;
  S1: number;
  S1ci95: [number, number];
  ST: number;
  STci95: [number, number];
  /** True when an interval includes zero: the index is not distinguishable from 0 at this N. */
  S1includesZero: boolean;
  STincludesZero: boolean;
}

/**
 * Percentile of bootstrap replicates: the lower order statistic at ⌊q(n − 1)⌋
 * of the finite ones (NaN when none). Not simple-statistics' quantileSorted,
 * which interpolates (R type 7) and so gives other intervals.
 */
export function bootstrapPercentile(xs: number[], q: number): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}

/** Indices from merged sums: V = Σ(f_A² + f_B²)/2W − (Σ(f_A + f_B)/2W)², S1ᵢ = (Σ f_B(f_ABi − f_A)/W)/V, STᵢ = (Σ(f_A − f_ABi)²/2W)/V. */
export function saltelliIndices(sums: Float64Array, outputIndex: number, inputNames: readonly string[], bootstrap: number): { variance: number; rows: number; indices: SobolIndex[] } {
  const k = inputNames.length, width = saltelliWidth(k), R = bootstrap + 1;
  const est = (b: number, i: number): { s1: number; st: number; v: number } => {
    const p = (outputIndex * R + b) * width;
    const W = sums[p], mean = sums[p + 1] / (2 * W), v = sums[p + 2] / (2 * W) - mean * mean;
    return { s1: sums[p + 3 + i] / W / v, st: sums[p + 3 + k + i] / (2 * W) / v, v };
  };
  const indices = inputNames.map((input, i) => {
    const full = est(0, i);
    const s1s: number[] = [], sts: number[] = [];
    for (let b = 1; b < R; b++) {
      const e = est(b, i);
      s1s.push(e.s1);
      sts.push(e.st);
    }
    const S1ci95: [number, number] = [bootstrapPercentile(s1s, 0.025), bootstrapPercentile(s1s, 0.975)];
    const STci95: [number, number] = [bootstrapPercentile(sts, 0.025), bootstrapPercentile(sts, 0.975)];
    return { input, S1: full.s1, S1ci95, ST: full.st, STci95, S1includesZero: !(S1ci95[0] > 0 || S1ci95[1] < 0), STincludesZero: !(STci95[0] > 0) };
  });
  return { variance: est(0, 0).v, rows: sums[(outputIndex * R) * width], indices };
}
