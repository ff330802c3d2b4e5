import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { LIMITS } from '../limits.js';
import { InputError } from '../errors.js';

type Json = Record<string, unknown>;

/** What `loadScenarioDocument` returns: the merged document and where it came from. */
export interface ScenarioDocument {
  /** The scenario as plain data, `extends` merged in, not yet validated. */
  data: Json;
  /** Absolute path of the scenario file. */
  file: string;
  /** Files read, the scenario first then each base it extends. */
  chain: string[];
}

/**
 * Reads a scenario file (YAML or JSON), follows `extends:` (a path relative
 * to the file, up to LIMITS.extendsDepth deep, cycles rejected) and merges:
 * top-level fields of the child replace the base's; `inputs` merge by name
 * (a child input replaces the base's whole input); `claims` merge by id (same
 * id replaces, new ids are appended). Validation happens later, on the merged
 * document, so errors name the final field paths.
 *
 * @example loadScenarioDocument('config/examples/demo-growth.yaml').data.model // 'demo-growth'
 */
export function loadScenarioDocument(file: string): ScenarioDocument {
  const chain: string[] = [];
  const data = loadWithExtends(path.resolve(file), chain);
  return { data, file: chain[0], chain };
}

function loadWithExtends(file: string, chain: string[]): Json {
  if (chain.includes(file)) throw new InputError(`scenario ${chain[0]}: extends forms a cycle: ${[...chain, file].map((f) => path.basename(f)).join(' -> ')}`);
  if (chain.length >= LIMITS.extendsDepth) throw new InputError(`scenario ${chain[0]}: extends is nested more than ${LIMITS.extendsDepth} deep`);
  chain.push(file);
  const doc = parseScenarioText(readScenarioText(file), file);
  // Library paths are relative to the file that names them, so make them absolute now.
  if (typeof doc.inputLibrary === 'string') doc.inputLibrary = [doc.inputLibrary];
  if (Array.isArray(doc.inputLibrary)) doc.inputLibrary = doc.inputLibrary.map((f) => (typeof f === 'string' ? path.resolve(path.dirname(file), f) : f));
  const base = doc.extends;
  delete doc.extends;
  if (base === undefined) return doc;
  if (typeof base !== 'string' || base === '') throw new InputError(`scenario ${file} is invalid:`, [{ path: 'extends', value: base, message: 'must be the path of another scenario file' }]);
  return mergeScenario(loadWithExtends(path.resolve(path.dirname(file), base), chain), doc);
}

/** Reads a file as strict UTF-8 within the size limit. */
export function readScenarioText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`scenario ${file} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`scenario file not found: ${file}`);
  }
  if (size > LIMITS.fileBytes) throw new InputError(`scenario ${file} is ${size} bytes; the limit is ${LIMITS.fileBytes} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch {
    throw new InputError(`scenario ${file} is not valid UTF-8 text`);
  }
}

/** Parses YAML (aliases limited) or JSON text into a mapping. */
export function parseScenarioText(text: string, file: string): Json {
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: LIMITS.yamlAliases, uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    const detail = e instanceof YAMLParseError ? e.message.split('\n')[0] : e instanceof Error ? e.message : String(e);
    throw new InputError(`scenario ${file} could not be parsed: ${detail}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(`scenario ${file} must be a mapping of fields (model, start, horizon, inputs, …), found ${Array.isArray(doc) ? 'a list' : JSON.stringify(doc)}`);
  }
  return doc as Json;
}

/**
 * Reads input library files (YAML mappings of input name → input
 * specification) and returns, for each name in `wanted` that `inputs` lacks,
 * the first library's definition. Libraries hold sourced inputs shared by
 * several scenarios; unused entries are fine (a library is a catalogue).
 */
export function inputsFromLibraries(files: readonly unknown[], wanted: readonly string[], inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const libraries = files.map((f) => {
    if (typeof f !== 'string') throw new InputError('scenario is invalid:', [{ path: 'inputLibrary', value: f, message: 'must be a file path or a list of file paths' }]);
    return { file: f, entries: parseScenarioText(readScenarioText(f), f) };
  });
  for (const name of wanted) {
    if (Object.hasOwn(inputs, name)) continue;
    const lib = libraries.find((l) => Object.hasOwn(l.entries, name));
    if (lib) out[name] = lib.entries[name];
  }
  return out;
}

/** Merges a child scenario over its base (see loadScenarioDocument). */
export function mergeScenario(base: Json, child: Json): Json {
  const out: Json = { ...base, ...child };
  if (isMapping(base.inputs) && isMapping(child.inputs)) out.inputs = { ...base.inputs, ...child.inputs };
  if (Array.isArray(base.claims) && Array.isArray(child.claims)) {
    const merged = [...base.claims];
    for (const c of child.claims) {
      const id = isMapping(c) ? c.id : undefined;
      const at = merged.findIndex((b) => isMapping(b) && id !== undefined && b.id === id);
      if (at >= 0) merged[at] = c;
      else merged.push(c);
    }
    out.claims = merged;
  }
  return out;
}

function isMapping(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Applies `--set name=value` overrides to a scenario document. The value is a
 * YAML flow mapping in the scenario's input syntax (`{dist: lognormal, p5: 200,
 * p95: 3000}`) or a bare number (a point value). The input keeps its unit;
 * its source and rationale say it was overridden.
 */
export function applyOverrides(data: Json, sets: readonly string[]): Json {
  if (sets.length === 0) return data;
  const inputs: Json = isMapping(data.inputs) ? { ...data.inputs } : {};
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new InputError(`--set ${JSON.stringify(set)} must look like name=value, e.g. --set 'launchCost={dist: lognormal, p5: 200, p95: 3000}' or --set discountRate=0.08`);
    const name = set.slice(0, eq).trim(), text = set.slice(eq + 1).trim();
    const existing = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (!isMapping(existing)) {
      throw new InputError(`--set ${name}: no input named ${JSON.stringify(name)} in this scenario (inputs: ${Object.keys(inputs).join(', ') || 'none'})`);
    }
    let value: unknown;
    try {
      value = parseYaml(text, { maxAliasCount: 0 });
    } catch {
      throw new InputError(`--set ${name}: ${JSON.stringify(text)} is neither a number nor a YAML mapping like {dist: normal, mean: 1, sd: 0.1}`);
    }
    let dist: Json;
    if (typeof value === 'number') dist = { dist: 'point', value };
    else if (isMapping(value)) dist = value;
    else throw new InputError(`--set ${name}: ${JSON.stringify(text)} is neither a number nor a YAML mapping like {dist: normal, mean: 1, sd: 0.1}`);
    // defineProperty, not assignment: a name like __proto__ must not reach the prototype.
    Object.defineProperty(inputs, name, { enumerable: true, writable: true, configurable: true, value: {
      unit: existing.unit,
      source: `command-line override (--set ${name}); was: ${String(existing.source ?? 'unsourced')}`,
      rationale: 'what-if override given on the command line',
      ...dist,
    } });
  }
  return { ...data, inputs };
}
