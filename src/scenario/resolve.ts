import { createHash } from 'node:crypto';
import path from 'node:path';
import { createDistribution, type DistributionSpec } from '../distributions/registry.js';
import { ParameterError } from '../distributions/distribution.js';
import { isModel, type Model } from '../model/defineModel.js';
import { formulaModelRef, loadModel, objectModelRef, resolveModelRef, type ModelRef } from './loadModel.js';
import { existsSync, readFileSync } from 'node:fs';
import { formulaInputNames, FormulaModelError, usedNames, type FormulaInputs } from '../model/formula/formulaModel.js';
import { formulaModelSchema } from '../model/formula/formulaSchema.js';
import { elementName, extractArrayInputs } from './arrayInputs.js';
import { inputSchema } from './schema.js';
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
  /** Use this model (from defineModel) instead of the scenario's `model:` field; it then runs on the calling thread. */
  model?: Model;
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
  return resolveScenarioData(data, doc.file, options.repair ?? false, options.model);
}

/** A scenario: the path of a YAML/JSON file, or the same content as an object. */
export type ScenarioSource = string | Record<string, unknown>;

/**
 * Resolves a scenario given as a file path or as data (validated like a file;
 * a relative model path resolves from the current folder), with the same
 * options a file takes.
 * @example await resolveScenarioSource({ model: 'demo-growth', start: '2026-02', horizon: 12, trajectories: 1000, inputs: {...} })
 */
export async function resolveScenarioSource(source: ScenarioSource, options: ResolveOptions = {}): Promise<{ scenario: ResolvedScenario; model: Model; warnings: string[] }> {
  if (typeof source === 'string') return resolveScenarioFile(source, options);
  if (source === null || typeof source !== 'object' || Array.isArray(source)) throw new InputError('a scenario must be a file path or an object with the fields of a scenario file');
  const data: Record<string, unknown> = applyOverrides({ ...source }, options.set ?? []);
  if (options.trajectories !== undefined) data.trajectories = options.trajectories;
  if (options.seed !== undefined) data.seed = options.seed;
  if (options.sampler !== undefined) data.sampler = options.sampler;
  if (options.precision !== undefined) data.precision = options.precision;
  return resolveScenarioData(data, '', options.repair ?? false, options.model);
}

