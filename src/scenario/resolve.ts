import { createHash } from 'node:crypto';
import path from 'node:path';
import { createDistribution, type DistributionSpec } from '../distributions/registry.js';
import { ParameterError } from '../distributions/distribution.js';
import type { Model } from '../model/defineModel.js';
import { loadModel, resolveModelRef, type ModelRef } from './loadModel.js';
import { InputError, type Issue } from '../errors.js';
import { fromZod } from './zodIssues.js';
import { applyOverrides, inputsFromLibraries, loadScenarioDocument } from './load.js';
import { LIMITS } from '../limits.js';
import { scenarioSchema, type ClaimSpec, type InputSpec } from './schema.js';
import { claimOrder } from './claimOrder.js';
import type { SamplerName } from '../sampling/registry.js';
import { buildCorrelations } from '../sampling/correlationMatrix.js';

/**
 * A validated, fully resolved scenario: plain JSON (it travels to workers),
 * frozen, with every default filled in. Everything past this point trusts it.
 */
export interface ResolvedScenario {
  name: string;
  description: string;
  /** Absolute path of the scenario file ('' when built in memory). */
  file: string;
  model: ModelRef;
  modelName: string;
  start: string;
  horizon: number;
  trajectories: number;
  seed: number;
  sampler: SamplerName;
  /** Target rank correlations between inputs, as pairs (validated; possibly repaired). */
  correlations: Array<{ a: string; b: string; rho: number }>;
  /** Stop once every (listed) claim's 95% half-width is at most this (null: run all N). */
  precision: number | null;
  quantiles: number[];
  /** Inputs in the model's declaration order. */
  inputs: Record<string, InputSpec>;
  claims: ClaimSpec[];
  /** SHA-256 over the canonical JSON of everything above except `file` (the model file's content hash stands in for its path). */
  sha256: string;
}

/** The largest Poisson mean accepted (see resolveScenarioData). */
export const POISSON_MAX_LAMBDA = 1e15;

/** Options that override what the file says (the CLI's flags). */
export interface ResolveOptions {
  set?: readonly string[];
  /** Replace a correlation matrix that is not positive semi-definite by the nearest one (Higham). */
  repair?: boolean;
  /** Override the scenario's sampler. */
  sampler?: SamplerName;
  /** Override the scenario's precision target. */
  precision?: number;
  trajectories?: number;
  seed?: number;
}

/**
 * Loads, merges, validates and resolves a scenario file.
 * Throws InputError naming each bad field path and value.
 *
 * @example const { scenario, model } = await resolveScenarioFile('config/examples/demo-growth.yaml', { trajectories: 1000 });
 */
export async function resolveScenarioFile(file: string, options: ResolveOptions = {}): Promise<{ scenario: ResolvedScenario; model: Model; warnings: string[] }> {
  const doc = loadScenarioDocument(file);
  // Library inputs first, so --set can override them too.
  const data = applyOverrides((await fillFromLibraries(doc.data, doc.file)) as Record<string, unknown>, options.set ?? []);
  if (options.trajectories !== undefined) data.trajectories = options.trajectories;
  if (options.seed !== undefined) data.seed = options.seed;
  if (options.sampler !== undefined) data.sampler = options.sampler;
  if (options.precision !== undefined) data.precision = options.precision;
  if (data.name === undefined) data.name = path.basename(doc.file).replace(/\.(ya?ml|json)$/, '').toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  return resolveScenarioData(data, doc.file, options.repair ?? false);
}

