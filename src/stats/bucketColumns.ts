/** Buckets per slot before the lowest are collapsed together (128 doublings at 128 buckets each: ~38 orders of magnitude). */
export const MAX_BUCKETS = 16384;
const INITIAL_WIDTH = 128;
/** Bucket counts as an encoded summary carries them (summaryCodec.ts): unsigned integers of 16 or 32 bits. */
export type EncodedCounts = Uint16Array | Uint32Array;
/**
 * How a store keeps its counts: as doubles (any count up to 2^53: merged
 * summaries), or as 16- or 32-bit unsigned integers (a block's summary,
 * whose counts never exceed its trajectories: a quarter or half the memory,
 * and encoded by a plain copy into the summary format's packed counts).
 */
export type CountArray = Float64Array | Uint32Array | Uint16Array;
/** Which CountArray a store keeps its counts in. */
export type CountKind = 'float64' | 'uint32' | 'uint16';
const COUNT_ARRAYS = { float64: Float64Array, uint32: Uint32Array, uint16: Uint16Array } as const;
/** The narrowest kind of store whose buckets hold `n` values each (n values at most in a slot). */
export function countKindFor(n: number): CountKind {
  return n <= 0xffff ? 'uint16' : n <= 0xffffffff ? 'uint32' : 'float64';
}
/** Offset of a slot that has no bucket yet (below any index the mapping gives). */
const EMPTY = -0x40000000;

/**
 * Dense bucket counts for `slots` quantile sketches at once (one per month of a
 * series), in one flat typed array (CountArray): slot k's window is
 * counts[k·width, (k + 1)·width) and holds bucket indices offset[k] … offset[k] + width − 1.
 * The width is shared and grows by doubling (up to MAX_BUCKETS) when a slot's
 * occupied range outgrows it; a slot whose values drift is re-centred. Past
 * MAX_BUCKETS the lowest buckets are folded into the lowest kept one and
 * counted in `collapsed`. Which buckets hold which counts (and what is
 * collapsed) depends only on the values added, in order, never on the
 * window's layout, so summaries are reproducible however they were laid out.
 */
export class BucketColumns {
  counts: CountArray;
  width = 0;
  readonly offset: Int32Array;
  /** Values folded into slot k's lowest bucket because of MAX_BUCKETS. */
  readonly collapsed: Float64Array;

  /** `kind`: how counts are kept; a store of 16- or 32-bit counts must never be given more than 2^16 − 1 or 2^32 − 1 values a slot (the caller's promise: a block's trajectories). */
  constructor(readonly slots: number, readonly kind: CountKind = 'float64') {
    this.counts = new COUNT_ARRAYS[kind](0);
    this.offset = new Int32Array(slots).fill(EMPTY);
    this.collapsed = new Float64Array(slots);
  }

  /** Adds `count` to bucket `index` of slot k. */
  add(k: number, index: number, count: number): void {
    const rel = index - this.offset[k];
    if (rel >= 0 && rel < this.width) this.counts[k * this.width + rel] += count;
    else this.addOutside(k, index, count);
  }

  /** The lowest and highest occupied bucket of slot k, or null when empty. */
  range(k: number): [number, number] | null {
    if (this.offset[k] === EMPTY) return null;
    const w = this.width, c = this.counts, base = k * w;
    let lo = 0, hi = w - 1;
    while (lo < w && c[base + lo] === 0) lo++;
    if (lo === w) return null;
    while (c[base + hi] === 0) hi--;
    return [this.offset[k] + lo, this.offset[k] + hi];
  }

  /** The count of bucket `index` in slot k. */
  get(k: number, index: number): number {
    const rel = index - this.offset[k];
    return rel >= 0 && rel < this.width ? this.counts[k * this.width + rel] : 0;
  }

  /**
   * Sets slot k to the counts src[from + r] of buckets first + r, r < n
   * (decoding an encoded summary, whose counts are unsigned integers; n ≤ MAX_BUCKETS).
   */
  setSlot(k: number, first: number, src: EncodedCounts, from: number, n: number, collapsed: number): void {
    this.collapsed[k] = collapsed;
    if (n === 0) return;
    this.ensure(k, first, first + n - 1);
    const counts = this.counts, base = k * this.width + first - this.offset[k];
    for (let r = 0; r < n; r++) counts[base + r] = src[from + r];
  }

