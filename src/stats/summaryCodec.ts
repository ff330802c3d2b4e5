import { BlockSummary, type SummaryLayout } from './blockSummary.js';
import type { EncodedCounts } from './bucketColumns.js';
import { sketchIndex } from './indexMapping.js';
import type { OutputAccumulator } from './outputAccumulator.js';
import { ZERO_THRESHOLD } from './sketchColumns.js';

/**
 * Version of the binary summary format, written first. 2: sketches use the
 * index mapping of indexMapping.ts (bucket indices differ from format 1's
 * logarithmic mapping, so format-1 summaries and checkpoints cannot be merged
 * with new ones) and each store writes only its occupied bucket range.
 * 3: bucket counts are packed as 16- or 32-bit unsigned integers, four or two
 * to a float64 word, instead of one float64 each (a block's summary is a
 * quarter of the size: less to copy between threads, and less garbage for
 * the main thread, which receives and merges every block).
 */
export const SUMMARY_FORMAT = 3;

/**
 * Bits per bucket count: 16 when every slot holds fewer than 2^16 values (a
 * block of up to 65,535 trajectories), else 32 (LIMITS.trajectories is 1e9,
 * below 2^32; a count beyond is refused rather than wrapped).
 */
function countBits(s: BlockSummary): 16 | 32 {
  let most = 0;
  for (const o of s.outputs) for (let k = 0; k < o.length; k++) most = Math.max(most, o.sketches.count[k]);
  if (!(most <= 0xffffffff)) throw new RangeError(`a sketch slot holds ${most} values; an encoded summary carries at most 2^32 − 1`);
  return most <= 0xffff ? 16 : 32;
}

/**
 * The occupied bucket range of slot k's positive store. When the slot's
 * smallest value is positive (beyond the zero bucket), its range is the
 * buckets of its smallest and largest values, which the moments keep: both
 * are checked to be occupied (values folded below MAX_BUCKETS are not in
 * their own bucket), else the window is scanned. The scan of a window wider
 * than its slot's values was most of the time a block's encoding took.
 */
function positiveRange(o: OutputAccumulator, k: number): [number, number] | null {
  const store = o.sketches.positive, lo = o.moments.min[k], hi = o.moments.max[k];
  if (lo > ZERO_THRESHOLD) {
    const a = sketchIndex(lo), b = sketchIndex(hi);
    if (store.get(k, a) > 0 && store.get(k, b) > 0) return [a, b];
  }
  return store.range(k);
}

/** A view of the buffer's words as counts of `bits` bits (element p · 64 / bits starts float64 word p). */
function countView(buf: Float64Array, bits: number): EncodedCounts {
  return bits === 16 ? new Uint16Array(buf.buffer, buf.byteOffset, buf.length * 4) : new Uint32Array(buf.buffer, buf.byteOffset, buf.length * 2);
}

/**
 * A binary encoding of a BlockSummary as one Float64Array, so it can be
 * passed between threads in one copy and sent over a network
 * without loss (JSON loses NaN, ±Infinity and −0). The layout is known to
 * both ends, so only counts and lengths are written, never names.
 *
 * Format, all float64 words: SUMMARY_FORMAT; the bits per bucket count (16 or
 * 32); trajectories; per output, per slot: sketch (count, zeroCount, then for
 * the positive and the negative store: first occupied bucket index,
 * collapsed, length n, then the n counts of the occupied range packed
 * 64 / bits to a word, the last word zero-padded), moments (count, shift, s1,
 * s2, min, max), nonFinite; per claim: hits, defined, undefinedCount,
 * excluded, never, passage[H + 1] when a first passage, replicate hits[R] and
 * denominators[R]; then the row count and the rows.
 * The bytes depend only on the counts, never on how the stores were laid out.
 */
