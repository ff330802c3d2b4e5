/** A box: per input, the lowest and highest value kept (±Infinity where unrestricted). */
export interface Box {
  lo: Float64Array;
  hi: Float64Array;
}

/** One box on the peeling trajectory. */
export interface TrajectoryBox {
  /** Share of all points where the claim holds that lie in the box. */
  coverage: number;
  /** Share of the box's points where the claim holds. */
  density: number;
  /** Share of all points in the box. */
  mass: number;
  /** Number of inputs the box restricts. */
  restricted: number;
  box: Box;
}

export interface PrimOptions {
  /** Peeling fraction α (default 0.05). */
  alpha?: number;
  /** Stop peeling when the box holds less than this share of the points (default 0.05). */
  minMass?: number;
  /** The chosen box is the densest on the trajectory with at least this coverage (default 0.5). */
  minCoverage?: number;
  /** Pasting fraction (default: alpha). */
  pasteAlpha?: number;
  /** Restrictions whose quasi-p-value exceeds this are lifted, worst first (default 0.05; 1 keeps all). */
  maxQuasiP?: number;
}

export interface PrimResult {
  trajectory: TrajectoryBox[];
  /** Index into the trajectory of the box chosen before pasting. */
  chosenIndex: number;
  /** The chosen box after pasting. */
  chosen: TrajectoryBox;
  /** Per restricted input: EMA Workbench's quasi-p-value (binomial test of the restriction). */
  quasiP: Map<number, number>;
  /** Inputs whose restriction was lifted for a quasi-p-value above maxQuasiP. */
  lifted: number[];
  totalHits: number;
}

/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, Statistics
 * and Computing 9:123), as used for scenario discovery (Bryant & Lempert 2010;
 * the EMA Workbench): starting from the box holding every point, repeatedly
 * peel off the α share of the box's points below the α-quantile or above the
 * (1 − α)-quantile of one input, choosing the peel that leaves the highest
 * density (share of points where the claim holds), until the box holds less
 * than `minMass` of the points. That gives the peeling trajectory of (coverage,
 * density) pairs; the chosen box is the densest with coverage ≥ `minCoverage`,
 * then pasted: each restricted side is widened by α of the box's points while
 * that raises the density.
 *
 * Each restriction gets the EMA Workbench's quasi-p-value: with the restriction
 * removed the box holds T′ points, H′ hits; the box itself holds T points, H
 * hits; p = P(Binomial(T, H′/T′) ≥ H), small when the restriction matters.
 * Restrictions with p above `maxQuasiP` (default 0.05) are lifted, worst first.
 *
 * X is n rows of k inputs (row-major), y the 0/1 outcomes.
 *
 * @example prim(X, y, n, k).chosen.density // 0.81
 */
