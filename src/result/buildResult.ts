import os from 'node:os';
import type { RunOutcome } from '../engine/run.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { estimateClaim } from '../stats/claimEstimate.js';
import type { ClaimCounter } from '../stats/claimCounter.js';
import { SKETCH_ALPHA } from '../stats/quantileSketch.js';
import { sketchHistogram } from '../stats/sketchHistogram.js';
import { ENGINE_VERSION } from '../version.js';
import { RESULT_SCHEMA_VERSION, type ClaimResult, type Result } from './resultSchema.js';

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Turns a finished run into the Result written as result.json. Everything
 * except `run` is a function of (scenario, seed, N) alone.
 */
export function buildResult(scenario: ResolvedScenario, outcome: RunOutcome, startedAt: Date): Result {
  const { plan, summary } = outcome;
  const model = plan.model;
  const qs = scenario.quantiles;
  const series: Result['series'] = {};
  const scalars: Result['scalars'] = {};
  const nonFinite: Result['nonFinite'] = {};
  plan.seriesNames.forEach((name, s) => {
    const acc = summary.outputs[s];
    const months = Array.from({ length: acc.length }, (_, m) => m);
    const decl = model.series[name];
    series[name] = {
      unit: decl.unit,
      description: decl.description ?? '',
      logScale: decl.logScale ?? false,
      bands: qs.map((q) => ({ q, values: months.map((m) => orNull(acc.quantile(m, q))) })),
      mean: months.map((m) => orNull(acc.moments.mean(m))),
      sd: months.map((m) => orNull(acc.moments.sd(m))),
      min: months.map((m) => orNull(acc.moments.min[m])),
      max: months.map((m) => orNull(acc.moments.max[m])),
      count: Array.from(acc.moments.count),
      nonFinite: Array.from(acc.nonFinite),
      histograms: claimMonths(scenario, name, acc.length).flatMap((m) => {
        const h = sketchHistogram(acc.sketches, m, thresholds(scenario, (c) => c.series === name && c.at === m));
        return h ? [{ month: m, ...h }] : [];
      }),
    };
    nonFinite[name] = acc.nonFinite.reduce((a, b) => a + b, 0);
  });
  plan.scalarNames.forEach((name, c) => {
    const acc = summary.outputs[plan.seriesNames.length + c];
    const decl = model.scalars[name];
    scalars[name] = {
      unit: decl.unit,
      description: decl.description ?? '',
      quantiles: qs.map((q) => ({ q, value: orNull(acc.quantile(0, q)) })),
      percentiles: Array.from({ length: 101 }, (_, k) => orNull(acc.quantile(0, k / 100))),
      histogram: sketchHistogram(acc.sketches, 0, thresholds(scenario, (c) => c.scalar === name)),
      mean: orNull(acc.moments.mean(0)),
      sd: orNull(acc.moments.sd(0)),
      min: orNull(acc.moments.min[0]),
      max: orNull(acc.moments.max[0]),
      count: acc.moments.count[0],
      nonFinite: acc.nonFinite[0],
    };
    nonFinite[name] = acc.nonFinite[0];
  });
  const claims = scenario.claims.map((c, i) => claimResult(c, summary.claims[i], scenario.horizon));
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    partial: outcome.partial,
    scenario: { name: scenario.name, description: scenario.description, model: scenario.modelName, start: scenario.start, horizon: scenario.horizon },
    manifest: {
      engineVersion: ENGINE_VERSION,
      scenarioSha256: scenario.sha256,
      seed: scenario.seed,
      trajectories: summary.trajectories,
      blockSize: outcome.blockSize,
      blocks: outcome.blocks,
      sampler: scenario.sampler,
      replicates: outcome.plan.sampler.replicates,
      correlations: scenario.correlations,
      quantileSketch: `DDSketch (linearly interpolated mapping, 128 buckets per doubling), relative accuracy ${SKETCH_ALPHA}`,
    },
    claims,
    convergence: outcome.convergence,
    series,
    scalars,
    inputs: JSON.parse(JSON.stringify(scenario.inputs)) as Result['inputs'],
    nonFinite,
    run: {
      wallSeconds: outcome.wallSeconds,
      trajectoriesPerSecond: summary.trajectories / Math.max(outcome.wallSeconds, 1e-9),
      workers: outcome.workers,
      backend: outcome.backend,
      retries: outcome.retries,
      node: process.versions.node,
      v8: process.versions.v8,
      host: os.hostname(),
      startedAt: startedAt.toISOString(),
    },
  };
}

/** The months at which `at:` claims test a series (ascending, within its months). */
function claimMonths(scenario: ResolvedScenario, series: string, length: number): number[] {
  const months = scenario.claims.filter((c) => c.series === series && c.at !== undefined && c.at < length).map((c) => c.at!);
  return [...new Set(months)].sort((a, b) => a - b);
}

/** The thresholds (below/above) of the claims that `pick` selects: the histogram keeps a bin edge at each. */
function thresholds(scenario: ResolvedScenario, pick: (c: ResolvedScenario['claims'][number]) => boolean): number[] {
  return scenario.claims.filter(pick).flatMap((c) => [c.below, c.above].filter((v): v is number => v !== undefined));
}

function claimResult(
  c: ResolvedScenario['claims'][number],
  k: ClaimCounter,
  horizon: number,
): ClaimResult {
  const n = k.defined;
  const e = estimateClaim(k as ClaimCounter);
  const kind = c.scalar !== undefined ? 'scalar' : c.all ? 'all' : c.any ? 'any' : c.at !== undefined ? 'at' : 'first-passage';
  const out: ClaimResult = {
    id: c.id,
    statement: c.statement,
    kind,
    given: c.given ?? null,
    definition: Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'id' && k !== 'statement')),
    probability: orNull(e.probability),
    hits: k.hits,
    denominator: n,
    undefinedTrajectories: k.undefinedCount,
    excludedByCondition: k.excluded,
    standardError: orNull(e.standardError),
    ci95: [orNull(e.ci95[0]), orNull(e.ci95[1])],
    interval: e.interval,
    replicates: e.replicates,
  };
  if (k.passage) {
    let acc = 0;
    const cdf = Array.from(k.passage, (x) => {
      acc += x;
      return n > 0 ? acc / n : null;
    });
    const median = cdf.findIndex((v) => v !== null && v >= 0.5);
    out.cdf = cdf;
    out.never = n > 0 ? k.never / n : null;
    out.medianMonth = median >= 0 ? median : null;
    out.medianLabel = median >= 0 ? String(median) : `> ${horizon}`;
  }
  return out;
}
