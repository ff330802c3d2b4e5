import { describe, expect, it } from 'vitest';
import { QuantileSketch, SKETCH_ALPHA } from '../../src/stats/quantileSketch.js';
import { bucketValue, sketchIndex } from '../../src/stats/indexMapping.js';
import { OutputAccumulator } from '../../src/stats/outputAccumulator.js';
import { SeededStream } from '../../src/rng/streams.js';
import { createDistribution, type DistributionSpec } from '../../src/distributions/registry.js';
import { sampleInto } from '../../src/distributions/distribution.js';
import { BlockSummary } from '../../src/stats/blockSummary.js';
import { countKindFor } from '../../src/stats/bucketColumns.js';
import { encodeSummary, decodeSummary, mergeEncodedSummary } from '../../src/stats/summaryCodec.js';

const QS = [0, 0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1];
/** The exact lower quantile the sketch approximates: the order statistic of rank ⌊q(n − 1)⌋. */
const exact = (sorted: Float64Array, q: number): number => sorted[Math.floor(q * (sorted.length - 1))];

function samples(spec: DistributionSpec, n: number, key: string): Float64Array {
  const out = new Float64Array(n);
  sampleInto(createDistribution(spec), out, new SeededStream(key), n);
  return out;
}

describe('linearly interpolated index mapping (exponent and top 7 mantissa bits)', () => {
  it('α is exactly 1/257: the worst bucket [1, 1 + 1/128) has its representative at relative distance 1/257 from both ends', () => {
    expect(SKETCH_ALPHA).toBe(1 / 257);
    const lo = 1, hi = 1 + 1 / 128, rep = bucketValue(0);
    expect(sketchIndex(lo)).toBe(0);
    expect(sketchIndex(hi)).toBe(1);
    expect(Math.abs((rep - lo) / lo - 1 / 257)).toBeLessThan(1e-15);
    expect(Math.abs((hi - rep) / hi - 1 / 257)).toBeLessThan(1e-15);
  });

  it('is exact at powers of two, monotone, and every value is within α of its bucket value', () => {
    expect(sketchIndex(1)).toBe(0);
    expect(sketchIndex(2)).toBe(128);
    expect(sketchIndex(0.5)).toBe(-128);
    expect(sketchIndex(1.5)).toBe(64);
    expect(sketchIndex(Number.MIN_VALUE * 2 ** 52)).toBeLessThan(sketchIndex(1e-300)); // smallest normal
    expect(sketchIndex(Number.MAX_VALUE)).toBeGreaterThan(sketchIndex(1e300));
    const stream = new SeededStream('mapping');
    let worst = 0, nonMonotone = 0;
    for (let i = 0; i < 100_000; i++) {
      // log-uniform over 1e-300 … 1e300, plus values near bucket edges of [1, 2)
      const x = i % 2 ? Math.exp((stream.next() * 2 - 1) * 690) : 1 + stream.next();
      const k = sketchIndex(x);
      if (sketchIndex(x * (1 + 1e-15)) < k) nonMonotone++;
      worst = Math.max(worst, Math.abs(bucketValue(k) - x) / x);
    }
    expect(nonMonotone).toBe(0);
    expect(worst).toBeLessThanOrEqual(SKETCH_ALPHA * (1 + 1e-12));
    expect(worst).toBeGreaterThan(SKETCH_ALPHA * 0.98); // the bound is tight, not loose
    // Bucket edges: the largest value of bucket k and the smallest of k + 1 straddle the boundary.
    for (let k = -5000; k < 5000; k += 37) {
      const v = bucketValue(k);
      expect(sketchIndex(v)).toBe(k);
    }
  }, 30_000);
});

