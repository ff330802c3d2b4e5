/**
 * Tinybench micro-benchmarks: each distribution's batch sampler (uniforms
 * from the seeded stream mapped through the quantile function), and the
 * quantile sketch's insert and merge.
 *
 *   npm run build && node dist/bench/micro.js
 */
import { Bench } from 'tinybench';
import { sampleInto } from '../src/distributions/distribution.js';
import { createDistribution, type DistributionSpec } from '../src/distributions/registry.js';
import { SeededStream } from '../src/rng/streams.js';
import { QuantileSketch } from '../src/stats/quantileSketch.js';

const N = 8192;
const out = new Float64Array(N);
const specs: DistributionSpec[] = [
  { dist: 'point', value: 1 },
  { dist: 'uniform', min: 0, max: 1 },
  { dist: 'normal', mean: 0, sd: 1 },
  { dist: 'truncnormal', mean: 0, sd: 1, min: 0 },
  { dist: 'lognormal', p5: 200, p95: 3000 },
  { dist: 'triangular', min: 0, mode: 1, max: 3 },
  { dist: 'pert', min: 0, mode: 1, max: 3 },
  { dist: 'beta', alpha: 2, beta: 38 },
  { dist: 'gamma', shape: 2.5, scale: 1 },
  { dist: 'weibull', shape: 1.5, scale: 2 },
  { dist: 'exponential', rate: 1 },
  { dist: 'bernoulli', p: 0.3 },
  { dist: 'poisson', lambda: 4 },
  { dist: 'discrete', values: [1, 2, 3, 4], weights: [1, 2, 3, 4] },
  { dist: 'percentiles', p10: 1, p50: 2, p90: 5, min: 0, max: 10 },
  { dist: 'mixture', components: [{ weight: 0.3, dist: 'point', value: 999 }, { weight: 0.7, dist: 'triangular', min: 12, mode: 30, max: 60 }] },
];

const bench = new Bench({ time: 300 });
const stream = new SeededStream('bench');
bench.add('uniform stream only (tychei)', () => {
  for (let i = 0; i < N; i++) out[i] = stream.next();
});
for (const spec of specs) {
  const d = createDistribution(spec);
  bench.add(`sample ${spec.dist}`, () => sampleInto(d, out, stream, N));
}
const values = Float64Array.from({ length: N }, (_, i) => Math.exp(Math.sin(i) * 4));
bench.add('sketch insert', () => {
  const s = new QuantileSketch();
  for (let i = 0; i < N; i++) s.add(values[i]);
});
const a = new QuantileSketch(), b = new QuantileSketch();
values.forEach((v, i) => (i % 2 ? a : b).add(v));
bench.add('sketch merge (two sketches of 4096 values)', () => {
  const m = new QuantileSketch();
  m.merge(a);
  m.merge(b);
});
await bench.run();
console.log(`per call: ${N} values (merge: one merge of two sketches)`);
for (const t of bench.tasks) {
  const r = t.result as unknown as { latency?: { mean: number }; mean?: number } | undefined;
  const ms = r?.latency?.mean ?? r?.mean ?? NaN;
  const perValue = (ms * 1e6) / N;
  console.log(`${t.name.padEnd(46)} ${ms.toFixed(3).padStart(9)} ms/call ${t.name.startsWith('sketch merge') ? '' : `${perValue.toFixed(1).padStart(7)} ns/value`}`);
}
