import { Moments } from './moments.js';
import * as mapping from './indexMapping.js';
import { SketchColumns, ZERO_THRESHOLD as ZERO } from './sketchColumns.js';
import type { CountKind } from './bucketColumns.js';

// The mapping's constants as module-local numbers (an imported binding is re-read, with a
// TDZ check, on every use in the hot loop).
const SHIFT = mapping.INDEX_SHIFT, BIAS = mapping.INDEX_BIAS, ZERO_THRESHOLD = ZERO;

// Scratch views for reading a double's bits (see indexMapping.sketchIndex).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// High words of the doubles that take addColumns' fast path: [FAST_LOW, 0x7ff00000), i.e.
// positive, finite, and a high word above ZERO_THRESHOLD's (so the double is above it).
f64[0] = ZERO_THRESHOLD;
const FAST_LOW = u32[1] + 1, FAST_SPAN = 0x7ff00000 - FAST_LOW;

/**
 * Everything kept about one output (a series of H + 1 months, or a scalar as
 * length 1), in flat typed arrays: per slot a quantile sketch (SketchColumns),
 * moments, and a count of non-finite values (NaN, ±Infinity), which are
 * excluded from the sketch and moments and never silently dropped. Size is
 * independent of the number of trajectories.
 */
export class OutputAccumulator {
  readonly sketches: SketchColumns;
  readonly moments: Moments;
  readonly nonFinite: Float64Array;

  constructor(readonly length: number, kind: CountKind = 'float64') {
    this.sketches = new SketchColumns(length, kind);
    this.moments = new Moments(length);
    this.nonFinite = new Float64Array(length);
  }

  /** Adds one trajectory's values (values.length ≥ length). */
  addSeries(values: Float64Array): void {
    this.addColumns(values, 1, 0);
  }

  /**
   * Adds n trajectories at once, column-wise: trajectory i's value for slot k
   * is buf[i·stride + k·slotStride] (slotStride 1: one trajectory after
   * another; stride 1: one slot after another, which reads memory in order).
   * Slot by slot, so a slot's moments stay in registers and its bucket window
   * stays in cache; the values of each slot are added in trajectory order, so
   * the result is bit-identical to n calls of addSeries. The hot loop of a
   * run: SketchColumns.add, sketchIndex and Moments.add are written out here
   * (the same arithmetic; test/stats checks it against addAt).
   *
   * `words` is buf's memory as 32-bit words (a Uint32Array over the same bytes;
   * made here when not given): a value's bucket is read from its high word
   * (words[2p + 1]) with one load, instead of storing the value into a scratch
   * double and reading that back (measured 30% slower per value). Any value
   * off the fast path (outside the slot's bucket window, or negative) leaves
   * the inner loop, is added on its own, and the loop resumes with the window
   * reloaded, so the inner loop holds no call and V8 keeps the window's array
   * in registers.
   *
   * With `clear` > 0 (stride 1), the first `clear` values of each slot are
   * then set to NaN, at least the n just read (the column-wise block runner's
   * buffers are NaN wherever the model does not write), copied from a run of
   * NaN made once (nanRun).
   */
  addColumns(buf: Float64Array, n: number, stride: number, slotStride = 1, words = new Uint32Array(buf.buffer, buf.byteOffset, 2 * buf.length), clear = 0): void {
    if (clear > 0 && stride !== 1) throw new RangeError(`addColumns: clear needs stride 1, got ${stride}`);
    const sk = this.sketches, pos = sk.positive, nonFinite = this.nonFinite;
    const count = sk.count, zeroCount = sk.zeroCount, offset = pos.offset;
    const m = this.moments, mCount = m.count, shift = m.shift, s1 = m.s1, s2 = m.s2, min = m.min, max = m.max;
    for (let k = 0; k < this.length; k++) {
      let c = mCount[k], sh = shift[k], a1 = s1[k], a2 = s2[k], lo = min[k], hi = max[k], bad = 0, zeros = 0;
      let i = 0, p = k * slotStride;
      while (i < n) {
        // Slot k's window, as shifted high words: [first, end) maps to counts[row + word >>> SHIFT].
        const counts = pos.counts, first = offset[k] + BIAS, end = first + pos.width, row = k * pos.width - first;
        for (; i < n; i++, p += stride) {
          const x = buf[p];
          const word = words[2 * p + 1];
          // One unsigned compare on the high word: x positive, finite and above the zero threshold.
          if ((word - FAST_LOW) >>> 0 < FAST_SPAN) {
            const shifted = word >>> SHIFT;
            if (shifted >= first && shifted < end) counts[row + shifted]++;
            else break;
          } else if (x - x !== 0) {
            // NaN or ±Infinity: counted, kept out of the sketch and the moments.
            bad++;
            continue;
          } else if (x > ZERO_THRESHOLD || x < -ZERO_THRESHOLD) break;
          else zeros++;
          if (c++ === 0) sh = x;
          const d = x - sh;
          a1 += d;
          a2 += d * d;
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
        if (i === n) break;
        // The value that left the loop: outside the window (which may then grow or move), or negative.
        const x = buf[p];
        if (x > 0) pos.add(k, (words[2 * p + 1] >>> SHIFT) - BIAS, 1);
        else sk.negative.add(k, mapping.sketchIndex(-x), 1);
        if (c++ === 0) sh = x;
        const d = x - sh;
        a1 += d;
        a2 += d * d;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        i++;
        p += stride;
      }
      // Clearing a slot's values right after reading them (still in L1) cost a fraction of filling the whole buffer before the model writes it.
      if (clear > 0) buf.set(nanRun(clear), k * slotStride);
      count[k] += c - mCount[k];
      zeroCount[k] += zeros;
      nonFinite[k] += bad;
      mCount[k] = c;
      shift[k] = sh;
      s1[k] = a1;
      s2[k] = a2;
      min[k] = lo;
      max[k] = hi;
    }
  }

  /** Adds one value to slot k. */
  addAt(k: number, x: number): void {
    if (x - x !== 0) {
      // x − x is NaN exactly when x is NaN or ±Infinity.
      this.nonFinite[k]++;
      return;
    }
    this.sketches.add(k, x);
    this.moments.add(k, x);
  }

  /** Slot k's value at quantile q (within SKETCH_ALPHA), NaN when it holds no finite value. */
  quantile(k: number, q: number): number {
    return this.sketches.quantile(k, q);
  }

  /** Empties every slot (for reuse). */
  reset(): void {
    this.sketches.reset();
    this.moments.reset();
    this.nonFinite.fill(0);
  }

  merge(other: OutputAccumulator): void {
    this.sketches.merge(other.sketches);
    for (let k = 0; k < this.length; k++) this.nonFinite[k] += other.nonFinite[k];
    this.moments.merge(other.moments);
  }
}

let nans = new Float64Array(0);
/** nanRun's views by length (a slot's clear length is the same chunk after chunk). */
let nanViews: Float64Array[] = [];

/**
 * n NaNs (JavaScript's own NaN, the bits Float64Array.fill(NaN) writes), as a
 * view of one array made once: copying them with `set` is a memmove, half the
 * time of Float64Array.fill(NaN), which stores the pattern one element at a
 * time (0.08 against 0.15 ns a value, measured). Views are kept by length, so
 * clearing makes no garbage.
 */
function nanRun(n: number): Float64Array {
  if (nans.length < n) {
    nans = new Float64Array(Math.max(n, 4096)).fill(NaN);
    nanViews = [];
  }
  return (nanViews[n] ??= nans.subarray(0, n));
}
