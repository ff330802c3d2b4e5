import { createDistribution, type DistributionSpec } from '../dist/registry.js';
import type { Distribution } from '../dist/distribution.js';
import { LazyTrajectoryStream, SeededStream } from '../rng/streams.js';
import { correlationPlan, gaussianCopula, imanConover, type CorrelationPlan } from '../sampling/imposeCorrelation.js';
import { createSampler, type Sampler } from '../sampling/sampler.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { BlockSummary, type SummaryLayout } from '../stats/blockSummary.js';
import { CompiledClaims } from './compiledClaims.js';
import type { Model, Trajectory } from './defineModel.js';
import { ModelError } from './modelError.js';

/**
 * Everything needed to run blocks of one scenario, built once per worker:
 * distributions, sampler, compiled claims and the summary layout.
 */
export class RunPlan {
  readonly inputNames: string[];
  readonly distributions: Distribution[];
  readonly seriesNames: string[];
  readonly scalarNames: string[];
  readonly claims: CompiledClaims;
  readonly sampler: Sampler;
  readonly layout: SummaryLayout;
  readonly correlation: CorrelationPlan | null;

  constructor(readonly scenario: ResolvedScenario, readonly model: Model) {
    this.inputNames = Object.keys(scenario.inputs);
    this.distributions = this.inputNames.map((n) => createDistribution(scenario.inputs[n] as DistributionSpec));
    this.seriesNames = Object.keys(model.series);
    this.scalarNames = Object.keys(model.scalars);
    this.claims = new CompiledClaims(scenario.claims, this.seriesNames, this.scalarNames, scenario.horizon);
    this.sampler = createSampler(scenario.sampler, scenario.seed, this.inputNames.length);
    this.correlation = correlationPlan(scenario.correlations, this.inputNames);
    const H = scenario.horizon;
    this.layout = {
      outputLengths: [...this.seriesNames.map(() => H + 1), ...this.scalarNames.map(() => 1)],
      horizon: H,
      firstPassage: scenario.claims.map((_, i) => this.claims.isFirstPassage(i)),
      replicates: this.sampler.replicates,
      rowWidth: this.inputNames.length + this.scalarNames.length + this.seriesNames.length * (H + 1),
    };
  }

  /** Number of trajectories in block `block` of size `blockSize`. */
  blockLength(block: number, blockSize: number): number {
    return Math.max(0, Math.min(blockSize, this.scenario.trajectories - block * blockSize));
  }
}

/**
 * Iman–Conover within the block: over all its trajectories for plain Monte
 * Carlo, and within each replicate's trajectories for Latin hypercube (so each
 * replicate stays an independent, stratified design).
 */
function imposeByRanks(plan: RunPlan, corr: CorrelationPlan, columns: Float64Array[], block: number, first: number, n: number): void {
  const stream = new SeededStream(`${plan.scenario.seed}/block/${block}/iman-conover`);
  const R = plan.sampler.replicates;
  if (R === 0) {
    imanConover(columns, corr, Int32Array.from({ length: n }, (_, i) => i), stream);
    return;
  }
  for (let r = 0; r < R; r++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (plan.sampler.replicateOf(first + i) === r) rows.push(i);
    imanConover(columns, corr, Int32Array.from(rows), stream);
  }
}

/**
 * Antithetic pairs keep their structure: Iman–Conover reorders the uniforms of
 * the first member of each pair (within each replicate), and the partner is
 * set to 1 − u again, so pairs stay antithetic and the ranks, hence the rank
 * correlations, carry over to the values (quantile functions are monotone).
 */
function imposeOnPairs(plan: RunPlan, corr: CorrelationPlan, columns: Float64Array[], block: number, first: number, n: number): void {
  const stream = new SeededStream(`${plan.scenario.seed}/block/${block}/iman-conover`);
  // A block starts at an even trajectory (the block size is even), so pairs are (i, i + 1) for even i.
  for (let r = 0; r < plan.sampler.replicates; r++) {
    const rows: number[] = [];
    for (let i = 0; i + 1 < n; i += 2) if (plan.sampler.replicateOf(first + i) === r) rows.push(i);
    imanConover(columns, corr, Int32Array.from(rows), stream);
  }
  for (const input of corr.inputs) {
    const col = columns[input];
    for (let i = 0; i + 1 < n; i += 2) col[i + 1] = 1 - col[i];
  }
}