/** Validates and resolves scenario data already in memory (`file` locates relative model paths and names the scenario in errors). */
export async function resolveScenarioData(data: unknown, file: string, repair = false): Promise<{ scenario: ResolvedScenario; model: Model; warnings: string[] }> {
  const where = file === '' ? 'scenario' : `scenario ${file}`;
  data = await fillFromLibraries(data, file);
  // zod drops a __proto__ key without a word; a name the user wrote must never vanish silently.
  const proto = protoKeyPath(data);
  if (proto !== null) throw new InputError(`${where} is invalid:`, [{ path: proto, message: '__proto__ cannot be used as a name' }]);
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) throw new InputError(`${where} is invalid:`, fromZod(parsed.error, data));
  const spec = parsed.data;
  const issues: Issue[] = [];
  for (const [name, input] of Object.entries(spec.inputs)) {
    // λ beyond 1e15 makes the Poisson quantile search run (practically) forever. The distribution
    // file is being reworked elsewhere (large λ made exact, issue 12); this bound holds until then.
    const lambda = (input as { dist: string; lambda?: unknown }).dist === 'poisson' ? (input as { lambda?: unknown }).lambda : undefined;
    if (typeof lambda === 'number' && lambda > POISSON_MAX_LAMBDA) {
      issues.push({ path: `inputs.${name}.lambda`, value: lambda, message: `must be at most ${POISSON_MAX_LAMBDA}` });
      continue;
    }
    try {
      createDistribution(input as DistributionSpec);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      issues.push({ path: `inputs.${name}.${e.field}`, value: e.value, message: e.reason });
    }
  }
  if (issues.length > 0) throw new InputError(`${where} is invalid:`, issues);

  const ref = await resolveModelRef(spec.model, file === '' ? process.cwd() : path.dirname(file));
  const model = await loadModel(ref);
  const warnings: string[] = [];
  checkInputs(spec.inputs, model, issues, warnings);
  checkClaims(spec.claims, model, spec.horizon, issues);
  let correlations: ResolvedScenario['correlations'] = [];
  if (spec.correlations !== undefined && issues.length === 0) {
    const built = buildCorrelations(spec.correlations, Object.keys(model.inputs), repair);
    issues.push(...built.issues);
    if (built.repaired) warnings.push(`correlations: the matrix was not positive semi-definite; using the nearest correlation matrix (Higham), largest change ${built.repaired.maxChange.toFixed(4)}`);
    if (built.correlations) {
      const { names, rho } = built.correlations;
      for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) if (rho[i][j] !== 0) correlations.push({ a: names[i], b: names[j], rho: rho[i][j] });
    }
  }
  if (issues.length > 0) throw new InputError(`${where} is invalid:`, issues);
  if (spec.sampler === 'sobol' && !isPowerOfTwo(spec.trajectories)) warnings.push(`sampler sobol: ${spec.trajectories} trajectories is not a power of two; Sobol points balance best at 2^k`);

  const inputs: Record<string, InputSpec> = {};
  for (const name of Object.keys(model.inputs)) inputs[name] = spec.inputs[name];
  const body = {
    name: spec.name ?? 'scenario',
    description: spec.description ?? '',
    model: ref.kind === 'builtin' ? ref : { kind: 'file' as const, sha256: ref.sha256 },
    modelName: model.name,
    start: spec.start,
    horizon: spec.horizon,
    trajectories: spec.trajectories,
    seed: spec.seed,
    sampler: spec.sampler,
    correlations,
    precision: spec.precision ?? null,
    quantiles: spec.quantiles,
    inputs,
    claims: spec.claims,
  };
  const unhashed = { ...body, model: ref, file };
  const scenario: ResolvedScenario = deepFreeze({ ...unhashed, sha256: scenarioHash(unhashed) });
  return { scenario, model, warnings };
}

/** Takes the model's missing inputs from the scenario's `inputLibrary` files, if it names any. */
async function fillFromLibraries(data: unknown, file: string): Promise<unknown> {
  if (data === null || typeof data !== 'object' || !('inputLibrary' in data)) return data;
  const { inputLibrary, ...rest } = data as Record<string, unknown>;
  const files = Array.isArray(inputLibrary) ? inputLibrary : [inputLibrary];
  if (typeof rest.model !== 'string') return rest; // the schema reports the missing model
  const model = await loadModel(await resolveModelRef(rest.model, file === '' ? process.cwd() : path.dirname(file)));
  const inputs = rest.inputs !== null && typeof rest.inputs === 'object' ? (rest.inputs as Record<string, unknown>) : {};
  const baseDir = file === '' ? process.cwd() : path.dirname(file);
  const absolute = files.map((f) => (typeof f === 'string' ? path.resolve(baseDir, f) : f));
  return { ...rest, inputs: { ...inputsFromLibraries(absolute, Object.keys(model.inputs), inputs), ...inputs } };
}

