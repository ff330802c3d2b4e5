import seedrandom from 'seedrandom';

/**
 * A source of uniform random numbers in the open interval (0, 1) with 53-bit
 * resolution. Every sampler and model in the engine draws from one of these.
 */
export interface UniformSource {
  /** Next uniform in (0, 1); never exactly 0 or 1. */
  next(): number;
}

/** The generator behind every stream: seedrandom's Tyche-i (passes BigCrush; 3x faster than ARC4, see README). */
const makeGenerator = seedrandom.tychei;

/**
 * A seeded stream of uniforms in (0, 1) with 53-bit resolution.
 *
 * Wraps seedrandom's `tychei` generator; `double()` there combines two 32-bit
 * outputs into 53 bits and redraws exact zeros, so the result is in the open
 * interval, which quantile functions need.
 *
 * @example new SeededStream('42/block/3/input/launchCost').next() // 0.9094179557711717
 */
export class SeededStream implements UniformSource {
  private readonly gen: seedrandom.PRNG;
  constructor(key: string) {
    this.gen = makeGenerator(key);
  }
  next(): number {
    return this.gen.double();
  }
}

/**
 * The key of the stream that draws input `inputName` for block `block`.
 * Keys are derived from (seed, block, input name) only, so pinning or
 * overriding one input leaves every other input's draws unchanged (common
 * random numbers), and no stream depends on the worker count.
 */
export function inputStreamKey(seed: number, block: number, inputName: string): string {
  return `${seed}/block/${block}/input/${inputName}`;
}

/**
 * The key of the per-trajectory event stream: derived from (seed, global
 * trajectory index), so it does not even depend on the block size.
 */
export function eventStreamKey(seed: number, trajectory: number): string {
  return `${seed}/trajectory/${trajectory}/events`;
}

/**
 * The event stream of one trajectory, created lazily on first use so models
 * that draw no events pay nothing. `reset` re-targets it at another
 * trajectory without allocating until a draw is made.
 */
export class LazyTrajectoryStream implements UniformSource {
  private gen: seedrandom.PRNG | null = null;
  private trajectory = -1;
  constructor(private readonly seed: number) {}
  /** Point the stream at trajectory `t` (global index). */
  reset(t: number): void {
    this.trajectory = t;
    this.gen = null;
  }
  next(): number {
    if (this.gen === null) this.gen = makeGenerator(eventStreamKey(this.seed, this.trajectory));
    return this.gen.double();
  }
}
