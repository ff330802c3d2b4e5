import { z } from 'zod';

/** Bumped whenever result.json changes incompatibly. */
export const RESULT_SCHEMA_VERSION = 1;

/** Numbers that may be absent (NaN: e.g. no finite values to summarize) are written as null. */
const num = z.number().nullable();

const band = z.object({ q: z.number().describe('quantile level, e.g. 0.05'), values: z.array(num).describe('one value per month (series) or a single value (scalar)') });

const claim = z.object({
  id: z.string(),
  statement: z.string(),
  kind: z.enum(['scalar', 'at', 'first-passage', 'all', 'any']),
  given: z.string().nullable().describe('id of the condition claim, or null'),
  definition: z.record(z.string(), z.unknown()).describe('the claim as written in the scenario (series/scalar, at/by, threshold, all/any, given)'),
  probability: num.describe('hits / denominator'),
  hits: z.number(),
  denominator: z.number().describe('trajectories where the claim is defined (finite outputs, condition met)'),
  undefinedTrajectories: z.number().describe('excluded: a value the claim reads was NaN or ±Infinity'),
  excludedByCondition: z.number().describe('excluded: the given: condition was not true'),
  standardError: num.describe('plain Monte Carlo: √(p(1 − p)/n); other samplers: spread of the replicate estimates / √R'),
  ci95: z.tuple([num, num]).describe('95% interval'),
  interval: z.enum(['wilson', 'replicates']).describe('wilson: plain Monte Carlo; replicates: Student t over independent replicates'),
  replicates: z.number().describe('independent replicates behind the interval (0 for Wilson)'),
  cdf: z.array(num).optional().describe('first passage: P(first passage by month m), m = 0…H'),
  never: num.optional().describe('first passage: P(no passage within the horizon)'),
  medianMonth: z.number().nullable().optional().describe('first passage: first month m with cdf[m] ≥ 0.5; null when P(by H) < 0.5'),
  medianLabel: z.string().optional().describe('medianMonth as text, "> H" when null'),
});

/** A histogram of an output from the quantile sketch's own bucket counts (stats/sketchHistogram.ts), for densities. */
const histogram = z.object({
  scale: z.enum(['linear', 'log']).describe('the scale the bins are even on and the density is drawn on: log for positive values spanning over two orders of magnitude between their 1st and 99th percentiles'),
  edges: z.array(z.number()).describe('bin edges, ascending (one more than counts; each a bound of a sketch bucket)'),
  counts: z.array(z.number()).describe('finite values between edges[i] and edges[i + 1] (exact: each bin is a run of whole sketch buckets; at most 256 bins)'),
  zeros: z.number().describe('values exactly 0 (the sketch\'s zero bucket), a point mass in no bin'),
});

const seriesSummary = z.object({
  unit: z.string(),
  description: z.string(),
  logScale: z.boolean(),
  bands: z.array(band),
  mean: z.array(num),
  sd: z.array(num),
  min: z.array(num),
  max: z.array(num),
  count: z.array(z.number()).describe('finite values per month'),
  nonFinite: z.array(z.number()).describe('NaN or ±Infinity values per month, excluded from the bands'),
  histograms: z.array(histogram.extend({ month: z.number() })).optional().describe('at each month an `at:` claim tests this series: its histogram (absent in files written before histograms were stored)'),
});

const scalarSummary = z.object({
  unit: z.string(),
  description: z.string(),
  quantiles: z.array(z.object({ q: z.number(), value: num })),
  percentiles: z.array(num).describe('the 0th…100th percentiles (101 values, from the sketch)'),
  histogram: histogram.nullable().optional().describe('the histogram of the finite values (null when there are none; absent in files written before histograms were stored)'),
  mean: num,
  sd: num,
  min: num,
  max: num,
  count: z.number(),
  nonFinite: z.number(),
});

/** The schema of result.json (`forecast schema --result` prints it as JSON Schema). */
export const resultSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  partial: z.boolean().describe('true when the run was interrupted: the result covers only the trajectories completed (resume the run folder to finish)'),
  scenario: z.object({
    name: z.string(),
    description: z.string(),
    model: z.string(),
    start: z.string().describe('calendar month of month 0'),
    horizon: z.number().describe('months 0…H inclusive'),
  }),
  manifest: z.object({
    engineVersion: z.string(),
    scenarioSha256: z.string(),
    seed: z.number(),
    trajectories: z.number(),
    blockSize: z.number(),
    blocks: z.number(),
    sampler: z.string(),
    replicates: z.number(),
    correlations: z.array(z.object({ a: z.string(), b: z.string(), rho: z.number() })).describe('target rank correlations imposed'),
    quantileSketch: z.string(),
  }),
  claims: z.array(claim),
  convergence: z.object({
    target: z.number().nullable().describe('95% half-width target (--precision), or null'),
    claims: z.array(z.string()).describe('the claims the target applies to'),
    met: z.boolean().nullable(),
    trajectoriesUsed: z.number(),
    maxTrajectories: z.number(),
    history: z.array(z.object({ trajectories: z.number(), claims: z.array(z.object({ id: z.string(), probability: num, halfWidth: num })) })).describe('at 1, 2, 4, 8, … blocks and at the end'),
  }),
  series: z.record(z.string(), seriesSummary),
  scalars: z.record(z.string(), scalarSummary),
  inputs: z.record(z.string(), z.record(z.string(), z.unknown())),
  nonFinite: z.record(z.string(), z.number()).describe('non-finite values per output over all months'),
  run: z
    .object({
      wallSeconds: z.number(),
      trajectoriesPerSecond: z.number(),
      workers: z.number(),
      backend: z.string(),
      retries: z.number(),
      node: z.string(),
      v8: z.string(),
      host: z.string(),
      startedAt: z.string(),
    })
    .describe('the only part that may differ between two runs of the same scenario, seed and N'),
});

export type Result = z.infer<typeof resultSchema>;
export type ClaimResult = z.infer<typeof claim>;
export type Histogram = z.infer<typeof histogram>;
