import type { z } from 'zod';
import { FAMILY_NAMES, PARAMETER_NAMES } from '../distributions/registry.js';
import { suggest } from '../model/formula/expression.js';
import type { Issue } from '../errors.js';
import { joinPath, valueAt } from './issuePath.js';

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
      for (const key of zi.keys) {
        const anchorHint = path.length === 0 && valueAt(data, [key]) !== null && typeof valueAt(data, [key]) === 'object' ? ' (a mapping kept only for YAML anchors and <<: merges should be named x-' + key + ': top-level keys starting with x- are ignored)' : '';
        issues.push({ path: joinPath([...path, key]), value: valueAt(data, [...path, key]), message: `is not a known field${anchorHint}` });
      }
      continue;
    }
    if (zi.code === 'invalid_union' && 'note' in zi && zi.note === 'No matching discriminator') {
      const at = path[path.length - 1] === 'dist' ? path : [...path, 'dist'];
      const holder = valueAt(data, at.slice(0, -1));
      if (valueAt(data, at) === undefined && holder !== null && typeof holder === 'object' && !Array.isArray(holder)) {
        // No dist at all: most often a misspelt key, so say which keys are not fields.
        const known = new Set(['dist', ...PARAMETER_NAMES, 'unit', 'source', 'rationale', 'weight', 'count', 'items']);
        const unknown = Object.keys(holder).filter((k) => !known.has(k));
        const hints = unknown.map((k) => {
          const s = suggest(k, known);
          return `${k} is not a known field${s ? ` (did you mean ${s}?)` : ''}`;
        });
        issues.push({ path: joinPath(at.slice(0, -1)), message: [`dist is required (one of ${FAMILY_NAMES.join(', ')})`, ...hints].join('; ') });
        continue;
      }
      issues.push({ path: joinPath(at), value: valueAt(data, at), message: `is not a known distribution (known: ${FAMILY_NAMES.join(', ')})` });
      continue;
    }
    const value = valueAt(data, path);
    issues.push({ path: joinPath(path), value: value === undefined ? undefined : value, message: value === undefined && zi.code === 'invalid_type' ? 'is required' : message });
  }
  return issues;
}