/** Validates and resolves scenario data already in memory (`file` locates relative model paths and names the scenario in errors). */
export async function resolveScenarioData(data: unknown, file: string, repair = false, modelObject?: Model): Promise<{ scenario: ResolvedScenario; model: Model; warnings: string[] }> {
  const where = file === '' ? 'scenario' : `scenario ${file}`;
  if (modelObject !== undefined) {
    if (!isModel(modelObject)) throw new InputError('options.model must be a model made with defineModel(): an object with name, inputs, series, scalars and simulate()');
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) data = { ...(data as Record<string, unknown>), model: modelObject.name };
  }
  data = await fillFromLibraries(data, file, modelObject);
  // zod drops a __proto__ key without a word; a name the user wrote must never vanish silently.
  const proto = protoKeyPath(data);
  if (proto !== null) throw new InputError(`${where} is invalid:`, [{ path: proto, message: '__proto__ cannot be used as a name' }]);
  const warnings: string[] = [];
  const issues: Issue[] = [];
  // Formula models, array inputs and provenance: optional are checked here, beside the schema, so their messages name their own fields.
  let formulaSpec: ReturnType<typeof formulaModelSchema.parse> | undefined;
  let arrays: ReturnType<typeof extractArrayInputs>['arrays'] = {};
  let writtenOrder: string[] = [];
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const d = { ...(data as Record<string, unknown>) };
    if (d.model !== null && typeof d.model === 'object' && !Array.isArray(d.model)) {
      const fm = formulaModelSchema.safeParse(d.model);
      if (fm.success) formulaSpec = fm.data;
      else issues.push(...fromZod(fm.error, { model: d.model }, ['model']));
      d.model = '(formula)';
    }
    if (d.inputs !== null && typeof d.inputs === 'object' && !Array.isArray(d.inputs)) {
      let inputs = d.inputs as Record<string, unknown>;
      writtenOrder = Object.keys(inputs);
      if (d.provenance === 'optional') {
        const { filled, missing } = fillProvenance(inputs);
        inputs = filled;
        if (missing.length > 0) warnings.push(`provenance: optional: ${missing.length} input${missing.length === 1 ? ' has' : 's have'} no source or rationale yet: ${missing.join('; ')}`);
      }
      const extracted = extractArrayInputs(inputs);
      issues.push(...extracted.issues);
      arrays = extracted.arrays;
      for (const [name, a] of Object.entries(arrays)) {
        const seen = new Set<string>();
        a.elements.forEach((el, i) => {
          const r = inputSchema.safeParse(el);
          const found: Issue[] = r.success ? [] : fromZod(r.error, el);
          if (r.success) {
            try {
              createDistribution(r.data as DistributionSpec);
            } catch (e) {
              if (!(e instanceof ParameterError)) throw e;
              // A shared parameter's value is fine alone; say which element it fails for.
              found.push({ path: e.field, value: e.value, message: `${Array.isArray((inputs[name] as Record<string, unknown>)[e.field.split(/[.[]/)[0]]) ? '' : `for ${name}[${i}]: `}${e.reason}` });
            }
          }
          for (const f of found) {
            const field = f.path.split(/[.[]/)[0];
            const path = a.paramPath(i, field) + f.path.slice(field.length);
            const key = `${path}: ${f.message}`;
            if (seen.has(key)) continue;
            seen.add(key);
            issues.push({ ...f, path });
          }
        });
      }
      d.inputs = extracted.plain;
    }
    data = d;
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) issues.push(...fromZod(parsed.error, data));
  if (issues.length > 0 || !parsed.success) throw new InputError(`${where} is invalid:`, issues);
  const spec = parsed.data;
  for (const [name, input] of Object.entries(spec.inputs)) {
    // λ beyond 1e15 is past the exact Poisson quantiles (src/distributions/poisson.ts refuses it too);
    // said here as well so the message names the scenario's field.
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
  const arraySpecs: Record<string, InputSpec[]> = {};
  for (const [name, a] of Object.entries(arrays)) arraySpecs[name] = a.elements.map((e) => inputSchema.parse(e));

  let ref: ModelRef;
  if (formulaSpec !== undefined) {
    const fin: FormulaInputs = {};
    // Inputs in the order written, plain and array alike.
    const order = [...new Set([...Object.keys(spec.inputs), ...Object.keys(arraySpecs)])];
    for (const name of inputOrder(writtenOrder, order)) {
      if (name in arraySpecs) fin[name] = { unit: arraySpecs[name][0].unit, count: arraySpecs[name].length };
      else fin[name] = { unit: spec.inputs[name].unit };
    }
    ref = formulaModelRef(formulaSpec, fin);
    try {
      await loadModel(ref);
    } catch (e) {
      if (!(e instanceof FormulaModelError)) throw e;
      throw new InputError(`${where}: the formula model is invalid:`, e.issues.map((i) => ({ path: i.path, value: i.formula === '' ? undefined : i.formula, message: `${locate(file, i.formula, i.column)}${i.message}` })));
    }
    const used = usedNames(formulaSpec);
    const unused = Object.keys(fin).filter((n) => !used.has(n));
    if (unused.length > 0) warnings.push(`inputs ${unused.join(', ')}: not used by any formula of the model`);
  } else if (modelObject !== undefined) {
    ref = objectModelRef(modelObject);
  } else {
    ref = await resolveModelRef(spec.model as string, file === '' ? process.cwd() : path.dirname(file), file);
  }
  const model = modelObject ?? (await loadModel(ref));
  checkInputs(spec.inputs, arraySpecs, model, issues, warnings);
  checkClaims(spec.claims, model, spec.horizon, issues);
  const inputs: Record<string, InputSpec> = {};
  if (issues.length === 0) {
    for (const name of Object.keys(model.inputs)) {
      if (name in arraySpecs) arraySpecs[name].forEach((el, i) => (inputs[elementName(name, i)] = el));
      else inputs[name] = spec.inputs[name];
    }
  }
  let correlations: ResolvedScenario['correlations'] = [];
  if (spec.correlations !== undefined && issues.length === 0) {
    const built = buildCorrelations(spec.correlations, Object.keys(inputs), repair);
    issues.push(...built.issues);
    if (built.repaired) warnings.push(`correlations: the matrix was not positive semi-definite; using the nearest correlation matrix (Higham), largest change ${built.repaired.maxChange.toFixed(4)}`);
    if (built.correlations) {
      const { names, rho } = built.correlations;
      for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) if (rho[i][j] !== 0) correlations.push({ a: names[i], b: names[j], rho: rho[i][j] });
    }
  }
  if (issues.length > 0) throw new InputError(`${where} is invalid:`, issues);
  if (spec.sampler === 'sobol' && !isPowerOfTwo(spec.trajectories)) warnings.push(`sampler sobol: ${spec.trajectories} trajectories is not a power of two; Sobol points balance best at 2^k`);

  const body = {
    name: spec.name ?? 'scenario',
    description: spec.description ?? '',
    model: ref.kind === 'file' ? { kind: 'file' as const, sha256: ref.sha256 } : ref,
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

/** The input names in the order written (plain and array inputs alike), then any others. */
function inputOrder(written: string[], names: string[]): string[] {
  const keys = written.filter((n) => names.includes(n));
  return [...keys, ...names.filter((n) => !keys.includes(n))];
}

/** Fills missing source/rationale under `provenance: optional`, listing what was missing. */
function fillProvenance(inputs: Record<string, unknown>): { filled: Record<string, unknown>; missing: string[] } {
  const filled: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(inputs)) {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      filled[name] = spec;
      continue;
    }
    const s = { ...(spec as Record<string, unknown>) };
    const lacks = ['source', 'rationale'].filter((k) => s[k] === undefined || s[k] === '');
    for (const k of lacks) s[k] = 'not given yet (provenance: optional)';
    if (lacks.length > 0) missing.push(`${name} (${lacks.join(', ')})`);
    filled[name] = s;
  }
  return { filled, missing };
}

