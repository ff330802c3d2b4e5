import { z } from 'zod';
import type { Distribution } from './distribution.js';
import { check, ParameterError } from './distribution.js';
import { bernoulliSchema, createBernoulli } from './bernoulli.js';
import { betaSchema, createBeta } from './beta.js';
import { createDiscrete, discreteSchema } from './discrete.js';
import { createExponential, exponentialSchema } from './exponential.js';
import { createGamma, gammaSchema } from './gamma.js';
import { createLognormal, lognormalSchema } from './lognormal.js';
import { Mixture } from './mixture.js';
import { createNormal, normalSchema } from './normal.js';
import { createPercentiles, percentilesSchema } from './percentiles.js';
import { createPert, pertSchema } from './pert.js';
import { createPoint, pointSchema } from './point.js';
import { createPoisson, poissonSchema } from './poisson.js';
import { createTriangular, triangularSchema } from './triangular.js';
import { createTruncatedNormal, truncatedNormalSchema } from './truncatedNormal.js';
import { createUniform, uniformSchema } from './uniform.js';
import { createWeibull, weibullSchema } from './weibull.js';

/** A distribution as written in a scenario: `{dist: family, ...parameters}`. */
export interface DistributionSpec {
  dist: string;
  [parameter: string]: unknown;
}

interface Family {
  schema: z.ZodObject;
  create(params: never): Distribution;
}

/** Every family but the mixture: one line each. A new family is one file and one line here. */
const FAMILIES: Record<string, Family> = {
  point: { schema: pointSchema, create: createPoint },
  uniform: { schema: uniformSchema, create: createUniform },
  normal: { schema: normalSchema, create: createNormal },
  truncnormal: { schema: truncatedNormalSchema, create: createTruncatedNormal },
  lognormal: { schema: lognormalSchema, create: createLognormal },
  triangular: { schema: triangularSchema, create: createTriangular },
  pert: { schema: pertSchema, create: createPert },
  beta: { schema: betaSchema, create: createBeta },
  gamma: { schema: gammaSchema, create: createGamma },
  weibull: { schema: weibullSchema, create: createWeibull },
  exponential: { schema: exponentialSchema, create: createExponential },
  bernoulli: { schema: bernoulliSchema, create: createBernoulli },
  poisson: { schema: poissonSchema, create: createPoisson },
  discrete: { schema: discreteSchema, create: createDiscrete },
  percentiles: { schema: percentilesSchema, create: createPercentiles },
};

/** Every parameter name some family takes (for "is not a known field" messages). */
export const PARAMETER_NAMES: readonly string[] = [...new Set([...Object.values(FAMILIES).flatMap((f) => Object.keys(f.schema.shape)), 'components'])].filter((k) => k !== 'dist');

/** The names of every distribution family, the mixture included. */
export const FAMILY_NAMES: readonly string[] = [...Object.keys(FAMILIES), 'mixture'];

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
  // Written out (not mapped over FAMILIES) so the inferred type is the union of every family's
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

/**
 * Builds a Distribution from a parsed spec, checking its parameters.
 * Extra fields (unit, source, rationale, weight) are ignored here.
 * Throws ParameterError naming the bad field.
 *
 * @example createDistribution({dist: 'lognormal', p5: 200, p95: 3000}).quantile(0.5) // ≈ 774.6
 */
export function createDistribution(spec: DistributionSpec): Distribution {
  if (spec.dist === 'mixture') {
    const comps = spec.components as DistributionSpec[];
    return new Mixture(
      comps.map((c) => c.weight as number),
      comps.map((c, i) => {
        try {
          return createDistribution(c);
        } catch (e) {
          if (e instanceof ParameterError) throw new ParameterError(`components[${i}].${e.field}`, e.value, e.reason);
          throw e;
        }
      }),
    );
  }
  const family = FAMILIES[spec.dist];
  check(family !== undefined, 'dist', spec.dist, `is not a known distribution (known: ${FAMILY_NAMES.join(', ')})`);
  const params = { ...spec };
  delete params.unit;
  delete params.source;
  delete params.rationale;
  delete params.weight;
  // Parse through the family's schema so API callers get defaults and type checks too.
  const parsed = family.schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? issue.path.join('.') : 'dist';
    throw new ParameterError(field, issue.path.length > 0 ? params[String(issue.path[0])] : spec.dist, issue.message);
  }
  return family.create(parsed.data as never);
}