/** The reusable per-block context handed to `simulate`. */
class TrajectoryContext implements Trajectory {
  input: Record<string, number> = {};
  series: Record<string, Float64Array> = {};
  scalars: Record<string, number> = {};
  index = 0;
  constructor(readonly months: number, private readonly stream: LazyTrajectoryStream) {}
  random(): number {
    return this.stream.next();
  }
}

/**
 * Runs block `block` (trajectories [block·B, block·B + n)) and returns its
 * summary. Inputs are drawn struct-of-arrays, one Float64Array per input;
 * outputs are pre-filled with NaN before each trajectory so anything a model
 * leaves unwritten is counted as non-finite. The first `keep` trajectories of
 * the block also leave a row (inputs, scalars, series) for audit.
 * Throws ModelError (with the trajectory and its inputs) if the model throws.
 */
export function runBlock(plan: RunPlan, block: number, blockSize: number, keep = 0): BlockSummary {
  const { scenario, model, inputNames, distributions, seriesNames, scalarNames } = plan;
  const n = plan.blockLength(block, blockSize);
  const H = scenario.horizon;
  const first = block * blockSize;
  const columns = inputNames.map((name, j) => {
    const col = new Float64Array(n);
    plan.sampler.fillUniforms(block, j, name, first, col, n);
    return col;
  });
  const corr = plan.correlation;
  if (corr !== null && plan.sampler.name === 'sobol') gaussianCopula(columns, corr, n);
  if (corr !== null && plan.sampler.name === 'antithetic') imposeOnPairs(plan, corr, columns, block, first, n);
  distributions.forEach((d, j) => d.mapQuantiles(columns[j], columns[j], n));
  if (corr !== null && (plan.sampler.name === 'mc' || plan.sampler.name === 'lhs')) imposeByRanks(plan, corr, columns, block, first, n);
  const stream = new LazyTrajectoryStream(scenario.seed);
  const ctx = new TrajectoryContext(H, stream);
  for (const name of inputNames) ctx.input[name] = 0;
  const seriesArrays = seriesNames.map(() => new Float64Array(H + 1));
  seriesNames.forEach((name, s) => (ctx.series[name] = seriesArrays[s]));
  const scalarValues = new Float64Array(scalarNames.length);
  const summary = new BlockSummary(plan.layout);
  const outputs = summary.outputs, counters = summary.claims;
  const nSeries = seriesNames.length, nScalars = scalarNames.length, nInputs = inputNames.length;
  const kept = Math.min(keep, n);
  const rowWidth = plan.layout.rowWidth;
  const rows = new Float64Array(kept * rowWidth);

  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nInputs; j++) ctx.input[inputNames[j]] = columns[j][i];
    for (let s = 0; s < nSeries; s++) seriesArrays[s].fill(NaN);
    for (let c = 0; c < nScalars; c++) ctx.scalars[scalarNames[c]] = NaN;
    ctx.index = first + i;
    stream.reset(first + i);
    try {
      model.simulate(ctx);
    } catch (e) {
      throw new ModelError({
        scenario: scenario.name,
        model: model.name,
        block,
        trajectory: first + i,
        inputs: { ...ctx.input },
        message: e instanceof Error ? e.message : String(e),
      });
    }
    for (let s = 0; s < nSeries; s++) outputs[s].addSeries(seriesArrays[s]);
    for (let c = 0; c < nScalars; c++) {
      const v = +ctx.scalars[scalarNames[c]];
      scalarValues[c] = v;
      outputs[nSeries + c].addAt(0, v);
    }
    if (counters.length > 0) plan.claims.evaluate(seriesArrays, scalarValues, counters, plan.sampler.replicateOf(first + i));
    if (i < kept) {
      let p = i * rowWidth;
      for (let j = 0; j < nInputs; j++) rows[p++] = columns[j][i];
      for (let c = 0; c < nScalars; c++) rows[p++] = scalarValues[c];
      for (let s = 0; s < nSeries; s++) {
        rows.set(seriesArrays[s], p);
        p += H + 1;
      }
    }
  }
  summary.trajectories = n;
  summary.rows = rows;
  return summary;
}
