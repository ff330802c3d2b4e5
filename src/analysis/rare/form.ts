import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { MarginOracle } from './marginOracle.js';

export interface FormOptions {
  /** Most HL-RF iterations (default 40). */
  maxIterations?: number;
  /** Finite-difference step in standard normal units (default 1e-3). */
  step?: number;
  /** Where to start when the search from the origin fails: the best subset-simulation sample. */
  fallback?: { u: number[]; margin: number; stream: number } | null;
  /** Other directions to search along when the gradient search fails: subset simulation's last-level samples where the claim holds (nearest first) and their mean. */
  failureMean?: number[] | null;
  nearest?: number[][];
  /** Most model runs to spend (default: unlimited within maxIterations). */
  budget?: number;
}

export interface FormResult {
  method: 'FORM (HL-RF)';
  /** The design point u* in standard normal space, or null when none was found. */
  u: number[] | null;
  /** Reliability index β = ‖u*‖ (signed: negative when the origin already satisfies the claim). */
  beta: number | null;
  /** The FORM approximation Φ(−β). */
  probability: number | null;
  /** Importance factors α_j² = (u*_j/β)², summing to 1. */
  alpha2: number[] | null;
  /** The margin at u*. */
  margin: number | null;
  iterations: number;
  converged: boolean;
  /**
   * How the design point was found: 'hl-rf' from the origin, 'hl-rf from subset sample', or
   * 'ray search' (no gradient to follow: the nearest boundary point along the rays through
   * subset simulation's best sample and its mean failure sample; approximate).
   */
  source: 'hl-rf' | 'hl-rf from subset sample' | 'ray search' | 'none';
  /** The event stream used for every evaluation (common random numbers for the finite differences). */
  stream: number;
  modelRuns: number;
  notes: string[];
}

const Phi = (x: number): number => normalCdf(x, 0, 1);

/**
 * FORM's design point (Hasofer & Lind 1974; Rackwitz & Fiessler 1978): the
 * point of {margin ≤ 0} closest to the origin of the standard normal space,
 * found by the HL-RF iteration u ← [(∇g·u − g(u)) / ‖∇g‖²] ∇g with forward
 * finite-difference gradients (k + 1 model runs per iteration, all on one event
 * stream so the differences see the inputs only). β = ‖u*‖ and the FORM
 * approximation is Φ(−β); α_j² = (u*_j/β)² is input j's share of β².
 *
 * Where the gradient vanishes (a margin that is piecewise constant: discrete
 * or mixture inputs, a first-passage month), or the iteration does not
 * converge to a point of the claim's region, the search restarts from the
 * best subset-simulation sample, and with no gradient there either, that
 * sample itself is reported as the (approximate) design point. `source` and
 * `notes` say which happened.
 *
 * @example await formDesignPoint(oracle, { fallback: sus.best }) // { beta: 4.02, probability: 2.9e-5, … }
 */
