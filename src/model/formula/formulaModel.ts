/**
 * Formula models: a model written in a scenario file as expressions instead
 * of TypeScript. The spec is plain data (it travels to worker threads inside
 * the resolved scenario); each thread checks it and compiles it once into a
 * `simulate` function generated from the checked syntax trees.
 *
 * Evaluation order of one trajectory (and so the order of `random()` draws):
 * the `let` values once (dependencies first, else in the order written), then
 * for each month m = 0 … H the `monthly` values and then the `series`
 * (dependencies first, else in the order written), then the `scalars`.
 */
import type { Chunk } from '../chunk.js';
import type { Model, QuantityDeclaration, SeriesDeclaration, Trajectory } from '../defineModel.js';
import { approachFloor, wrightsLaw } from '../processes/learningCurve.js';
import { ar1Step, gbmStep, standardNormal } from '../processes/noise.js';
import { monthsSince, stepAt } from '../processes/stepAt.js';
import { capitalRecoveryFactor, discountedYears } from '../processes/finance.js';
import type { FormulaModelSpec } from './formulaSchema.js';
import { chunkSource, simulateSource, type Entry } from './generate.js';
import { checkFormula, FormulaProblem, freeNames, parseExpression, PROCESS_HELPERS, type CheckedFormula, type NameBinding, type Phase } from './expression.js';

const RESERVED = new Set(['m', 'H', 'true', 'false', 'NaN', 'Infinity', '__proto__', 'constructor', 'prototype']);

/** The inputs a formula model reads: unit, and the element count of an array input. */
export type FormulaInputs = Record<string, { unit: string; count?: number }>;

/** One problem found in a formula model: the field path (model.series.cost.formula), the formula and what is wrong. */
export interface FormulaIssue {
  path: string;
  formula: string;
  column?: number;
  message: string;
}

/** Thrown by compileFormulaModel when a formula is wrong; `issues` say where. */
export class FormulaModelError extends Error {
  constructor(readonly issues: FormulaIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  }
}


/** The input names a formula model's formulas use that it does not define itself (what the scenario must supply). */
export function formulaInputNames(spec: FormulaModelSpec): string[] {
  const defined = new Set([...Object.keys(spec.let), ...Object.keys(spec.monthly), ...Object.keys(spec.series), ...Object.keys(spec.scalars), 'm', 'H']);
  const out = new Set<string>();
  const texts = [...Object.values(spec.let), ...Object.values(spec.monthly), ...Object.values(spec.series).map((s) => s.formula), ...Object.values(spec.scalars).map((s) => s.formula)];
  for (const t of texts) {
    try {
      for (const n of freeNames(parseExpression(String(t)))) if (!defined.has(n)) out.add(n);
    } catch {
      // Reported when the model is compiled.
    }
  }
  return [...out];
}

const HELPERS = { approachFloor, wrightsLaw, stepAt, monthsSince, discountedYears, capitalRecoveryFactor, standardNormal, ar1Step, gbmStep } as const;

/** Element `i` of an array, or NaN when i is not a whole number in range. */
function at(a: ArrayLike<number>, i: number): number {
  return i >= 0 && i < a.length && Math.floor(i) === i ? a[i] : NaN;
}
function sumOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
function meanOf(a: ArrayLike<number>): number {
  return sumOf(a) / a.length;
}
function minOf(a: ArrayLike<number>): number {
  let s = Infinity;
  for (let i = 0; i < a.length; i++) if (!(a[i] >= s)) s = a[i];
  return s;
}
function maxOf(a: ArrayLike<number>): number {
  let s = -Infinity;
  for (let i = 0; i < a.length; i++) if (!(a[i] <= s)) s = a[i];
  return s;
}

/**
 * Checks a formula model against its inputs and compiles it into a Model.
 * Throws FormulaModelError listing every problem (unknown names, type errors,
 * cycles), each with its field path and column.
 *
 * @example
 * compileFormulaModel({ name: 'g', description: '', let: {}, monthly: {},
 *   series: { cap: { unit: 'GW', formula: 'start * (1 + growth) ^ (m / 12)' } }, scalars: {} },
 *   { start: { unit: 'GW' }, growth: { unit: '1/yr' } })
 */
