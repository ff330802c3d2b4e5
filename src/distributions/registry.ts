import { z } from 'zod';
import type { Distribution } from './distribution.js';
import { ParameterError } from './distribution.js';
import { buildDistribution, type DistributionSpec, type Family } from './build.js';
import {
  bernoulliSchema,
  betaSchema,
  discreteSchema,
  exponentialSchema,
  gammaSchema,
  lognormalSchema,
  normalSchema,
  percentilesSchema,
  pertSchema,
  pointSchema,
  poissonSchema,
  triangularSchema,
  truncatedNormalSchema,
  uniformSchema,
  weibullSchema,
} from './schemas.js';

export { buildDistribution, FAMILY_NAMES, type DistributionSpec } from './build.js';

/** Every family but the mixture: its schema (typed so that the families are build.ts's, no more, no fewer). */
const SCHEMAS: Record<Family, z.ZodObject> = {
  point: pointSchema,
  uniform: uniformSchema,
  normal: normalSchema,
  truncnormal: truncatedNormalSchema,
  lognormal: lognormalSchema,
  triangular: triangularSchema,
  pert: pertSchema,
  beta: betaSchema,
  gamma: gammaSchema,
  weibull: weibullSchema,
  exponential: exponentialSchema,
  bernoulli: bernoulliSchema,
  poisson: poissonSchema,
  discrete: discreteSchema,
  percentiles: percentilesSchema,
};

/** Every parameter name some family takes (for "is not a known field" messages). */
export const PARAMETER_NAMES: readonly string[] = [...new Set([...Object.values(SCHEMAS).flatMap((s) => Object.keys(s.shape)), 'components'])].filter((k) => k !== 'dist');

/**
 * The zod schema of a distribution written with extra fields beside its
 * parameters (an input's unit and source, a mixture component's weight).
 * Discriminated on `dist`, so an unknown family is reported as such.
 */
export function distributionSchemaWith<T extends z.ZodRawShape>(extra: T) {
  const mixture = z.strictObject({
    dist: z.literal('mixture'),
    components: z.array(z.lazy(() => componentSchema)).min(1),
    ...extra,
  });
  // Written out (not mapped over SCHEMAS) so the inferred type is the union of every family's
  // fields, discriminated on `dist`, rather than one member; the test checks both lists agree.
  return z.discriminatedUnion('dist', [
    mixture,
    pointSchema.extend(extra),
    uniformSchema.extend(extra),
    normalSchema.extend(extra),
    truncatedNormalSchema.extend(extra),
    lognormalSchema.extend(extra),
    triangularSchema.extend(extra),
    pertSchema.extend(extra),
    betaSchema.extend(extra),
    gammaSchema.extend(extra),
    weibullSchema.extend(extra),
    exponentialSchema.extend(extra),
    bernoulliSchema.extend(extra),
    poissonSchema.extend(extra),
    discreteSchema.extend(extra),
    percentilesSchema.extend(extra),
  ]);
}

const componentSchema: z.ZodType = z.lazy(() => distributionSchemaWith({ weight: z.number() }));

/** The schema of a bare distribution (no extra fields). */
export const distributionSchema = distributionSchemaWith({});

/** A family's parameters parsed through its schema (defaults filled in); throws ParameterError naming the first bad field. */
function parseParameters(params: DistributionSpec): DistributionSpec {
  const parsed = (SCHEMAS as Record<string, z.ZodObject>)[params.dist].safeParse(params);
  if (parsed.success) return parsed.data as DistributionSpec;
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : 'dist';
  throw new ParameterError(field, issue.path.length > 0 ? params[String(issue.path[0])] : params.dist, issue.message);
}

/**
 * Builds a Distribution from a spec, checking its parameters: each family's
 * through its schema first (so API callers get type checks and defaults), then
 * its values. Extra fields (unit, source, rationale, weight) are ignored here.
 * Throws ParameterError naming the bad field.
 *
 * @example createDistribution({dist: 'lognormal', p5: 200, p95: 3000}).quantile(0.5) // ≈ 774.6
 */
export function createDistribution(spec: DistributionSpec): Distribution {
  return buildDistribution(spec, parseParameters);
}