export function prim(X: Float64Array, y: Uint8Array, n: number, k: number, o: PrimOptions = {}): PrimResult {
  const alpha = o.alpha ?? 0.05, minMass = o.minMass ?? 0.05, minCoverage = o.minCoverage ?? 0.5, pasteAlpha = o.pasteAlpha ?? alpha;
  let totalHits = 0;
  for (let i = 0; i < n; i++) totalHits += y[i];
  const box: Box = { lo: new Float64Array(k).fill(-Infinity), hi: new Float64Array(k).fill(Infinity) };
  const inBox = new Uint8Array(n).fill(1);
  let m = n, hits = totalHits;
  const trajectory: TrajectoryBox[] = [entry(box, m, hits)];
  const col = new Float64Array(n);

  function entry(b: Box, count: number, h: number): TrajectoryBox {
    let restricted = 0;
    for (let j = 0; j < k; j++) if (b.lo[j] > -Infinity || b.hi[j] < Infinity) restricted++;
    return { coverage: totalHits > 0 ? h / totalHits : 0, density: count > 0 ? h / count : 0, mass: count / n, restricted, box: { lo: b.lo.slice(), hi: b.hi.slice() } };
  }

  while (m / n > minMass) {
    let best = -1, bestSide = 0, bestCut = 0, bestMean = -1, bestCount = 0, bestHits = 0;
    for (let j = 0; j < k; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) if (inBox[i]) col[c++] = X[i * k + j];
      const sorted = col.subarray(0, c).sort();
      if (sorted[0] === sorted[c - 1]) continue;
      const q = Math.max(1, Math.floor(alpha * c));
      // Lower peel: keep x ≥ sorted[q]; upper peel: keep x ≤ sorted[c − 1 − q].
      for (const side of [0, 1]) {
        const cut = side === 0 ? sorted[q] : sorted[c - 1 - q];
        let cnt = 0, h = 0;
        for (let i = 0; i < n; i++) {
          if (!inBox[i]) continue;
          const x = X[i * k + j];
          if (side === 0 ? x >= cut : x <= cut) {
            cnt++;
            h += y[i];
          }
        }
        if (cnt === m || cnt === 0) continue; // ties: nothing peeled
        const mean = h / cnt;
        if (mean > bestMean || (mean === bestMean && cnt > bestCount)) {
          best = j;
          bestSide = side;
          bestCut = cut;
          bestMean = mean;
          bestCount = cnt;
          bestHits = h;
        }
      }
    }
    if (best < 0) break;
    if (bestSide === 0) box.lo[best] = bestCut;
    else box.hi[best] = bestCut;
    for (let i = 0; i < n; i++) if (inBox[i] && !inside(X, i, k, box, best)) inBox[i] = 0;
    m = bestCount;
    hits = bestHits;
    trajectory.push(entry(box, m, hits));
  }

  let chosenIndex = 0;
  for (let t = 0; t < trajectory.length; t++) {
    const b = trajectory[t];
    if (b.coverage >= minCoverage && (b.density > trajectory[chosenIndex].density || (b.density === trajectory[chosenIndex].density && b.coverage > trajectory[chosenIndex].coverage))) chosenIndex = t;
  }
  const pasted = paste(X, y, n, k, trajectory[chosenIndex].box, pasteAlpha);
  // Lift restrictions that do not matter (quasi-p-value above the cut), worst first.
  const maxQuasiP = o.maxQuasiP ?? 0.05;
  const lifted: number[] = [];
  let quasiP = quasiPValues(X, y, n, k, pasted);
  for (;;) {
    let worst = -1, worstP = maxQuasiP;
    for (const [j, p] of quasiP) if (p > worstP) {
      worst = j;
      worstP = p;
    }
    if (worst < 0) break;
    pasted.lo[worst] = -Infinity;
    pasted.hi[worst] = Infinity;
    lifted.push(worst);
    quasiP = quasiPValues(X, y, n, k, pasted);
  }
  const c = count(X, y, n, k, pasted);
  const chosen = entry(pasted, c.count, c.hits);
  return { trajectory, chosenIndex, chosen, quasiP, lifted, totalHits };
}

/** EMA Workbench's quasi-p-value of each restriction of box b: P(Binomial(T, H′/T′) ≥ H). */
function quasiPValues(X: Float64Array, y: Uint8Array, n: number, k: number, b: Box): Map<number, number> {
  const c = count(X, y, n, k, b);
  const out = new Map<number, number>();
  for (let j = 0; j < k; j++) {
    if (b.lo[j] === -Infinity && b.hi[j] === Infinity) continue;
    const without: Box = { lo: b.lo.slice(), hi: b.hi.slice() };
    without.lo[j] = -Infinity;
    without.hi[j] = Infinity;
    const w = count(X, y, n, k, without);
    out.set(j, w.count > 0 ? binomialSf(c.hits, c.count, w.hits / w.count) : 1);
  }
  return out;
}

/** Whether row i lies in the box along input j only. */
function inside(X: Float64Array, i: number, k: number, b: Box, j: number): boolean {
  const x = X[i * k + j];
  return x >= b.lo[j] && x <= b.hi[j];
}