export function compileFormulaModel(spec: FormulaModelSpec, inputs: FormulaInputs): Model {
  const issues: FormulaIssue[] = [];
  const entries: Entry[] = [];
  const bindings = new Map<string, NameBinding>();
  const inputNames = Object.keys(inputs);
  inputNames.forEach((name, j) => {
    const count = inputs[name].count;
    bindings.set(name, count === undefined ? { kind: 'input', code: `i${j}` } : { kind: 'array', code: `i${j}`, count });
  });
  bindings.set('m', { kind: 'month', code: 'm' });
  bindings.set('H', { kind: 'horizon', code: 'Hm' });
  const add = (section: Entry['section'], name: string, text: string | number, phase: Phase) => {
    const path = `model.${section}.${name}${section === 'series' || section === 'scalars' ? '.formula' : ''}`;
    if (RESERVED.has(name)) issues.push({ path, formula: String(text), message: `${name} is a reserved name (m is the month, H the horizon)` });
    else if (bindings.has(name)) {
      const other = entries.find((e) => e.name === name);
      issues.push({ path, formula: String(text), message: `${name} is already defined ${other ? `under model.${other.section}` : 'as an input'}; names must be unique` });
      return;
    }
    const local = `${section === 'let' ? 'l' : section === 'scalars' ? 'k' : 'v'}${entries.length}`;
    entries.push({ section, name, text: String(text), phase, local });
    const node = `${section}.${name}`;
    bindings.set(
      name,
      section === 'let' ? { kind: 'let', code: local, node } : section === 'scalars' ? { kind: 'scalar', code: local, node } : { kind: 'monthly', code: local, current: `c${entries.length - 1}`, node },
    );
  };
  for (const [n, f] of Object.entries(spec.let)) add('let', n, f, 'before');
  for (const [n, f] of Object.entries(spec.monthly)) add('monthly', n, f, 'month');
  for (const [n, s] of Object.entries(spec.series)) add('series', n, s.formula, 'month');
  for (const [n, s] of Object.entries(spec.scalars)) add('scalars', n, s.formula, 'after');
  if (Object.keys(spec.series).length + Object.keys(spec.scalars).length === 0) issues.push({ path: 'model', formula: '', message: 'a formula model needs at least one output under series: or scalars:' });

  const lookup = (name: string): NameBinding | undefined => (bindings.has(name) ? bindings.get(name) : undefined);
  const known = () => [...bindings.keys()];
  const pathOf = (e: Entry) => `model.${e.section}.${e.name}${e.section === 'series' || e.section === 'scalars' ? '.formula' : ''}`;
  for (const e of entries) {
    try {
      e.checked = checkFormula(e.text, e.phase, lookup, known);
    } catch (err) {
      if (!(err instanceof FormulaProblem)) throw err;
      issues.push({ path: pathOf(e), formula: e.text, column: err.column, message: err.message });
    }
  }
  if (issues.length > 0) throw new FormulaModelError(issues);

  // Order each phase: dependencies first, otherwise as written; a cycle is an error.
  const byNode = new Map(entries.map((e) => [`${e.section}.${e.name}`, e]));
  const order = (phase: Phase): Entry[] => {
    const out: Entry[] = [];
    const state = new Map<Entry, 1 | 2>();
    const visit = (e: Entry, stack: Entry[]) => {
      if (state.get(e) === 2) return;
      if (state.get(e) === 1) {
        const cycle = [...stack.slice(stack.indexOf(e)), e].map((x) => x.name).join(' -> ');
        issues.push({ path: pathOf(e), formula: e.text, message: `formulas depend on each other in a cycle: ${cycle}${phase === 'month' ? ' (an earlier month is read as x[m - 1])' : ''}` });
        return;
      }
      state.set(e, 1);
      for (const d of e.checked!.dependsOn) {
        const dep = byNode.get(d);
        if (dep && dep.phase === phase) visit(dep, [...stack, e]);
      }
      state.set(e, 2);
      out.push(e);
    };
    for (const e of entries) if (e.phase === phase) visit(e, []);
    return out;
  };
  const before = order('before'), month = order('month'), after = order('after');
  if (issues.length > 0) throw new FormulaModelError(issues.filter((i, k) => issues.findIndex((j) => j.message === i.message) === k));

  const helperNames = Object.keys(PROCESS_HELPERS);
  // The generated source contains only generated locals, re-printed numbers, operators and the fixed helper names.
  const generate = <T>(source: string[]): T => {
    const factory = new Function(...helperNames.map((h) => `H_${h}`), 'at', 'sumOf', 'meanOf', 'minOf', 'maxOf', source.join('\n')) as (...a: unknown[]) => T;
    return factory(...helperNames.map((h) => HELPERS[h as keyof typeof HELPERS]), at, sumOf, meanOf, minOf, maxOf);
  };
  const simulate = generate<(t: Trajectory) => void>(simulateSource(inputNames, entries, before, month, after));
  const hasArrays = inputNames.some((name) => inputs[name].count !== undefined);
  const simulateChunk = hasArrays ? undefined : generate<(c: Chunk) => void>(chunkSource(inputNames, entries, before, month, after));

  const modelInputs: Record<string, QuantityDeclaration & { count?: number }> = {};
  for (const name of inputNames) modelInputs[name] = inputs[name].count === undefined ? { unit: inputs[name].unit } : { unit: inputs[name].unit, count: inputs[name].count };
  const series: Record<string, SeriesDeclaration> = {};
  for (const [n, s] of Object.entries(spec.series)) series[n] = { unit: s.unit, ...(s.description ? { description: s.description } : {}), ...(s.logScale ? { logScale: true } : {}) };
  const scalars: Record<string, QuantityDeclaration> = {};
  for (const [n, s] of Object.entries(spec.scalars)) scalars[n] = { unit: s.unit, ...(s.description ? { description: s.description } : {}) };
  return Object.freeze({
    name: spec.name,
    description: spec.description,
    inputs: Object.freeze(modelInputs),
    series: Object.freeze(series),
    scalars: Object.freeze(scalars),
    simulate,
    ...(simulateChunk ? { simulateChunk } : {}),
  });
}

/** The names a formula model's formulas read, for "input x is not used" warnings. */
export function usedNames(spec: FormulaModelSpec): Set<string> {
  const out = new Set<string>();
  const texts = [...Object.values(spec.let), ...Object.values(spec.monthly), ...Object.values(spec.series).map((s) => s.formula), ...Object.values(spec.scalars).map((s) => s.formula)];
  for (const t of texts) {
    try {
      for (const n of freeNames(parseExpression(String(t)))) out.add(n);
    } catch {
      // reported elsewhere
    }
  }
  return out;
}
