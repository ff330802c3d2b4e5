/**
 * DDSketch's cubically interpolated index mapping: a bucket index from the
 * float's exponent and a cubic polynomial of its mantissa, with no Math.log.
 *
 * Masson, Rim & Lee (2019), "DDSketch: a fast and fully-mergeable quantile
 * sketch with relative-error guarantees", VLDB 12(12), §2.2 and the reference
 * libraries (sketches-java / sketches-go `CubicallyInterpolatedMapping`).
 * For x = 2ᵉ·(1 + s), s ∈ [0, 1), the approximate base-2 logarithm is
 *   L(x) = e + P(s),  P(s) = ((A·s + B)·s + C)·s,  A = 6/35, B = −3/5, C = 10/7,
 * continuous, increasing, exact at powers of two, and bucket i = ⌊L(x)·M⌋ with
 * M = 1/log₂γ (computed as ⌊(L(x) + 1024)·M⌋ − INDEX_BIAS, whose argument is
 * positive for every normal double, so a truncation `| 0` is the floor: much
 * cheaper than Math.floor in V8). A bucket spans ΔL = log₂γ, so its values span a log₂ ratio of
 * at most ΔL·max_s dlog₂x/dL = ΔL·max_s 1/((1 + s)·ln 2·P′(s)) = ΔL·F, with
 * F = 7/(10·ln 2) ≈ 1.00989 (the maximum is at s = 0). So the largest value of a
 * bucket is at most γᶠ times its smallest, and the representative
 * 2·lo·hi/(lo + hi) is within α = (γᶠ − 1)/(γᶠ + 1) of every value in it.
 *
 * For the guarantee α = SKETCH_ALPHA = 0.005 exactly, γ = ((1 + α)/(1 − α))^(1/F)
 * ≈ 1.0099514, slightly below the logarithmic mapping's (1 + α)/(1 − α) ≈ 1.0100503:
 * ≈ 70.0 buckets per doubling instead of 69.3 (1% more buckets for no logarithm).
 * Indices are a deterministic function of the float's bits, identical on every
 * thread and machine (IEEE-754 doubles, little-endian word order checked at load).
 */
export const SKETCH_ALPHA = 0.005;
/** The cubic's coefficients (sketches-java CubicallyInterpolatedIndexMapping). */
export const CUBIC_A = 6 / 35, CUBIC_B = -3 / 5, CUBIC_C = 10 / 7;
const A = CUBIC_A, B = CUBIC_B, C = CUBIC_C;
/** max over s ∈ [0, 1) of 1/((1 + s)·ln 2·P′(s)), attained at s = 0. */
export const CUBIC_CORRECTING_FACTOR = 7 / (10 * Math.LN2);
/** The mapping's γ: bucket i covers approximate-log₂ values [i, i + 1)·log₂γ. */
export const SKETCH_GAMMA = Math.pow((1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA), 1 / CUBIC_CORRECTING_FACTOR);
/** M = 1/log₂γ ≈ 70.0 buckets per doubling. */
export const INDEX_MULTIPLIER = 1 / Math.log2(SKETCH_GAMMA);
/** Subtracted so that index 0 is the bucket holding 1 (cosmetic: any integer would do). */
export const INDEX_BIAS = Math.floor(1024 * INDEX_MULTIPLIER);

/** 2⁻²⁰ and 2⁻⁵²: the weights of the mantissa's high and low words. */
export const TWO_M20 = 2 ** -20, TWO_M52 = 2 ** -52;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
if (u32[1] !== 0x3ff00000) throw new Error('indexMapping: expected little-endian IEEE-754 doubles');

/**
 * The bucket index of a positive normal double x (x ≥ 2⁻¹⁰²²; callers send
 * |x| > 1e-300): ⌊(e + 1024 + P(s))·M⌋ − INDEX_BIAS with e and s read from the bits.
 *
 * @example sketchIndex(1) // 0; sketchIndex(2) // 70 (one doubling ≈ M buckets)
 */
export function sketchIndex(x: number): number {
  f64[0] = x;
  const hi = u32[1];
  // s from the 52 mantissa bits, exactly (two exactly representable parts).
  // (Writing the exponent bits back and re-reading the double is 3x slower: a store-forwarding stall.)
  const s = (hi & 0x000fffff) * TWO_M20 + u32[0] * TWO_M52;
  // e + 1024 + P(s) ≥ 2 for normal doubles, so `| 0` truncates to the floor.
  return ((((hi >>> 20) + 1 + ((A * s + B) * s + C) * s) * INDEX_MULTIPLIER) | 0) - INDEX_BIAS;
}


/** The smallest x whose approximate log₂ L(x) is ≥ l (inverse of L, by bisection on s). */
function inverseApproxLog2(l: number): number {
  const e = Math.floor(l), p = l - e;
  let lo = 0, hi = 1;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    if (((A * mid + B) * mid + C) * mid < p) lo = mid;
    else hi = mid;
  }
  return Math.pow(2, e) * (1 + hi);
}

/**
 * The representative value of bucket i: 2·lo·hi/(lo + hi) with lo, hi the
 * bucket's bounds, within SKETCH_ALPHA of every value in it.
 */
export function bucketValue(i: number): number {
  const lo = inverseApproxLog2((i + INDEX_BIAS) / INDEX_MULTIPLIER - 1024), hi = inverseApproxLog2((i + 1 + INDEX_BIAS) / INDEX_MULTIPLIER - 1024);
  return 2 * lo * (hi / (lo + hi)); // (not 2·lo·hi/(lo + hi), which overflows near 1e±300)
}
