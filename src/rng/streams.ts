import { TycheI } from './tycheI.js';

/**
 * A source of uniform random numbers in the open interval (0, 1) with 53-bit
 * resolution. Every sampler and model in the engine draws from one of these.
 */
export interface UniformSource {
  /** Next uniform in (0, 1); never exactly 0 or 1. */
  next(): number;
}

// The generator behind every stream: Tyche-i, output for output seedrandom's `tychei`
// (passes BigCrush; 3x faster than ARC4, see README), in its own class (tycheI.ts).

/**
 * A seeded stream of uniforms in (0, 1) with 53-bit resolution.
 *
 * Tyche-i keyed by a string (the outputs of seedrandom's `tychei`);
 * `double()` combines two 32-bit outputs into 53 bits and redraws exact
 * zeros, so the result is in the open interval, which quantile functions need.
 *
 * @example new SeededStream('42/block/3/input/launchCost').next() // 0.9094179557711717
 */
export class SeededStream implements UniformSource {
  private readonly gen: TycheI;
  constructor(key: string) {
    this.gen = new TycheI(key);
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
 * The event stream of one trajectory, keyed lazily on first use so models
 * that draw no events pay nothing. `reset` re-targets it at another
 * trajectory; one generator is re-keyed from trajectory to trajectory. Once
 * the stream has been drawn from, `reset` keys each later trajectory at once:
 * the keying then happens outside the model, and the model's inlined
 * `t.random()` keeps no keying path in its hot loop (V8 boxed every draw
 * when it did: 16 bytes of garbage a draw). The draws are the same either way.
 */
export class LazyTrajectoryStream implements UniformSource {
  private readonly gen = new TycheI('');
  private keyed = false;
  private eager = false;
  private trajectory = -1;
  constructor(private readonly seed: number) {}
  /** Point the stream at trajectory `t` (global index). */
  reset(t: number): void {
    this.trajectory = t;
    this.keyed = false;
    if (this.eager) this.key();
  }
  next(): number {
    if (!this.keyed) this.key();
    return this.gen.double();
  }
  private key(): void {
    this.gen.seed(eventStreamKey(this.seed, this.trajectory));
    this.keyed = true;
    this.eager = true;
  }
}
