import type { Issue } from '../errors.js';
import type { CorrelationsSpec } from './correlationSpec.js';
import { cholesky, nearestCorrelation, type Matrix } from '../stats/linearAlgebra.js';

export type { Matrix } from '../stats/linearAlgebra.js';

/** Pearson correlation of normal scores that gives Spearman ρ: r = 2 sin(πρ/6) (Pearson 1907; Kruskal 1958). */
export function spearmanToPearson(rho: number): number {
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/** The validated correlation structure: names (model input order) and the Spearman matrix over them. */
export interface Correlations {
  names: string[];
  rho: Matrix;
}

/**
 * Builds the Spearman matrix from a scenario's `correlations:` and checks it:
 * names are inputs, entries lie in [−1, 1], the matrix is symmetric with a unit
 * diagonal, and the normal-score matrix 2 sin(πρ/6) is positive definite.
 * With `repair`, a matrix that is not is replaced by Higham's nearest
 * correlation matrix and the largest change is reported. Issues name the entry.
 */
export function buildCorrelations(spec: CorrelationsSpec, inputOrder: readonly string[], repair: boolean): { correlations: Correlations | null; issues: Issue[]; repaired?: { maxChange: number } } {
  const issues: Issue[] = [];
  const entries: Array<{ a: string; b: string; rho: number; path: string }> = [];
  if (Array.isArray(spec)) {
    spec.forEach((p, i) => {
      const [a, b, rho] = Array.isArray(p) ? p : [p.a, p.b, p.rho];
      entries.push({ a, b, rho, path: `correlations[${i}]` });
    });
  } else {
    const n = spec.names.length;
    if (spec.matrix.length !== n || spec.matrix.some((r) => r.length !== n)) {
      return { correlations: null, issues: [{ path: 'correlations.matrix', value: `${spec.matrix.length} rows`, message: `must be ${n} × ${n} (one row and column per name)` }] };
    }
    for (let i = 0; i < n; i++) {
      if (spec.matrix[i][i] !== 1) issues.push({ path: `correlations.matrix[${i}][${i}]`, value: spec.matrix[i][i], message: 'a diagonal entry must be 1' });
      for (let j = i + 1; j < n; j++) {
        if (spec.matrix[i][j] !== spec.matrix[j][i]) issues.push({ path: `correlations.matrix[${i}][${j}]`, value: spec.matrix[i][j], message: `is not equal to matrix[${j}][${i}] = ${spec.matrix[j][i]}: the matrix must be symmetric` });
        entries.push({ a: spec.names[i], b: spec.names[j], rho: spec.matrix[i][j], path: `correlations.matrix[${i}][${j}]` });
      }
    }
  }
  const known = new Set(inputOrder);
  const seen = new Map<string, number>();
  for (const e of entries) {
    for (const name of [e.a, e.b]) if (!known.has(name)) issues.push({ path: e.path, value: name, message: `names no input of this scenario` });
    if (e.a === e.b) issues.push({ path: e.path, value: e.a, message: 'correlates an input with itself' });
    if (!(e.rho >= -1 && e.rho <= 1)) issues.push({ path: e.path, value: e.rho, message: 'a correlation must lie in [−1, 1]' });
    const key = [e.a, e.b].sort().join('\u0000');
    if (seen.has(key) && seen.get(key) !== e.rho) issues.push({ path: e.path, value: e.rho, message: `gives ${e.a}–${e.b} a second, different value` });
    seen.set(key, e.rho);
  }
  if (issues.length > 0) return { correlations: null, issues };
  const names = inputOrder.filter((n) => entries.some((e) => e.a === n || e.b === n));
  const idx = new Map(names.map((n, i) => [n, i]));
  const rho: Matrix = names.map((_, i) => names.map((__, j) => (i === j ? 1 : 0)));
  for (const e of entries) {
    if (e.rho === 0) continue;
    rho[idx.get(e.a)!][idx.get(e.b)!] = e.rho;
    rho[idx.get(e.b)!][idx.get(e.a)!] = e.rho;
  }
  const pearson = rho.map((r) => r.map(spearmanToPearson));
  const chol = cholesky(pearson);
  if ('failedAt' in chol) {
    if (!repair) {
      const k = chol.failedAt;
      let worst = k === 0 ? 1 : 0;
      for (let j = 0; j < names.length; j++) if (j !== k && Math.abs(rho[k][j]) > Math.abs(rho[k][worst])) worst = j;
      return {
        correlations: null,
        issues: [{ path: 'correlations', value: `${names[k]}–${names[worst]} = ${rho[k][worst]}`, message: `the correlation matrix is not positive semi-definite (it fails at ${names[k]}, whose largest entry is shown): these correlations cannot hold together; change them or pass --repair to use the nearest correlation matrix` }],
      };
    }
    const fixed = nearestCorrelation(pearson);
    // Back to Spearman: ρ = (6/π) asin(r/2).
    const repaired = fixed.map((r, i) => r.map((v, j) => (i === j ? 1 : (6 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, v)) / 2))));
    let maxChange = 0;
    for (let i = 0; i < names.length; i++) for (let j = 0; j < names.length; j++) maxChange = Math.max(maxChange, Math.abs(repaired[i][j] - rho[i][j]));
    return { correlations: { names, rho: repaired }, issues: [], repaired: { maxChange } };
  }
  return { correlations: { names, rho }, issues: [] };
}
