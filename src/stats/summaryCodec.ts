import { BlockSummary, type SummaryLayout } from './blockSummary.js';
import type { QuantileSketch } from './quantileSketch.js';

/**
 * A binary encoding of a BlockSummary as one Float64Array, so it can be
 * transferred between threads without copying and sent over a network
 * without loss (JSON loses NaN, ±Infinity and −0). The layout is known to
 * both ends, so only counts and lengths are written, never names.
 *
 * Format, all float64: trajectories; per output, per slot: sketch
 * (count, zeroCount, then for the positive and the negative store: offset,
 * collapsed, length, counts…), moments (count, shift, s1, s2, min, max),
 * nonFinite; per claim: hits, defined, undefinedCount, excluded, never,
 * passage[H + 1] when a first passage, replicate hits[R] and denominators[R]; then the row count and the rows.
 */
export function encodeSummary(s: BlockSummary): Float64Array {
  let size = 2;
  for (const o of s.outputs) for (let k = 0; k < o.length; k++) size += 2 + 6 + o.sketches[k].positive.counts.length + o.sketches[k].negative.counts.length + 7;
  for (const c of s.claims) size += 5 + (c.passage ? c.passage.length : 0) + 2 * c.replicateHits.length;
  size += s.rows.length;
  const out = new Float64Array(size);
  let p = 0;
  out[p++] = s.trajectories;
  for (const o of s.outputs) {
    for (let k = 0; k < o.length; k++) {
      const sk = o.sketches[k];
      out[p++] = sk.count;
      out[p++] = sk.zeroCount;
      for (const store of [sk.positive, sk.negative]) {
        out[p++] = store.offset;
        out[p++] = store.collapsed;
        out[p++] = store.counts.length;
        out.set(store.counts, p);
        p += store.counts.length;
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
  out[p++] = s.rows.length;
  out.set(s.rows, p);
  return out;
}

/** Inverse of encodeSummary for a summary of the given layout. */
export function decodeSummary(buf: Float64Array, layout: SummaryLayout): BlockSummary {
  const s = new BlockSummary(layout);
  let p = 0;
  s.trajectories = buf[p++];
  for (const o of s.outputs) {
    for (let k = 0; k < o.length; k++) {
      const sk: QuantileSketch = o.sketches[k];
      sk.count = buf[p++];
      sk.zeroCount = buf[p++];
      for (const store of [sk.positive, sk.negative]) {
        store.offset = buf[p++];
        store.collapsed = buf[p++];
        const n = buf[p++];
        store.counts = buf.slice(p, p + n);
        p += n;
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
