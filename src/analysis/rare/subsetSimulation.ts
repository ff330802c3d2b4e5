import { SeededStream } from '../../rng/streams.js';
import { normalQuantile } from '../../distributions/normalQuantile.js';
import type { MarginOracle } from './marginOracle.js';

export interface SubsetOptions {
  /** Samples per level N (default 2000). */
  n?: number;
  /** Conditional probability of each intermediate level (default 0.1). */
  p0?: number;
  /** Most model runs to spend (default: 20 levels' worth). */
  budget?: number;
  /** Probability that a Metropolis step also proposes a fresh event stream (default 0.2). */
  streamRedraw?: number;
  seed: number;
}

export interface SubsetLevel {
  /** The margin level b_i (the last level is 0). */
  threshold: number;
  /** Conditional probability P(margin ≤ b_i | margin ≤ b_{i−1}). */
  p: number;
  /** Its coefficient of variation. */
  cov: number;
  /** Au & Beck's correlation factor γ_i of the level's chains (0 for the Monte Carlo level). */
  gamma: number;
  /** Share of Metropolis candidates accepted (null for the Monte Carlo level). */
  acceptance: number | null;
  /** The proposal's spread σ used to grow this level's chains (null for the Monte Carlo level). */
  spread: number | null;
}

export interface SubsetResult {
  method: 'subset simulation';
  /** The estimate of P(margin ≤ 0), or null when the budget ran out first. */
  probability: number | null;
  /** Coefficient of variation (Au & Beck 2001, eq. 28–29: levels taken as uncorrelated). */
  cov: number | null;
  /**
   * Au & Beck's upper bound on the coefficient of variation, with the levels fully correlated:
   * Σ δᵢ instead of √(Σ δᵢ²). Deep, poorly mixing levels in many dimensions sit nearer this bound.
   */
  covUpper: number | null;
  /** Approximate 95% interval from the upper-bound CoV: p·exp(±1.96·δ_upper) (log-normal, so it stays positive). */
  interval: [number, number] | null;
  /** When probability is null: the probability of the last level reached, an upper bound. */
  upperBound: number | null;
  levels: SubsetLevel[];
  samplesPerLevel: number;
  p0: number;
  modelRuns: number;
  /** The sample with margin ≤ 0 nearest the origin (standard normal space), if any; else the lowest-margin sample. */
  best: { u: number[]; margin: number; stream: number } | null;
  /** The mean, in standard normal space, of the last level's samples where the claim holds (null if none). */
  failureMean: number[] | null;
  /** Up to 10 of the last level's samples where the claim holds, nearest the origin first (rays for the design point search). */
  nearest: number[][];
  notes: string[];
}

/**
 * Subset simulation (Au & Beck 2001, Probabilistic Engineering Mechanics 16:263):
 * P(margin ≤ 0) as a product of conditional probabilities of nested levels
 * b₁ > b₂ > … > 0 of the margin, each chosen so that a fraction p₀ of the
 * level's N samples fall below it. Level 0 is plain Monte Carlo in the standard
 * normal space; each later level grows N·p₀ Markov chains of length 1/p₀ from
 * the samples below the previous level, by the modified (component-wise)
 * Metropolis algorithm with a normal proposal (spread 1, then adapted between
 * levels towards an acceptance rate of 0.44), and accepts a
 * candidate only if its margin is still below the level.
 *
 * The trajectory's event stream (what the model's `t.random()` draws) is part
 * of the state: each step, with probability `streamRedraw`, the candidate gets
 * a fresh stream, an independent draw from the events' own distribution; this
 * proposal leaves that distribution invariant (its Metropolis ratio is 1), so
 * the chains target the right conditional law and the estimate stays unbiased
 * for models with events.
 *
 * The coefficient of variation is δ² = Σ δᵢ² with δᵢ² = (1 − pᵢ)/(pᵢN)·(1 + γᵢ)
 * (γ₀ = 0), γᵢ from the chains' indicator autocorrelation (Au & Beck eq. 27).
 * NaN margins (claim undefined or its `given` not met) count as "not true".
 *
 * @example await subsetSimulation(oracle, { seed: 1 }) // { probability: 2.9e-7, cov: 0.18, … }
 */
