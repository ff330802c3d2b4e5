import { describe, expect, it } from 'vitest';
import normalQuantileStdlib from '@stdlib/stats-base-dists-normal-quantile';
import ref from '../reference/quantiles.json' with { type: 'json' };
import { createDistribution } from '../../src/distributions/registry.js';
import { normalQuantile } from '../../src/distributions/normalQuantile.js';

// Reference values: test/reference/make_reference.py (sources cited there).
const rel = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('quantile functions against reference values', () => {
  it('normal (AS241) matches Python/R to 1e-14 relative, tails included', () => {
    for (const { p, x } of ref.normal) expect(rel(normalQuantile(p), x), `p=${p}`).toBeLessThan(1e-14);
    // R 4.3: qnorm(0.975), qnorm(1e-10)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(rel(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-14);
  });

  it('normal agrees with @stdlib (erfinv-based, an independent algorithm) over (0, 1)', () => {
    for (let k = 1; k < 2000; k++) {
      const p = k / 2000;
      expect(Math.abs(normalQuantile(p) - normalQuantileStdlib(p, 0, 1))).toBeLessThan(1e-13);
    }
  });

  it('gamma matches decimal-arithmetic references to 1e-9 relative', () => {
    for (const r of ref.gamma) {
      const d = createDistribution({ dist: 'gamma', shape: r.shape, scale: r.scale });
      expect(rel(d.quantile(r.p), r.x), `shape=${r.shape} p=${r.p}`).toBeLessThan(1e-9);
    }
  });

  it('beta matches decimal-arithmetic references to 1e-9 relative', () => {
    for (const r of ref.beta) {
      const d = createDistribution({ dist: 'beta', alpha: r.alpha, beta: r.beta });
      expect(rel(d.quantile(r.p), r.x), `a=${r.alpha} b=${r.beta} p=${r.p}`).toBeLessThan(1e-9);
    }
  });

  it('Poisson matches exact references', () => {
    for (const r of ref.poisson) expect(createDistribution({ dist: 'poisson', lambda: r.lambda }).quantile(r.p)).toBe(r.x);
  });

  it('closed forms: exponential, Weibull, lognormal, uniform, triangular, arcsine beta', () => {
    for (const p of [1e-12, 1e-6, 0.3, 0.5, 0.999, 1 - 1e-9]) {
      expect(rel(createDistribution({ dist: 'exponential', rate: 2 }).quantile(p), -Math.log1p(-p) / 2)).toBeLessThan(1e-15);
      expect(rel(createDistribution({ dist: 'weibull', shape: 1.5, scale: 3 }).quantile(p), 3 * (-Math.log1p(-p)) ** (1 / 1.5))).toBeLessThan(1e-15);
      expect(rel(createDistribution({ dist: 'lognormal', mu: 1, sigma: 0.5 }).quantile(p), Math.exp(1 + 0.5 * normalQuantile(p)))).toBeLessThan(1e-15);
      // Beta(1/2, 1/2) is the arcsine law: Q(p) = sin²(πp/2).
      expect(rel(createDistribution({ dist: 'beta', alpha: 0.5, beta: 0.5 }).quantile(p), Math.sin((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-9);
    }
    expect(createDistribution({ dist: 'triangular', min: 0, mode: 0, max: 1 }).quantile(0.75)).toBeCloseTo(0.5, 15);
    expect(createDistribution({ dist: 'uniform', min: 2, max: 4 }).quantile(0.25)).toBe(2.5);
  });

  it('lognormal by a 90% interval puts p5 and p95 where they were written', () => {
    const d = createDistribution({ dist: 'lognormal', p5: 200, p95: 3000 });
    expect(rel(d.quantile(0.05), 200)).toBeLessThan(1e-12);
    expect(rel(d.quantile(0.95), 3000)).toBeLessThan(1e-12);
    const n = createDistribution({ dist: 'normal', p5: 10, p95: 20 });
    expect(rel(n.quantile(0.05), 10)).toBeLessThan(1e-12);
  });

  it('truncated normal stays inside its bounds, also far in a tail', () => {
    const tail = createDistribution({ dist: 'truncnormal', mean: 0, sd: 1, min: 8 });
    for (const p of [1e-9, 0.5, 1 - 1e-9]) {
      const x = tail.quantile(p);
      expect(x).toBeGreaterThanOrEqual(8);
      expect(x).toBeLessThan(20);
    }
    // Half-normal: mean √(2/π), median Φ⁻¹(0.75).
    const half = createDistribution({ dist: 'truncnormal', mean: 0, sd: 1, min: 0 });
    expect(half.mean).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    expect(half.quantile(0.5)).toBeCloseTo(normalQuantile(0.75), 12);
    const lowTail = createDistribution({ dist: 'truncnormal', mean: 0, sd: 1, max: -8 });
    expect(lowTail.quantile(0.5)).toBeCloseTo(-tail.quantile(0.5), 10);
  });

  it('percentiles interpolate through the stated points and apply the linear tail rule', () => {
    const d = createDistribution({ dist: 'percentiles', p10: 10, p50: 20, p90: 60 });
    expect(d.quantile(0.1)).toBeCloseTo(10, 12);
    expect(d.quantile(0.5)).toBeCloseTo(20, 12);
    expect(d.quantile(0.3)).toBeCloseTo(15, 12);
    // Tail rule: slope of the outer segment extended to p = 0 and p = 1.
    expect(d.quantile(1e-12)).toBeCloseTo(10 - 0.1 * (10 / 0.4), 6);
    expect(d.quantile(1 - 1e-12)).toBeCloseTo(60 + 0.1 * (40 / 0.4), 6);
  });

  it('every quantile function is monotone in p', () => {
    const specs = [
      { dist: 'normal', mean: 1, sd: 2 }, { dist: 'lognormal', p5: 1, p95: 9 }, { dist: 'pert', min: 0, mode: 1, max: 5 },
      { dist: 'gamma', shape: 0.5, scale: 1 }, { dist: 'beta', alpha: 0.3, beta: 2 }, { dist: 'discrete', values: [3, 1, 2], weights: [1, 1, 2] },
      { dist: 'truncnormal', mean: 0, sd: 1, min: -1, max: 3 }, { dist: 'poisson', lambda: 4 },
    ];
    for (const s of specs) {
      const d = createDistribution(s);
      let prev = -Infinity;
      for (let k = 1; k < 1000; k++) {
        const x = d.quantile(k / 1000);
        expect(x, `${s.dist} at ${k / 1000}`).toBeGreaterThanOrEqual(prev);
        prev = x;
      }
    }
  });
});
