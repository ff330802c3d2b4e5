import { checkBegin, drawBeforeBegin, type Chunk, type SimulateChunk } from './chunk.js';

export type { Chunk } from './chunk.js';

/** Declares one named quantity of a model: its unit and what it means. */
export interface QuantityDeclaration {
  /** Unit, e.g. `$/kg`, `GW`, `months`, `1` for dimensionless. */
  unit: string;
  description?: string;
  /**
   * Inputs only: an array input of this many elements (`{count: n, dist: …}` in
   * the scenario); `t.input[name]` is then a Float64Array, typed by `t.array(name)`.
   */
  count?: number;
}

/** Declares a monthly series output. */
export interface SeriesDeclaration extends QuantityDeclaration {
  /** Draw on a log axis in the dashboard (for series that span orders of magnitude). */
  logScale?: boolean;
}

/**
 * What `simulate` sees for one trajectory. The engine reuses one context per
 * block: `input` holds this trajectory's sampled inputs, `series` arrays
 * (length `months + 1`, month 0 … H) and `scalars` are pre-filled with NaN,
 * so anything the model forgets to write is counted as non-finite, never
 * silently taken as 0.
 */
export interface Trajectory<I extends string = string, S extends string = string, C extends string = string> {
  readonly input: Readonly<Record<I, number>>;
  readonly series: Readonly<Record<S, Float64Array>>;
  readonly scalars: Record<C, number>;
  /** The horizon H: series cover months 0 … H inclusive. */
  readonly months: number;
  /** Global trajectory index (0 … N − 1). */
  readonly index: number;
  /** A uniform in (0, 1) from this trajectory's own event stream (seeded by seed and index). */
  random(): number;
  /** An array input (declared with `count`) as its elements: `t.array('task')[3]`. */
  array(name: I): Float64Array;
}

/**
 * A model: named inputs, series and scalar outputs, and a pure `simulate`
 * that computes one trajectory. Pure means: a deterministic function of
 * `t.input` and `t.random()`; no I/O, no globals, no clock, and never the
 * global, unseeded random generator.
 */
export interface Model<I extends string = string, S extends string = string, C extends string = string> {
  readonly name: string;
  readonly description: string;
  readonly inputs: Readonly<Record<I, QuantityDeclaration>>;
  readonly series: Readonly<Record<S, SeriesDeclaration>>;
  readonly scalars: Readonly<Record<C, QuantityDeclaration>>;
  simulate(t: Trajectory<I, S, C>): void;
  /**
   * The same model computed column-wise over a chunk of trajectories (see
   * Chunk), when it was written so: the block runner then uses it, and
   * everything that computes single trajectories uses `simulate`. The two
   * must compute the same values.
   */
  readonly simulateChunk?: (c: Chunk<I, S, C>) => void;
}

/**
 * The shape `defineModel` takes (series and scalars optional): `simulate`,
 * `simulateChunk`, or both (then they must compute the same values; a test
 * that runs the model with and without `simulateChunk` checks it).
 */
export type ModelSpec<I extends string, S extends string, C extends string> = {
  name: string;
  description: string;
  inputs: Record<I, QuantityDeclaration>;
  series?: Record<S, SeriesDeclaration>;
  scalars?: Record<C, QuantityDeclaration>;
} & (
  | { simulate(t: Trajectory<I, S, C>): void; simulateChunk?(c: Chunk<I, S, C>): void }
  | { simulate?: undefined; simulateChunk(c: Chunk<I, S, C>): void }
);

/**
 * Declares a model with typed inputs and outputs.
 *
 * @example
 * export default defineModel({
 *   name: 'growth',
 *   description: 'Capacity growing at an uncertain monthly rate',
 *   inputs: { start: { unit: 'GW' }, growth: { unit: '1/month' } },
 *   series: { capacity: { unit: 'GW' } },
 *   scalars: { final: { unit: 'GW' } },
 *   simulate(t) {
 *     for (let m = 0; m <= t.months; m++) t.series.capacity[m] = t.input.start * Math.pow(1 + t.input.growth, m);
 *     t.scalars.final = t.series.capacity[t.months];
 *   },
 * });
 */
export function defineModel<I extends string, S extends string = never, C extends string = never>(
  spec: ModelSpec<I, S, C>,
): Model<I, S, C> {
  const scalars = Object.freeze({ ...(spec.scalars ?? ({} as Record<C, QuantityDeclaration>)) });
  const chunk = spec.simulateChunk as ((c: Chunk) => void) | undefined;
  for (const [field, f] of [['simulate', spec.simulate], ['simulateChunk', chunk]] as const) {
    if (f !== undefined && typeof f !== 'function') throw new TypeError(`defineModel(${JSON.stringify(spec.name)}): ${field} must be a function, found ${f === null ? 'null' : typeof f}`);
  }
  if (typeof spec.simulate !== 'function' && typeof chunk !== 'function') throw new TypeError(`defineModel(${JSON.stringify(spec.name)}): give simulate(t), simulateChunk(c), or both`);
  const simulate = (spec.simulate ?? simulateByChunk(chunk!, spec.inputs, Object.keys(scalars))) as Model<I, S, C>['simulate'];
  return Object.freeze({
    name: spec.name,
    description: spec.description,
    inputs: Object.freeze({ ...spec.inputs }),
    series: Object.freeze({ ...(spec.series ?? ({} as Record<S, SeriesDeclaration>)) }),
    scalars,
    simulate,
    ...(chunk ? { simulateChunk: chunk } : {}),
  });
}

/** True when `value` has the shape of a Model (used to check user model files). */
export function isModel(value: unknown): value is Model {
  const m = value as Model;
  return (
    typeof m === 'object' && m !== null && typeof m.name === 'string' && typeof m.simulate === 'function' &&
    typeof m.inputs === 'object' && m.inputs !== null && typeof m.series === 'object' && typeof m.scalars === 'object' &&
    (m.simulateChunk === undefined || typeof m.simulateChunk === 'function')
  );
}

/**
 * `simulate` for a model written only column-wise: runs `simulateChunk` on a
 * chunk of one trajectory (stride 1, so `t.series` arrays serve as the
 * chunk's buffers). Used wherever the engine computes single trajectories
 * (sensitivity designs, rare-event estimates, what-if margins).
 */
export function simulateByChunk(simulateChunk: SimulateChunk, inputs: Readonly<Record<string, { count?: number }>>, scalarNames: readonly string[]): (t: Trajectory) => void {
  // As in the block runner's chunk: every sampled input by name (an array input's elements as name[k]), arrays also through array(name).
  const inputNames = Object.keys(inputs).flatMap((name) => {
    const count = inputs[name].count;
    return count === undefined ? [name] : Array.from({ length: count }, (_, k) => `${name}[${k}]`);
  });
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
    this.last = -1;
    this.arrays.clear();
  }
  store(): void {
    for (const name of this.scalarNames) this.t.scalars[name] = this.scalars[name][0];
  }
  /** The trajectory begun (−1: none yet). */
  private last = -1;
  begin(i: number): void {
    checkBegin(i, 1, this.last);
    this.last = i;
  }
  random(): number {
    if (this.last < 0) throw drawBeforeBegin();
    return this.t.random();
  }
  array(name: string): readonly Float64Array[] {
    let columns = this.arrays.get(name);
    if (columns === undefined) this.arrays.set(name, (columns = Array.from(this.t.array(name), (v) => Float64Array.of(v))));
    return columns;
  }
}
