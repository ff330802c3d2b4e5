import type { z } from 'zod';
import { FAMILY_NAMES } from '../dist/registry.js';

/** One problem with user input: where (a field path), the value found there, and what is wrong. */
export interface Issue {
  path: string;
  value?: unknown;
  message: string;
}

/**
 * Bad input from a user (a scenario file, a flag, an API argument). The CLI
 * prints its message as one paragraph and exits with code 2, no stack trace.
 */
export class InputError extends Error {
  constructor(
    readonly summary: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(issues.length === 0 ? summary : `${summary}\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'InputError';
  }
}

/** `inputs.launchCost.sigma = -1: must be greater than 0` */
export function formatIssue(issue: Issue): string {
  const where = issue.path === '' ? '(top level)' : issue.path;
  // A whole mapping is not worth repeating: the path already says which one.
  const isMapping = issue.value !== null && typeof issue.value === 'object' && !Array.isArray(issue.value);
  return issue.value === undefined || isMapping ? `${where}: ${issue.message}` : `${where} = ${showValue(issue.value)}: ${issue.message}`;
}

/** A short, single-line rendering of a bad value. */
export function showValue(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) s = String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

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
