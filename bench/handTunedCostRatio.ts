import type { ResolvedScenario } from '../src/scenario/resolve.js';
import { HandTunedInputs } from './handTunedInputs.js';
import { HandTunedTable } from './handTunedTable.js';
import { GROUND_LIFETIME, HOURS_PER_YEAR } from './models/costRatio12.js';

/** What the hand-tuned loop leaves: the ratio series' table and the claim's counts. */
export interface HandTunedCostRatioResult {
  ratio: HandTunedTable;
  /** Trajectories whose ratio fell below the threshold by month `by` (inclusive). */
  hits: number;
  /** Trajectories where the claim is defined (no non-finite value before the first passage). */
  defined: number;
  /** First passage month histogram (length H + 1) and the count that never pass. */
  passage: Float64Array;
  never: number;
}

/**
 * bench/models/costRatio12.ts written as a hand-tuned loop, the way a
 * performance engineer would without the engine: the same input streams and
 * quantile functions (so the same values, bit for bit), blocks of 8,192
 * sampled into reused flat Float64Arrays, the model inlined with its
 * recurrences, each month's value accumulated straight into a flat
 * log-linear table (exponent and top mantissa bits, no Math.log), and the
 * first-passage claim evaluated in the same loop. No allocation per
 * trajectory, no blocks merged, no threads.
 *
 * The scenario must be bench/costRatio12.yaml (one claim: `ratio below L by M`).
 */
export function handTunedCostRatio(scenario: ResolvedScenario, n: number): HandTunedCostRatioResult {
  const H = scenario.horizon, months = H + 1;
  const inputs = new HandTunedInputs(scenario);
  const claim = scenario.claims[0];
  const limit = claim.below!, by = claim.by!;
  const B = inputs.blockSize;
  const [launchCost0, launchLearning, massPerKw, solarCost0, solarLearning, radiatorCost, spaceOps, spaceLifetime, groundCapex, energyPrice0, energyPriceGrowth, pue] = [
    'launchCost0', 'launchLearning', 'massPerKw', 'solarCost0', 'solarLearning', 'radiatorCost', 'spaceOps', 'spaceLifetime', 'groundCapex', 'energyPrice0', 'energyPriceGrowth', 'pue',
  ].map((name) => inputs.column(name));
  const table = new HandTunedTable(months);
  const passage = new Float64Array(months);
  let hits = 0, defined = 0, never = 0;
  for (let start = 0, block = 0; start < n; start += B, block++) {
    const len = Math.min(B, n - start);
    inputs.draw(block, len);
    for (let i = 0; i < len; i++) {
      const fLaunch = Math.pow(1 - launchLearning[i], 1 / 12);
      const fSolar = Math.pow(1 - solarLearning[i], 1 / 12);
      const fEnergy = Math.pow(1 + energyPriceGrowth[i], 1 / 12);
      const invLife = 1 / spaceLifetime[i], groundFixed = groundCapex[i] / GROUND_LIFETIME, energyScale = HOURS_PER_YEAR * pue[i];
      const radiator = radiatorCost[i], ops = spaceOps[i];
      let launch = launchCost0[i] * massPerKw[i], solar = solarCost0[i], price = energyPrice0[i];
      let first = -1, undef = false;
      for (let m = 0; m < months; m++) {
        const r = ((launch + solar + radiator) * invLife + ops) / (groundFixed + price * energyScale);
        launch *= fLaunch;
        solar *= fSolar;
        price *= fEnergy;
        table.add(m, r);
        if (first < 0 && !undef) {
          if (r - r !== 0) undef = true;
          else if (r < limit) first = m;
        }
      }
      if (undef) continue;
      defined++;
      if (first >= 0) {
        passage[first]++;
        if (first <= by) hits++;
      } else never++;
    }
  }
  return { ratio: table, hits, defined, passage, never };
}
