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
 * - `begin(i)` points the event stream at trajectory i of the chunk (global
 *   index `first + i`); `random()` then draws that trajectory's uniforms in
 *   order, the same ones `t.random()` gives `simulate` for that trajectory.
 *   A model that draws computes one trajectory after another, calling
 *   `begin(i)` first, once per trajectory, i increasing (checkBegin); a draw
 *   before any `begin` throws.
 * - `input` columns are the block's sampled inputs: read them, never write.
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
 * The rule for `begin(i)`, the same in the block runner's chunk and in a
 * chunk of one trajectory (so a model breaking it fails alike in a run and
 * in a sensitivity design): i a trajectory of the chunk, each begun once,
 * in increasing order. Throws RangeError otherwise.
 */
export function checkBegin(i: number, count: number, last: number): void {
  if (!(Number.isInteger(i) && i >= 0 && i < count)) throw new RangeError(`c.begin(${i}): i is a trajectory of the chunk, 0 … ${count - 1} (its global index is c.first + i)`);
  if (i <= last) throw new RangeError(`c.begin(${i}) after c.begin(${last}): begin each trajectory once, in increasing order`);
}

/** The error of a draw before any `begin` in the chunk. */
export function drawBeforeBegin(): Error {
  return new Error('c.random() before c.begin(i): call c.begin(i) for trajectory i before drawing its uniforms');
}