export async function subsetSimulation(oracle: MarginOracle, o: SubsetOptions): Promise<SubsetResult> {
  const k = oracle.k;
  const N = o.n ?? 2000, p0 = o.p0 ?? 0.1;
  const Nc = Math.max(1, Math.round(N * p0)), Ns = Math.round(N / Nc);
  const n = Nc * Ns;
  const budget = o.budget ?? n + 19 * (n - Nc);
  const redraw = o.streamRedraw ?? 0.2;
  const notes: string[] = [];
  const stream = new SeededStream(`${o.seed}/rare/subset`);
  const gauss = (): number => normalQuantile(stream.next());

  // Level 0: plain Monte Carlo.
  let U = new Float64Array(n * k);
  let S = new Float64Array(n);
  for (let i = 0; i < n * k; i++) U[i] = gauss();
  for (let i = 0; i < n; i++) S[i] = oracle.freshStream();
  let G = clean(await oracle.atPoints(U, S, n));
  const levels: SubsetLevel[] = [];
  let prob = 1, cov2 = 0, covSum = 0;
  let acceptance: number | null = null;
  // Proposal spread: unit at first, then adapted between levels towards an acceptance of 0.44
  // (Papaioannou et al. 2015, Probabilistic Engineering Mechanics 41:89), since with many inputs a
  // unit spread moves every coordinate at once and is rejected ever more often at deep levels.
  let spread = 1, usedSpread: number | null = null;
  let prevThreshold = Infinity;
  let best = bestSample(U, S, G, k, null);

  for (let level = 0; ; level++) {
    // Order this level's samples by margin (ties by index: deterministic).
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => G[a] - G[b] || a - b);
    const nFail = countBelow(G, 0);
    let threshold = G[order[Nc - 1]];
    const final = threshold <= 0 || nFail >= Nc;
    if (final) threshold = 0;
    const below = countBelow(G, threshold);
    const p = below / n;
    const gamma = level === 0 ? 0 : chainGamma(G, threshold, Nc, Ns, p);
    const d2 = p > 0 ? ((1 - p) / (p * n)) * (1 + gamma) : Infinity;
    levels.push({ threshold, p, cov: Math.sqrt(d2), gamma, acceptance, spread: usedSpread });
    prob *= p;
    cov2 += d2;
    covSum += Math.sqrt(d2);
    if (final) {
      const cov = Math.sqrt(cov2);
      return result(prob, cov, null);
    }
    if (!(threshold < prevThreshold) || !Number.isFinite(threshold)) {
      notes.push(`the margin's level stopped falling at ${threshold} (a flat margin: discrete inputs, or the claim's output does not respond); subset simulation stops with an upper bound`);
      return result(null, null, prob);
    }
    if (oracle.runs + (n - Nc) > budget) {
      notes.push(`the budget of ${budget.toLocaleString('en-US')} model runs ran out after ${level + 1} levels; the probability is below the last level's`);
      return result(null, null, prob);
    }
    prevThreshold = threshold;

    // Seeds: the Nc lowest samples; chain c's states go to rows c·Ns .. c·Ns + Ns − 1 (seed first).
    const U2 = new Float64Array(n * k), S2 = new Float64Array(n), G2 = new Float64Array(n);
    for (let c = 0; c < Nc; c++) {
      const i = order[c], row = c * Ns;
      U2.set(U.subarray(i * k, i * k + k), row * k);
      S2[row] = S[i];
      G2[row] = G[i];
    }
    const cand = new Float64Array(Nc * k), candS = new Float64Array(Nc);
    let accepted = 0;
    for (let step = 1; step < Ns; step++) {
      for (let c = 0; c < Nc; c++) {
        const cur = (c * Ns + step - 1) * k;
        for (let j = 0; j < k; j++) {
          // Modified Metropolis, one coordinate at a time, target φ, proposal N(x, 1).
          const x = U2[cur + j], y = x + spread * gauss();
          const ratio = Math.exp(0.5 * (x * x - y * y));
          cand[c * k + j] = stream.next() < ratio ? y : x;
        }
        candS[c] = stream.next() < redraw ? oracle.freshStream() : S2[c * Ns + step - 1];
      }
      const g = clean(await oracle.atPoints(cand, candS, Nc));
      for (let c = 0; c < Nc; c++) {
        const row = c * Ns + step, prev = row - 1;
        if (g[c] <= threshold) {
          U2.set(cand.subarray(c * k, c * k + k), row * k);
          S2[row] = candS[c];
          G2[row] = g[c];
          accepted++;
        } else {
          U2.set(U2.subarray(prev * k, prev * k + k), row * k);
          S2[row] = S2[prev];
          G2[row] = G2[prev];
        }
      }
    }
    acceptance = accepted / (Nc * (Ns - 1));
    usedSpread = spread;
    spread = Math.min(1, Math.max(0.05, spread * Math.exp(2 * (acceptance - 0.44))));
    U = U2;
    S = S2;
    G = G2;
    best = bestSample(U, S, G, k, best);
  }

  function result(probability: number | null, cov: number | null, upperBound: number | null): SubsetResult {
    return {
      method: 'subset simulation',
      probability,
      cov,
      covUpper: probability !== null ? covSum : null,
      interval: probability !== null ? [probability * Math.exp(-1.96 * covSum), probability * Math.exp(1.96 * covSum)] : null,
      upperBound,
      levels,
      samplesPerLevel: n,
      p0,
      modelRuns: oracle.runs,
      best,
      failureMean: meanBelow(U, G, k, 0),
      nearest: nearestBelow(U, G, k, 0, 10),
      notes,
    };
  }
}

