import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { normalQuantile } from '../distributions/normalQuantile.js';
import type { UniformSource } from '../rng/streams.js';
import { cholesky, type Matrix } from '../stats/linearAlgebra.js';
import { spearmanToPearson } from './correlationMatrix.js';
import { argsortStable, sortValues } from './radixSort.js';

/** The inputs to correlate (indices into the plan's inputs) and the Cholesky factor of their normal-score target. */
export interface CorrelationPlan {
  inputs: number[];
  L: Matrix;
}

/** Builds the plan from resolved pairs (already checked positive definite). */
export function correlationPlan(pairs: ReadonlyArray<{ a: string; b: string; rho: number }>, inputNames: readonly string[]): CorrelationPlan | null {
  if (pairs.length === 0) return null;
  const inputs = inputNames.map((_, i) => i).filter((i) => pairs.some((p) => p.a === inputNames[i] || p.b === inputNames[i]));
  const pos = new Map(inputs.map((i, k) => [inputNames[i], k]));
  const target: Matrix = inputs.map((_, i) => inputs.map((__, j) => (i === j ? 1 : 0)));
  for (const p of pairs) {
    const a = pos.get(p.a)!, b = pos.get(p.b)!;
    target[a][b] = target[b][a] = spearmanToPearson(p.rho);
  }
  const c = cholesky(target);
  if ('failedAt' in c) throw new Error('correlation target is not positive definite (should have been rejected at resolution)');
  return { inputs, L: c.L };
}

/**
 * Iman–Conover rank reordering (Iman & Conover 1982, Commun. Stat. B 11:311):
 * reorders the values of the correlated inputs over the rows `rows` so their
 * rank correlations approach the target, leaving every margin untouched.
 * Scores a_i = Φ⁻¹(i/(m + 1)) are permuted independently per input (S), S's
 * own correlation C = Q·Qᵀ is removed and the target's imposed:
 * S* = S·Q⁻ᵀ·Lᵀ; each input's values are then sorted into the rank order of
 * its column of S*.
 */
export function imanConover(columns: Float64Array[], plan: CorrelationPlan, rows: Int32Array, source: UniformSource): void {
  const k = plan.inputs.length, m = rows.length;
  if (m < k + 2) return;
  const scores = vanDerWaerdenScores(m);
  // Flat scratch (reused): S row a = input a's permuted scores, star row a = its target scores.
  const { S, star, sorted, order } = scratch(k, m);
  for (let a = 0; a < k; a++) {
    const base = a * m;
    S.set(scores, base);
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(source.next() * (i + 1));
      const t = S[base + i];
      S[base + i] = S[base + j];
      S[base + j] = t;
    }
  }
  // Correlation of the permuted scores (mean 0; equal variances).
  let ss = 0;
  for (let i = 0; i < m; i++) ss += scores[i] * scores[i];
  // Symmetric: each entry computed once (a[i]·b[i] = b[i]·a[i] exactly).
  const C: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      const ua = a * m, vb = b * m;
      let s = 0;
      for (let i = 0; i < m; i++) s += S[ua + i] * S[vb + i];
      C[a][b] = C[b][a] = s / ss;
    }
  }
  const q = cholesky(C);
  if ('failedAt' in q) return; // degenerate scores (tiny m); leave the draws independent
  // T = Lᵀ solved against Qᵀ: each row s becomes s·Q⁻ᵀ·Lᵀ. Solve Q·y = s (forward), then x = L·y.
  const Q = flat(q.L), L = flat(plan.L);
  const y = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < k; a++) {
      let v = S[a * m + i];
      for (let b = 0; b < a; b++) v -= Q[a * k + b] * y[b];
      y[a] = v / Q[a * k + a];
    }
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let b = 0; b <= a; b++) v += L[a * k + b] * y[b];
      star[a * m + i] = v;
    }
  }
  for (let a = 0; a < k; a++) {
    const col = columns[plan.inputs[a]];
    for (let i = 0; i < m; i++) sorted[i] = col[rows[i]];
    sortValues(sorted, m);
    const target = star.subarray(a * m, (a + 1) * m);
    // Rows by rank of their target score, ties in row order (a stable sort); by radix, no callback.
    if (!argsortStable(target, m, order)) {
      for (let i = 0; i < m; i++) order[i] = i;
      order.subarray(0, m).sort((p, r) => target[p] - target[r]);
    }
    for (let rank = 0; rank < m; rank++) col[rows[order[rank]]] = sorted[rank];
  }
}

/** A k × k matrix as one row-major Float64Array. */
function flat(a: Matrix): Float64Array {
  const k = a.length, out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = a[i][j];
  return out;
}

/** Scratch arrays of imanConover, grown as needed and reused (it runs one call at a time on a thread). */
let work = { S: new Float64Array(0), star: new Float64Array(0), sorted: new Float64Array(0), order: new Int32Array(0) };

function scratch(k: number, m: number): typeof work {
  if (work.S.length < k * m || work.sorted.length < m) {
    const km = Math.max(work.S.length, k * m), mm = Math.max(work.sorted.length, m);
    work = { S: new Float64Array(km), star: new Float64Array(km), sorted: new Float64Array(mm), order: new Int32Array(mm) };
  }
  return work;
}

/**
 * A Gaussian copula on uniforms, for Sobol points, whose structure reordering
 * would break: z = Φ⁻¹(u), z* = L·z, u* = Φ(z*). Each margin stays uniform;
 * the achieved rank correlation is the target up to sampling noise.
 */
export function gaussianCopula(uniforms: Float64Array[], plan: CorrelationPlan, n: number): void {
  const k = plan.inputs.length;
  const z = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) z[a] = normalQuantile(uniforms[plan.inputs[a]][i]);
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let b = 0; b <= a; b++) v += plan.L[a][b] * z[b];
      let u = normalCdf(v, 0, 1);
      if (u <= 0) u = Number.MIN_VALUE;
      else if (u >= 1) u = 1 - 2 ** -53;
      uniforms[plan.inputs[a]][i] = u;
    }
  }
}

/** The last van der Waerden scores Φ⁻¹(i/(m + 1)), i = 1…m, kept (every full block asks for the same m). */
let lastScores = new Float64Array(0);

function vanDerWaerdenScores(m: number): Float64Array {
  if (lastScores.length === m) return lastScores;
  const scores = new Float64Array(m);
  for (let i = 0; i < m; i++) scores[i] = normalQuantile((i + 1) / (m + 1));
  return (lastScores = scores);
}