export async function formDesignPoint(oracle: MarginOracle, o: FormOptions = {}): Promise<FormResult> {
  const k = oracle.k;
  const maxIt = o.maxIterations ?? 40, h = o.step ?? 1e-3;
  const stream = o.fallback?.stream ?? oracle.freshStream();
  const startRuns = oracle.runs;
  const budget = o.budget ?? Infinity;
  const notes: string[] = [];

  // The margin at the origin (every input at its median): its scale sets the tolerance,
  // and if the claim already holds there, β is negative.
  const gOrigin = (await oracle.atPoints(new Float64Array(k), Float64Array.of(stream), 1))[0];
  const originTrue = gOrigin <= 0;
  const g0 = Number.isFinite(gOrigin) ? Math.abs(gOrigin) : 1;
  // A design point must lie (to rounding) on the claim's side of the boundary.
  const onBoundary = (g: number, scale: number): boolean => Number.isFinite(g) && g <= 1e-6 * Math.max(1, scale);

  /** One iHL-RF search from u0. */
  const search = async (u0: number[]): Promise<{ u: number[]; g: number; it: number; converged: boolean; flat: boolean }> => {
    let u = u0.slice();
    let g = NaN, it = 0;
    for (; it < maxIt && oracle.runs - startRuns + k + 1 <= budget; it++) {
      // The point and its k forward-differenced neighbours, as one batch.
      const pts = new Float64Array((k + 1) * k), streams = new Float64Array(k + 1).fill(stream);
      for (let r = 0; r <= k; r++) {
        for (let j = 0; j < k; j++) pts[r * k + j] = u[j];
        if (r > 0) pts[r * k + r - 1] += h;
      }
      const m = await oracle.atPoints(pts, streams, k + 1);
      g = m[0];
      if (!Number.isFinite(g)) return { u, g, it, converged: false, flat: false };
      const grad = new Float64Array(k);
      let n2 = 0, dot = 0;
      for (let j = 0; j < k; j++) {
        const d = (m[j + 1] - g) / h;
        grad[j] = Number.isFinite(d) ? d : 0;
        n2 += grad[j] * grad[j];
        dot += grad[j] * u[j];
      }
      if (n2 === 0) return { u, g, it, converged: false, flat: true };
      const lambda = (dot - g) / n2;
      const target = Array.from(grad, (x) => lambda * x);
      // iHL-RF (Zhang & Der Kiureghian 1995): step towards the HL-RF point, halving the step
      // until the merit ½‖u‖² + c·|g| decreases, with c > ‖u‖/‖∇g‖; plain HL-RF oscillates on
      // strongly nonlinear margins.
      const c = 2 * Math.max(Math.sqrt(norm2(u)), Math.sqrt(norm2(target)), 1) / Math.sqrt(n2);
      const merit0 = 0.5 * norm2(u) + c * Math.abs(g);
      let t = 1, next = target, gNext = NaN;
      for (let tries = 0; tries < 8; tries++, t /= 2) {
        next = u.map((x, j) => x + t * (target[j] - x));
        gNext = (await oracle.atPoints(Float64Array.from(next), Float64Array.of(stream), 1))[0];
        if (Number.isFinite(gNext) && 0.5 * norm2(next) + c * Math.abs(gNext) < merit0) break;
      }
      let step = 0;
      for (let j = 0; j < k; j++) step += (next[j] - u[j]) ** 2;
      u = next;
      g = gNext;
      if (Math.sqrt(step) < 1e-4 * Math.max(1, Math.sqrt(norm2(u))) && onBoundary(g, g0)) return { u, g, it: it + 1, converged: true, flat: false };
    }
    const check = await oracle.atPoints(Float64Array.from(u), Float64Array.of(stream), 1);
    return { u, g: check[0], it, converged: false, flat: false };
  };

  /** The point where the claim starts to hold along the ray through d (g(0) > 0), by bisection; null if it never holds within 3‖d‖ (or radius 12). */
  const rayBoundary = async (d: readonly number[]): Promise<{ u: number[]; g: number } | null> => {
    const len = Math.sqrt(norm2(d));
    if (!(len > 0) || originTrue) return null;
    const at = async (t: number): Promise<number> => (await oracle.atPoints(Float64Array.from(d, (x) => x * t), Float64Array.of(stream), 1))[0];
    let hi = 1, gHi = await at(hi);
    while (!(gHi <= 0) && hi * len < Math.max(12, 3 * len) && hi < 3) {
      hi *= 1.25;
      gHi = await at(hi);
    }
    if (!(gHi <= 0)) return null;
    let lo = 0;
    for (let i = 0; i < 20; i++) {
      const mid = (lo + hi) / 2, g = await at(mid);
      if (g <= 0) {
        hi = mid;
        gHi = g;
      } else lo = mid;
    }
    return { u: d.map((x) => x * hi), g: gHi };
  };

  let r = await search(new Array(k).fill(0));
  let source: FormResult['source'] = 'hl-rf';
  let iterations = r.it;
  if (!(r.converged && onBoundary(r.g, g0))) {
    const why = r.flat ? 'the margin is flat around the origin (piecewise constant: discrete inputs or a first-passage month), so the gradient search had nothing to follow'
      : r.converged ? 'the search converged to a point outside the claim\'s region' : `the search did not converge in ${r.it} iterations`;
    if (o.fallback && o.fallback.margin <= 0) {
      notes.push(`${why}; restarted from the subset-simulation sample nearest the origin`);
      const r2 = await search(o.fallback.u);
      iterations += r2.it;
      if (r2.converged && onBoundary(r2.g, g0) && norm2(r2.u) <= norm2(o.fallback.u) * (1 + 1e-9)) {
        r = r2;
        source = 'hl-rf from subset sample';
      } else {
        // Ray search: along each candidate direction, the boundary point nearest the origin
        // (bisection between the origin, where the claim is false, and a point where it holds).
        const rays = [o.fallback.u, ...(o.failureMean ? [o.failureMean] : []), ...(o.nearest ?? []), r2.u, r.u];
        let bestU = o.fallback.u, bestG = o.fallback.margin;
        for (const d of rays) {
          const hit = await rayBoundary(d);
          if (hit && norm2(hit.u) < norm2(bestU)) {
            bestU = hit.u;
            bestG = hit.g;
          }
        }
        notes.push('the restarted search did not converge either (a margin with kinks or steps), so the design point reported is the nearest point where the claim holds along the rays through subset simulation\'s samples where the claim holds (the 10 nearest the origin, and their mean): approximate, and at least as far from the origin as the true one');
        r = { u: bestU, g: bestG, it: 0, converged: false, flat: r2.flat };
        source = 'ray search';
      }
    } else {
      notes.push(`${why}, and no sample where the claim holds was available to start from: no design point`);
      return { method: 'FORM (HL-RF)', u: null, beta: null, probability: null, alpha2: null, margin: null, iterations, converged: false, source: 'none', stream, modelRuns: oracle.runs - startRuns, notes };
    }
  }
  const beta0 = Math.sqrt(norm2(r.u));
  // β is signed: if the origin (every input at its median) already makes the claim true, β < 0.
  const beta = originTrue ? -beta0 : beta0;
  const alpha2 = beta0 > 0 ? r.u.map((x) => (x / beta0) ** 2) : r.u.map(() => 0);
  return {
    method: 'FORM (HL-RF)',
    u: r.u,
    beta,
    probability: Phi(-beta),
    alpha2,
    margin: r.g,
    iterations,
    converged: source !== 'ray search',
    source,
    stream,
    modelRuns: oracle.runs - startRuns,
    notes,
  };
}

const norm2 = (u: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * u[i];
  return s;
};
