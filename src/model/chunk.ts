import type { Trajectory } from './defineModel.js';

/**
 * What `simulateChunk` sees: `count` trajectories at once, column by column.
 * A second way to write a model's hot loop, for speed: no call, no record and
 * no buffer copy per trajectory; the model writes straight into the buffers
 * the engine accumulates from (see README, "Writing a model column-wise").
 *
 * - `input[name][i]`: trajectory i's sampled value (i = 0 … count − 1).
 * - `series[name][m * stride + i]`: trajectory i's value at month m (0 … months),
 *   month-major. Pre-filled with NaN, like `t.series`: anything left unwritten
 *   is counted as non-finite.
 * - `scalars[name][i]`: trajectory i's scalar, pre-filled with NaN.
 * - `begin(i)` points the event stream at trajectory i (global index
 *   `first + i`); `random()` then draws that trajectory's uniforms in order,
 *   the same ones `t.random()` gives `simulate` for that trajectory. A model
 *   that draws computes one trajectory after another, calling `begin(i)` first.
 */
export interface Chunk<I extends string = string, S extends string = string, C extends string = string> {
  readonly input: Readonly<Record<I, Float64Array>>;
  readonly series: Readonly<Record<S, Float64Array>>;
  readonly scalars: Readonly<Record<C, Float64Array>>;
  /** Trajectories in this chunk. */
  readonly count: number;
  /** Values from one month to the next in a series buffer (≥ count). */
  readonly stride: number;
  /** The horizon H: series cover months 0 … H inclusive. */
  readonly months: number;
  /** Global index of the chunk's trajectory 0. */
  readonly first: number;
  /** Points the event stream at trajectory i of the chunk. */
  begin(i: number): void;
  /** The next uniform in (0, 1) of the trajectory last named by `begin`. */
  random(): number;
  /** An array input (declared with `count`) as one column per element: `c.array('task')[3][i]`. */
  array(name: I): readonly Float64Array[];
}

/** A chunk model's hot loop. */
export type SimulateChunk<I extends string = string, S extends string = string, C extends string = string> = (c: Chunk<I, S, C>) => void;

/**
 * `simulate` for a model written only column-wise: runs `simulateChunk` on a
 * chunk of one trajectory (stride 1, so `t.series` arrays serve as the
 * chunk's buffers). Used wherever the engine computes single trajectories
 * (sensitivity designs, rare-event estimates, what-if margins).
 */
export function simulateByChunk(simulateChunk: SimulateChunk, inputs: Readonly<Record<string, { count?: number }>>, scalarNames: readonly string[]): (t: Trajectory) => void {
  // Array inputs (declared with count) are read with array(name), the others as input[name].
  const inputNames = Object.keys(inputs).filter((name) => inputs[name].count === undefined);
  const adapters = new WeakMap<Trajectory, OneTrajectoryChunk>();
  return (t) => {
    let a = adapters.get(t);
    if (a === undefined) adapters.set(t, (a = new OneTrajectoryChunk(t, inputNames, scalarNames)));
    a.load();
    const returned: unknown = simulateChunk(a);
    a.store();
    return returned as void;
  };
}

/** A chunk of one trajectory over a Trajectory context (simulateByChunk). */
class OneTrajectoryChunk implements Chunk {
  readonly input: Record<string, Float64Array> = {};
  readonly series: Record<string, Float64Array>;
  readonly scalars: Record<string, Float64Array> = {};
  readonly count = 1;
  readonly stride = 1;
  readonly months: number;
  first = 0;
  private readonly arrays = new Map<string, Float64Array[]>();
  constructor(private readonly t: Trajectory, private readonly inputNames: readonly string[], private readonly scalarNames: readonly string[]) {
    this.series = t.series;
    this.months = t.months;
    for (const name of inputNames) this.input[name] = new Float64Array(1);
    for (const name of scalarNames) this.scalars[name] = new Float64Array(1);
  }
  load(): void {
    const input = this.t.input as Record<string, unknown>;
    for (const name of this.inputNames) this.input[name][0] = input[name] as number;
    for (const name of this.scalarNames) this.scalars[name][0] = NaN;
    this.first = this.t.index;
    this.arrays.clear();
  }
  store(): void {
    for (const name of this.scalarNames) this.t.scalars[name] = this.scalars[name][0];
  }
  begin(i: number): void {
    if (i !== 0) throw new RangeError(`begin(${i}): this chunk holds one trajectory (i = 0)`);
  }
  random(): number {
    return this.t.random();
  }
  array(name: string): readonly Float64Array[] {
    let columns = this.arrays.get(name);
    if (columns === undefined) this.arrays.set(name, (columns = Array.from(this.t.array(name), (v) => Float64Array.of(v))));
    return columns;
  }
}