/** "line 14, column 28: " for a formula found in the scenario file, else "column 7: " or "". */
function locate(file: string, formula: string, column?: number): string {
  if (column === undefined) return '';
  if (file !== '' && formula !== '' && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(formula);
    if (at >= 0) {
      const before = text.slice(0, at).split('\n');
      const line = before.length, col = before[before.length - 1].length + column;
      return `line ${line}, column ${col} (column ${column} of the formula): `;
    }
  }
  return `column ${column} of the formula: `;
}

/** Takes the model's missing inputs from the scenario's `inputLibrary` files, if it names any. */
async function fillFromLibraries(data: unknown, file: string, modelObject?: Model): Promise<unknown> {
  if (data === null || typeof data !== 'object' || !('inputLibrary' in data)) return data;
  const { inputLibrary, ...rest } = data as Record<string, unknown>;
  const files = Array.isArray(inputLibrary) ? inputLibrary : [inputLibrary];
  let wanted: string[];
  if (modelObject !== undefined) wanted = Object.keys(modelObject.inputs);
  else if (typeof rest.model === 'string') wanted = Object.keys((await loadModel(await resolveModelRef(rest.model, file === '' ? process.cwd() : path.dirname(file), file))).inputs);
  else {
    const fm = formulaModelSchema.safeParse(rest.model);
    if (!fm.success) return rest; // the schema reports the bad model
    wanted = formulaInputNames(fm.data);
  }
  const inputs = rest.inputs !== null && typeof rest.inputs === 'object' ? (rest.inputs as Record<string, unknown>) : {};
  const baseDir = file === '' ? process.cwd() : path.dirname(file);
  const absolute = files.map((f) => (typeof f === 'string' ? path.resolve(baseDir, f) : f));
  return { ...rest, inputs: { ...inputsFromLibraries(absolute, wanted, inputs), ...inputs } };
}

function checkInputs(inputs: Record<string, InputSpec>, arrays: Record<string, InputSpec[]>, model: Model, issues: Issue[], warnings: string[]): void {
  for (const [name, decl] of Object.entries(model.inputs)) {
    const count = (decl as { count?: number }).count;
    const arr = Object.hasOwn(arrays, name) ? arrays[name] : undefined;
    const given = arr ? arr[0] : Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (given === undefined) {
      issues.push({ path: `inputs.${name}`, message: `is required by model ${model.name} (${decl.unit}${decl.description ? `, ${decl.description}` : ''}${count !== undefined ? `; an array input of ${count} elements: {count: ${count}, dist: ..., parameters}` : ''})` });
      continue;
    }
    if (count !== undefined && (arr === undefined || arr.length !== count)) issues.push({ path: `inputs.${name}`, message: `model ${model.name} reads an array of ${count} elements here: write {count: ${count}, dist: ..., parameters as lists of ${count} or single values}${arr ? ` (given: ${arr.length})` : ''}` });
    else if (count === undefined && arr !== undefined) issues.push({ path: `inputs.${name}`, message: `model ${model.name} reads a single number here, not an array of ${arr.length}` });
    else if (given.unit !== decl.unit) warnings.push(`inputs.${name}: unit ${JSON.stringify(given.unit)} differs from the model's ${JSON.stringify(decl.unit)}; the model reads the number as ${decl.unit}`);
  }
  for (const name of [...Object.keys(inputs), ...Object.keys(arrays)]) {
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

/**
 * `s` (a resolved scenario, or a variant made from one) with its sha256
 * computed from its content: what goes to workers that keep a plan per hash
 * (what-if variants, the audit's designs, requests to a shared pool).
 */
export function rehashed(s: Omit<ResolvedScenario, 'sha256'>): ResolvedScenario {
  return { ...s, sha256: scenarioHash(s) };
}

/** The SHA-256 of a resolved scenario's content (everything but its file path; a model file counts by its content hash). */
export function scenarioHash(s: Omit<ResolvedScenario, 'sha256'>): string {
  const { file: _file, sha256: _sha, ...body } = s as ResolvedScenario;
  const model = body.model.kind === 'file' ? { kind: 'file', sha256: body.model.sha256 } : body.model;
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