function count(X: Float64Array, y: Uint8Array, n: number, k: number, b: Box): { count: number; hits: number } {
  let cnt = 0, h = 0;
  outer: for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const x = X[i * k + j];
      if (x < b.lo[j] || x > b.hi[j]) continue outer;
    }
    cnt++;
    h += y[i];
  }
  return { count: cnt, hits: h };
}

/**
 * Pasting (Friedman & Fisher 1999, §8): widen one restricted side at a time
 * to take in about `alpha` × (the box's points) more, keeping the widening that
 * raises the density most, until none does.
 */
function paste(X: Float64Array, y: Uint8Array, n: number, k: number, start: Box, alpha: number): Box {
  const b: Box = { lo: start.lo.slice(), hi: start.hi.slice() };
  for (let round = 0; round < 1000; round++) {
    const cur = count(X, y, n, k, b);
    const curDensity = cur.count > 0 ? cur.hits / cur.count : 0;
    const want = Math.max(1, Math.floor(alpha * cur.count));
    let bestGain = 0, bestJ = -1, bestSide = 0, bestValue = 0;
    for (let j = 0; j < k; j++) {
      for (const side of [0, 1]) {
        if (side === 0 ? b.lo[j] === -Infinity : b.hi[j] === Infinity) continue;
        // Points outside the box only along j, on this side: candidates to take in, nearest first.
        const cands: number[] = [];
        outer: for (let i = 0; i < n; i++) {
          for (let q = 0; q < k; q++) {
            if (q === j) continue;
            const x = X[i * k + q];
            if (x < b.lo[q] || x > b.hi[q]) continue outer;
          }
          const x = X[i * k + j];
          if (side === 0 ? x < b.lo[j] : x > b.hi[j]) cands.push(x);
        }
        if (cands.length === 0) continue;
        cands.sort((a, c) => (side === 0 ? c - a : a - c));
        const take = Math.min(want, cands.length);
        // Take every point up to the take-th candidate's value (all of its ties), or lift the bound entirely.
        const value = take === cands.length ? (side === 0 ? -Infinity : Infinity) : cands[take - 1];
        const trial: Box = { lo: b.lo.slice(), hi: b.hi.slice() };
        if (side === 0) trial.lo[j] = value;
        else trial.hi[j] = value;
        const t = count(X, y, n, k, trial);
        const gain = (t.count > 0 ? t.hits / t.count : 0) - curDensity;
        if (gain > bestGain) {
          bestGain = gain;
          bestJ = j;
          bestSide = side;
          bestValue = value;
        }
      }
    }
    if (bestJ < 0) break;
    if (bestSide === 0) b.lo[bestJ] = bestValue;
    else b.hi[bestJ] = bestValue;
  }
  return b;
}

/** log P(X = x) for X ~ Binomial(t, p). */
function binomialLogPmf(x: number, t: number, p: number): number {
  let logC = 0;
  const small = Math.min(x, t - x);
  for (let i = 1; i <= small; i++) logC += Math.log((t - small + i) / i);
  return logC + x * Math.log(p) + (t - x) * Math.log1p(-p);
}

/**
 * P(X ≥ h) for X ~ Binomial(t, p): the tail summed outward from its end
 * nearest the mean (so every term only shrinks), in log space.
 * @example binomialSf(3, 4, 0.5) // 0.3125
 */
export function binomialSf(h: number, t: number, p: number): number {
  if (h <= 0) return 1;
  if (h > t) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const r = p / (1 - p);
  if (h >= t * p) {
    // Upper tail from h upwards.
    let term = 1, sum = 1;
    for (let x = h; x < t; x++) {
      term *= ((t - x) / (x + 1)) * r;
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.min(1, Math.exp(binomialLogPmf(h, t, p) + Math.log(sum)));
  }
  // 1 − P(X ≤ h − 1), the lower tail from h − 1 downwards.
  let term = 1, sum = 1;
  for (let x = h - 1; x > 0; x--) {
    term *= (x / (t - x + 1)) / r;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.max(0, 1 - Math.exp(binomialLogPmf(h - 1, t, p) + Math.log(sum)));
}
