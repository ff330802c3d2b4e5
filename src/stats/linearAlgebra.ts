/**
 * Small dense linear algebra on row-major number[][] matrices, shared by the
 * correlation code (sampling/) and the sensitivity analyses (analysis/):
 * Cholesky factorization, Jacobi eigen-projection onto the PSD cone, Higham's
 * nearest correlation matrix and Gauss–Jordan inversion. Sizes are the number
 * of correlated inputs (at most a few hundred), so plain O(n³) loops suffice.
 */

/** A square matrix, row-major. */
export type Matrix = number[][];

/** Lower Cholesky factor L (A = L·Lᵀ), or the first row k where A is not positive definite. */
export function cholesky(a: Matrix): { L: Matrix } | { failedAt: number } {
  const n = a.length;
  const L: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (s <= 1e-12) return { failedAt: i };
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  return { L };
}

/**
 * Higham's nearest correlation matrix (N. J. Higham, "Computing the nearest
 * correlation matrix", IMA J. Numer. Anal. 22 (2002) 329–343): alternating
 * projections onto the positive semidefinite cone (eigenvalues clipped at a
 * small floor) and onto unit-diagonal matrices, with Dykstra's correction.
 */
export function nearestCorrelation(a: Matrix, iterations = 200): Matrix {
  const n = a.length;
  let y = a.map((r) => r.slice());
  let dS: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let it = 0; it < iterations; it++) {
    const r = y.map((row, i) => row.map((v, j) => v - dS[i][j]));
    const x = projectPsd(r, 1e-8);
    dS = x.map((row, i) => row.map((v, j) => v - r[i][j]));
    y = x.map((row, i) => row.map((v, j) => (i === j ? 1 : v)));
  }
  return y;
}

/** Projection onto the PSD cone by a Jacobi eigendecomposition with eigenvalues clipped at `floor`. */
export function projectPsd(a: Matrix, floor: number): Matrix {
  const n = a.length;
  const m = a.map((r) => r.slice());
  const v: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p], mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k], mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const lambda = m.map((row, i) => Math.max(row[i], floor));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += v[i][k] * lambda[k] * v[j][k];
    return s;
  }));
}

/** Inverse of a symmetric matrix by Gauss–Jordan with partial pivoting; null when singular. */
export function invert(m: number[][]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (Math.abs(a[p][c]) < 1e-12) return null;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}