function checkInputs(inputs: Record<string, InputSpec>, model: Model, issues: Issue[], warnings: string[]): void {
  for (const [name, decl] of Object.entries(model.inputs)) {
    const given = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (given === undefined) issues.push({ path: `inputs.${name}`, message: `is required by model ${model.name} (${decl.unit}${decl.description ? `, ${decl.description}` : ''})` });
    else if (given.unit !== decl.unit) warnings.push(`inputs.${name}: unit ${JSON.stringify(given.unit)} differs from the model's ${JSON.stringify(decl.unit)}; the model reads the number as ${decl.unit}`);
  }
  for (const name of Object.keys(inputs)) {
    if (!Object.hasOwn(model.inputs, name)) issues.push({ path: `inputs.${name}`, message: `is not an input of model ${model.name} (its inputs: ${Object.keys(model.inputs).join(', ')})` });
  }
}

function checkClaims(claims: ClaimSpec[], model: Model, horizon: number, issues: Issue[]): void {
  const ids = new Set<string>();
  claims.forEach((c, i) => {
    const at = `claims[${i}]`;
    if (ids.has(c.id)) issues.push({ path: `${at}.id`, value: c.id, message: 'is used by an earlier claim: ids must be unique' });
    ids.add(c.id);
    if (c.scalar !== undefined && !Object.hasOwn(model.scalars, c.scalar)) issues.push({ path: `${at}.scalar`, value: c.scalar, message: `is not a scalar output of model ${model.name} (scalars: ${Object.keys(model.scalars).join(', ') || 'none'})` });
    if (c.series !== undefined && !Object.hasOwn(model.series, c.series)) issues.push({ path: `${at}.series`, value: c.series, message: `is not a series output of model ${model.name} (series: ${Object.keys(model.series).join(', ') || 'none'})` });
    for (const key of ['at', 'by'] as const) {
      const m = c[key];
      if (m !== undefined && m > horizon) issues.push({ path: `${at}.${key}`, value: m, message: `is beyond the horizon (${horizon} months)` });
    }
  });
  claims.forEach((c, i) => {
    const refs: Array<[string, string]> = [...(c.all ?? []).map((r, k) => [`all[${k}]`, r] as [string, string]), ...(c.any ?? []).map((r, k) => [`any[${k}]`, r] as [string, string])];
    if (c.given !== undefined) refs.push(['given', c.given]);
    for (const [key, r] of refs) if (!ids.has(r)) issues.push({ path: `claims[${i}].${key}`, value: r, message: 'names no claim in this scenario' });
  });
  if (issues.length === 0) {
    const cycle = claimOrder(claims).cycle;
    if (cycle) issues.push({ path: 'claims', value: cycle.join(' -> '), message: 'claims refer to each other in a cycle' });
  }
}

/** The SHA-256 of a resolved scenario's content (everything but its file path; a model file counts by its content hash). */
export function scenarioHash(s: Omit<ResolvedScenario, 'sha256'>): string {
  const { file: _file, sha256: _sha, ...body } = s as ResolvedScenario;
  const model = body.model.kind === 'builtin' ? body.model : { kind: 'file', sha256: body.model.sha256 };
  return createHash('sha256').update(canonicalJson({ ...body, model })).digest('hex');
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}

/** JSON with object keys sorted, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

export { LIMITS };

/** The path of the first own `__proto__` key in parsed data (JSON and YAML both make one), or null; iterative. */
function protoKeyPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const key of Object.keys(v)) {
      const here = Array.isArray(v) ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`;
      if (key === '__proto__' && !Array.isArray(v)) return here;
      stack.push([(v as Record<string, unknown>)[key], here]);
    }
  }
  return null;
}
