import type { Issue } from '../errors.js';
import { joinPath } from './issuePath.js';

type Json = Record<string, unknown>;

/** Fields an array input gives once for all its elements. */
const SHARED = new Set(['unit', 'source', 'rationale']);

/** The name of element i of array input `name` (what the engine samples and sensitivity reports). */
export function elementName(name: string, i: number): string {
  return `${name}[${i}]`;
}

/** Splits `task[3]` into its array name and index; null for a plain name. */
export function parseElementName(name: string): { array: string; index: number } | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]$/.exec(name);
  return m ? { array: m[1], index: Number(m[2]) } : null;
}

/** The array inputs among sampled input names: each array's name and the input index of each of its elements, in element order. */
export function arrayGroups(inputNames: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  inputNames.forEach((name, j) => {
    const el = parseElementName(name);
    if (el) (groups.get(el.array) ?? groups.set(el.array, []).get(el.array)!)[el.index] = j;
  });
  return groups;
}

function isMapping(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Takes the array inputs out of a scenario's `inputs:` and returns them as
 * lists of element specifications (plain inputs stay where they are).
 *
 * Two forms, unit/source/rationale written once for the array:
 * - `task: {count: 40, dist: pert, min: [...], mode: [...], max: [...], unit, source, rationale}`:
 *   a parameter given as a list has one value per element, a single value is shared;
 * - `task: {items: [{dist: pert, min: 2, mode: 3, max: 6}, ...], unit, source, rationale}`.
 *
 * Each element is then validated like any input; an issue about one element
 * names it (`inputs.task.min[3]`, `inputs.task.items[3].min`).
 */
export function extractArrayInputs(inputs: Json): { plain: Json; arrays: Record<string, { elements: Json[]; paramPath: (i: number, field: string) => string }>; issues: Issue[] } {
  const plain: Json = {};
  const arrays: Record<string, { elements: Json[]; paramPath: (i: number, field: string) => string }> = {};
  const issues: Issue[] = [];
  for (const [name, spec] of Object.entries(inputs)) {
    if (!isMapping(spec) || (!('count' in spec) && !('items' in spec))) {
      plain[name] = spec;
      continue;
    }
    const at = (...p: Array<string | number>) => joinPath(['inputs', name, ...p]);
    const shared: Json = {};
    for (const k of SHARED) if (k in spec) shared[k] = spec[k];
    if ('items' in spec) {
      const items = spec.items;
      const extra = Object.keys(spec).filter((k) => k !== 'items' && !SHARED.has(k));
      for (const k of extra) issues.push({ path: at(k), value: spec[k], message: 'is not a known field of an array input given by items: (it takes items, unit, source, rationale)' });
      if (!Array.isArray(items) || items.length === 0 || items.length > 4096) {
        issues.push({ path: at('items'), value: items, message: 'must be a list of 1 to 4096 distributions ({dist: ..., parameters})' });
        continue;
      }
      arrays[name] = {
        elements: items.map((it) => (isMapping(it) ? { ...it, ...shared } : it) as Json),
        paramPath: (i, field) => at('items', i, ...(field ? [field] : [])),
      };
      continue;
    }
    const count = spec.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 4096) {
      issues.push({ path: at('count'), value: count, message: 'must be a whole number from 1 to 4096 (the number of elements)' });
      continue;
    }
    let bad = false;
    for (const [k, v] of Object.entries(spec)) {
      if (Array.isArray(v) && !SHARED.has(k) && v.length !== count) {
        issues.push({ path: at(k), value: v, message: `has ${v.length} values; count is ${count} (give one value per element, or a single value for all)` });
        bad = true;
      }
    }
    if (bad) continue;
    const elements: Json[] = [];
    for (let i = 0; i < count; i++) {
      const e: Json = {};
      for (const [k, v] of Object.entries(spec)) if (k !== 'count') e[k] = Array.isArray(v) && !SHARED.has(k) ? v[i] : v;
      elements.push(e);
    }
    arrays[name] = { elements, paramPath: (i, field) => (Array.isArray(spec[field]) ? at(field, i) : at(...(field ? [field] : []))) };
  }
  return { plain, arrays, issues };
}

/** Known fields of an input (every family's parameters and the input's own fields), for "not a known field" messages. */
export function knownInputFields(parameterNames: readonly string[]): string[] {
  return [...new Set(['dist', ...parameterNames, 'unit', 'source', 'rationale', 'count', 'items'])];
}