/** The mean of the samples with margin ≤ b (null if none). */
function meanBelow(U: Float64Array, G: Float64Array, k: number, b: number): number[] | null {
  const m = new Array<number>(k).fill(0);
  let c = 0;
  for (let i = 0; i < G.length; i++) {
    if (!(G[i] <= b)) continue;
    c++;
    for (let j = 0; j < k; j++) m[j] += U[i * k + j];
  }
  return c > 0 ? m.map((x) => x / c) : null;
}

/** Up to m samples with margin ≤ b, nearest the origin first (ties by index). */
function nearestBelow(U: Float64Array, G: Float64Array, k: number, b: number, m: number): number[][] {
  const idx: Array<[number, number]> = [];
  for (let i = 0; i < G.length; i++) {
    if (!(G[i] <= b)) continue;
    let r2 = 0;
    for (let j = 0; j < k; j++) r2 += U[i * k + j] ** 2;
    idx.push([r2, i]);
  }
  idx.sort((a, c) => a[0] - c[0] || a[1] - c[1]);
  return idx.slice(0, m).map(([, i]) => Array.from(U.subarray(i * k, i * k + k)));
}

/** NaN margins (undefined, or `given` not met) count as "not true": +∞. */
function clean(g: Float64Array): Float64Array {
  for (let i = 0; i < g.length; i++) if (g[i] !== g[i]) g[i] = Infinity;
  return g;
}

function countBelow(g: Float64Array, b: number): number {
  let c = 0;
  for (let i = 0; i < g.length; i++) if (g[i] <= b) c++;
  return c;
}

/**
 * Au & Beck (2001) eq. 27: γ = 2 Σ_{τ=1}^{Ns−1} (1 − τ/Ns) ρ(τ), with ρ(τ) the
 * autocorrelation of the indicator 1{g ≤ b} along the chains, estimated over
 * all Nc chains: R(τ) = Σ_c Σ_l I_{c,l} I_{c,l+τ} / (N − τNc) − p².
 */
export function chainGamma(g: Float64Array, b: number, Nc: number, Ns: number, p: number): number {
  const R0 = p * (1 - p);
  if (!(R0 > 0)) return 0;
  let gamma = 0;
  for (let tau = 1; tau < Ns; tau++) {
    let s = 0;
    for (let c = 0; c < Nc; c++) {
      const base = c * Ns;
      for (let l = 0; l + tau < Ns; l++) if (g[base + l] <= b && g[base + l + tau] <= b) s++;
    }
    const R = s / (Nc * (Ns - tau)) - p * p;
    gamma += 2 * (1 - tau / Ns) * (R / R0);
  }
  return Math.max(0, gamma);
}

/** The failure sample nearest the origin (or, with none, the lowest margin), kept across levels. */
function bestSample(U: Float64Array, S: Float64Array, G: Float64Array, k: number, prev: SubsetResult['best']): SubsetResult['best'] {
  let bestI = -1, bestKey = Infinity, bestFail = false;
  for (let i = 0; i < G.length; i++) {
    const fail = G[i] <= 0;
    let r2 = 0;
    for (let j = 0; j < k; j++) r2 += U[i * k + j] ** 2;
    const key = fail ? r2 : G[i];
    if ((fail && !bestFail) || (fail === bestFail && key < bestKey)) {
      bestI = i;
      bestKey = key;
      bestFail = fail;
    }
  }
  if (bestI < 0) return prev;
  const cand = { u: Array.from(U.subarray(bestI * k, bestI * k + k)), margin: G[bestI], stream: S[bestI] };
  if (prev === null) return cand;
  const prevFail = prev.margin <= 0;
  if (bestFail && !prevFail) return cand;
  if (!bestFail && prevFail) return prev;
  if (bestFail) return norm2(cand.u) < norm2(prev.u) ? cand : prev;
  return cand.margin < prev.margin ? cand : prev;
}

const norm2 = (u: number[]): number => u.reduce((s, x) => s + x * x, 0);
