import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, parseDocument, YAMLParseError } from 'yaml';
import { LIMITS } from '../limits.js';
import { InputError, showValue } from '../errors.js';

/** The file names a scenario, a base it extends, or an input library may have. */
const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** Deepest nesting of lists and mappings accepted in a scenario (a real one is a few levels deep). */
const MAX_DEPTH = 64;

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

/**
 * Reads a file as strict UTF-8 within the size limit, only if it is named
 * like a scenario (.yaml, .yml, .json) and is a regular file: nothing else
 * (/proc/self/environ, a device, a FIFO) is read, so no error can quote it.
 */
export function readScenarioText(file: string): string {
  if (!SCENARIO_FILE.test(file)) throw new InputError(`${file} is not a scenario file (the name must end in .yaml, .yml or .json); it was not read`);
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

/** A YAML or JSON parse error as `line L, column C: message`, then the offending line with a caret under the column. */
function parseErrorDetail(e: unknown, text: string): string {
  let line: number | undefined, col: number | undefined, message = e instanceof Error ? e.message : String(e);
  if (e instanceof YAMLParseError) {
    message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (e.linePos) ({ line, col } = e.linePos[0]);
  } else {
    const pos = /position (\d+)/.exec(message);
    if (pos) {
      const before = text.slice(0, Number(pos[1])).split('\n');
      (line = before.length), (col = before[before.length - 1].length + 1);
    }
  }
  if (message.length > 160) message = `${message.slice(0, 157)}...`;
  if (line === undefined || col === undefined) return message;
  const lines = text.split('\n');
  // An error found at the start of a line often belongs to the line before it (an unclosed bracket).
  const full = lines[line - 1] ?? '';
  const shown = full.length > 120 ? `${full.slice(0, 117)}...` : full;
  const context = `\n    ${line} | ${shown}\n    ${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, col - 1))}^` + (col === 1 && line > 1 ? `\n    (the problem may be on line ${line - 1}: ${JSON.stringify(lines[line - 2].slice(0, 120))})` : '');
  return `line ${line}, column ${col}: ${message}${context}`;
}

/** Parses YAML (aliases limited) or JSON text into a mapping. */
export function parseScenarioText(text: string, file: string): Json {
  let doc: unknown;
  try {
    if (file.endsWith('.json')) doc = JSON.parse(text);
    else {
      // logLevel 'silent': problems become errors here, never warnings printed by the YAML library.
      // merge: YAML merge keys (`<<: *base`) copy an anchored mapping's fields, as most YAML tools do.
      const parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: true, logLevel: 'silent', merge: true });
      if (parsed.errors.length > 0) throw parsed.errors[0];
      const tag = parsed.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
      if (tag) throw new InputError(`scenario ${file}: ${tag.message.split('\n')[0].replace(/:$/, '').replace('tag:yaml.org,2002:', '!!').slice(0, 160)}; scenario files are plain data (no !!js/function or other custom tags)`);
      doc = parsed.toJS({ maxAliasCount: LIMITS.yamlAliases });
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/:$/, '');
    if (e instanceof RangeError || /Maximum call stack/.test(first)) throw new InputError(`scenario ${file} could not be parsed: it is nested too deeply (at most ${MAX_DEPTH} levels)`);
    // The line, column and the offending line (one line, cut short: the file may not be what the user meant to show).
    throw new InputError(`scenario ${file} could not be parsed: ${parseErrorDetail(e, text)}`);
  }
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    // Top-level keys starting with x- hold YAML anchors for merges (`x-base: &base {...}`); they are not fields.
    for (const k of Object.keys(doc)) if (k.startsWith('x-')) delete (doc as Json)[k];
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(`scenario ${file} must be a mapping of fields (model, start, horizon, inputs, …), found ${Array.isArray(doc) ? 'a list' : typeof doc === 'string' ? `a string of ${doc.length} characters` : showValue(doc)}`);
  }
  const depth = nestingDepth(doc);
  if (depth > MAX_DEPTH) throw new InputError(`scenario ${file} is nested ${depth > 10 * MAX_DEPTH ? `more than ${10 * MAX_DEPTH}` : depth} levels deep; at most ${MAX_DEPTH} are allowed`);
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

/** The deepest nesting of lists and mappings in parsed data, found without recursion (stops counting past 10 × MAX_DEPTH). */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > deepest) deepest = d;
    if (deepest > 10 * MAX_DEPTH) return deepest;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return deepest;
}
