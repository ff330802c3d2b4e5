/**
 * The accumulation a performance engineer would write by hand for the
 * hand-tuned baselines (bench/handTunedCostRatio.ts, bench/handTunedDemo.ts):
 * per output slot (one month of a series, or a scalar) a log-linear histogram
 * whose bucket is the float's exponent and top 7 mantissa bits (HdrHistogram
 * style: the high 32-bit word shifted right by 13, no Math.log), in one flat
 * Uint32Array window per output, plus shifted sums, min and max — the same
 * outputs as the engine (quantiles, mean, sd, min, max, non-finite counts).
 *
 * A bucket spans [b, b·(1 + j/128 + 1/128)/(1 + j/128)] ⊆ [b, b·(1 + 2⁻⁷)], so
 * its representative 2·lo·hi/(lo + hi) is within α = 2⁻⁷/(2 + 2⁻⁷) ≈ 0.389% of
 * every value in it (DDSketch-compatible relative guarantee, here ≤ 0.5%).
 * Handles positive values and exact zeros (the benchmark models' outputs); a
 * negative value throws. Single-threaded, not mergeable: a baseline, not an engine.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const SHIFT = 13; // 20 mantissa bits in the high word, keep the top 7
/** Relative accuracy of the hand-tuned histogram. */
export const HAND_ALPHA = 2 ** -7 / (2 + 2 ** -7);

export class HandTunedTable {
  /** Bucket counts: slot k's window is counts[k·width, (k + 1)·width). */
  counts: Uint32Array;
  /** First bucket index of each slot's window (−1 until the slot's first value). */
  readonly base: Int32Array;
  width: number;
  readonly zeros: Float64Array;
  readonly nonFinite: Float64Array;
  readonly n: Float64Array;
  readonly shift: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;

  constructor(readonly slots: number, width = 1024) {
    this.width = width;
    this.counts = new Uint32Array(slots * width);
    this.base = new Int32Array(slots).fill(-1);
    this.zeros = new Float64Array(slots);
    this.nonFinite = new Float64Array(slots);
    this.n = new Float64Array(slots);
    this.shift = new Float64Array(slots);
    this.s1 = new Float64Array(slots);
    this.s2 = new Float64Array(slots);
    this.min = new Float64Array(slots).fill(Infinity);
    this.max = new Float64Array(slots).fill(-Infinity);
  }

  /** Adds value v to slot k: one bit extraction, one increment, the moments. */
  add(k: number, v: number): void {
    f64[0] = v;
    const hi = u32[1];
    // Positive normal finite numbers have a high word in [0x00100000, 0x7ff00000).
    if ((hi - 0x00100000) >>> 0 < 0x7fe00000) {
      const rel = (hi >>> SHIFT) - this.base[k];
      if (rel >>> 0 < this.width) this.counts[k * this.width + rel]++;
      else this.addOutside(k, hi >>> SHIFT);
    } else if (v === 0) this.zeros[k]++;
    else if (v - v !== 0) {
      this.nonFinite[k]++;
      return;
    } else throw new Error(`hand-tuned table: unsupported value ${v}`);
    if (this.n[k]++ === 0) this.shift[k] = v;
    const d = v - this.shift[k];
    this.s1[k] += d;
    this.s2[k] += d * d;
    if (v < this.min[k]) this.min[k] = v;
    if (v > this.max[k]) this.max[k] = v;
  }

  /**
   * Adds n values of slot k at once, buf[from], buf[from + 1], … (the
   * column-wise loop of bench/handTunedCostRatioColumns.ts): each value's
   * bucket read from its high word through `words` (a Uint32Array over buf's
   * bytes, so no store and reload of a scratch double), the moments kept in
   * registers for the whole column. The same outputs as n calls of add.
   */
  addColumn(k: number, buf: Float64Array, words: Uint32Array, from: number, n: number): void {
    let c = this.n[k], sh = this.shift[k], a1 = this.s1[k], a2 = this.s2[k], lo = this.min[k], hi = this.max[k];
    let zeros = 0, bad = 0;
    for (let i = from, end = from + n; i < end; ) {
      const counts = this.counts, width = this.width, base = this.base[k], row = k * width - base;
      for (; i < end; i++) {
        const x = buf[i];
        const word = words[2 * i + 1];
        if ((word - 0x00100000) >>> 0 < 0x7fe00000) {
          const idx = word >>> SHIFT;
          if (base >= 0 && idx - base >= 0 && idx - base < width) counts[row + idx]++;
          else break;
        } else if (x === 0) zeros++;
        else if (x - x !== 0) {
          bad++;
          continue;
        } else throw new Error(`hand-tuned table: unsupported value ${x}`);
        if (c++ === 0) sh = x;
        const d = x - sh;
        a1 += d;
        a2 += d * d;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      if (i === end) break;
      const x = buf[i];
      this.addOutside(k, words[2 * i + 1] >>> SHIFT);
      if (c++ === 0) sh = x;
      const d = x - sh;
      a1 += d;
      a2 += d * d;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      i++;
    }
    this.n[k] = c;
    this.shift[k] = sh;
    this.s1[k] = a1;
    this.s2[k] = a2;
    this.min[k] = lo;
    this.max[k] = hi;
    this.zeros[k] += zeros;
    this.nonFinite[k] += bad;
  }

  /** The rare path: a slot's first value, or one outside its window (the table doubles). */
  private addOutside(k: number, idx: number): void {
    if (this.base[k] < 0) {
      this.base[k] = idx - (this.width >> 1);
      this.counts[k * this.width + (this.width >> 1)]++;
      return;
    }
    // Widen every window on both sides until idx fits in slot k's.
    const w = this.width;
    let nw = w * 2;
    while (idx < this.base[k] - (nw - w) / 2 || idx >= this.base[k] - (nw - w) / 2 + nw) nw *= 2;
    const pad = (nw - w) / 2, next = new Uint32Array(this.slots * nw);
    for (let s = 0; s < this.slots; s++) for (let r = 0; r < w; r++) next[s * nw + r + pad] = this.counts[s * w + r];
    for (let s = 0; s < this.slots; s++) if (this.base[s] >= 0) this.base[s] -= pad;
    this.counts = next;
    this.width = nw;
    const rel = idx - this.base[k];
    this.counts[k * nw + rel]++;
  }

  /** Lower quantile (rank ⌊q(n − 1)⌋) of slot k within HAND_ALPHA, NaN when empty. */
  quantile(k: number, q: number): number {
    const n = this.n[k];
    if (n === 0) return NaN;
    const rank = Math.floor(q * (n - 1));
    let seen = this.zeros[k];
    if (seen > rank) return 0;
    const w = this.width;
    for (let r = 0; r < w; r++) {
      seen += this.counts[k * w + r];
      if (seen > rank) {
        const lo = bucketLow(this.base[k] + r), hi = bucketLow(this.base[k] + r + 1);
        return 2 * lo * (hi / (lo + hi));
      }
    }
    return NaN;
  }

  mean(k: number): number {
    return this.n[k] > 0 ? this.shift[k] + this.s1[k] / this.n[k] : NaN;
  }

  sd(k: number): number {
    const n = this.n[k];
    return n > 1 ? Math.sqrt(Math.max(0, this.s2[k] - (this.s1[k] * this.s1[k]) / n) / (n - 1)) : NaN;
  }
}

function bucketLow(idx: number): number {
  u32[1] = idx << SHIFT;
  u32[0] = 0;
  return f64[0];
}
