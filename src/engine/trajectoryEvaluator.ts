import { LazyTrajectoryStream } from '../rng/streams.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Model, Trajectory } from '../model/defineModel.js';
import { ModelError } from '../model/modelError.js';
import { arrayGroups } from '../scenario/arrayInputs.js';
import { cached } from './generatedCode.js';

/** What an evaluator needs of a run plan (RunPlan, runBlock.ts, is one). */
export interface EvaluatorPlan {
  readonly scenario: Pick<ResolvedScenario, 'horizon' | 'seed' | 'name'>;
  readonly model: Model;
  readonly inputNames: readonly string[];
  readonly seriesNames: readonly string[];
  readonly scalarNames: readonly string[];
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
  array(name: string): Float64Array {
    const v = (this.input as Record<string, unknown>)[name];
    if (!(v instanceof Float64Array)) throw new Error(`t.array(${JSON.stringify(name)}): ${name} is not an array input (declare it with count: n and give {count: n, dist: …} in the scenario)`);
    return v;
  }
}

/**
 * Simulates single trajectories of a plan's model with reused buffers: the
 * series (pre-filled with NaN), the scalar values, and the trajectory's event
 * stream. Shared by the block runner and the sensitivity designs.
 */
export class TrajectoryEvaluator {
  readonly series: Float64Array[];
  readonly scalars: Float64Array;
  private readonly ctx: TrajectoryContext;
  private readonly stream: LazyTrajectoryStream;
  /** Array inputs: the array t.input[name] and the input index of each element (empty without array inputs). */
  private readonly arrays: Array<{ values: Float64Array; from: number[] }> = [];
  private readonly setInputs: InputSetter;
  private readonly scalarIO: ScalarIO;
  constructor(private readonly plan: EvaluatorPlan) {
    const H = plan.scenario.horizon;
    this.stream = new LazyTrajectoryStream(plan.scenario.seed);
    this.ctx = new TrajectoryContext(H, this.stream);
    // Every input a double field from the start, in an object of its own shape (see numberRecord).
    this.ctx.input = numberRecord(plan.inputNames);
    this.ctx.scalars = numberRecord(plan.scalarNames);
    for (const [name, from] of arrayGroups(plan.inputNames)) {
      const values = new Float64Array(from.length);
      (this.ctx.input as Record<string, unknown>)[name] = values;
      this.arrays.push({ values, from });
    }
    this.setInputs = compileInputSetter(plan.inputNames);
    this.scalarIO = compileScalarIO(plan.scalarNames);
    this.series = plan.seriesNames.map(() => new Float64Array(H + 1));
    plan.seriesNames.forEach((name, k) => (this.ctx.series[name] = this.series[k]));
    this.scalars = new Float64Array(plan.scalarNames.length);
  }

  /**
   * Runs global trajectory t with input j set to value(j); afterwards `series`
   * and `scalars` hold its outputs. Throws ModelError (with the inputs) if the model throws.
   */
  run(t: number, block: number, value: (j: number) => number): void {
    const names = this.plan.inputNames, input = this.ctx.input;
    for (let j = 0; j < names.length; j++) input[names[j]] = value(j);
    try {
      this.simulate(t);
    } catch (e) {
      throw this.failure(e, block);
    }
  }

  /**
   * As `run`, with input j set to columns[j][row] (the block runner's path: no
   * closure, monomorphic stores), and without a try/catch: a caller catches
   * around its whole loop, away from the hot code, and converts what it caught
   * with `failure`. (In V8, a model inlined into a try region allocates a heap
   * number per double it computes: ~4 KB per trajectory of garbage for a
   * 121-month series, measured.)
   */
  runRow(t: number, columns: readonly Float64Array[], row: number): void {
    this.setInputs(this.ctx.input, columns, row);
    this.simulate(t);
  }

  /** The ModelError for an exception thrown by the model during the last trajectory run (with its inputs). */
  failure(e: unknown, block: number): unknown {
    if (e instanceof ModelError) return e;
    const { plan, ctx } = this;
    return new ModelError({
      scenario: plan.scenario.name,
      model: plan.model.name,
      block,
      trajectory: ctx.index,
      inputs: this.arrays.length === 0 ? { ...ctx.input } : Object.fromEntries(plan.inputNames.map((n) => [n, ctx.input[n]])),
      message: e instanceof Error ? e.message : String(e),
    });
  }

