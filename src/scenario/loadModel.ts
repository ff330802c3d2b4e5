import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { isModel, type Model } from '../model/defineModel.js';
import { BUILTIN_MODELS } from '../models/index.js';

/** How a worker finds a model: a built-in by name, or an ES module file by absolute path. */
export type ModelRef = { kind: 'builtin'; name: string } | { kind: 'file'; path: string; source: string; sha256: string };

const MODEL_FILE = /\.(m?js|ts|mts)$/;

/**
 * Resolves a scenario's `model:` field. A name is looked up among the built-in
 * models; anything ending in .js, .mjs or .ts is a user model file relative to
 * the scenario's folder. `.ts` files are transpiled once with esbuild (Node 20
 * cannot strip types) and bundled with their relative imports into
 * `.forecast-cache/` beside the source, keyed by content hash.
 */
export async function resolveModelRef(model: string, baseDir: string): Promise<ModelRef> {
  if (!MODEL_FILE.test(model)) {
    if (BUILTIN_MODELS[model] === undefined) {
      throw new InputError(`scenario is invalid:`, [
        { path: 'model', value: model, message: `is not a built-in model (built-ins: ${Object.keys(BUILTIN_MODELS).join(', ')}) nor a .js/.mjs/.ts file` },
      ]);
    }
    return { kind: 'builtin', name: model };
  }
  const source = path.resolve(baseDir, model);
  if (!existsSync(source)) throw new InputError('scenario is invalid:', [{ path: 'model', value: model, message: `model file not found: ${source}` }]);
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
      const msg = (e as { errors?: Array<{ text: string; location?: { line: number } }> }).errors?.map((x) => `${x.text}${x.location ? ` (line ${x.location.line})` : ''}`).join('; ');
      throw new InputError(`model file ${source} could not be compiled: ${msg ?? String(e)}`);
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
