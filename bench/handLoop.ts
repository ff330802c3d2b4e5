import { createDistribution } from '../src/distributions/registry.js';
import { SeededStream, inputStreamKey, eventStreamKey } from '../src/rng/streams.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';

/**
 * The demo-growth model written as a plain hand-written loop, the way a
 * careful person would write it without the engine: the same streams and
 * quantile functions (same sampling work), the model inlined, and the same
 * statistics accumulated as cheaply as possible — per series and month a
 * fixed log-spaced histogram (one log and one increment per value, no
 * negative values or range growth handled), a sum and a sum of squares, and
 * the claim counts. Single thread, no blocks, no merge, no transfer.
 * It returns a checksum so the work cannot be optimized away.
 */
export function handLoop(scenario: ResolvedScenario, n: number): number {
  const H = scenario.horizon, months = H + 1;
  const names = Object.keys(scenario.inputs);
  const dists = names.map((k) => createDistribution(scenario.inputs[k]));
  const B = 8192;
  const cols = names.map(() => new Float64Array(B));
  const BINS = 8192, invLnGamma = 1 / Math.log(1.01005);
  const hist = new Float64Array(3 * months * BINS);
  const sum = new Float64Array(3 * months), sumsq = new Float64Array(3 * months);
  let claimA = 0, claimB = 0, claimC = 0;
  for (let start = 0, block = 0; start < n; start += B, block++) {
    const len = Math.min(B, n - start);
    for (let j = 0; j < names.length; j++) {
      const s = new SeededStream(inputStreamKey(scenario.seed, block, names[j]));
      const col = cols[j];
      for (let i = 0; i < len; i++) col[i] = s.next();
      dists[j].mapQuantiles(col, col, len);
    }
    for (let i = 0; i < len; i++) {
      const d0 = cols[0][i], gd = Math.log1p(cols[1][i]) / 12, s0 = cols[2][i], gs = Math.log1p(cols[3][i]) / 12, p = cols[4][i], size = cols[5][i];
      const ev = new SeededStream(eventStreamKey(scenario.seed, start + i));
      let shortfall = 0, passed = false;
      for (let m = 0; m < months; m++) {
        const d = d0 * Math.exp(gd * m);
        let sp = s0 * Math.exp(gs * m);
        if (ev.next() < p) sp *= 1 - size;
        const r = d / sp;
        if (d > sp) shortfall += (d - sp) / 12;
        if (!passed && r > 1 && m <= 24) passed = true;
        if (m === 60 && r > 2) claimB++;
        const v0 = d, v1 = sp, v2 = r;
        let k = m;
        hist[k * BINS + ((Math.ceil(Math.log(v0) * invLnGamma) + 4096) & 8191)]++; sum[k] += v0; sumsq[k] += v0 * v0;
        k += months;
        hist[k * BINS + ((Math.ceil(Math.log(v1) * invLnGamma) + 4096) & 8191)]++; sum[k] += v1; sumsq[k] += v1 * v1;
        k += months;
        hist[k * BINS + ((Math.ceil(Math.log(v2) * invLnGamma) + 4096) & 8191)]++; sum[k] += v2; sumsq[k] += v2 * v2;
      }
      if (passed) claimA++;
      if (shortfall > 100) claimC++;
    }
  }
  return claimA + claimB + claimC + sum[0] + hist[4096];
}
