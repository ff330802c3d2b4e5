import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { isModel, type Model } from '../model/defineModel.js';
import { BUILTIN_MODEL_NAMES, loadBuiltinModel } from '../models/load.js';
import type { FormulaInputs } from '../model/formula/formulaModel.js';
import type { FormulaModelSpec } from '../model/formula/formulaSchema.js';
import { LIMITS } from '../limits.js';

/**
 * How a worker finds a model: a built-in by name, an ES module file by
 * absolute path, or a formula model carried as data (its spec and the units
 * and array lengths of its inputs), compiled where it is used.
 */
export type ModelRef =
  | { kind: 'builtin'; name: string }
  | { kind: 'file'; path: string; source: string; sha256: string }
  | { kind: 'formula'; spec: FormulaModelSpec; inputs: FormulaInputs; sha256: string }
  /** A model object handed to the API (defineModel): it cannot travel to worker threads, so it runs on the calling thread. */
  | { kind: 'object'; name: string; sha256: string };

/** A model's identity: a built-in by name, anything else by its content hash (builtin:name, file:sha256, formula:sha256, object:sha256). */
export function modelKey(ref: ModelRef): string {
  return ref.kind === 'builtin' ? `builtin:${ref.name}` : `${ref.kind}:${ref.sha256}`;
}

/** The reference to a model object from the API, hashed over its declarations and the source of simulate(). */
export function objectModelRef(model: Model): Extract<ModelRef, { kind: 'object' }> {
  const sha256 = createHash('sha256')
    .update(JSON.stringify({ name: model.name, inputs: model.inputs, series: model.series, scalars: model.scalars }))
    .update(String(model.simulate))
    .update(String(model.simulateChunk ?? ''))
    .digest('hex');
  return { kind: 'object', name: model.name, sha256 };
}

/** The reference to a formula model: the spec and its inputs, hashed over their canonical JSON. */
export function formulaModelRef(spec: FormulaModelSpec, inputs: FormulaInputs): Extract<ModelRef, { kind: 'formula' }> {
  // Key order matters to a formula model (it orders evaluation and inputs), so the JSON is hashed as written.
  const sha256 = createHash('sha256').update(JSON.stringify({ spec, inputs })).digest('hex');
  return { kind: 'formula', spec, inputs, sha256 };
}

// Compiled formula models by hash: a worker compiles each formula model once.
const compiled = new Map<string, Model>();

const MODEL_FILE = /\.(m?js|ts|mts)$/;

/**
 * Resolves a scenario's `model:` field. A name is looked up among the built-in
 * models; anything ending in .js, .mjs or .ts is a user model file relative to
 * the scenario's folder. `.ts` files are transpiled once with esbuild (Node 20
 * cannot strip types) and bundled with their relative imports into
 * `.forecast-cache/` beside the source, keyed by content hash.
 */