export function encodeSummary(s: BlockSummary): Float64Array {
  const bits = countBits(s), per = 64 / bits;
  // Each store's occupied range, found once (positiveRange, or a scan of the slot's window) and used twice.
  const ranges: Array<[number, number] | null> = [];
  const size = 4 + outputsSize(s, per, ranges) + claimsSize(s) + s.rows.length;
  const out = new Float64Array(size);
  let p = 0;
  out[p++] = SUMMARY_FORMAT;
  out[p++] = bits;
  out[p++] = s.trajectories;
  p = encodeOutputs(s, out, countView(out, bits), per, ranges, p);
  p = encodeClaims(s, out, p);
  out[p++] = s.rows.length;
  out.set(s.rows, p);
  return out;
}

// The encoder's and the merge's loops are functions of their own, with nothing after the loop but
// the return: V8 compiles a long loop on stack replacement in a thread's first block, and code after
// it that had not yet run deoptimised that compiled code at every later block (runBlock.ts).

/** Words the outputs take; pushes each store's occupied range (null when empty) onto `ranges`. */
function outputsSize(s: BlockSummary, per: number, ranges: Array<[number, number] | null>): number {
  let size = 0;
  for (const o of s.outputs) {
    for (let k = 0; k < o.length; k++) {
      size += 2 + 6 + 7;
      const a = positiveRange(o, k), b = o.sketches.negative.range(k);
      ranges.push(a, b);
      if (a) size += Math.ceil((a[1] - a[0] + 1) / per);
      if (b) size += Math.ceil((b[1] - b[0] + 1) / per);
    }
  }
  return size;
}

function claimsSize(s: BlockSummary): number {
  let size = 0;
  for (const c of s.claims) size += 5 + (c.passage ? c.passage.length : 0) + 2 * c.replicateHits.length;
  return size;
}

/** Writes the outputs from word p on; returns the next word. */
function encodeOutputs(s: BlockSummary, out: Float64Array, words: EncodedCounts, per: number, ranges: Array<[number, number] | null>, p: number): number {
  let next = 0;
  for (const o of s.outputs) {
    const sk = o.sketches;
    for (let k = 0; k < o.length; k++) {
      out[p++] = sk.count[k];
      out[p++] = sk.zeroCount[k];
      for (const store of [sk.positive, sk.negative]) {
        const r = ranges[next++];
        out[p++] = r ? r[0] : 0;
        out[p++] = store.collapsed[k];
        const n = r ? r[1] - r[0] + 1 : 0;
        out[p++] = n;
        if (r) {
          // A block's store already holds 16-bit counts: a plain copy (a merged summary's doubles are converted by `set`).
          const base = k * store.width + r[0] - store.offset[k];
          words.set(store.counts.subarray(base, base + n), p * per);
        }
        p += Math.ceil(n / per);
      }
      const m = o.moments;
      out[p++] = m.count[k];
      out[p++] = m.shift[k];
      out[p++] = m.s1[k];
      out[p++] = m.s2[k];
      out[p++] = m.min[k];
      out[p++] = m.max[k];
      out[p++] = o.nonFinite[k];
    }
  }
  return p;
}

/** Writes the claim counters from word p on; returns the next word. */
function encodeClaims(s: BlockSummary, out: Float64Array, p: number): number {
  for (const c of s.claims) {
    out[p++] = c.hits;
    out[p++] = c.defined;
    out[p++] = c.undefinedCount;
    out[p++] = c.excluded;
    out[p++] = c.never;
    if (c.passage) {
      out.set(c.passage, p);
      p += c.passage.length;
    }
    out.set(c.replicateHits, p);
    p += c.replicateHits.length;
    out.set(c.replicateDefined, p);
    p += c.replicateDefined.length;
  }
  return p;
}

