import { createDistribution, type DistributionSpec } from '../distributions/registry.js';
import type { Distribution } from '../distributions/distribution.js';
import { LazyTrajectoryStream } from '../rng/streams.js';
import { correlationPlan, type CorrelationPlan } from '../sampling/imposeCorrelation.js';
import { createSampler } from '../sampling/registry.js';
import type { Sampler } from '../sampling/sampler.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { BlockSummary, type SummaryLayout } from '../stats/blockSummary.js';
import type { OutputAccumulator } from '../stats/outputAccumulator.js';
import { CompiledClaims } from './compiledClaims.js';
import type { Model, Trajectory } from '../model/defineModel.js';
import { ModelError } from '../model/modelError.js';
import { parseElementName } from '../scenario/arrayInputs.js';

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
      rowWidth: this.inputNames.length + this.scalarNames.length + scenario.claims.length + this.seriesNames.length * (H + 1),
    };
  }

  private spare: BlockSummary | null = null;

  /**
   * A summary for the next block: the one last handed back with `recycle`,
   * emptied (its sketch windows stay where the previous block put them, so the
   * next block rarely widens or moves them), or a new one.
   */
  takeSummary(): BlockSummary {
    const s = this.spare;
    if (s === null) return new BlockSummary(this.layout);
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
    if (s === null || s.capacity < n) {
      const chunk = chunkTrajectories(this.seriesNames.length, this.layout.horizon + 1);
      const slotStride = chunk + CHUNK_PAD;
      s = this.scratch = {
        evaluator: s?.evaluator ?? new TrajectoryEvaluator(this),
        capacity: n,
        columns: this.inputNames.map(() => new Float64Array(n)),
        chunk,
        nextChunk: s?.nextChunk ?? 16,
        slotStride,
        chunks: this.seriesNames.map(() => new Float64Array(slotStride * (this.layout.horizon + 1))),
      };
    }
    return s;
  }

  /** Number of trajectories in block `block` of size `blockSize`. */
  blockLength(block: number, blockSize: number): number {
    return Math.max(0, Math.min(blockSize, this.scenario.trajectories - block * blockSize));
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
  constructor(private readonly plan: RunPlan) {
    const H = plan.scenario.horizon;
    this.stream = new LazyTrajectoryStream(plan.scenario.seed);
    this.ctx = new TrajectoryContext(H, this.stream);
    // Every input a double field from the start, in an object of its own shape (see numberRecord).
    this.ctx.input = numberRecord(plan.inputNames);
    this.ctx.scalars = numberRecord(plan.scalarNames);
    const groups = new Map<string, number[]>();
    plan.inputNames.forEach((name, j) => {
      const el = parseElementName(name);
      if (el) (groups.get(el.array) ?? groups.set(el.array, []).get(el.array)!)[el.index] = j;
    });
    for (const [name, from] of groups) {
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
    const returned: unknown = plan.model.simulate(ctx);
    // An async simulate would run after the outputs are read: refuse it identically on every backend.
    if (returned !== undefined && returned !== null && typeof (returned as { then?: unknown }).then === 'function') {
      (returned as Promise<unknown>).then(undefined, () => {}); // its rejection is reported here, not as an unhandled one
      throw new Error('simulate returned a Promise: models must be synchronous (no async simulate, no await)');
    }
    this.scalarIO.read(ctx.scalars, this.scalars);
  }
}

/** Reused buffers of a plan's blocks (RunPlan.blockScratch). */
interface BlockScratch {
  evaluator: TrajectoryEvaluator;
  /** Trajectories the columns hold (at least a block's). */
  capacity: number;
  /** One column per input, `capacity` long. */
  columns: Float64Array[];
  /** Trajectories buffered per chunk; one chunk buffer per series, slot by slot, `slotStride` values a slot (H + 1 slots). */
  chunk: number;
  slotStride: number;
  /** The size of the next chunk: 16 at first, doubling up to `chunk`. */
  nextChunk: number;
  chunks: Float64Array[];
}

/**
 * Padding between the slots of a chunk buffer, in values: with a power-of-two
 * chunk and none, the H + 1 values one trajectory writes would sit 8 KB
 * apart, all in the same L1 cache set (and 4K-aliased), which made the copy
 * ~8x slower (measured).
 */
const CHUNK_PAD = 8;

/** Bytes of series buffered before they are accumulated slot by slot. */
const CHUNK_BYTES = 16 << 20;

/**
 * Trajectories whose series are buffered and then accumulated slot by slot:
 * as many as fit in CHUNK_BYTES, between 64 and 2,048. A slot's bucket window
 * (a few KB to ~20 KB) is then loaded into cache once for a thousand values
 * or more instead of a few dozen, and a slot's values are read in order: on
 * the flagship (7 series of 121 months) a block took ~24 µs a trajectory with
 * 2,048, ~33 µs with 128 (as it was, 64 trajectories laid out one after
 * another, accumulation alone took twice as long).
 */
function chunkTrajectories(series: number, slots: number): number {
  const fit = Math.floor(CHUNK_BYTES / (8 * Math.max(1, series * (slots + CHUNK_PAD))));
  return Math.max(64, Math.min(2048, fit));
}

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
  const body = names.map((name) => `this[${JSON.stringify(name)}] = NaN;`).join('\n');
  const Record = new Function(body) as unknown as new () => Record<string, number>;
  return new Record();
}

/**
 * A function that copies row `row` of the input columns into the model's
 * `input` object with one named store per input. Written as a loop over
 * names, each store would be a keyed store with a different name every time,
 * which V8 treats as megamorphic (a stub-cache lookup per input per
 * trajectory); generated code with constant names is monomorphic. Names are
 * embedded with JSON.stringify, so any string is safe.
 */
