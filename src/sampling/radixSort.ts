/**
 * Sorting doubles without a comparator callback, for Iman–Conover's ranks
 * (a typed array's sort with a JavaScript comparator calls back per
 * comparison: ~5 ms for 8,192 values, against ~0.3 ms here).
 *
 * Each double is mapped to an unsigned 64-bit key (two 32-bit halves) whose
 * order is the numbers' order: a non-negative double's bits with the sign bit
 * set, a negative double's bits inverted. A least-significant-digit radix
 * sort over 11-bit digits (6 passes, a pass skipped when every key shares its
 * digit) is stable, so equal keys keep their index order: the same order as a
 * stable comparison sort by value.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Histograms of the six digits (11, 11 and 10 bits of the low word, then of the high word), 2,048 slots each. */
const counts = new Uint32Array(6 * 0x800);

/** Scratch arrays, grown as needed and reused (the sorts run one at a time on a thread). */
let hiKey = new Uint32Array(0), loKey = new Uint32Array(0), spareHi = new Uint32Array(0), spareLo = new Uint32Array(0), spareIdx = new Int32Array(0);

function scratch(n: number): void {
  if (hiKey.length >= n) return;
  hiKey = new Uint32Array(n);
  loKey = new Uint32Array(n);
  spareHi = new Uint32Array(n);
  spareLo = new Uint32Array(n);
  spareIdx = new Int32Array(n);
}

/**
 * Writes into `order[0..n)` the indices 0…n−1 sorted by `values[i]` ascending,
 * equal values (−0 and +0 count as equal) in index order: what
 * `order.sort((p, r) => values[p] − values[r])` gives for values without NaN.
 * Returns false, leaving `order` unspecified, when a value is NaN.
 */
export function argsortStable(values: Float64Array, n: number, order: Int32Array): boolean {
  return radixOrder(values, n, order, true);
}

/**
 * Sorts `values[0..n)` in place, ascending: the same result, to the bit, as
 * `values.subarray(0, n).sort()` (−0 before +0, NaN last).
 */
export function sortValues(values: Float64Array, n: number): void {
  scratch(n);
  const order = spareOrder.length >= n ? spareOrder : (spareOrder = new Int32Array(n));
  if (!radixOrder(values, n, order, false)) {
    values.subarray(0, n).sort();
    return;
  }
  const copy = spareValues.length >= n ? spareValues : (spareValues = new Float64Array(n));
  copy.set(values.subarray(0, n));
  for (let i = 0; i < n; i++) values[i] = copy[order[i]];
}

let spareOrder = new Int32Array(0), spareValues = new Float64Array(0);

function radixOrder(values: Float64Array, n: number, order: Int32Array, zeroesEqual: boolean): boolean {
  if (n === 0) return true;
  scratch(n);
  let hi = hiKey, lo = loKey, idx: Int32Array = order;
  // Keys, and the histograms of all six digits in the same pass.
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) return false;
    f64[0] = zeroesEqual ? v + 0 : v; // −0 + 0 is +0: then equal values get equal keys
    const h = u32[1];
    let kh: number, kl: number;
    if (h >>> 31) {
      kh = ~h >>> 0;
      kl = ~u32[0] >>> 0;
    } else {
      kh = (h | 0x80000000) >>> 0;
      kl = u32[0];
    }
    hi[i] = kh;
    lo[i] = kl;
    idx[i] = i;
    counts[kl & 0x7ff]++;
    counts[0x800 + ((kl >>> 11) & 0x7ff)]++;
    counts[0x1000 + (kl >>> 22)]++;
    counts[0x1800 + (kh & 0x7ff)]++;
    counts[0x2000 + ((kh >>> 11) & 0x7ff)]++;
    counts[0x2800 + (kh >>> 22)]++;
  }
  let nHi = spareHi, nLo = spareLo, nIdx: Int32Array = spareIdx;
  let moved = false; // whether the indices now sit in the spare array
  for (let pass = 0; pass < 6; pass++) {
    const low = pass < 3, word = low ? lo : hi, shift = (pass % 3) * 11, mask = pass % 3 === 2 ? 0x3ff : 0x7ff, base = pass * 0x800;
    if (counts[base + ((word[0] >>> shift) & mask)] === n) continue; // every key has this digit
    let sum = 0;
    for (let d = base; d <= base + mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    // The low words are needed only by the first three passes.
    if (low) {
      for (let i = 0; i < n; i++) {
        const at = counts[base + ((lo[i] >>> shift) & mask)]++;
        nHi[at] = hi[i];
        nLo[at] = lo[i];
        nIdx[at] = idx[i];
      }
      const l = lo;
      lo = nLo;
      nLo = l;
    } else {
      for (let i = 0; i < n; i++) {
        const at = counts[base + ((hi[i] >>> shift) & mask)]++;
        nHi[at] = hi[i];
        nIdx[at] = idx[i];
      }
    }
    const h = hi, x = idx;
    hi = nHi;
    idx = nIdx;
    nHi = h;
    nIdx = x;
    moved = !moved;
  }
  if (moved) order.set(idx.subarray(0, n));
  return true;
}
