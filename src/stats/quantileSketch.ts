/**
 * A mergeable quantile sketch with a relative-value guarantee (DDSketch).
 *
 * Masson, Rim & Lee (2019), "DDSketch: a fast and fully-mergeable quantile
 * sketch with relative-error guarantees", VLDB 12(12). A positive x goes to
 * bucket i = ⌈ln x / ln γ⌉ with γ = (1 + α)/(1 − α); the bucket's value
 * 2γⁱ/(γ + 1) is within relative error α of every x in it. Negative values use
 * a mirrored store, and exact zeros (and |x| < 1e-300) an exact zero bucket.
 * Merging adds bucket counts, so merge is exact and order-independent for the
 * counts. α = 0.005 here (the issue asks for ≤ 1%).
 *
 * The quantile at q returns (an approximation of) the order statistic of rank
 * ⌊q·(n − 1)⌋ (0-based), the "lower" quantile, within relative error α.
 */
export const SKETCH_ALPHA = 0.005;
const GAMMA = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);
const INV_LN_GAMMA = 1 / Math.log(GAMMA);
const ZERO_THRESHOLD = 1e-300;
/** Buckets per store before the lowest are collapsed together (covers ~35 orders of magnitude). */
export const MAX_BUCKETS = 8192;

/** A dense run of bucket counts starting at bucket index `offset`. */
class BucketStore {
  counts: Float64Array = new Float64Array(0);
  offset = 0;
  /** Number of values collapsed into the lowest bucket because of MAX_BUCKETS. */
  collapsed = 0;

  /** Adds one to bucket `index` (the hot path). */
  increment(index: number): void {
    const rel = index - this.offset;
    if (rel >= 0 && rel < this.counts.length) this.counts[rel]++;
    else this.addSlow(index, 1);
  }

  add(index: number, count: number): void {
    const c = this.counts;
    const rel = index - this.offset;
    if (rel >= 0 && rel < c.length) {
      c[rel] += count;
      return;
    }
    this.addSlow(index, count);
  }

  private addSlow(index: number, count: number): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(32);
      this.offset = index - 16;
    } else {
      const lo = Math.min(this.offset, index), hi = Math.max(this.offset + this.counts.length - 1, index);
      let need = hi - lo + 1;
      if (need > MAX_BUCKETS) {
        // Collapse the lowest buckets: precision is lost only for the smallest magnitudes.
        const newLo = hi - MAX_BUCKETS + 1;
        if (index < newLo) {
          this.collapsed += count;
          index = newLo;
        }
        this.rebase(newLo, MAX_BUCKETS);
        this.counts[index - this.offset] += count;
        return;
      }
      need = Math.min(MAX_BUCKETS, Math.max(need, this.counts.length * 2));
      const newLo = index < this.offset ? hi - need + 1 : lo;
      this.rebase(newLo, need);
    }
    this.counts[index - this.offset] += count;
  }

  /** Re-lays the counts over [newLo, newLo + size), folding anything below newLo into newLo. */
  private rebase(newLo: number, size: number): void {
    const next = new Float64Array(size);
    const c = this.counts;
    for (let k = 0; k < c.length; k++) {
      if (c[k] === 0) continue;
      let idx = this.offset + k - newLo;
      if (idx < 0) {
        this.collapsed += c[k];
        idx = 0;
      }
      next[idx] += c[k];
    }
    this.counts = next;
    this.offset = newLo;
  }

  merge(other: BucketStore): void {
    const c = other.counts;
    for (let k = 0; k < c.length; k++) if (c[k] !== 0) this.add(other.offset + k, c[k]);
    this.collapsed += other.collapsed;
  }
}

/**
 * DDSketch over finite values. Non-finite values must be filtered by the caller
 * (the accumulators count them separately).
 *
 * @example const s = new QuantileSketch(); s.add(3); s.add(1); s.quantile(0.5) // ≈ 1 (±0.5%)
 */
export class QuantileSketch {
  readonly positive = new BucketStore();
  readonly negative = new BucketStore();
  zeroCount = 0;
  count = 0;

  /** Adds one finite value. */
  add(x: number): void {
    this.count++;
    if (x > ZERO_THRESHOLD) this.positive.increment(Math.ceil(Math.log(x) * INV_LN_GAMMA));
    else if (x < -ZERO_THRESHOLD) this.negative.increment(Math.ceil(Math.log(-x) * INV_LN_GAMMA));
    else this.zeroCount++;
  }

  /** Adds every count of `other` into this sketch (exact). */
  merge(other: QuantileSketch): void {
    this.positive.merge(other.positive);
    this.negative.merge(other.negative);
    this.zeroCount += other.zeroCount;
    this.count += other.count;
  }

  /** The value at quantile q ∈ [0, 1] (lower order statistic of rank ⌊q(n − 1)⌋), or NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.floor(q * (this.count - 1));
    let seen = 0;
    const neg = this.negative.counts;
    for (let k = neg.length - 1; k >= 0; k--) {
      seen += neg[k];
      if (seen > rank) return -bucketValue(this.negative.offset + k);
    }
    seen += this.zeroCount;
    if (seen > rank) return 0;
    const pos = this.positive.counts;
    for (let k = 0; k < pos.length; k++) {
      seen += pos[k];
      if (seen > rank) return bucketValue(this.positive.offset + k);
    }
    return bucketValue(this.positive.offset + pos.length - 1); // unreachable unless counts are inconsistent
  }

  /** Values collapsed into the lowest bucket of either store (0 in any ordinary run). */
  get collapsed(): number {
    return this.positive.collapsed + this.negative.collapsed;
  }
}

/** The representative value of bucket i: 2γⁱ/(γ + 1), within α of every value in the bucket. */
function bucketValue(i: number): number {
  return (2 * Math.pow(GAMMA, i)) / (GAMMA + 1);
}
