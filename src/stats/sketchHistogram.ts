import { bucketLow } from './indexMapping.js';
import type { SketchColumns } from './sketchColumns.js';

/** The most bins a stored histogram has (result.json stays small: a few kB per histogram). */
export const HISTOGRAM_MAX_BINS = 256;

/**
 * A histogram made of a quantile sketch's own buckets: each bin is a run of
 * consecutive sketch buckets, so its count is exact (the sketch counts every
 * value in its bucket) and its edges are bucket bounds. Exact zeros (the
 * sketch's zero bucket, |x| < 1e-300) are a point mass, counted apart.
 */
export interface SketchHistogram {
  /** The coordinate the bins are even in, and the density is best drawn on: 'log' when the 1st percentile is positive and the 99th over 100 times larger. */
  scale: 'linear' | 'log';
  /** Bin edges, ascending (n + 1 values; empty when every value is zero). */
  edges: number[];
  /** Finite values between edges[i] and edges[i + 1] (n values). */
  counts: number[];
  /** Values exactly zero, in no bin. */
  zeros: number;
}

/**
 * Slot k of a sketch as a histogram of at most `maxBins` bins. Merging aims at
 * bins of even width on the histogram's scale: about 1/160 of the span from the
 * 1st to the 99th percentile, never narrower than one sketch bucket (0.78% of
 * the value); beyond that body widened by 10% on each side, bins are allowed to
 * be 2, 4, 8, … times wider until the whole fits in `maxBins`. A gap between
 * occupied buckets at least a bin wide is one empty bin; a smaller gap is
 * absorbed into the next bin. No bin spans a value of `cuts` (the claims'
 * thresholds) that lies between buckets: a bin ends at the bucket bound at or
 * below it, so the share below a threshold that is a bucket bound (1, 100, 0.5,
 * …) is read off the histogram exactly. Deterministic: a function of the counts
 * (and the cuts) alone. Null when the slot holds no finite value.
 *
 * @example const s = new SketchColumns(1); s.add(0, 1); s.add(0, 2); sketchHistogram(s, 0)!.counts // [1, 1]
 */
export function sketchHistogram(sk: SketchColumns, k: number, cuts: readonly number[] = [], maxBins = HISTOGRAM_MAX_BINS): SketchHistogram | null {
  if (sk.count[k] === 0) return null;
  const buckets: Array<[number, number, number]> = [];
  const neg = sk.negative.range(k), pos = sk.positive.range(k);
  if (neg) for (let i = neg[1]; i >= neg[0]; i--) { const c = sk.negative.get(k, i); if (c > 0) buckets.push([-bucketLow(i + 1), -bucketLow(i), c]); }
  if (pos) for (let i = pos[0]; i <= pos[1]; i++) { const c = sk.positive.get(k, i); if (c > 0) buckets.push([bucketLow(i), bucketLow(i + 1), c]); }
  const zeros = sk.zeroCount[k];
  if (buckets.length === 0) return { scale: 'linear', edges: [], counts: [], zeros };
  const q01 = sk.quantile(k, 0.01), q99 = sk.quantile(k, 0.99);
  // Log when at least 99% of the values are positive and those span decades (values ≤ 0 are then not drawn, and stated).
  const log = q01 > 0 && q99 / q01 > 100;
  const t = log ? (x: number): number => (x > 0 ? Math.log10(x) : -Infinity) : (x: number): number => x;
  const bodyLo = t(q01), bodyHi = t(q99), pad = (bodyHi - bodyLo) * 0.1;
  const span = t(buckets[buckets.length - 1][1]) - t(buckets.find((b) => !log || b[0] > 0)![0]);
  let width = (bodyHi - bodyLo) / 160 || span / maxBins;
  for (let tail = 1; ; tail *= 2) {
    const target = (x: number): number => (x >= bodyLo - pad && x <= bodyHi + pad ? width : width * tail);
    const out = merge(buckets, t, target, cuts);
    if (out.counts.length <= maxBins || width >= span) return { scale: log ? 'log' : 'linear', ...out, zeros };
    if (tail >= 1 << 20) width *= 2;
  }
}

/** Greedy merge of ascending buckets into bins at least target(start) wide (on the scale t), cut at `cuts`. */
function merge(buckets: ReadonlyArray<[number, number, number]>, t: (x: number) => number, target: (x: number) => number, cuts: readonly number[]): { edges: number[]; counts: number[] } {
  const edges = [buckets[0][0]], counts: number[] = [];
  let start = buckets[0][0], end = buckets[0][1], count = buckets[0][2];
  for (let j = 1; j < buckets.length; j++) {
    const [a, b, c] = buckets[j];
    if (t(a) - t(end) >= target(t(end)) || (a > end && cuts.some((x) => x > end && x <= a))) {
      // A gap at least a bin wide, or one holding a cut: close the bin and leave one empty bin over the gap.
      edges.push(end, a);
      counts.push(count, 0);
      [start, end, count] = [a, b, c];
    } else if (t(end) - t(start) >= target(t(start)) || cuts.includes(a)) {
      // Wide enough: close it; the next bin starts where it ends (a small gap is absorbed).
      edges.push(end);
      counts.push(count);
      [start, end, count] = [end, b, c];
    } else {
      end = b;
      count += c;
    }
  }
  edges.push(end);
  counts.push(count);
  return { edges, counts };
}
