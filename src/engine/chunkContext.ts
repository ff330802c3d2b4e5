import { checkBegin, drawBeforeBegin, type Chunk } from '../model/chunk.js';
import { LazyTrajectoryStream } from '../rng/streams.js';
import { arrayGroups } from '../scenario/arrayInputs.js';
import { cached } from './generatedCode.js';

/** What a chunk context needs of a plan. */
interface ChunkPlan {
  readonly inputNames: readonly string[];
  readonly seriesNames: readonly string[];
  readonly scalarNames: readonly string[];
  readonly scenario: { readonly horizon: number; readonly seed: number };
}

type ViewSetter = (input: Record<string, Float64Array>, columns: readonly Float64Array[], from: number, to: number) => void;

/**
 * The Chunk handed to a model's simulateChunk, reused chunk after chunk of a
 * plan: the series and scalar buffers are the block runner's own (the model
 * writes where the accumulator reads), the inputs views of the block's input
 * columns set for each chunk.
 */
export class ChunkContext implements Chunk {
  readonly input: Record<string, Float64Array>;
  readonly series: Record<string, Float64Array> = {};
  readonly scalars: Record<string, Float64Array>;
  private readonly setScalars: ViewSetter;
  readonly months: number;
  count = 0;
  first = 0;
  /** True while simulateChunk runs (what a failure caught then comes from). */
  inModel = false;
  /** The trajectory last begun in this chunk (−1: none). */
  private last = -1;
  private readonly stream: LazyTrajectoryStream;
  private readonly setViews: ViewSetter;
  /** Array inputs: the input index of each element, and the element columns of this chunk (made when asked for). */
  private readonly groups: Map<string, number[]>;
  private readonly arrays = new Map<string, Float64Array[]>();

  constructor(private readonly plan: ChunkPlan, readonly stride: number, seriesBuffers: readonly Float64Array[]) {
    this.months = plan.scenario.horizon;
    this.groups = arrayGroups(plan.inputNames);
    this.stream = new LazyTrajectoryStream(plan.scenario.seed);
    this.input = viewRecord(plan.inputNames);
    this.setViews = compileViewSetter(plan.inputNames);
    this.scalars = viewRecord(plan.scalarNames);
    this.setScalars = compileViewSetter(plan.scalarNames);
    plan.seriesNames.forEach((name, k) => (this.series[name] = seriesBuffers[k]));
  }

  /**
   * Points the chunk at trajectories [from, from + count) of the block whose
   * input columns are `columns` (global index of `from`: first); the scalar
   * columns are views of `count` values, so a write past the chunk is dropped
   * as it is in `t.scalars`, never left for a later chunk.
   */
  load(columns: readonly Float64Array[], scalarColumns: readonly Float64Array[], from: number, count: number, first: number): void {
    this.setViews(this.input, columns, from, from + count);
    this.setScalars(this.scalars, scalarColumns, 0, count);
    this.count = count;
    this.first = first;
    this.last = -1;
    this.arrays.clear();
  }

  begin(i: number): void {
    checkBegin(i, this.count, this.last);
    this.last = i;
    this.stream.reset(this.first + i);
  }

  random(): number {
    if (this.last < 0) throw drawBeforeBegin();
    return this.stream.next();
  }

  array(name: string): readonly Float64Array[] {
    let columns = this.arrays.get(name);
    if (columns === undefined) {
      const from = this.groups.get(name);
      if (from === undefined) throw new Error(`c.array(${JSON.stringify(name)}): ${name} is not an array input (declare it with count: n and give {count: n, dist: …} in the scenario)`);
      this.arrays.set(name, (columns = from.map((j) => this.input[this.plan.inputNames[j]])));
    }
    return columns;
  }
}

const EMPTY = new Float64Array(0);
const recordConstructors = new Map<string, new (empty: Float64Array) => Record<string, Float64Array>>();
const viewSetters = new Map<string, ViewSetter>();

/** An object with one Float64Array field per name, from a generated constructor cached by names (see numberRecord in trajectoryEvaluator.ts). */
function viewRecord(names: readonly string[]): Record<string, Float64Array> {
  const Record = cached(recordConstructors, names, () => new Function('empty', names.map((n) => `this[${JSON.stringify(n)}] = empty;`).join('\n')) as unknown as new (empty: Float64Array) => Record<string, Float64Array>);
  return new Record(EMPTY);
}

/** Sets each input's view for a chunk with one named store per input (monomorphic; see compileInputSetter in trajectoryEvaluator.ts). */
function compileViewSetter(names: readonly string[]): ViewSetter {
  return cached(viewSetters, names, () => new Function('input', 'columns', 'from', 'to', names.map((n, j) => `input[${JSON.stringify(n)}] = columns[${j}].subarray(from, to);`).join('\n')) as ViewSetter);
}