describe('QuantileSketch (DDSketch)', () => {
  const cases: Array<[string, Float64Array]> = [
    ['lognormal over 6 orders of magnitude', samples({ dist: 'lognormal', mu: 0, sigma: 3 }, 50_000, 'a')],
    ['normal with negatives', samples({ dist: 'normal', mean: 0.5, sd: 2 }, 50_000, 'b')],
    ['a quarter exact zeros', Float64Array.from(samples({ dist: 'normal', mean: 0, sd: 1 }, 40_000, 'c'), (x, i) => (i % 4 === 0 ? 0 : x))],
    ['Bernoulli 0/1', samples({ dist: 'bernoulli', p: 0.2 }, 10_000, 'd')],
  ];
  for (const [name, xs] of cases) {
    it(`${name}: relative value error ≤ SKETCH_ALPHA (0.5%) against exact quantiles of the same samples`, () => {
      const s = new QuantileSketch();
      for (const x of xs) s.add(x);
      const sorted = Float64Array.from(xs).sort();
      for (const q of QS) {
        const e = exact(sorted, q), a = s.quantile(q);
        if (e === 0) expect(a).toBe(0);
        else expect(Math.abs(a - e) / Math.abs(e), `q=${q}`).toBeLessThanOrEqual(SKETCH_ALPHA * (1 + 1e-12));
      }
      expect(SKETCH_ALPHA).toBeLessThanOrEqual(0.005);
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
    expect(Object.is(decodeSummary(enc, layout).outputs[1].moments.min[0], -0)).toBe(true);
    expect(decodeSummary(enc, layout).outputs[0].nonFinite[0]).toBe(1);
  });

  it('the encoding depends on the counts only: a merged summary encodes like one accumulated directly', () => {
    const layout = { outputLengths: [4], horizon: 3, firstPassage: [], replicates: 0, rowWidth: 0 };
    const xs = samples({ dist: 'lognormal', mu: 0, sigma: 4 }, 8_000, 'enc');
    const whole = new BlockSummary(layout), a = new BlockSummary(layout), b = new BlockSummary(layout);
    for (let i = 0; i < xs.length; i++) {
      whole.outputs[0].addAt(i % 4, xs[i]);
      (i < 3_000 ? a : b).outputs[0].addAt(i % 4, xs[i]);
    }
    a.merge(b);
    const sk = (s: BlockSummary) => s.outputs[0].sketches;
    for (let k = 0; k < 4; k++) for (let q = 0; q <= 100; q++) expect(sk(a).quantile(k, q / 100)).toBe(sk(whole).quantile(k, q / 100));
    // Same buckets, whatever the windows' layout (moments differ within rounding, so compare sketches via a round trip).
    const round = decodeSummary(encodeSummary(a), layout);
    for (let k = 0; k < 4; k++) expect(sk(round).positive.range(k)).toEqual(sk(whole).positive.range(k));
  });

  it('column-wise accumulation (addColumns) is bit-identical to adding value by value (addAt)', () => {
    const H = 5, n = 300, layout = { outputLengths: [H + 1], horizon: H, firstPassage: [], replicates: 0, rowWidth: 0 };
    const xs = samples({ dist: 'normal', mean: 1, sd: 3 }, n * (H + 1), 'cols');
    for (let i = 0; i < xs.length; i += 17) xs[i] = i % 2 ? NaN : 0; // non-finite values and exact zeros too
    xs[5] = -Infinity;
    // Around the zero threshold (1e-300; its neighbours share its high word), subnormals, −0, +Infinity.
    [1e-300, 1.0000000000000002e-300, 0.9999999999999999e-300, 1.00000001e-300, -1e-300, 5e-324, -0, Infinity, 2.2250738585072014e-308, Number.MAX_VALUE].forEach((v, j) => (xs[7 + 13 * j] = v));
    const a = new BlockSummary(layout), b = new BlockSummary(layout), c = new BlockSummary(layout);
    for (let i = 0; i < n; i++) for (let k = 0; k <= H; k++) a.outputs[0].addAt(k, xs[i * (H + 1) + k]);
    b.outputs[0].addColumns(xs.subarray(0, 64 * (H + 1)), 64, H + 1);
    b.outputs[0].addColumns(xs.subarray(64 * (H + 1)), n - 64, H + 1);
    // The block runner's layout: slot by slot (slotStride values a slot, trajectories in order).
    const slotStride = n + 3, bySlot = new Float64Array(slotStride * (H + 1));
    for (let i = 0; i < n; i++) for (let k = 0; k <= H; k++) bySlot[k * slotStride + i] = xs[i * (H + 1) + k];
    c.outputs[0].addColumns(bySlot, n, 1, slotStride);
    expect(Buffer.from(encodeSummary(b).buffer).equals(Buffer.from(encodeSummary(a).buffer))).toBe(true);
    expect(Buffer.from(encodeSummary(c).buffer).equals(Buffer.from(encodeSummary(a).buffer))).toBe(true);
  });

  it('merging from the encoding equals decoding then merging, bit for bit; a reset summary is as good as new', () => {
    const H = 3, layout = { outputLengths: [H + 1, 1], horizon: H, firstPassage: [true], replicates: 2, rowWidth: 1 };
    const xs = samples({ dist: 'normal', mean: 2, sd: 3 }, 4_000, 'menc');
    const make = (from: number, s = new BlockSummary(layout)): BlockSummary => {
      for (let i = from; i < from + 1_000; i++) {
        s.outputs[0].addAt(i % (H + 1), i % 97 === 0 ? NaN : xs[i]);
        s.outputs[1].addAt(0, xs[i] * 1e-9);
      }
      s.claims[0].record(1, 1);
      s.claims[0].passage![2] += 3;
      s.rows = Float64Array.from([from, -0]);
      s.trajectories = 1_000;
      return s;
    };
    const a = make(0), b = make(0), reused = make(1_000);
    reused.reset();
    make(2_000, reused);
    a.merge(decodeSummary(encodeSummary(make(2_000)), layout));
    mergeEncodedSummary(b, encodeSummary(reused));
    expect(Buffer.from(encodeSummary(b).buffer).equals(Buffer.from(encodeSummary(a).buffer))).toBe(true);
  });

  it('packs bucket counts as 16-bit integers while every slot holds < 2^16 values, 32-bit beyond, both exact', () => {
    const layout = { outputLengths: [2], horizon: 1, firstPassage: [], replicates: 0, rowWidth: 0 };
    const make = (n: number): BlockSummary => {
      const s = new BlockSummary(layout);
      // Slot 0: n values in one bucket (the count that decides the width), and odd counts around it; slot 1 empty.
      for (let i = 0; i < n; i++) s.outputs[0].addAt(0, 3.5);
      for (let i = 0; i < 7; i++) s.outputs[0].addAt(0, i % 2 ? -2e-5 : 1e9 + i);
      s.trajectories = n + 7;
      return s;
    };
    for (const [n, bits] of [[65_528, 16], [65_529, 32], [200_000, 32]] as const) {
      const s = make(n), enc = encodeSummary(s);
      expect(enc[1]).toBe(bits);
      const back = decodeSummary(enc, layout), sk = back.outputs[0].sketches, orig = s.outputs[0].sketches;
      for (const store of ['positive', 'negative'] as const) {
        expect(sk[store].range(0)).toEqual(orig[store].range(0));
        const r = orig[store].range(0)!;
        for (let i = r[0]; i <= r[1]; i++) expect(sk[store].get(0, i)).toBe(orig[store].get(0, i));
      }
      expect(sk[`positive`].get(0, orig.positive.range(0)![0])).toBe(n);
      expect(sk.positive.range(1)).toBeNull();
      expect(Buffer.from(encodeSummary(back).buffer).equals(Buffer.from(enc.buffer))).toBe(true);
      // Merging straight from the packed counts: twice the counts, the width read from the summary.
      const twice = decodeSummary(enc, layout);
      mergeEncodedSummary(twice, enc);
      expect(twice.outputs[0].sketches.positive.get(0, orig.positive.range(0)![0])).toBe(2 * n);
    }
  });

  it('encodes the occupied range however the slot was filled: collapsed below MAX_BUCKETS, negatives, zeros, one value', () => {
    const layout = { outputLengths: [5], horizon: 4, firstPassage: [], replicates: 0, rowWidth: 0 };
    const s = new BlockSummary(layout), o = s.outputs[0];
    for (let e = -290; e <= 290; e++) o.addAt(0, 10 ** e); // a span past MAX_BUCKETS: the lowest buckets are folded
    for (let i = 1; i <= 50; i++) o.addAt(1, i % 3 ? -i : i * 1e-301); // negatives and values in the zero bucket
    o.addAt(2, 7); // one value
    for (let i = 1; i <= 50; i++) o.addAt(3, 2 ** (i / 7)); // positives only: the range read from the moments
    s.trajectories = 581;
    expect(o.sketches.positive.collapsed[0]).toBeGreaterThan(0);
    const enc = encodeSummary(s), back = decodeSummary(enc, layout);
    for (let k = 0; k < 5; k++) {
      for (const store of ['positive', 'negative'] as const) {
        const r = o.sketches[store].range(k);
        expect(back.outputs[0].sketches[store].range(k), `${store} ${k}`).toEqual(r);
        if (r) for (let i = r[0]; i <= r[1]; i++) expect(back.outputs[0].sketches[store].get(k, i)).toBe(o.sketches[store].get(k, i));
        expect(back.outputs[0].sketches[store].collapsed[k]).toBe(o.sketches[store].collapsed[k]);
      }
    }
    expect(Buffer.from(encodeSummary(back).buffer).equals(Buffer.from(enc.buffer))).toBe(true);
  });

  it('a store of 16- or 32-bit counts (a block summary) encodes to the same bytes as one of doubles, also reused after a reset', () => {
    const layout = { outputLengths: [4, 1], horizon: 3, firstPassage: [], replicates: 0, rowWidth: 0 };
    const xs = samples({ dist: 'lognormal', mu: 0, sigma: 2 }, 3_000, 'kinds');
    const fill = (s: BlockSummary, shift: number): BlockSummary => {
      const o = s.outputs[0];
      for (let e = -290; e <= 290; e++) o.addAt(0, 10 ** e); // folded below MAX_BUCKETS
      for (let i = 0; i < xs.length; i++) o.addAt(1 + (i % 3), (i % 5 === 0 ? -1 : 1) * xs[i] * shift);
      s.outputs[1].addColumns(xs, xs.length, 1);
      s.trajectories = xs.length;
      return s;
    };
    const want = encodeSummary(fill(new BlockSummary(layout), 1));
    for (const kind of ['uint16', 'uint32', 'float64'] as const) {
      const s = fill(new BlockSummary(layout, kind), 1e6); // windows laid out elsewhere first
      expect(s.outputs[0].sketches.positive.counts.constructor.name).toBe({ uint16: 'Uint16Array', uint32: 'Uint32Array', float64: 'Float64Array' }[kind]);
      s.reset();
      expect(Buffer.from(encodeSummary(fill(s, 1)).buffer).equals(Buffer.from(want.buffer)), kind).toBe(true);
    }
    expect([countKindFor(65_535), countKindFor(65_536), countKindFor(2 ** 32 - 1), countKindFor(2 ** 32)]).toEqual(['uint16', 'uint32', 'uint32', 'float64']);
  });

  it('a block summary with 16-bit counts takes a quarter of the words for its buckets', () => {
    const layout = { outputLengths: [1], horizon: 0, firstPassage: [], replicates: 0, rowWidth: 0 };
    const s = new BlockSummary(layout);
    const xs = samples({ dist: 'lognormal', mu: 0, sigma: 1 }, 8_192, 'packed');
    for (const x of xs) s.outputs[0].addAt(0, x);
    const r = s.outputs[0].sketches.positive.range(0)!, buckets = r[1] - r[0] + 1;
    // Header 4, a slot's 15 words, the packed counts, the row count... ≤ 20 words beside the buckets.
    expect(encodeSummary(s).length).toBeLessThanOrEqual(20 + Math.ceil(buckets / 4));
    expect(buckets).toBeGreaterThan(400);
  });

  it('rejects a summary with a count width other than 16 or 32 bits', () => {
    const layout = { outputLengths: [1], horizon: 0, firstPassage: [], replicates: 0, rowWidth: 0 };
    const enc = encodeSummary(new BlockSummary(layout));
    enc[1] = 8;
    expect(() => decodeSummary(enc, layout)).toThrow(/count width 8/);
    expect(() => mergeEncodedSummary(new BlockSummary(layout), enc)).toThrow(/count width 8/);
  });

  it('rejects a summary in another format', () => {
    const layout = { outputLengths: [1], horizon: 0, firstPassage: [], replicates: 0, rowWidth: 0 };
    const enc = encodeSummary(new BlockSummary(layout));
    enc[0] = 1;
    expect(() => decodeSummary(enc, layout)).toThrow(/format/);
  });

  it('an output accumulator sketches every month in one flat store', () => {
    const acc = new OutputAccumulator(3);
    for (let i = 1; i <= 1000; i++) acc.addSeries(Float64Array.from([i, -i, i * 1e6]));
    expect(Math.abs(acc.quantile(0, 0.5) - 500) / 500).toBeLessThanOrEqual(SKETCH_ALPHA);
    expect(Math.abs(acc.quantile(1, 0.5) + 501) / 501).toBeLessThanOrEqual(SKETCH_ALPHA);
    expect(Math.abs(acc.quantile(2, 1) - 1e9) / 1e9).toBeLessThanOrEqual(SKETCH_ALPHA);
  });
});
