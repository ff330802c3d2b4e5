import { SeededStream, eventStreamKey } from '../src/rng/streams.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';
import { HandTunedInputs } from './handTunedInputs.js';
import { HandTunedTable } from './handTunedTable.js';

/** What the hand-tuned demo loop leaves: per series and scalar a table, the claim counts. */
export interface HandTunedDemoResult {
  /** demand, supply, ratio: one table of H + 1 slots each. */
  series: HandTunedTable[];
  /** shortfall, shockedMonths: one slot each. */
  scalars: HandTunedTable[];
  /** hits and denominators of the five claims of config/examples/demo-growth.yaml, in file order. */
  hits: Float64Array;
  defined: Float64Array;
}

/**
 * The demo-growth model (src/models/demoGrowth) written as a hand-tuned loop:
 * the same input streams, quantile functions and per-trajectory event stream
 * (the same sampling work, the same values), the model inlined, every value
 * accumulated straight into flat log-linear tables (exponent and top mantissa
 * bits, no Math.log; bench/handTunedTable.ts) and the five claims of
 * config/examples/demo-growth.yaml evaluated in the loop with their
 * thresholds hard-coded. The only allocation per trajectory is the event
 * stream's generator, which seedrandom's API (a string key per stream)
 * imposes on the engine too. Single thread, no blocks merged.
 */
export function handTunedDemo(scenario: ResolvedScenario, n: number): HandTunedDemoResult {
  const H = scenario.horizon, months = H + 1;
  const inputs = new HandTunedInputs(scenario);
  const B = inputs.blockSize;
  const col = (name: string): Float64Array => inputs.column(name);
  const d0s = col('initialDemand'), gds = col('demandGrowth'), s0s = col('initialSupply'), gss = col('supplyGrowth'), ps = col('shockProbability'), sizes = col('shockSize');
  const demand = new HandTunedTable(months), supply = new HandTunedTable(months), ratio = new HandTunedTable(months);
  const shortfallT = new HandTunedTable(1), shockedT = new HandTunedTable(1);
  const hits = new Float64Array(5), defined = new Float64Array(5);
  for (let start = 0, block = 0; start < n; start += B, block++) {
    const len = Math.min(B, n - start);
    inputs.draw(block, len);
    for (let i = 0; i < len; i++) {
      const d0 = d0s[i], gd = Math.log1p(gds[i]) / 12, s0 = s0s[i], gs = Math.log1p(gss[i]) / 12, p = ps[i], size = sizes[i];
      const ev = new SeededStream(eventStreamKey(scenario.seed, start + i));
      let shortfall = 0, shocked = 0, first = -1, at60 = NaN;
      for (let m = 0; m < months; m++) {
        const d = d0 * Math.exp(gd * m);
        let sp = s0 * Math.exp(gs * m);
        if (ev.next() < p) {
          sp *= 1 - size;
          shocked++;
        }
        const r = d / sp;
        if (d > sp) shortfall += (d - sp) / 12;
        if (first < 0 && r > 1) first = m;
        if (m === 60) at60 = r;
        demand.add(m, d);
        supply.add(m, sp);
        ratio.add(m, r);
      }
      shortfallT.add(0, shortfall);
      shockedT.add(0, shocked);
      countClaims(first, at60, shortfall, hits, defined);
    }
  }
  return { series: [demand, supply, ratio], scalars: [shortfallT, shockedT], hits, defined };
}

/**
 * Counts one trajectory's outcomes of the five claims of
 * config/examples/demo-growth.yaml (thresholds hard-coded) from its first
 * month with demand above supply (−1: none), its ratio at month 60 and its
 * shortfall. Values are finite for this model's input ranges, so every claim
 * is defined (the last only when its condition, the first claim, holds).
 * Shared by both demo loops (handTunedDemoColumns.ts).
 */
export function countClaims(first: number, at60: number, shortfall: number, hits: Float64Array, defined: Float64Array): void {
  const a = first >= 0 && first <= 24, b = at60 > 2, c = shortfall > 100;
  defined[0]++;
  defined[1]++;
  defined[2]++;
  defined[3]++;
  if (a) hits[0]++;
  if (b) hits[1]++;
  if (c) hits[2]++;
  if (a && b) hits[3]++;
  if (a) {
    defined[4]++;
    if (c) hits[4]++;
  }
}
