import type { Distribution } from '../../distributions/distribution.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import { SeededStream } from '../../rng/streams.js';
import { TrajectoryEvaluator, type RunPlan } from '../runBlock.js';
import type { OutputRef } from './outputRef.js';

/** A request to run one block of a Saltelli design (Sobol indices): `rows` rows, each run k + 2 times. */
export interface SaltelliRequest {
  type: 'saltelli';
  block: number;
  rows: number;
  outputs: OutputRef[];
  bootstrap: number;
  /** As for BlockRequest: a scenario to run instead of the pool's. */
  scenario?: ResolvedScenario;
}

/** Sums kept per output and bootstrap replicate: W, Σ(fA + fB), Σ(fA² + fB²), then S1 and ST numerators per input. */
export function saltelliWidth(inputs: number): number {
  return 3 + 2 * inputs;
}

/** Poisson(1) by inversion: P(K ≤ k) for k = 0…8 (the tail beyond 8 has probability < 1e-6 and counts as 8). */
const POISSON1_CDF = [0.36787944117144233, 0.7357588823428847, 0.9196986029286058, 0.9810118431238462, 0.9963401531726563, 0.9994058151824183, 0.9999167588507881, 0.9999897508033253, 0.9999988747974172];
function poisson1(u: number): number {
  let k = 0;
  while (k < 8 && u > POISSON1_CDF[k]) k++;
  return k;
}

/**
 * One block of a Saltelli design (Saltelli et al. 2010, "Variance based
 * sensitivity analysis of model output", Comput. Phys. Commun. 181:259):
 * rows r of two independent input matrices A and B (uniforms from streams keyed
 * by (seed, "A"|"B", block, input), through each input's quantile function;
 * correlations are not imposed, as the indices assume independent inputs), and
 * for each input i the matrix A_B⁽ⁱ⁾ (A with column i from B). Every row runs
 * the model k + 2 times as the same trajectory index, so events inside a
 * trajectory share their stream. For each output it accumulates
 *   W = Σw, Σw(f_A + f_B), Σw(f_A² + f_B²),
 *   Σw f_B (f_ABi − f_A)  (first order, Saltelli 2010),
 *   Σw (f_A − f_ABi)²     (total effect, Jansen 1999),
 * for w = 1 and for `bootstrap` Poisson(1)-weighted resamples (a mergeable
 * bootstrap: Hanley & MacGibbon 2006). Rows where an output is not finite in
 * any of the k + 2 runs are skipped for that output. Sums add across blocks.
 */
export function runSaltelliBlock(plan: RunPlan, block: number, rows: number, outputs: readonly OutputRef[], bootstrap: number): Float64Array {
  const k = plan.inputNames.length, width = saltelliWidth(k), R = bootstrap + 1;
  const out = new Float64Array(outputs.length * R * width);
  const seed = plan.scenario.seed;
  const draw = (set: string): Float64Array[] =>
    plan.inputNames.map((name, j) => {
      const col = new Float64Array(rows);
      const s = new SeededStream(`${seed}/saltelli/${set}/block/${block}/input/${name}`);
      for (let r = 0; r < rows; r++) col[r] = s.next();
      (plan.distributions[j] as Distribution).mapQuantiles(col, col, rows);
      return col;
    });
  const A = draw('A'), B = draw('B');
  // A fixed input cannot vary between A and B: skip its k-th run (its indices are 0).
  const varies = plan.distributions.map((d) => d.family !== 'point');
  const evaluator = new TrajectoryEvaluator(plan);
  const counters = plan.claims.newCounters(); // scratch: only the states of the current trajectory are read
  const fA = new Float64Array(outputs.length), fB = new Float64Array(outputs.length);
  const fAB = new Float64Array(k * outputs.length);
  const weights = new Float64Array(R);
  let row = 0, swap = -1;
  const value = (j: number): number => (j === swap ? B[j][row] : A[j][row]);
  const valueB = (j: number): number => B[j][row];
  const needsClaims = outputs.some((o) => o.kind === 'claim');
  const measure = (into: Float64Array, offset: number): void => {
    if (needsClaims) plan.claims.evaluate(evaluator.series, evaluator.scalars, counters);
    for (let q = 0; q < outputs.length; q++) {
      const o = outputs[q];
      let v: number;
      if (o.kind === 'scalar') v = evaluator.scalars[o.index];
      else if (o.kind === 'series') v = evaluator.series[o.index][o.month];
      else {
        const st = plan.claims.states[o.index];
        v = st === 1 ? 1 : st === 0 ? 0 : NaN;
      }
      into[offset + q] = v;
    }
  };
  for (row = 0; row < rows; row++) {
    const t = block * rows + row;
    swap = -1;
    evaluator.run(t, block, value);
    measure(fA, 0);
    evaluator.run(t, block, valueB);
    measure(fB, 0);
    for (let i = 0; i < k; i++) {
      if (!varies[i]) {
        for (let q = 0; q < outputs.length; q++) fAB[i * outputs.length + q] = fA[q];
        continue;
      }
      swap = i;
      evaluator.run(t, block, value);
      measure(fAB, i * outputs.length);
    }
    const ws = new SeededStream(`${seed}/saltelli/bootstrap/row/${t}`);
    weights[0] = 1;
    for (let b = 1; b < R; b++) weights[b] = poisson1(ws.next());
    for (let q = 0; q < outputs.length; q++) {
      const a = fA[q], bb = fB[q];
      let finite = a - a === 0 && bb - bb === 0;
      for (let i = 0; finite && i < k; i++) finite = fAB[i * outputs.length + q] - fAB[i * outputs.length + q] === 0;
      if (!finite) continue;
      for (let b = 0; b < R; b++) {
        const w = weights[b];
        if (w === 0) continue;
        const p = (q * R + b) * width;
        out[p] += w;
        out[p + 1] += w * (a + bb);
        out[p + 2] += w * (a * a + bb * bb);
        for (let i = 0; i < k; i++) {
          const ab = fAB[i * outputs.length + q];
          out[p + 3 + i] += w * bb * (ab - a);
          out[p + 3 + k + i] += w * (a - ab) * (a - ab);
        }
      }
    }
  }
  return out;
}

/** The worker side of a SaltelliRequest: the block's sums (see runSaltelliBlock). */
export function saltelliTask(plan: RunPlan, req: SaltelliRequest): Float64Array {
  return runSaltelliBlock(plan, req.block, req.rows, req.outputs, req.bootstrap);
}
