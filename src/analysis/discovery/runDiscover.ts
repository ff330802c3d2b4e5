import type { Model } from '../../model/defineModel.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import { ENGINE_VERSION } from '../../version.js';
import { SeededStream } from '../../rng/streams.js';
import { drawInputs } from '../../engine/runBlock.js';
import { MarginOracle } from '../rare/marginOracle.js';
import { normalQuantile } from '../../distributions/normalQuantile.js';
import { prim, type Box, type PrimOptions } from './prim.js';

export interface DiscoverOptions extends PrimOptions {
  claim: string;
  /** Points of the exploratory design (default 5,000). */
  points?: number;
  /** Subsamples for the stability check (default 10). */
  resamples?: number;
  /** Exploratory ranges the user states (`--range name=lo:hi`), replacing those inputs' 0.1–99.9% ranges. */
  ranges?: Record<string, [number, number]>;
  /**
   * The exploratory design: `range` (default) spreads each input uniformly in value over its
   * 0.1–99.9% quantile range; `inputs` draws it from the scenario's own inputs (a Latin
   * hypercube in probability between 0.1% and 99.9%, through each quantile function and, for
   * correlated inputs, the Gaussian copula), so a box's density reads as P(claim | box).
   */
  explore?: 'range' | 'inputs';
  /** Draws from the scenario's inputs for the box's probability (default 100,000; no model runs). */
  priorDraws?: number;
  workers?: number;
}

export interface Restriction {
  input: string;
  unit: string;
  /** Lower bound kept (null: none). */
  min: number | null;
  /** Upper bound kept (null: none). */
  max: number | null;
  /** The input's exploratory range. */
  range: [number, number];
  /** EMA Workbench's quasi-p-value of the restriction. */
  quasiP: number;
  /** Share of half-size subsamples whose chosen box also restricts this input. */
  stability: number;
}

/** discover.json */
export interface DiscoverReport {
  schemaVersion: 1;
  scenario: { name: string; model: string; sha256: string; seed: number };
  engineVersion: string;
  claim: { id: string; statement: string };
  design: { method: string; points: number; modelRuns: number; undefinedPoints: number; hits: number; ranges: Record<string, [number, number]> };
  alpha: number;
  minCoverage: number;
  trajectory: Array<{ coverage: number; density: number; mass: number; restricted: number }>;
  chosenIndex: number;
  box: { coverage: number; density: number; mass: number; restrictions: Restriction[] };
  /** Probability of the box under the scenario's own inputs (and correlations), by Monte Carlo draws of the inputs. */
  probabilityUnderInputs: number;
  priorDraws: number;
  sentence: string;
  notes: string[];
}

const LOW = 0.001, HIGH = 0.999;

/** A number for a sentence: 3 significant digits, thousands separated. */
const num = (x: number): string => Number(x.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 });
const pct = (p: number): string => (p > 0 && p < 0.001 ? `${Number((p * 100).toPrecision(2))}%` : `${Math.round(p * 1000) / 10}%`);

/**
 * Scenario discovery for one claim: a Latin hypercube over each input's
 * 0.1–99.9% quantile range (uniform in value for continuous inputs; through
 * the quantile function for discrete ones, so values stay in their support;
 * point inputs stay fixed), the claim evaluated at each point (one model run
 * each, a fresh event stream per point), then PRIM (see prim.ts), a stability
 * check on half-size subsamples, the chosen box's probability under the
 * scenario's own inputs, and one sentence that says it all.
 */
