/**
 * The JavaScript a formula model compiles to: `simulate` (one trajectory)
 * and `simulateChunk` (a chunk of trajectories, column-wise). Both evaluate
 * the same checked expressions in the same order, so they compute the same
 * values and draw the same uniforms: the `let` values once, then month by
 * month the `monthly` values and the `series`, then the `scalars`.
 */
import type { CheckedFormula, Phase } from './expression.js';

/** One formula of a formula model, checked: its section, name, text, phase and generated local. */
export interface Entry {
  section: 'let' | 'monthly' | 'series' | 'scalars';
  name: string;
  text: string;
  phase: Phase;
  local: string;
  checked?: CheckedFormula;
}

const PRELUDE = ['"use strict";', 'const W = [];', 'function work(j, n) { let b = W[j]; if (b === undefined || b.length !== n) W[j] = b = new Float64Array(n); return b; }'];

/**
 * The month-phase code with last month's values as locals: a read of x[m - 1]
 * (generated as `(m >= 1 ? v<j>[m - 1] : NaN)`) becomes `(m >= 1 ? q<j> : NaN)`,
 * q<j> being set to this month's value once the whole month is computed. A
 * load from the work array behind a bounds test cost ~2.9x the register on
 * bench/costRatio12.formulas.yaml (measured). `arrays` are the entries still
 * read as arrays (an earlier lag, or a scalar formula reading a series), which
 * must keep every month in a buffer of their own.
 */
function lagLocals(entries: readonly Entry[], month: readonly Entry[]): { code: Map<Entry, string>; lagged: number[]; arrays: Set<Entry> } {
  const code = new Map(entries.map((e) => [e, e.checked!.code]));
  const lagged: number[] = [];
  for (const e of month) {
    const j = entries.indexOf(e);
    const read = `(m >= 1 ? ${e.local}[m - 1] : NaN)`;
    let used = false;
    for (const r of month) {
      const c = code.get(r)!;
      if (c.includes(read)) {
        code.set(r, c.split(read).join(`(m >= 1 ? q${j} : NaN)`));
        used = true;
      }
    }
    if (used) lagged.push(j);
  }
  const arrays = new Set(month.filter((e) => entries.some((r) => new RegExp(`\\b${e.local}\\b`).test(code.get(r)!))));
  return { code, lagged, arrays };
}

/**
 * The month loop's body: each value computed, stored (`store` says where),
 * then the lag locals set. Written twice, for month 0 (`first`) and for the
 * months after it, each with what is known of m: a read of last month is NaN
 * in month 0 and the local after it, and `m == 0` (generated as `(m === (0))`)
 * true or false, so a recurrence `if(m == 0, start, x[m - 1] * f)` costs one
 * multiply a month, as in a hand-written loop, with the same values. (A
 * user's number is always generated in parentheses, so these patterns only
 * match the generator's own code.)
 */
function monthBody(entries: readonly Entry[], month: readonly Entry[], code: Map<Entry, string>, lagged: number[], first: boolean, store: (e: Entry, j: number) => string): string[] {
  const known = (c: string) =>
    c.replace(/\(m >= 1 \? (q\d+) : NaN\)/g, first ? 'NaN' : '$1').split('(m === (0))').join(first ? 'true' : 'false').split('(m !== (0))').join(first ? 'false' : 'true');
  const lines = month.map((e) => {
    const j = entries.indexOf(e);
    return `const c${j} = ${known(code.get(e)!)}; ${store(e, j)}`;
  });
  if (lagged.length > 0) lines.push(lagged.map((j) => `q${j} = c${j};`).join(' '));
  return lines;
}

/** `simulate(t)`: one trajectory; series written into t.series, scalars into t.scalars. */
export function simulateSource(inputNames: readonly string[], entries: readonly Entry[], before: readonly Entry[], month: readonly Entry[], after: readonly Entry[]): string[] {
  const { code, lagged, arrays } = lagLocals(entries, month);
  const lines = [...PRELUDE, 'return function simulate(t) {', 'const I = t.input, S = t.series, C = t.scalars, Hm = t.months;'];
  inputNames.forEach((name, j) => lines.push(`const i${j} = I[${JSON.stringify(name)}];`));
  for (const e of before) lines.push(`const ${e.local} = ${code.get(e)!};`);
  entries.forEach((e, j) => {
    if (e.section === 'series') lines.push(`const ${e.local} = S[${JSON.stringify(e.name)}];`);
    else if (e.section === 'monthly' && arrays.has(e)) lines.push(`const ${e.local} = work(${j}, Hm + 1);`);
  });
  if (month.length > 0) {
    if (lagged.length > 0) lines.push(`let ${lagged.map((j) => `q${j} = NaN`).join(', ')};`);
    const store = (e: Entry, j: number) => (e.section === 'series' || arrays.has(e) ? `${e.local}[m] = c${j};` : '');
    lines.push('{', 'const m = 0;', ...monthBody(entries, month, code, lagged, true, store), '}');
    lines.push('for (let m = 1; m <= Hm; m++) {', ...monthBody(entries, month, code, lagged, false, store), '}');
  }
  for (const e of after) lines.push(`const ${e.local} = ${code.get(e)!}; C[${JSON.stringify(e.name)}] = ${e.local};`);
  lines.push('};');
  return lines;
}

/**
 * `simulateChunk(c)` (for a model without array inputs): one trajectory
 * after another (each starting its event stream with begin), its series
 * written straight into the chunk's month-major buffers; a value read as an
 * array also kept in a work array of one trajectory.
 */
export function chunkSource(inputNames: readonly string[], entries: readonly Entry[], before: readonly Entry[], month: readonly Entry[], after: readonly Entry[]): string[] {
  const { code, lagged, arrays } = lagLocals(entries, month);
  const random = entries.some((e) => e.checked!.usesRandom);
  const lines = [...PRELUDE, 'return function simulateChunk(t) {', 'const I = t.input, S = t.series, C = t.scalars, Hm = t.months, n = t.count, st = t.stride;'];
  inputNames.forEach((name, j) => lines.push(`const X${j} = I[${JSON.stringify(name)}];`));
  entries.forEach((e, j) => {
    if (e.section === 'series') lines.push(`const B${j} = S[${JSON.stringify(e.name)}];`);
    if (e.section === 'scalars') lines.push(`const K${j} = C[${JSON.stringify(e.name)}];`);
    if (arrays.has(e)) lines.push(`const ${e.local} = work(${j}, Hm + 1);`);
  });
  lines.push('for (let r = 0; r < n; r++) {');
  if (random) lines.push('t.begin(r);');
  inputNames.forEach((_, j) => lines.push(`const i${j} = X${j}[r];`));
  for (const e of before) lines.push(`const ${e.local} = ${code.get(e)!};`);
  if (month.length > 0) {
    if (lagged.length > 0) lines.push(`let ${lagged.map((j) => `q${j} = NaN`).join(', ')};`);
    const store = (e: Entry, j: number) => `${e.section === 'series' ? `B${j}[p] = c${j};` : ''}${arrays.has(e) ? ` ${e.local}[m] = c${j};` : ''}`;
    lines.push('{', 'const m = 0, p = r;', ...monthBody(entries, month, code, lagged, true, store), '}');
    lines.push('for (let m = 1, p = r + st; m <= Hm; m++, p += st) {', ...monthBody(entries, month, code, lagged, false, store), '}');
  }
  for (const e of after) lines.push(`const ${e.local} = ${code.get(e)!}; K${entries.indexOf(e)}[r] = ${e.local};`);
  lines.push('}', '};');
  return lines;
}
