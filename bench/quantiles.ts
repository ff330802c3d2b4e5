/**
 * ns per value of each family's batch quantile map (issue 14 goal 3), before
 * and after, measured in one run: "before" is the @stdlib quantile function
 * the families called until issue 14 (kept callable here, devDependencies),
 * "after" is the family's own mapQuantiles. The normal (AS241) row is the
 * floor every tabulated family pays (one Φ⁻¹ per value). Uniforms are fixed
 * and pre-drawn so only the quantile map is timed; the first call (which
 * builds the table) is outside the timing. Each figure is the fastest call
 * of the run, divided by its values (robust to other load on the machine).
 *
 *   npm run build && node dist/bench/quantiles.js
 */
import { Bench } from 'tinybench';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile';
import { createDistribution, type DistributionSpec } from '../src/distributions/registry.js';
import { SeededStream } from '../src/rng/streams.js';

const N = 4096;
const u = new Float64Array(N);
const stream = new SeededStream('bench/quantiles');
for (let i = 0; i < N; i++) u[i] = stream.next();
const out = new Float64Array(N);

type Before = ((p: number) => number) | null;
const pert = (min: number, mode: number, max: number): Before => {
  const w = max - min, a = 1 + (4 * (mode - min)) / w, b = 1 + (4 * (max - mode)) / w;
  return (p) => min + w * betaQuantile(p, a, b);
};
const rows: [DistributionSpec, Before][] = [
  [{ dist: 'normal', mean: 0, sd: 1 }, null],
  [{ dist: 'pert', min: 0, mode: 1, max: 3 }, pert(0, 1, 3)],
  [{ dist: 'beta', alpha: 2, beta: 38 }, (p) => betaQuantile(p, 2, 38)],
  [{ dist: 'beta', alpha: 0.5, beta: 0.5 }, (p) => betaQuantile(p, 0.5, 0.5)],
  [{ dist: 'beta', alpha: 60, beta: 80 }, (p) => betaQuantile(p, 60, 80)],
  [{ dist: 'gamma', shape: 2.5, scale: 1 }, (p) => gammaQuantile(p, 2.5, 1)],
  [{ dist: 'gamma', shape: 0.3, scale: 1 }, (p) => gammaQuantile(p, 0.3, 1)],
  [{ dist: 'gamma', shape: 1000, scale: 1 }, (p) => gammaQuantile(p, 1000, 1)],
  [{ dist: 'weibull', shape: 1.5, scale: 2 }, (p) => 2 * Math.pow(-Math.log1p(-p), 1 / 1.5)],
  [{ dist: 'poisson', lambda: 4 }, (p) => poissonQuantile(p, 4) + 0],
  [{ dist: 'poisson', lambda: 1000 }, (p) => poissonQuantile(p, 1000) + 0],
  [{ dist: 'poisson', lambda: 1e6 }, (p) => poissonQuantile(p, 1e6) + 0],
  [{ dist: 'poisson', lambda: 1e12 }, null],
];

const label = (s: DistributionSpec): string => `${s.dist}(${Object.entries(s).filter(([k]) => k !== 'dist').map(([, v]) => v).join(', ')})`;
const bench = new Bench({ time: 250 });
for (const [spec, before] of rows) {
  const d = createDistribution(spec);
  d.mapQuantiles(u, out, N); // builds the table
  bench.add(`after  ${label(spec)}`, () => d.mapQuantiles(u, out, N));
  if (before) {
    // @stdlib at 1e4–1e5 ns/value: time a slice so the run stays short.
    const n = 512;
    bench.add(`before ${label(spec)}`, () => {
      for (let i = 0; i < n; i++) out[i] = before(u[i]);
    });
  }
}
await bench.run();
const perValue = new Map<string, number>();
for (const t of bench.tasks) {
  // The fastest of the calls (not the mean): on a shared machine the mean measures the neighbours.
  const r = t.result as unknown as { latency?: { min: number }; min?: number } | undefined;
  const ms = r?.latency?.min ?? r?.min ?? NaN;
  perValue.set(t.name, (ms * 1e6) / (t.name.startsWith('before') ? 512 : N));
}
console.log(`${'family'.padEnd(28)} ${'before ns/value'.padStart(16)} ${'after ns/value'.padStart(15)} ${'speed-up'.padStart(9)}`);
for (const [spec] of rows) {
  const b = perValue.get(`before ${label(spec)}`), a = perValue.get(`after  ${label(spec)}`)!;
  console.log(`${label(spec).padEnd(28)} ${(b === undefined ? '—' : b.toFixed(1)).padStart(16)} ${a.toFixed(1).padStart(15)} ${(b === undefined ? '' : `${(b / a).toFixed(0)}×`).padStart(9)}`);
}
