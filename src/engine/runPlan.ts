import { buildDistribution, type DistributionSpec } from '../distributions/build.js';
import type { Distribution } from '../distributions/distribution.js';
import type { Model } from '../model/defineModel.js';
import { correlationPlan, type CorrelationPlan } from '../sampling/imposeCorrelation.js';
import { createSampler } from '../sampling/registry.js';
import type { Sampler } from '../sampling/sampler.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { BlockSummary, type SummaryLayout } from '../stats/blockSummary.js';
import { countKindFor } from '../stats/bucketColumns.js';
import { newBlockScratch, type BlockScratch } from './blockScratch.js';
import { CompiledClaims } from './compiledClaims.js';
import { TrajectoryEvaluator } from './trajectoryEvaluator.js';

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
    this.distributions = this.inputNames.map((n) => buildDistribution(scenario.inputs[n] as DistributionSpec));
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
      rowWidth: this.inputNames.length + this.scalarNames.length + scenario.claims.length + this.seriesNames.length * (H + 1),
    };
  }

  private spare: BlockSummary | null = null;

  /**
   * A summary for the next block, of n trajectories: the one last handed back with `recycle`,
   * emptied (its sketch windows stay where the previous block put them, so the
   * next block rarely widens or moves them), or a new one. Its bucket counts are
   * the narrowest integers that hold n (16 bits for blocks of up to 65,535).
   */
  takeSummary(n: number): BlockSummary {
    const kind = countKindFor(n), s = this.spare;
    if (s === null || s.kind !== kind) return new BlockSummary(this.layout, kind);
    this.spare = null;
    s.reset();
    return s;
  }

  /** Hands back a block summary that nothing references any more (once encoded). */
  recycle(summary: BlockSummary): void {
    this.spare = summary;
  }

  private scratch: BlockScratch | null = null;

  /**
   * The buffers a block runs in, built once per plan and reused block after
   * block (blocks of a plan run one at a time): the input columns, the
   * evaluator (its generated input setter stays optimised) and the chunk
   * buffers the series are accumulated from. Reallocating them per block cost
   * ~10 MB of garbage a block on the flagship, and a cold setter each time.
   */
  blockScratch(n: number): BlockScratch {
    let s = this.scratch;
    if (s === null || s.capacity < n) s = this.scratch = newBlockScratch(this, n, s?.evaluator ?? new TrajectoryEvaluator(this), s);
    return s;
  }

  /** Number of trajectories in block `block` of size `blockSize`. */
  blockLength(block: number, blockSize: number): number {
    return Math.max(0, Math.min(blockSize, this.scenario.trajectories - block * blockSize));
  }
}
