import { describe, expect, it } from 'vitest';
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { createDistribution, type DistributionSpec } from '../../src/distributions/registry.js';
import { sampleInto, ParameterError } from '../../src/distributions/distribution.js';
import { SeededStream } from '../../src/rng/streams.js';
import { chiSquare, chiSquareCritical001, KS_C_0001, ksStatistic, meanAndSe } from '../helpers/gof.js';

// Seeded samples through the whole pipeline (stream → uniforms → quantile),
// tested against CDFs implemented independently of the quantile functions.
const N = 20_000;
const draw = (spec: DistributionSpec, key = 'gof'): Float64Array => {
  const out = new Float64Array(N);
  sampleInto(createDistribution(spec), out, new SeededStream(`${key}/${spec.dist}`), N);
  return out;
};
const Phi = (x: number): number => normalCdf(x, 0, 1);

const continuous: Array<[string, DistributionSpec, (x: number) => number]> = [
  ['uniform', { dist: 'uniform', min: -1, max: 3 }, (x) => Math.min(1, Math.max(0, (x + 1) / 4))],
  ['normal', { dist: 'normal', mean: 5, sd: 2 }, (x) => Phi((x - 5) / 2)],
  ['lognormal', { dist: 'lognormal', mu: 1, sigma: 0.7 }, (x) => Phi((Math.log(x) - 1) / 0.7)],
  ['truncnormal', { dist: 'truncnormal', mean: 1, sd: 2, min: 0, max: 4 }, (x) => (Phi((x - 1) / 2) - Phi(-0.5)) / (Phi(1.5) - Phi(-0.5))],
  ['triangular', { dist: 'triangular', min: 0, mode: 2, max: 5 }, (x) => (x <= 2 ? (x * x) / 10 : 1 - ((5 - x) ** 2) / 15)],
  ['pert', { dist: 'pert', min: 0, mode: 3, max: 10, lambda: 4 }, (x) => betaCdf(x / 10, 2.2, 3.8)],
  ['beta', { dist: 'beta', alpha: 0.6, beta: 2.5 }, (x) => betaCdf(x, 0.6, 2.5)],
  ['gamma', { dist: 'gamma', shape: 2.5, scale: 3 }, (x) => gammaCdf(x, 2.5, 1 / 3)],
  ['weibull', { dist: 'weibull', shape: 1.7, scale: 4 }, (x) => 1 - Math.exp(-((x / 4) ** 1.7))],
  ['exponential', { dist: 'exponential', mean: 12 }, (x) => 1 - Math.exp(-x / 12)],
  ['percentiles', { dist: 'percentiles', p10: 2, p50: 5, p90: 12, min: 0, max: 20 }, (x) =>
    x < 2 ? 0.1 * (x / 2) : x < 5 ? 0.1 + (0.4 * (x - 2)) / 3 : x < 12 ? 0.5 + (0.4 * (x - 5)) / 7 : 0.9 + (0.1 * (x - 12)) / 8],
  ['mixture', { dist: 'mixture', components: [{ weight: 0.3, dist: 'normal', mean: -2, sd: 1 }, { weight: 0.7, dist: 'exponential', rate: 1 }] },
    (x) => 0.3 * Phi(x + 2) + 0.7 * (x > 0 ? 1 - Math.exp(-x) : 0)],
];

describe('seeded samples pass goodness-of-fit tests (α = 0.001)', () => {
  for (const [name, spec, cdf] of continuous) {
    it(`${name}: Kolmogorov–Smirnov and the mean within 5 standard errors`, () => {
      const xs = draw(spec);
      expect(ksStatistic(xs, cdf)).toBeLessThan(KS_C_0001 / Math.sqrt(N));
      const { mean, se } = meanAndSe(xs);
      expect(Math.abs(mean - createDistribution(spec).mean)).toBeLessThan(5 * se);
    });
  }

  const discrete: Array<[string, DistributionSpec, number[], number[]]> = [
    ['bernoulli', { dist: 'bernoulli', p: 0.3 }, [0, 1], [0.7, 0.3]],
    ['discrete', { dist: 'discrete', values: [10, 1, 5], weights: [1, 2, 1] }, [1, 5, 10], [0.5, 0.25, 0.25]],
    ['poisson', { dist: 'poisson', lambda: 3 }, Array.from({ length: 15 }, (_, k) => k), Array.from({ length: 15 }, (_, k) => (Math.exp(-3) * 3 ** k) / [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600, 6227020800, 87178291200][k])],
  ];
  for (const [name, spec, support, probs] of discrete) {
    it(`${name}: chi-square over its support`, () => {
      const xs = draw(spec);
      const observed = support.map((v) => xs.filter((x) => x === v).length);
      expect(observed.reduce((a, b) => a + b, 0)).toBeGreaterThan(N * 0.999); // nothing outside the support (bar a far tail)
      const { stat, df } = chiSquare(observed, probs, N);
      expect(stat).toBeLessThan(chiSquareCritical001(df));
    });
  }
});

describe('parameters are validated when a distribution is built', () => {
  const bad: Array<[DistributionSpec, string]> = [
    [{ dist: 'normal', mean: 0, sd: -1 }, 'sd'],
    [{ dist: 'lognormal', p5: 300, p95: 200 }, 'p95'],
    [{ dist: 'lognormal', p5: -1, p95: 200 }, 'p5'],
    [{ dist: 'triangular', min: 0, mode: 5, max: 3 }, 'mode'],
    [{ dist: 'triangular', min: 3, mode: 3, max: 3 }, 'max'],
    [{ dist: 'pert', min: 0, mode: -1, max: 3 }, 'mode'],
    [{ dist: 'beta', alpha: 0, beta: 1 }, 'alpha'],
    [{ dist: 'gamma', shape: 1, scale: 1, rate: 1 }, 'rate'],
    [{ dist: 'bernoulli', p: 1.5 }, 'p'],
    [{ dist: 'discrete', values: [1, 2], weights: [1] }, 'weights'],
    [{ dist: 'percentiles', p10: 5, p50: 3 }, 'p50'],
    [{ dist: 'percentiles', p10: 5, q50: 3 }, 'q50'],
    [{ dist: 'mixture', components: [{ weight: 1, dist: 'normal', mean: 0, sd: 0 }] }, 'components[0].sd'],
    [{ dist: 'cauchy', location: 0 }, 'dist'],
  ];
  for (const [spec, field] of bad) {
    it(`${JSON.stringify(spec)} is rejected naming ${field}`, () => {
      expect(() => createDistribution(spec)).toThrowError(ParameterError);
      try {
        createDistribution(spec);
      } catch (e) {
        expect((e as ParameterError).field).toBe(field);
      }
    });
  }
});
