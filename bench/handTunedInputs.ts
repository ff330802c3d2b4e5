import { createDistribution, type DistributionSpec } from '../src/distributions/registry.js';
import type { Distribution } from '../src/distributions/distribution.js';
import { SeededStream, inputStreamKey } from '../src/rng/streams.js';
import type { ResolvedScenario } from '../src/scenario/resolve.js';

/**
 * The inputs of the hand-tuned baselines (bench/handTuned*.ts), block by
 * block: each input's uniforms from the engine's stream for (seed, block,
 * input), mapped through its quantile function into one reused flat column,
 * so the baselines see the engine's values (the mc sampler, no correlations).
 */
export class HandTunedInputs {
  readonly names: string[];
  private readonly dists: Distribution[];
  private readonly cols: Float64Array[];

  constructor(private readonly scenario: ResolvedScenario, readonly blockSize = 8192) {
    this.names = Object.keys(scenario.inputs);
    this.dists = this.names.map((k) => createDistribution(scenario.inputs[k] as DistributionSpec));
    this.cols = this.names.map(() => new Float64Array(blockSize));
  }

  /** The column of input `name` (filled by draw). */
  column(name: string): Float64Array {
    return this.cols[this.names.indexOf(name)];
  }

  /** Fills every column with the first `len` values of block `block`. */
  draw(block: number, len: number): void {
    for (let j = 0; j < this.names.length; j++) {
      const s = new SeededStream(inputStreamKey(this.scenario.seed, block, this.names[j]));
      const c = this.cols[j];
      for (let i = 0; i < len; i++) c[i] = s.next();
      this.dists[j].mapQuantiles(c, c, len);
    }
  }
}