  private simulate(t: number): void {
    const { plan, ctx } = this;
    if (this.arrays.length > 0) {
      const names = plan.inputNames;
      for (let a = 0; a < this.arrays.length; a++) {
        const { values, from } = this.arrays[a];
        for (let i = 0; i < from.length; i++) values[i] = ctx.input[names[from[i]]];
      }
    }
    for (let k = 0; k < this.series.length; k++) this.series[k].fill(NaN);
    this.scalarIO.reset(ctx.scalars);
    ctx.index = t;
    this.stream.reset(t);
    refuseAsync(plan.model.simulate(ctx), 'simulate');
    this.scalarIO.read(ctx.scalars, this.scalars);
  }
}

/** Throws when a model's simulate or simulateChunk returned a promise: it would run after the outputs are read; refused identically on every backend. */
export function refuseAsync(returned: unknown, name: 'simulate' | 'simulateChunk'): void {
  if (returned !== undefined && returned !== null && typeof (returned as { then?: unknown }).then === 'function') {
    (returned as Promise<unknown>).then(undefined, () => {}); // its rejection is reported here, not as an unhandled one
    throw new AsyncModelError(`${name} returned a Promise: models must be synchronous (no async ${name}, no await)`);
  }
}

/** What refuseAsync throws. */
export class AsyncModelError extends Error {}

type InputSetter = (input: Record<string, number>, columns: readonly Float64Array[], row: number) => void;

/**
 * A new object with the given names as properties, each NaN, built by a
 * generated constructor. Its shape is its own: built from `{}` one key at a
 * time, it would share V8's hidden-class transitions with every other object
 * whose keys come in the same order, such as the scenario's `inputs` (spec
 * objects) or the model's declarations, and its fields would hold boxed
 * numbers, so each trajectory's stores allocated a heap number per input and
 * each loop-carried value a model started from an input was boxed again
 * every month. Here every field stays a double field.
 */
function numberRecord(names: readonly string[]): Record<string, number> {
  const Record = cached(recordConstructors, names, () => new Function(names.map((name) => `this[${JSON.stringify(name)}] = NaN;`).join('\n')) as unknown as new () => Record<string, number>);
  return new Record();
}

const recordConstructors = new Map<string, new () => Record<string, number>>();
const inputSetters = new Map<string, InputSetter>();
const scalarIOs = new Map<string, ScalarIO>();

/**
 * A function that copies row `row` of the input columns into the model's
 * `input` object with one named store per input. Written as a loop over
 * names, each store would be a keyed store with a different name every time,
 * which V8 treats as megamorphic (a stub-cache lookup per input per
 * trajectory); generated code with constant names is monomorphic. Names are
 * embedded with JSON.stringify, so any string is safe.
 */
function compileInputSetter(names: readonly string[]): InputSetter {
  return cached(inputSetters, names, () => new Function('input', 'columns', 'row', names.map((name, j) => `input[${JSON.stringify(name)}] = columns[${j}][row];`).join('\n')) as InputSetter);
}

interface ScalarIO {
  /** Sets every scalar to NaN (so one a model forgets is counted as non-finite). */
  reset(scalars: Record<string, number>): void;
  /** Copies the scalars, as numbers, into out (in declaration order). */
  read(scalars: Record<string, number>, out: Float64Array): void;
}

/** Generated monomorphic stores and loads of the scalar outputs (see compileInputSetter). */
function compileScalarIO(names: readonly string[]): ScalarIO {
  const key = (name: string): string => `[${JSON.stringify(name)}]`;
  return cached(scalarIOs, names, () => ({
    reset: new Function('scalars', names.map((n) => `scalars${key(n)} = NaN;`).join('\n')) as ScalarIO['reset'],
    read: new Function('scalars', 'out', names.map((n, c) => `out[${c}] = +scalars${key(n)};`).join('\n')) as ScalarIO['read'],
  }));
}