  /**
   * Adds counts src[from + r] to buckets first + r of slot k, r < n, and
   * `collapsed` to its collapsed count (merging from an encoded summary; n ≤ MAX_BUCKETS).
   */
  addRange(k: number, first: number, src: EncodedCounts, from: number, n: number, collapsed: number): void {
    this.collapsed[k] += collapsed;
    if (n === 0) return;
    let off = this.offset[k];
    if (off === EMPTY || first < off || first + n > off + this.width) {
      // Outside the window (a merged summary's first blocks): lay it over the range first.
      if (this.ensure(k, first, first + n - 1) > first) {
        // Past MAX_BUCKETS: add folds the lowest counts into the lowest kept bucket.
        for (let r = 0; r < n; r++) {
          const c = src[from + r];
          if (c !== 0) this.add(k, first + r, c);
        }
        return;
      }
      off = this.offset[k];
    }
    // Inside the window (the usual case once a merged summary has seen a few blocks, and every
    // case after ensure but a fold): add in place, with no scan and no call per bucket (a
    // thread's first merges, not yet optimised, took ~10 ms a block value by value, keeping
    // worker threads waiting for their next block).
    const counts = this.counts, base = k * this.width + first - off;
    // Four at a time: V8 does not vectorise, and the unrolled loop took 0.8 ns a count against 1.2.
    let r = 0;
    for (; r + 4 <= n; r += 4) {
      const to = base + r, at = from + r;
      counts[to] += src[at];
      counts[to + 1] += src[at + 1];
      counts[to + 2] += src[at + 2];
      counts[to + 3] += src[at + 3];
    }
    for (; r < n; r++) counts[base + r] += src[from + r];
  }

  /** Zeroes every count, keeping the windows where they are (a reused store then rarely takes the slow path). */
  reset(): void {
    this.counts.fill(0);
    this.collapsed.fill(0);
  }

  /** Adds every count of `other` (same slot count) into this, and its collapsed counts. */
  merge(other: BucketColumns): void {
    for (let k = 0; k < this.slots; k++) {
      this.collapsed[k] += other.collapsed[k];
      const r = other.range(k);
      if (r === null) continue;
      // Make room for the whole range first, then add in bulk (below a collapse point, add folds).
      this.ensure(k, r[0], r[1]);
      const oc = other.counts, ob = k * other.width - other.offset[k];
      for (let i = r[0]; i <= r[1]; i++) {
        const c = oc[ob + i];
        if (c !== 0) this.add(k, i, c);
      }
    }
  }

  /** The rare path: a slot's first bucket, or one outside its window. */
  private addOutside(k: number, index: number, count: number): void {
    const lowest = this.ensure(k, index, index);
    if (index < lowest) {
      this.collapsed[k] += count;
      index = lowest;
    }
    this.counts[k * this.width + index - this.offset[k]] += count;
  }

  /**
   * Lays slot k's window over its occupied buckets and [lo, hi], widening every
   * window (by doubling) when needed. If that span exceeds MAX_BUCKETS, only its
   * top MAX_BUCKETS are kept and counts below are folded into the lowest kept
   * bucket, which is returned (else the span's lowest bucket). Depends only on
   * the occupied buckets, never on the current layout.
   */
  private ensure(k: number, lo: number, hi: number): number {
    if (this.width === 0) this.relayout(INITIAL_WIDTH);
    const occupied = this.range(k);
    if (occupied !== null) {
      lo = Math.min(lo, occupied[0]);
      hi = Math.max(hi, occupied[1]);
    }
    if (hi - lo + 1 > MAX_BUCKETS) lo = hi - MAX_BUCKETS + 1;
    const need = hi - lo + 1;
    if (need > this.width) this.relayout(Math.min(MAX_BUCKETS, Math.max(2 * this.width, need)));
    this.recentre(k, lo, hi);
    return lo;
  }

  /**
   * Moves slot k's window so that [lo, hi] sits in its middle, folding any
   * count below lo into bucket lo (counted as collapsed).
   */
  private recentre(k: number, lo: number, hi: number): void {
    const w = this.width, base = k * w, oldOffset = this.offset[k];
    const newOffset = lo - ((w - (hi - lo + 1)) >> 1);
    if (newOffset === oldOffset) return;
    this.offset[k] = newOffset;
    if (oldOffset === EMPTY) return;
    const old = this.counts.slice(base, base + w);
    this.counts.fill(0, base, base + w);
    for (let r = 0; r < w; r++) {
      const c = old[r];
      if (c === 0) continue;
      let idx = oldOffset + r;
      if (idx < lo) {
        this.collapsed[k] += c;
        idx = lo;
      }
      this.counts[base + idx - newOffset] += c;
    }
  }

  /** Re-lays every slot over a wider window, keeping each slot's buckets centred. */
  private relayout(width: number): void {
    const old = this.counts, w = this.width, pad = (width - w) >> 1;
    const next = new COUNT_ARRAYS[this.kind](this.slots * width);
    for (let k = 0; k < this.slots; k++) {
      if (this.offset[k] === EMPTY) continue;
      next.set(old.subarray(k * w, (k + 1) * w), k * width + pad);
      this.offset[k] -= pad;
    }
    this.counts = next;
    this.width = width;
  }
}
