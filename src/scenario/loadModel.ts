import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { isModel, type Model } from '../model/defineModel.js';
import { BUILTIN_MODELS } from '../models/index.js';
import { compileFormulaModel, type FormulaInputs, type FormulaModelSpec } from '../model/formula/formulaModel.js';

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

/** The reference to a model object from the API, hashed over its declarations and the source of simulate(). */
export function objectModelRef(model: Model): Extract<ModelRef, { kind: 'object' }> {
  const sha256 = createHash('sha256')
    .update(JSON.stringify({ name: model.name, inputs: model.inputs, series: model.series, scalars: model.scalars }))
    .update(String(model.simulate))
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
    if (!Object.hasOwn(BUILTIN_MODELS, model)) {
      throw new InputError(`scenario is invalid:`, [
        { path: 'model', value: model, message: `is not a built-in model (built-ins: ${Object.keys(BUILTIN_MODELS).join(', ')}) nor a .js/.mjs/.ts file` },
      ]);
    }
    return { kind: 'builtin', name: model };
  }
  const source = path.resolve(baseDir, model);
  if (!existsSync(source)) throw new InputError(`${scenarioFile === '' ? 'scenario' : `scenario ${scenarioFile}`} is invalid:`, [{ path: 'model', value: model, message: `model file not found: ${source} (the path is relative to the scenario's folder)` }]);
  const text = readFileSync(source);
  const sha256 = createHash('sha256').update(text).digest('hex');
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

/** Loads the model a ModelRef names and checks its shape. */
export async function loadModel(ref: ModelRef): Promise<Model> {
  if (ref.kind === 'object') {
    throw new InputError(`model ${ref.name} was given as an object, which cannot be sent to worker threads: run it with workers: 0, or put it in a model file (model: ./${ref.name}.ts) to use worker threads`);
  }
  if (ref.kind === 'formula') {
    let m = compiled.get(ref.sha256);
    if (!m) {
      if (compiled.size > 64) compiled.clear();
      m = compileFormulaModel(ref.spec, ref.inputs);
      compiled.set(ref.sha256, m);
    }
    return m;
  }
  if (ref.kind === 'builtin') {
    const m = BUILTIN_MODELS[ref.name];
    if (!m) throw new InputError(`unknown built-in model ${JSON.stringify(ref.name)}`);
    return m;
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(ref.path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`model file ${ref.source} failed to import: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const candidate = mod.default ?? mod.model;
  if (!isModel(candidate)) {
    const exported = Object.keys(mod).join(', ') || 'nothing';
    throw new InputError(
      `model file ${ref.source} must export a model made with defineModel() as its default export (or as \`model\`): an object with name, inputs, series, scalars and simulate(). It exports: ${exported}`,
    );
  }
  return candidate;
}
