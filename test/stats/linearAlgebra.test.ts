import { describe, expect, it } from 'vitest';
import { cholesky, invert, nearestCorrelation } from '../../src/stats/linearAlgebra.js';

describe('linear algebra', () => {
  it('cholesky: [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]; a non-PD matrix fails at its row', () => {
    const c = cholesky([[4, 2], [2, 3]]);
    expect('L' in c && c.L).toEqual([[2, 0], [1, Math.SQRT2]]);
    expect(cholesky([[1, 2], [2, 1]])).toEqual({ failedAt: 1 });
  });

  it('invert: [[4, 7], [2, 6]]⁻¹ = [[0.6, −0.7], [−0.2, 0.4]]; singular gives null', () => {
    const inv = invert([[4, 7], [2, 6]])!;
    [[0.6, -0.7], [-0.2, 0.4]].forEach((row, i) => row.forEach((v, j) => expect(inv[i][j]).toBeCloseTo(v, 12)));
    expect(invert([[1, 2], [2, 4]])).toBeNull();
  });

  it("nearestCorrelation: Higham (2002)'s 3 × 3 example [[1,1,0],[1,1,1],[0,1,1]] → off-diagonals 0.7607, 0.1573", () => {
    const x = nearestCorrelation([[1, 1, 0], [1, 1, 1], [0, 1, 1]]);
    const expected = [[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]];
    expected.forEach((row, i) => row.forEach((v, j) => expect(x[i][j]).toBeCloseTo(v, 3)));
  });
});
