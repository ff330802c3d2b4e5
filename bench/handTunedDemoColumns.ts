import { SeededStream, eventStreamKey } from '../src/rng/streams.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';
import { countClaims, type HandTunedDemoResult } from './handTunedDemo.js';
import { HandTunedInputs } from './handTunedInputs.js';
import { HandTunedTable } from './handTunedTable.js';

/** Trajectories computed before their values are accumulated column by column: the fastest size measured (the demo's loop took 3% longer with 2,048, 1.6% with 1,024, the same with 256; interleaved runs at 1,000,000 and 400,000). */
const CHUNK = 512;
/** Values from one month's column to the next: padded, as in bench/handTunedCostRatioColumns.ts (a power-of-two stride puts a trajectory's months in one L1 cache set). */
const SLOT = CHUNK + 8;

/** The chunk buffers: per series a month-major buffer (month m of the chunk's trajectory i at m·SLOT + i), per scalar a column, each with its 32-bit words. */
interface Chunks {
  series: Float64Array[];
  seriesWords: Uint32Array[];
  scalars: Float64Array[];
  scalarWords: Uint32Array[];
}

/**
 * bench/handTunedDemo.ts with the accumulation done column-wise, the stricter
 * baseline (as bench/handTunedCostRatioColumns.ts is for cost-ratio-12): the
 * inlined model writes each month's demand, supply and ratio straight into
 * month-major chunk buffers and its two scalars into columns, evaluates the
 * five claims in the same loop, and every CHUNK trajectories each month's
 * column is added to the flat tables with its moments in registers
 * (HandTunedTable.addColumn). The same values and outputs as handTunedDemo
 * (test/bench/handTuned.test.ts).
 */
export function handTunedDemoColumns(scenario: ResolvedScenario, n: number): HandTunedDemoResult {
  const months = scenario.horizon + 1;
  const inputs = new HandTunedInputs(scenario);
  const B = inputs.blockSize;
  const cols = ['initialDemand', 'demandGrowth', 'initialSupply', 'supplyGrowth', 'shockProbability', 'shockSize'].map((name) => inputs.column(name));
  const series = [new HandTunedTable(months), new HandTunedTable(months), new HandTunedTable(months)];
  const scalars = [new HandTunedTable(1), new HandTunedTable(1)];
  const seriesBufs = series.map(() => new Float64Array(months * SLOT)), scalarBufs = scalars.map(() => new Float64Array(CHUNK));
  const chunks: Chunks = {
    series: seriesBufs,
    seriesWords: seriesBufs.map((b) => new Uint32Array(b.buffer)),
    scalars: scalarBufs,
    scalarWords: scalarBufs.map((b) => new Uint32Array(b.buffer)),
  };
  const hits = new Float64Array(5), defined = new Float64Array(5);
  let pending = 0;
  for (let start = 0, block = 0; start < n; start += B, block++) {
    const len = Math.min(B, n - start);
    inputs.draw(block, len);
    pending = modelBlock(cols, scenario.seed, start, len, months, chunks, pending, series, scalars, hits, defined);
  }
  flush(series, scalars, chunks, pending);
  return { series, scalars, hits, defined };
}

/**
 * One block's trajectories: the model inlined, its values written into the
 * chunk buffers, the claims evaluated in the same loop, a full chunk flushed
 * to the tables. Returns the trajectories left in the chunk. (A function of
 * its own, as in handTunedCostRatioColumns: V8 compiles the stores into the
 * buffers far better there than inlined in the caller.)
 */
function modelBlock(cols: readonly Float64Array[], seed: number, start: number, len: number, months: number, chunks: Chunks, pending: number, series: HandTunedTable[], scalars: HandTunedTable[], hits: Float64Array, defined: Float64Array): number {
  const [d0s, gds, s0s, gss, ps, sizes] = cols;
  const [demandBuf, supplyBuf, ratioBuf] = chunks.series, [shortfallBuf, shockedBuf] = chunks.scalars;
  for (let i = 0; i < len; i++) {
    const d0 = d0s[i], gd = Math.log1p(gds[i]) / 12, s0 = s0s[i], gs = Math.log1p(gss[i]) / 12, p = ps[i], size = sizes[i];
    const ev = new SeededStream(eventStreamKey(seed, start + i));
    let shortfall = 0, shocked = 0, first = -1, at60 = NaN;
    for (let m = 0, q = pending; m < months; m++, q += SLOT) {
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
      demandBuf[q] = d;
      supplyBuf[q] = sp;
      ratioBuf[q] = r;
    }
    shortfallBuf[pending] = shortfall;
    shockedBuf[pending] = shocked;
    countClaims(first, at60, shortfall, hits, defined);
    if (++pending === CHUNK) {
      flush(series, scalars, chunks, pending);
      pending = 0;
    }
  }
  return pending;
}

/** Adds the first `count` trajectories of every column of the chunk to the tables. */
function flush(series: HandTunedTable[], scalars: HandTunedTable[], chunks: Chunks, count: number): void {
  for (let s = 0; s < series.length; s++) for (let m = 0; m < series[s].slots; m++) series[s].addColumn(m, chunks.series[s], chunks.seriesWords[s], m * SLOT, count);
  for (let c = 0; c < scalars.length; c++) scalars[c].addColumn(0, chunks.scalars[c], chunks.scalarWords[c], 0, count);
}
