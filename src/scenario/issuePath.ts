/**
 * Paths into a scenario as issues name them, apart from zodIssues.ts so that
 * what worker threads load (arrayInputs.ts) does not bring in zod with it.
 */

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