export async function resolveModelRef(model: string, baseDir: string, scenarioFile = ''): Promise<ModelRef> {
  if (!MODEL_FILE.test(model)) {
    if (!BUILTIN_MODEL_NAMES.includes(model)) {
      throw new InputError(`scenario is invalid:`, [
        { path: 'model', value: model, message: `is not a built-in model (built-ins: ${BUILTIN_MODEL_NAMES.join(', ')}) nor a .js/.mjs/.ts file` },
      ]);
    }
    return { kind: 'builtin', name: model };
  }
  const source = path.resolve(baseDir, model);
  const sha256 = hashModelFile(source, model, scenarioFile);
  if (!/\.m?ts$/.test(source)) return { kind: 'file', path: source, source, sha256 };
  const cacheDir = path.join(path.dirname(source), '.forecast-cache');
  const out = path.join(cacheDir, `${path.basename(source).replace(/\.m?ts$/, '')}-${sha256.slice(0, 16)}.mjs`);
  if (!existsSync(out)) {
    const esbuild = await import('esbuild');
    let result;
    try {
      result = await esbuild.build({ entryPoints: [source], bundle: true, packages: 'external', format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
    } catch (e) {
      const msg = (e as { errors?: Array<{ text: string; location?: { line: number; column: number; lineText?: string } }> }).errors
        ?.map((x) => (x.location ? `line ${x.location.line}, column ${x.location.column + 1}: ${x.text}${x.location.lineText ? `\n    ${x.location.line} | ${x.location.lineText}\n    ${' '.repeat(String(x.location.line).length)} | ${' '.repeat(x.location.column)}^` : ''}` : x.text))
        .join('\n  ');
      throw new InputError(`model file ${source}${scenarioFile ? ` (the model of scenario ${scenarioFile})` : ''} could not be compiled: ${msg ?? String(e)}`);
    }
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, result.outputFiles[0].text);
    renameSync(tmp, out);
  }
  return { kind: 'file', path: out, source, sha256 };
}

/**
 * The SHA-256 of a model file's content, after checking it is a regular file
 * within LIMITS.modelBytes (a folder, FIFO or device such as /dev/zero is
 * refused before anything is read).
 */
export function hashModelFile(source: string, given: string = source, scenarioFile = ''): string {
  const bad = (message: string): InputError => new InputError(`${scenarioFile === '' ? 'scenario' : `scenario ${scenarioFile}`} is invalid:`, [{ path: 'model', value: given, message }]);
  let st;
  try {
    st = statSync(source);
  } catch {
    throw bad(`model file not found: ${source} (the path is relative to the scenario's folder)`);
  }
  if (!st.isFile()) throw bad(`${source} is ${st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a pipe (FIFO)' : 'not a regular file'}, not a model file`);
  if (st.size > LIMITS.modelBytes) throw bad(`model file ${source} is ${st.size} bytes; the limit is ${LIMITS.modelBytes}`);
  return createHash('sha256').update(readFileSync(source)).digest('hex');
}

/**
 * Checks that a file model is still the one a run recorded (a resumed run, a
 * worker thread, a remote worker): the file's content is hashed again, and a
 * change is refused naming the file and both hashes.
 */
export function verifyModelFile(ref: ModelRef): void {
  if (ref.kind !== 'file') return;
  const now = hashModelFile(ref.source);
  if (now !== ref.sha256) {
    throw new InputError(
      `model file ${ref.source} changed since the run was set up (its content hashes to ${now.slice(0, 12)}, the run recorded ${ref.sha256.slice(0, 12)}); results would mix two models, so start a new run instead`,
    );
  }
}

/** Loads the model a ModelRef names (a file model only if its content still has the recorded hash) and checks its shape. */
export async function loadModel(ref: ModelRef): Promise<Model> {
  if (ref.kind === 'object') {
    throw new InputError(`model ${ref.name} was given as an object, which cannot be sent to worker threads: run it with workers: 0, or put it in a model file (model: ./${ref.name}.ts) to use worker threads`);
  }
  if (ref.kind === 'formula') {
    let m = compiled.get(ref.sha256);
    if (!m) {
      if (compiled.size > 64) compiled.clear();
      // Imported here, not at the top: a worker thread running a TypeScript model never loads the formula compiler.
      const { compileFormulaModel } = await import('../model/formula/formulaModel.js');
      m = compileFormulaModel(ref.spec, ref.inputs);
      compiled.set(ref.sha256, m);
    }
    return m;
  }
  if (ref.kind === 'builtin') {
    const m = await loadBuiltinModel(ref.name);
    if (!m) throw new InputError(`unknown built-in model ${JSON.stringify(ref.name)}`);
    return m;
  }
  verifyModelFile(ref);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(ref.path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`model file ${ref.source} failed to import: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  let candidate: unknown, problem: string | null;
  try {
    candidate = mod.default ?? mod.model;
    problem = modelProblem(candidate);
  } catch (e) {
    throw new InputError(`model file ${ref.source}: reading its model threw: ${e instanceof Error ? e.message.split('\n')[0].slice(0, 200) : String(e).slice(0, 200)}`);
  }
  if (problem !== null && isModel(candidate)) throw new InputError(`model file ${ref.source}: ${problem}`);
  if (!isModel(candidate)) {
    const exported = Object.keys(mod).join(', ') || 'nothing';
    throw new InputError(
      `model file ${ref.source} must export a model made with defineModel() as its default export (or as \`model\`): an object with name, inputs, series, scalars and simulate(). It exports: ${exported}`,
    );
  }
  return candidate;
}

/**
 * What is wrong with a model's shape beyond isModel (null declarations, a
 * declaration without a unit, a reserved name, an async simulate), or null.
 * Getters are read here once, inside the caller's try, so one that throws is
 * reported as the model's problem.
 */
function modelProblem(m: unknown): string | null {
  if (!isModel(m)) return null; // the caller explains the expected shape
  for (const kind of ['inputs', 'series', 'scalars'] as const) {
    const decls = m[kind] as unknown;
    if (decls === null || typeof decls !== 'object' || Array.isArray(decls)) return `${kind} must be an object of declarations ({ name: { unit } }), found ${decls === null ? 'null' : Array.isArray(decls) ? 'a list' : typeof decls}`;
    for (const name of Object.keys(decls)) {
      if (name === '__proto__') return `${kind}: __proto__ cannot name a quantity`;
      const d = (decls as Record<string, unknown>)[name] as { unit?: unknown } | null;
      if (d === null || typeof d !== 'object' || typeof d.unit !== 'string') return `${kind}.${name} must be a declaration { unit: string }`;
    }
  }
  for (const [name, f] of [['simulate', m.simulate], ['simulateChunk', m.simulateChunk]] as const) {
    if (f?.constructor?.name === 'AsyncFunction' || f?.constructor?.name === 'AsyncGeneratorFunction') {
      return `${name} is async; models must be synchronous (a Monte Carlo trajectory is computed at once, with no I/O to wait for)`;
    }
  }
  return null;
}
