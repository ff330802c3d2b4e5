/**
 * The zod schemas of the distribution families, in one module apart from the
 * family files so that worker threads, which build distributions from a scenario
 * already validated on the main thread (build.ts), never load zod (~40 ms per
 * thread). Each family's parameters type is the schema's input: defaults
 * (beta's min 0 and max 1, pert's lambda 4) are applied by the family's create
 * function too, so a spec built in code without parsing still gets them.
 */
import { z } from 'zod';

export const bernoulliSchema = z.strictObject({ dist: z.literal('bernoulli'), p: z.number() });
export type BernoulliParams = z.input<typeof bernoulliSchema>;

export const betaSchema = z.strictObject({
  dist: z.literal('beta'),
  alpha: z.number(),
  beta: z.number(),
  min: z.number().default(0),
  max: z.number().default(1),
});
export type BetaParams = z.input<typeof betaSchema>;

export const discreteSchema = z.strictObject({
  dist: z.literal('discrete'),
  values: z.array(z.number()).min(1),
  weights: z.array(z.number()).min(1),
});
export type DiscreteParams = z.input<typeof discreteSchema>;

export const exponentialSchema = z.strictObject({
  dist: z.literal('exponential'),
  rate: z.number().optional(),
  mean: z.number().optional(),
});
export type ExponentialParams = z.input<typeof exponentialSchema>;

export const gammaSchema = z.strictObject({
  dist: z.literal('gamma'),
  shape: z.number(),
  scale: z.number().optional(),
  rate: z.number().optional(),
});
export type GammaParams = z.input<typeof gammaSchema>;

export const lognormalSchema = z.strictObject({
  dist: z.literal('lognormal'),
  mu: z.number().optional(),
  sigma: z.number().optional(),
  p5: z.number().optional(),
  p95: z.number().optional(),
});
export type LognormalParams = z.input<typeof lognormalSchema>;

export const normalSchema = z.strictObject({
  dist: z.literal('normal'),
  mean: z.number().optional(),
  sd: z.number().optional(),
  p5: z.number().optional(),
  p95: z.number().optional(),
});
export type NormalParams = z.input<typeof normalSchema>;

/** `{dist: percentiles, p10: 3, p50: 5, p90: 9, min: 0, max: 20}`; keys pNN with 0 < NN < 100. */
export const percentilesSchema = z
  .object({ dist: z.literal('percentiles'), min: z.number().optional(), max: z.number().optional() })
  .catchall(z.number());
export type PercentilesParams = z.input<typeof percentilesSchema>;

export const pertSchema = z.strictObject({
  dist: z.literal('pert'),
  min: z.number(),
  mode: z.number(),
  max: z.number(),
  lambda: z.number().default(4),
});
export type PertParams = z.input<typeof pertSchema>;

export const pointSchema = z.strictObject({ dist: z.literal('point'), value: z.number() });
export type PointParams = z.input<typeof pointSchema>;

export const poissonSchema = z.strictObject({ dist: z.literal('poisson'), lambda: z.number() });
export type PoissonParams = z.input<typeof poissonSchema>;

export const triangularSchema = z.strictObject({
  dist: z.literal('triangular'),
  min: z.number(),
  mode: z.number(),
  max: z.number(),
});
export type TriangularParams = z.input<typeof triangularSchema>;

export const truncatedNormalSchema = z.strictObject({
  dist: z.literal('truncnormal'),
  mean: z.number(),
  sd: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type TruncatedNormalParams = z.input<typeof truncatedNormalSchema>;

export const uniformSchema = z.strictObject({ dist: z.literal('uniform'), min: z.number(), max: z.number() });
export type UniformParams = z.input<typeof uniformSchema>;

export const weibullSchema = z.strictObject({ dist: z.literal('weibull'), shape: z.number(), scale: z.number() });
export type WeibullParams = z.input<typeof weibullSchema>;