/** Inverse of encodeSummary for a summary of the given layout. */
export function decodeSummary(buf: Float64Array, layout: SummaryLayout): BlockSummary {
  const words = checkHeader(buf), per = 64 / buf[1];
  const s = new BlockSummary(layout);
  let p = 2;
  s.trajectories = buf[p++];
  for (const o of s.outputs) {
    const sk = o.sketches;
    for (let k = 0; k < o.length; k++) {
      sk.count[k] = buf[p++];
      sk.zeroCount[k] = buf[p++];
      for (const store of [sk.positive, sk.negative]) {
        const first = buf[p++], collapsed = buf[p++], n = buf[p++];
        store.setSlot(k, first, words, p * per, n, collapsed);
        p += Math.ceil(n / per);
      }
      const m = o.moments;
      m.count[k] = buf[p++];
      m.shift[k] = buf[p++];
      m.s1[k] = buf[p++];
      m.s2[k] = buf[p++];
      m.min[k] = buf[p++];
      m.max[k] = buf[p++];
      o.nonFinite[k] = buf[p++];
    }
  }
  for (const c of s.claims) {
    c.hits = buf[p++];
    c.defined = buf[p++];
    c.undefinedCount = buf[p++];
    c.excluded = buf[p++];
    c.never = buf[p++];
    if (c.passage) {
      c.passage.set(buf.subarray(p, p + c.passage.length));
      p += c.passage.length;
    }
    c.replicateHits.set(buf.subarray(p, p + c.replicateHits.length));
    p += c.replicateHits.length;
    c.replicateDefined.set(buf.subarray(p, p + c.replicateDefined.length));
    p += c.replicateDefined.length;
  }
  const rows = buf[p++];
  s.rows = buf.slice(p, p + rows);
  return s;
}

/**
 * Merges an encoded summary straight into `into` (of the same layout): the
 * same result, bit for bit, as into.merge(decodeSummary(buf, layout)), without
 * building the intermediate summary. What the run loop does with each block.
 */
export function mergeEncodedSummary(into: BlockSummary, buf: Float64Array): void {
  const words = checkHeader(buf), per = 64 / buf[1];
  into.trajectories += buf[2];
  let p = mergeOutputs(into, buf, words, per, 3);
  p = mergeClaims(into, buf, p);
  const n = buf[p++];
  if (n > 0) {
    const rows = new Float64Array(into.rows.length + n);
    rows.set(into.rows);
    rows.set(buf.subarray(p, p + n), into.rows.length);
    into.rows = rows;
  }
}

/** Adds the encoded outputs from word p on into `into`'s; returns the next word. */
function mergeOutputs(into: BlockSummary, buf: Float64Array, words: EncodedCounts, per: number, p: number): number {
  for (const o of into.outputs) {
    const sk = o.sketches;
    for (let k = 0; k < o.length; k++) {
      sk.count[k] += buf[p++];
      sk.zeroCount[k] += buf[p++];
      for (const store of [sk.positive, sk.negative]) {
        const first = buf[p++], collapsed = buf[p++], n = buf[p++];
        store.addRange(k, first, words, p * per, n, collapsed);
        p += Math.ceil(n / per);
      }
      o.moments.mergeSlot(k, buf[p], buf[p + 1], buf[p + 2], buf[p + 3], buf[p + 4], buf[p + 5]);
      p += 6;
      o.nonFinite[k] += buf[p++];
    }
  }
  return p;
}

/** Adds the encoded claim counters from word p on into `into`'s; returns the next word. */
function mergeClaims(into: BlockSummary, buf: Float64Array, p: number): number {
  for (const c of into.claims) {
    c.hits += buf[p++];
    c.defined += buf[p++];
    c.undefinedCount += buf[p++];
    c.excluded += buf[p++];
    c.never += buf[p++];
    if (c.passage) for (let m = 0; m < c.passage.length; m++) c.passage[m] += buf[p++];
    for (let r = 0; r < c.replicateHits.length; r++) c.replicateHits[r] += buf[p++];
    for (let r = 0; r < c.replicateDefined.length; r++) c.replicateDefined[r] += buf[p++];
  }
  return p;
}

/** Checks an encoded summary's format and count width; returns the view its bucket counts are read through. */
function checkHeader(buf: Float64Array): EncodedCounts {
  if (buf[0] !== SUMMARY_FORMAT) throw new Error(`summary format ${buf[0]} is not ${SUMMARY_FORMAT} (written by another engine version)`);
  if (buf[1] !== 16 && buf[1] !== 32) throw new Error(`summary count width ${buf[1]} is neither 16 nor 32 bits`);
  return countView(buf, buf[1]);
}
