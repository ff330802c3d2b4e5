import { describe, expect, it } from 'vitest';
import { QuantileSketch, SKETCH_ALPHA } from '../../src/stats/quantileSketch.js';
import { SeededStream } from '../../src/rng/streams.js';
import { createDistribution, type DistributionSpec } from '../../src/distributions/registry.js';
import { sampleInto } from '../../src/distributions/distribution.js';
import { BlockSummary } from '../../src/stats/blockSummary.js';
import { encodeSummary, decodeSummary } from '../../src/stats/summaryCodec.js';

const QS = [0, 0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1];
/** The exact lower quantile the sketch approximates: the order statistic of rank ⌊q(n − 1)⌋. */
const exact = (sorted: Float64Array, q: number): number => sorted[Math.floor(q * (sorted.length - 1))];

function samples(spec: DistributionSpec, n: number, key: string): Float64Array {
  const out = new Float64Array(n);
  sampleInto(createDistribution(spec), out, new SeededStream(key), n);
  return out;
}

describe('QuantileSketch (DDSketch)', () => {
  const cases: Array<[string, Float64Array]> = [
    ['lognormal over 6 orders of magnitude', samples({ dist: 'lognormal', mu: 0, sigma: 3 }, 50_000, 'a')],
    ['normal with negatives', samples({ dist: 'normal', mean: 0.5, sd: 2 }, 50_000, 'b')],
    ['a quarter exact zeros', Float64Array.from(samples({ dist: 'normal', mean: 0, sd: 1 }, 40_000, 'c'), (x, i) => (i % 4 === 0 ? 0 : x))],
    ['Bernoulli 0/1', samples({ dist: 'bernoulli', p: 0.2 }, 10_000, 'd')],
  ];
  for (const [name, xs] of cases) {
    it(`${name}: relative value error ≤ 1% against exact quantiles of the same samples`, () => {
      const s = new QuantileSketch();
      for (const x of xs) s.add(x);
      const sorted = Float64Array.from(xs).sort();
      for (const q of QS) {
        const e = exact(sorted, q), a = s.quantile(q);
        if (e === 0) expect(a).toBe(0);
        else expect(Math.abs(a - e) / Math.abs(e), `q=${q}`).toBeLessThanOrEqual(SKETCH_ALPHA * (1 + 1e-12));
      }
      expect(SKETCH_ALPHA).toBeLessThanOrEqual(0.01);
    });
  }

  it('quantiles are monotone in q', () => {
    const s = new QuantileSketch();
    for (const x of cases[1][1]) s.add(x);
    let prev = -Infinity;
    for (let k = 0; k <= 1000; k++) {
      const v = s.quantile(k / 1000);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
  });

  it('merging sketches equals sketching the union, exactly (counts and quantiles)', () => {
    const xs = cases[1][1];
    const whole = new QuantileSketch(), a = new QuantileSketch(), b = new QuantileSketch();
    xs.forEach((x, i) => {
      whole.add(x);
      (i < 17_000 ? a : b).add(x);
    });
    a.merge(b);
    expect(a.count).toBe(whole.count);
    for (let k = 0; k <= 100; k++) expect(a.quantile(k / 100)).toBe(whole.quantile(k / 100));
  });

  it('an empty sketch answers NaN; a huge range collapses only the smallest magnitudes', () => {
    expect(new QuantileSketch().quantile(0.5)).toBeNaN();
    const s = new QuantileSketch();
    for (let e = -290; e <= 290; e += 1) s.add(10 ** e);
    expect(s.collapsed).toBeGreaterThan(0);
    const top = s.quantile(1);
    expect(Math.abs(top - 1e290) / 1e290).toBeLessThan(0.01);
  });
});

describe('block summaries', () => {
  it('survive the binary encoding bit for bit, NaN, −0 and ±Infinity included', () => {
    const layout = { outputLengths: [3, 1], horizon: 2, firstPassage: [true, false], replicates: 0, rowWidth: 2 };
    const s = new BlockSummary(layout);
    s.outputs[0].addSeries(Float64Array.from([1, -2, 0]));
    s.outputs[0].addSeries(Float64Array.from([NaN, Infinity, 5e-7]));
    s.outputs[1].addAt(0, -0);
    s.claims[0].passage![1] = 3;
    s.claims[0].hits = 3;
    s.rows = Float64Array.from([NaN, -0]);
    s.trajectories = 2;
    const enc = encodeSummary(s);
    const round = encodeSummary(decodeSummary(enc, layout));
    expect(Buffer.from(round.buffer).equals(Buffer.from(enc.buffer))).toBe(true);
    expect(Object.is(decodeSummary(enc, layout).rows[1], -0)).toBe(true);
  });
});