export async function runDiscover(scenario: ResolvedScenario, model: Model, o: DiscoverOptions): Promise<DiscoverReport> {
  const oracle = new MarginOracle(scenario, model, o.claim, o.workers);
  try {
    const plan = oracle.plan, k = oracle.k;
    const n = o.points ?? 5000, alpha = o.alpha ?? 0.05, minCoverage = o.minCoverage ?? 0.5;
    const explore = o.explore ?? 'range';
    const stream = new SeededStream(`${scenario.seed}/discover/lhs`);
    const X = new Float64Array(n * k);
    // --explore inputs: stratified normal scores, mapped to values through the standard normal space below.
    const Z = explore === 'inputs' ? new Float64Array(n * k) : null;
    const ranges: Record<string, [number, number]> = {};
    const perm = new Int32Array(n);
    plan.inputNames.forEach((name, j) => {
      const d = plan.distributions[j];
      const given = o.ranges?.[name];
      const lo = given ? given[0] : d.quantile(LOW), hi = given ? given[1] : d.quantile(HIGH);
      ranges[name] = [lo, hi];
      for (let i = 0; i < n; i++) perm[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const r = Math.floor(stream.next() * (i + 1));
        const t = perm[i];
        perm[i] = perm[r];
        perm[r] = t;
      }
      for (let i = 0; i < n; i++) {
        const u = (perm[i] + stream.next()) / n;
        if (Z !== null) Z[i * k + j] = normalQuantile(LOW + (HIGH - LOW) * u);
        X[i * k + j] = given ? lo + (hi - lo) * u : d.family === 'point' ? lo : d.isDiscrete ? d.quantile(LOW + (HIGH - LOW) * u) : lo + (hi - lo) * u;
      }
    });
    if (Z !== null) {
      const row = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) row[j] = X[i * k + j];
        oracle.space.toValues(Z.subarray(i * k, i * k + k), X, i * k);
        // Stated ranges stay uniform in value over the range.
        plan.inputNames.forEach((name, j) => {
          if (o.ranges?.[name]) X[i * k + j] = row[j];
        });
      }
      // The copula can carry a correlated input a little past its 0.1–99.9% quantiles: report what was explored.
      plan.inputNames.forEach((name, j) => {
        if (o.ranges?.[name]) return;
        let lo = Infinity, hi = -Infinity;
        for (let i = 0; i < n; i++) {
          lo = Math.min(lo, X[i * k + j]);
          hi = Math.max(hi, X[i * k + j]);
        }
        ranges[name] = [lo, hi];
      });
    }
    const streams = Float64Array.from({ length: n }, () => oracle.freshStream());
    const g = await oracle.atValues(X, streams, n);
    // Points where the claim is undefined (or its condition unmet) are left out of PRIM.
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (g[i] === g[i]) keep.push(i);
    const m = keep.length;
    const Xk = new Float64Array(m * k), y = new Uint8Array(m);
    keep.forEach((i, r) => {
      Xk.set(X.subarray(i * k, i * k + k), r * k);
      y[r] = g[i] <= 0 ? 1 : 0;
    });
    const result = prim(Xk, y, m, k, { alpha, minCoverage, minMass: o.minMass, pasteAlpha: o.pasteAlpha, maxQuasiP: o.maxQuasiP });

    // Stability: PRIM on half-size subsamples; how often each input is restricted again.
    const R = result.totalHits > 0 ? o.resamples ?? 10 : 0;
    const again = new Float64Array(k);
    const sub = new SeededStream(`${scenario.seed}/discover/resample`);
    const half = Math.floor(m / 2);
    const idx = Int32Array.from({ length: m }, (_, i) => i);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < half; i++) {
        const q = i + Math.floor(sub.next() * (m - i));
        const t = idx[i];
        idx[i] = idx[q];
        idx[q] = t;
      }
      const Xs = new Float64Array(half * k), ys = new Uint8Array(half);
      for (let i = 0; i < half; i++) {
        Xs.set(Xk.subarray(idx[i] * k, idx[i] * k + k), i * k);
        ys[i] = y[idx[i]];
      }
      const s = prim(Xs, ys, half, k, { alpha, minCoverage, minMass: o.minMass, pasteAlpha: o.pasteAlpha, maxQuasiP: o.maxQuasiP });
      for (let j = 0; j < k; j++) if (s.chosen.box.lo[j] > -Infinity || s.chosen.box.hi[j] < Infinity) again[j]++;
    }

    const box = result.chosen.box;
    const restrictions: Restriction[] = [];
    plan.inputNames.forEach((name, j) => {
      if (box.lo[j] === -Infinity && box.hi[j] === Infinity) return;
      restrictions.push({
        input: name,
        unit: scenario.inputs[name].unit,
        min: box.lo[j] === -Infinity ? null : box.lo[j],
        max: box.hi[j] === Infinity ? null : box.hi[j],
        range: ranges[name],
        quasiP: result.quasiP.get(j) ?? 1,
        stability: R > 0 ? again[j] / R : 1,
      });
    });
    restrictions.sort((a, b) => a.quasiP - b.quasiP || a.input.localeCompare(b.input));

    // The box's probability under the scenario's own inputs: draws only, no model runs.
    const priorDraws = o.priorDraws ?? 100_000;
    const blockSize = 10_000;
    let inBox = 0;
    for (let b = 0; b * blockSize < priorDraws; b++) {
      const len = Math.min(blockSize, priorDraws - b * blockSize);
      // Blocks far beyond the scenario's own, so the draws are independent of a run's.
      const cols = drawInputs(plan, 1000 + b, (1000 + b) * blockSize, len);
      outer: for (let i = 0; i < len; i++) {
        for (let j = 0; j < k; j++) {
          const x = cols[j][i];
          if (x < box.lo[j] || x > box.hi[j]) continue outer;
        }
        inBox++;
      }
    }
    const probability = inBox / priorDraws;
    const claim = scenario.claims[oracle.claim];
    const sentence = describe(claim.statement, result.chosen.density, result.chosen.coverage, restrictions, probability, priorDraws);
    const notes: string[] = [];
    if (m < n) notes.push(`${n - m} of ${n} points left out: the claim was undefined there (a non-finite output, or its condition not met)`);
    if (result.lifted.length > 0) notes.push(`restrictions lifted for a quasi-p-value above ${o.maxQuasiP ?? 0.05} (they do not matter): ${result.lifted.map((j) => plan.inputNames[j]).join(', ')}`);
    if (result.totalHits === 0) notes.push('the claim holds nowhere in the exploratory design: no box to describe');
    if (result.trajectory[result.chosenIndex].coverage < minCoverage) notes.push(`no box on the trajectory has coverage ≥ ${minCoverage}; the whole range is reported`);
    return {
      schemaVersion: 1,
      scenario: { name: scenario.name, model: model.name, sha256: scenario.sha256, seed: scenario.seed },
      engineVersion: ENGINE_VERSION,
      claim: { id: claim.id, statement: claim.statement },
      design: { method: `${explore === 'inputs' ? `Latin hypercube in probability from the scenario's inputs, between their ${LOW * 100}% and ${HIGH * 100}% quantiles${oracle.space.copula ? ' (correlations by a Gaussian copula)' : ''}` : `Latin hypercube over each input's ${LOW * 100}–${HIGH * 100}% quantile range`}${o.ranges && Object.keys(o.ranges).length ? ` (stated ranges for ${Object.keys(o.ranges).join(', ')})` : ''}`, points: n, modelRuns: oracle.runs, undefinedPoints: n - m, hits: result.totalHits, ranges },
      alpha,
      minCoverage,
      trajectory: result.trajectory.map((t) => ({ coverage: t.coverage, density: t.density, mass: t.mass, restricted: t.restricted })),
      chosenIndex: result.chosenIndex,
      box: { coverage: result.chosen.coverage, density: result.chosen.density, mass: result.chosen.mass, restrictions },
      probabilityUnderInputs: probability,
      priorDraws,
      sentence,
      notes,
    };
  } finally {
    await oracle.close();
  }
}

/**
 * "<statement> holds in 81% of futures where launchCostFloor ≤ 180 $/kg and …
 * (coverage 62%); under your inputs those futures have probability 0.4%."
 */
export function describe(statement: string, density: number, coverage: number, rs: readonly Restriction[], p: number, draws: number): string {
  const claim = statement.replace(/\.$/, '');
  if (rs.length === 0) return `"${claim}" holds in ${pct(density)} of the explored futures, and no box of inputs concentrates it.`;
  const parts = rs.map((r) => {
    const unit = r.unit === '1' ? '' : ` ${r.unit}`;
    if (r.min !== null && r.max !== null) return `${num(r.min)} ≤ ${r.input} ≤ ${num(r.max)}${unit}`;
    return r.min !== null ? `${r.input} ≥ ${num(r.min)}${unit}` : `${r.input} ≤ ${num(r.max!)}${unit}`;
  });
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const prob = p === 0 ? `probability below ${pct(1 / draws)} (none of ${draws.toLocaleString('en-US')} draws)` : `probability ${pct(p)}`;
  return `"${claim}" holds in ${pct(density)} of futures where ${list} (coverage ${pct(coverage)}); under your inputs those futures have ${prob}.`;
}

export type { Box };
