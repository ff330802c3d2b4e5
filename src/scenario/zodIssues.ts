import type { z } from 'zod';
import { FAMILY_NAMES } from '../distributions/registry.js';
import type { Issue } from '../errors.js';

/** Joins a path like ['claims', 2, 'below'] as `claims[2].below`. */
export function joinPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** The value at `path` inside `data`, or undefined. */
export function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Turns zod's issues into ours, reading the offending values from `data`. */
export function fromZod(error: z.ZodError, data: unknown, prefix: ReadonlyArray<PropertyKey> = []): Issue[] {
  const issues: Issue[] = [];
  for (const zi of error.issues) {
    const path = [...prefix, ...zi.path];
    if (zi.code === 'invalid_union' && 'errors' in zi && Array.isArray(zi.errors) && zi.errors.length > 0) {
      // A discriminated union reports the failing option's issues; surface the closest one.
      const inner = zi.errors.flat()[0] as z.core.$ZodIssue | undefined;
      if (inner) {
        issues.push({ path: joinPath([...path, ...inner.path]), value: valueAt(data, [...path, ...inner.path]), message: inner.message });
        continue;
      }
    }
    const message = zi.message;
    if (zi.code === 'unrecognized_keys') {
      for (const key of zi.keys) issues.push({ path: joinPath([...path, key]), value: valueAt(data, [...path, key]), message: 'is not a known field' });
      continue;
    }
    if (zi.code === 'invalid_union' && 'note' in zi && zi.note === 'No matching discriminator') {
      const at = path[path.length - 1] === 'dist' ? path : [...path, 'dist'];
      issues.push({ path: joinPath(at), value: valueAt(data, at), message: `is not a known distribution (known: ${FAMILY_NAMES.join(', ')})` });
      continue;
    }
    const value = valueAt(data, path);
    issues.push({ path: joinPath(path), value: value === undefined ? undefined : value, message: value === undefined && zi.code === 'invalid_type' ? 'is required' : message });
  }
  return issues;
}