function compileInputSetter(names: readonly string[]): InputSetter {
  const body = names.map((name, j) => `input[${JSON.stringify(name)}] = columns[${j}][row];`).join('\n');
  return new Function('input', 'columns', 'row', body) as InputSetter;
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
  return {
    reset: new Function('scalars', names.map((n) => `scalars${key(n)} = NaN;`).join('\n')) as ScalarIO['reset'],
    read: new Function('scalars', 'out', names.map((n, c) => `out[${c}] = +scalars${key(n)};`).join('\n')) as ScalarIO['read'],
  };
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
  const n = plan.blockLength(block, blockSize);
  const scratch = plan.blockScratch(n);
  const columns = drawInputs(plan, block, block * blockSize, n, scratch.columns);
  try {
    return accumulateBlock(plan, scratch, columns, block, blockSize, keep);
  } catch (e) {
    throw scratch.evaluator.failure(e, block);
  }
}

/** runBlock's loop, kept free of try/catch (see TrajectoryEvaluator.runRow). */
function accumulateBlock(plan: RunPlan, scratch: BlockScratch, columns: Float64Array[], block: number, blockSize: number, keep: number): BlockSummary {
  const { evaluator, chunks } = scratch;
  const CHUNK = scratch.chunk;
  const { scenario, inputNames } = plan;
  const n = plan.blockLength(block, blockSize);
  const H = scenario.horizon;
  const first = block * blockSize;
  const seriesArrays = evaluator.series, scalarValues = evaluator.scalars;
  const summary = plan.takeSummary();
  const outputs = summary.outputs, counters = summary.claims;
  const nSeries = seriesArrays.length, nScalars = scalarValues.length, nInputs = inputNames.length;
  const kept = Math.min(keep, n);
  const rowWidth = plan.layout.rowWidth;
  const rows = new Float64Array(kept * rowWidth);

  // Series are accumulated column-wise, CHUNK trajectories at a time (bit-identical to one by
  // one), from chunks laid out slot by slot: slot k of the chunk's trajectory i at k·slotStride + i.
  const stride = H + 1, slotStride = scratch.slotStride;
  let pending = 0;
  // A plan's first chunks are small and grow to CHUNK, so the accumulation loop is called
  // (and optimised by V8) early in the first block rather than after 2,048 trajectories.
  let limit = Math.min(CHUNK, scratch.nextChunk);

  for (let i = 0; i < n; i++) {
    evaluator.runRow(first + i, columns, i);
    for (let s = 0; s < nSeries; s++) {
      const from = seriesArrays[s], to = chunks[s];
      for (let k = 0, p = pending; k < stride; k++, p += slotStride) to[p] = from[k];
    }
    if (++pending === limit) {
      flushChunks(outputs, chunks, pending, slotStride);
      pending = 0;
      scratch.nextChunk = limit = Math.min(CHUNK, 2 * limit);
    }
    for (let c = 0; c < nScalars; c++) outputs[nSeries + c].addAt(0, scalarValues[c]);
    if (counters.length > 0) plan.claims.evaluate(seriesArrays, scalarValues, counters, plan.sampler.replicateOf(first + i));
    if (i < kept) {
      // The row layout KeptRows (keptRows.ts) reads: inputs, scalars, claim outcomes, series.
      let p = i * rowWidth;
      for (let j = 0; j < nInputs; j++) rows[p++] = columns[j][i];
      for (let c = 0; c < nScalars; c++) rows[p++] = scalarValues[c];
      // Claim outcomes: 1 true, 0 false, NaN when undefined or excluded by its condition.
      for (let c = 0; c < plan.claims.count; c++) rows[p++] = plan.claims.states[c] <= 1 ? plan.claims.states[c] : NaN;
      for (let s = 0; s < nSeries; s++) {
        rows.set(seriesArrays[s], p);
        p += H + 1;
      }
    }
  }
  flushChunks(outputs, chunks, pending, slotStride);
  summary.trajectories = n;
  summary.rows = rows;
  return summary;
}

/** Accumulates the `pending` trajectories buffered in the series chunks (a plain function: a closure made per block is a new call target each block, and V8 deoptimised the block loop for it). */
function flushChunks(outputs: readonly OutputAccumulator[], chunks: readonly Float64Array[], pending: number, slotStride: number): void {
  for (let s = 0; s < chunks.length; s++) outputs[s].addColumns(chunks[s], pending, 1, slotStride);
}

/**
 * The sampled (and correlated) input values of a block, one column per input:
 * the sampler's uniforms, mapped through each distribution's quantile function,
 * with the sampler's correlation step before or after the maps.
 */
export function drawInputs(plan: RunPlan, block: number, first: number, n: number, into?: Float64Array[]): Float64Array[] {
  const columns = plan.inputNames.map((name, j) => {
    const col = into ? into[j] : new Float64Array(n);
    plan.sampler.fillUniforms(block, j, name, first, col, n);
    return col;
  });
  // The sampler imposes correlations on its own points, on the uniforms or on the values.
  const corr = plan.correlation, sampler = plan.sampler;
  if (corr !== null && sampler.correlates === 'uniforms') sampler.correlate(columns, corr, block, first, n);
  plan.distributions.forEach((d, j) => d.mapQuantiles(columns[j], columns[j], n));
  if (corr !== null && sampler.correlates === 'values') sampler.correlate(columns, corr, block, first, n);
  return columns;
}
