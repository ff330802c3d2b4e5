/**
 * Distributions built from specs already validated, without zod: worker
 * threads build their scenario's distributions here and never load zod (~40 ms
 * per thread). The schemas, and createDistribution that checks a spec against
 * them first, are in registry.ts.
 */
import type { Distribution } from './distribution.js';
import { check, ParameterError } from './distribution.js';
import { createBernoulli } from './bernoulli.js';
import { createBeta } from './beta.js';
import { createDiscrete } from './discrete.js';
import { createExponential } from './exponential.js';
import { createGamma } from './gamma.js';
import { createLognormal } from './lognormal.js';
import { Mixture } from './mixture.js';
import { createNormal } from './normal.js';
import { createPercentiles } from './percentiles.js';
import { createPert } from './pert.js';
import { createPoint } from './point.js';
import { createPoisson } from './poisson.js';
import { createTriangular } from './triangular.js';
import { createTruncatedNormal } from './truncatedNormal.js';
import { createUniform } from './uniform.js';
import { createWeibull } from './weibull.js';

/** A distribution as written in a scenario: `{dist: family, ...parameters}`. */
export interface DistributionSpec {
  dist: string;
  [parameter: string]: unknown;
}

type Create = (params: never) => Distribution;

/** Every family but the mixture: its create function. A new family is its file, its schema in schemas.ts, a line here and two in registry.ts. */
const CREATE = {
  point: createPoint,
  uniform: createUniform,
  normal: createNormal,
  truncnormal: createTruncatedNormal,
  lognormal: createLognormal,
  triangular: createTriangular,
  pert: createPert,
  beta: createBeta,
  gamma: createGamma,
  weibull: createWeibull,
  exponential: createExponential,
  bernoulli: createBernoulli,
  poisson: createPoisson,
  discrete: createDiscrete,
  percentiles: createPercentiles,
} satisfies Record<string, Create>;

/** The name of a family other than the mixture. */
export type Family = keyof typeof CREATE;

/** The names of every distribution family, the mixture included. */
export const FAMILY_NAMES: readonly string[] = [...Object.keys(CREATE), 'mixture'];

/** The spec's parameters: the spec without the fields written beside them (unit, source, rationale, weight). */
function parametersOf(spec: DistributionSpec): DistributionSpec {
  const params = { ...spec };
  delete params.unit;
  delete params.source;
  delete params.rationale;
  delete params.weight;
  return params;
}

/**
 * Builds a Distribution from a spec whose fields have the family's types (a
 * scenario resolved on the main thread, or a variant built from one), through
 * `validate` first when given (createDistribution's zod parse). Checks the
 * parameters' values; throws ParameterError naming the bad field.
 *
 * @example buildDistribution({dist: 'lognormal', p5: 200, p95: 3000}).quantile(0.5) // ≈ 774.6
 */
export function buildDistribution(spec: DistributionSpec, validate?: (params: DistributionSpec) => DistributionSpec): Distribution {
  if (spec.dist === 'mixture') {
    const comps = spec.components as DistributionSpec[];
    return new Mixture(
      comps.map((c) => c.weight as number),
      comps.map((c, i) => {
        try {
          return buildDistribution(c, validate);
        } catch (e) {
          if (e instanceof ParameterError) throw new ParameterError(`components[${i}].${e.field}`, e.value, e.reason);
          throw e;
        }
      }),
    );
  }
  const create = (CREATE as Record<string, Create>)[spec.dist];
  check(create !== undefined, 'dist', spec.dist, `is not a known distribution (known: ${FAMILY_NAMES.join(', ')})`);
  const params = parametersOf(spec);
  return create((validate ? validate(params) : params) as never);
}
