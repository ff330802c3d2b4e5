import type { ResolvedScenario } from '../src/scenario/resolve.js';
import type { HandTunedCostRatioResult } from './handTunedCostRatio.js';
import { HandTunedInputs } from './handTunedInputs.js';
import { HandTunedTable } from './handTunedTable.js';
import { GROUND_LIFETIME, HOURS_PER_YEAR } from './models/costRatio12.js';

/** The model's inputs, in the order modelBlock takes their columns. */
const INPUTS = ['launchCost0', 'launchLearning', 'massPerKw', 'solarCost0', 'solarLearning', 'radiatorCost', 'spaceOps', 'spaceLifetime', 'groundCapex', 'energyPrice0', 'energyPriceGrowth', 'pue'];

/** Trajectories computed before their values are accumulated column by column: the fastest size measured (cost-ratio-12's loop took the same time with 256, 1,024 or 2,048; interleaved runs at 1,000,000 and 400,000). */
const CHUNK = 512;
/** Values from one month's column to the next: padded, since a power-of-two stride puts every month of a trajectory in the same L1 cache set. */
const SLOT = CHUNK + 8;

/**
 * bench/handTunedCostRatio.ts with the accumulation done column-wise, the
 * stricter baseline: the inlined model writes each month's ratio straight
 * into a month-major chunk buffer (month m of the chunk's trajectory i at
 * m·SLOT + i; no per-trajectory array, no copy), evaluates the claim in the
 * same loop, and every CHUNK trajectories each month's column is added to
 * the flat table with its moments in registers and its bucket read from the
 * high word through a Uint32Array over the buffer (HandTunedTable.addColumn).
 * That is the engine's own accumulation scheme without anything the engine
 * needs to be an engine (blocks summarised and merged, a model behind an
 * interface, NaN-filled outputs, claims evaluated after the model).
 * Same values and outputs as handTunedCostRatio (test/bench/handTuned.test.ts).
 */
export function handTunedCostRatioColumns(scenario: ResolvedScenario, n: number): HandTunedCostRatioResult {
  const H = scenario.horizon, months = H + 1;
  const inputs = new HandTunedInputs(scenario);
  const claim = scenario.claims[0];
  const limit = claim.below!, by = claim.by!;
  const B = inputs.blockSize;
  const cols = INPUTS.map((name) => inputs.column(name));
  const table = new HandTunedTable(months);
  const buf = new Float64Array(months * SLOT), words = new Uint32Array(buf.buffer);
  // hits, defined, never, then the passage histogram (H + 1 months).
  const counts = new Float64Array(3 + months);
  for (let start = 0, block = 0; start < n; start += B, block++) {
    const len = Math.min(B, n - start);
    inputs.draw(block, len);
    const pending = modelBlock(cols, len, by, limit, months, table, buf, words, counts);
    flush(table, buf, words, pending);
  }
  return { ratio: table, hits: counts[0], defined: counts[1], never: counts[2], passage: counts.slice(3) };
}

/**
 * One block's trajectories: the model inlined, its ratios written into the
 * month-major chunk buffer, the claim evaluated in the same loop, a full
 * chunk flushed to the table. Returns the trajectories left in the chunk.
 * (A function of its own: inlined in the caller, V8 compiled the store into
 * the buffer ~25x slower, measured.)
 */
function modelBlock(cols: readonly Float64Array[], len: number, by: number, limit: number, months: number, table: HandTunedTable, buf: Float64Array, words: Uint32Array, counts: Float64Array): number {
  const [launchCost0, launchLearning, massPerKw, solarCost0, solarLearning, radiatorCost, spaceOps, spaceLifetime, groundCapex, energyPrice0, energyPriceGrowth, pue] = cols;
  let pending = 0;
  for (let i = 0; i < len; i++) {
    const fLaunch = Math.pow(1 - launchLearning[i], 1 / 12);
    const fSolar = Math.pow(1 - solarLearning[i], 1 / 12);
    const fEnergy = Math.pow(1 + energyPriceGrowth[i], 1 / 12);
    const invLife = 1 / spaceLifetime[i], groundFixed = groundCapex[i] / GROUND_LIFETIME, energyScale = HOURS_PER_YEAR * pue[i];
    const radiator = radiatorCost[i], ops = spaceOps[i];
    let launch = launchCost0[i] * massPerKw[i], solar = solarCost0[i], price = energyPrice0[i];
    let first = -1, undef = false;
    for (let m = 0, p = pending; m < months; m++, p += SLOT) {
      const r = ((launch + solar + radiator) * invLife + ops) / (groundFixed + price * energyScale);
      launch *= fLaunch;
      solar *= fSolar;
      price *= fEnergy;
      buf[p] = r;
      if (first < 0 && !undef) {
        if (r - r !== 0) undef = true;
        else if (r < limit) first = m;
      }
    }
    if (++pending === CHUNK) {
      flush(table, buf, words, pending);
      pending = 0;
    }
    if (undef) continue;
    counts[1]++;
    if (first >= 0) {
      counts[3 + first]++;
      if (first <= by) counts[0]++;
    } else counts[2]++;
  }
  return pending;
}

/** Adds the first `count` trajectories of every month's column to the table (a plain function: a closure made per call deoptimised the loop). */
function flush(table: HandTunedTable, buf: Float64Array, words: Uint32Array, count: number): void {
  for (let m = 0; m < table.slots; m++) table.addColumn(m, buf, words, m * SLOT, count);
}
