import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gaussianCopula, type CorrelationPlan } from './imposeCorrelation.js';
import { REPLICATES } from './replicates.js';
import type { Sampler } from './sampler.js';

type SeedRandom = typeof import('seedrandom');
let seedrandomLib: SeedRandom | undefined;

/**
 * The tychei generator of seedrandom, loaded on first use (a CommonJS package,
 * so synchronously with require): only Sobol runs need it, and loading it at
 * start-up cost every worker thread ~5 ms whatever its sampler.
 */
function tychei(key: string): { int32(): number; quick(): number } {
  seedrandomLib ??= createRequire(import.meta.url)('seedrandom') as SeedRandom;
  return seedrandomLib.tychei(key);
}

const BITS = 32;
const TWO32 = 4294967296;
const TWO53 = 9007199254740992;

let joeKuo: ReadonlyArray<readonly number[]> | undefined;

/**
 * Joe & Kuo's direction numbers ("new-joe-kuo-6.21201"; S. Joe and F. Y. Kuo,
 * "Constructing Sobol sequences with better two-dimensional projections",
 * SIAM J. Sci. Comput. 30 (2008) 2635–2654) for dimensions 2 … 512
 * (LIMITS.inputs): row i holds dimension i + 2 as [s, a, m_1, …, m_s]. Vendored
 * with their licence in sobolDirections.json, read on first use: as a module
 * the table cost every worker thread ~13 ms at start-up, Sobol or not.
 */
export function joeKuoDirections(): ReadonlyArray<readonly number[]> {
  joeKuo ??= (JSON.parse(readFileSync(new URL('./sobolDirections.json', import.meta.url), 'utf8')) as { rows: number[][] }).rows;
  return joeKuo;
}

/**
 * The 32 direction numbers of Sobol dimension d (0-based; dimension 0 is the
 * van der Corput sequence), from Joe & Kuo's (joeKuoDirections).
 */
export function directionNumbers(d: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (d === 0) {
    for (let i = 0; i < BITS; i++) v[i] = (1 << (31 - i)) >>> 0;
    return v;
  }
  const table = joeKuoDirections();
  const row = table[d - 1]; // row 0 holds dimension 2 (0-based d = 1)
  if (row === undefined) throw new Error(`Sobol: no direction numbers for dimension ${d + 1} (at most ${table.length + 1})`);
  const s = row[0], a = row[1];
  for (let i = 0; i < s; i++) v[i] = (row[2 + i] << (31 - i)) >>> 0;
  for (let i = s; i < BITS; i++) {
    let x = (v[i - s] ^ (v[i - s] >>> s)) >>> 0;
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[i - k]) >>> 0;
    v[i] = x;
  }
  return v;
}

/** The Sobol point of index k in one dimension, as a 32-bit integer (gray-code form). */
export function sobolInt(v: Uint32Array, k: number): number {
  let g = (k ^ (k >>> 1)) >>> 0, x = 0;
  for (let j = 0; g !== 0; j++, g >>>= 1) if (g & 1) x = (x ^ v[j]) >>> 0;
  return x;
}

/**
 * Randomized Sobol points (Joe–Kuo direction numbers, at most 512 inputs).
 * Trajectory t is point ⌊t/R⌋ of replicate t mod R; each replicate and
 * dimension has its own random digital shift (XOR with a 32-bit word from the
 * stream keyed by (seed, replicate, dimension)), which keeps the net's
 * equidistribution while making replicates independent, so the spread of the
 * R replicate estimates gives an honest standard error. The 21 bits below the
 * net's 32 are filled at random, so uniforms have 53-bit resolution in (0, 1).
 * Balance is best when N/R is a power of two. Correlations: a Gaussian copula
 * on the uniforms, before the quantile maps (reordering would break the net).
 */
export class SobolSampler implements Sampler {
  readonly name = 'sobol';
  readonly replicates = REPLICATES;
  readonly correlates = 'uniforms';
  private readonly directions: Uint32Array[];
  private readonly shifts: Uint32Array[]; // [dimension][replicate]
  constructor(private readonly seed: number, dimensions: number) {
    this.directions = Array.from({ length: dimensions }, (_, d) => directionNumbers(d));
    this.shifts = Array.from({ length: dimensions }, (_, d) => {
      const out = new Uint32Array(REPLICATES);
      for (let r = 0; r < REPLICATES; r++) out[r] = tychei(`${seed}/sobol/replicate/${r}/dimension/${d}`).int32() >>> 0;
      return out;
    });
  }
  replicateOf(t: number): number {
    return t % REPLICATES;
  }
  fillUniforms(block: number, inputIndex: number, _name: string, first: number, out: Float64Array, n: number): void {
    const v = this.directions[inputIndex], shift = this.shifts[inputIndex];
    const low = tychei(`${this.seed}/sobol/block/${block}/low-bits/${inputIndex}`);
    const R = REPLICATES;
    for (let r = 0; r < R; r++) {
      const start = (((r - first) % R) + R) % R;
      if (start >= n) continue;
      // Point index of the first trajectory of replicate r in this block; then gray-code steps.
      let k = Math.floor((first + start) / R);
      let x = sobolInt(v, k);
      for (let i = start; i < n; i += R) {
        const bits = (x ^ shift[r]) >>> 0;
        const u = bits / TWO32 + (Math.floor(low.quick() * 2097152) + 0.5) / TWO53;
        out[i] = u < 1 ? u : 1 - 1 / TWO53; // the top net value plus the top low bits rounds to 1
        // Next point: flip the direction number of the lowest zero bit of k.
        let c = 0;
        for (let kk = k; kk & 1; kk >>>= 1) c++;
        x = (x ^ v[c]) >>> 0;
        k++;
      }
    }
  }
  correlate(columns: Float64Array[], correlation: CorrelationPlan, _block: number, _first: number, n: number): void {
    gaussianCopula(columns, correlation, n);
  }
}
