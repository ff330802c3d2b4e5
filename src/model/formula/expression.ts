/**
 * Formula expressions: parsed by jsep into a syntax tree, checked against the
 * names a formula model declares (own properties only), typed, and turned into
 * JavaScript source from the checked tree. User text is never evaluated: only
 * the nodes whitelisted here are translated, every name becomes a generated
 * local (`i3`, `l0`, `v2`…), and every number is re-printed from its value.
 */
import jsep from 'jsep';

// The formula dialect: `^` is power (as in spreadsheets), bitwise and identity operators are gone.
jsep.removeBinaryOp('^');
jsep.addBinaryOp('^', 11, true);
for (const op of ['|', '&', '<<', '>>', '>>>', '===', '!==', '??']) jsep.removeBinaryOp(op);
jsep.removeUnaryOp('~');
jsep.removeLiteral('null');
jsep.removeLiteral('this');

/** The type of an expression: a number, a condition, or a whole array (an array input or a series). */
export type FormulaType = 'number' | 'bool' | 'array';

/** What a name in a formula refers to, and the generated code that reads it. */
export type NameBinding =
  | { kind: 'input'; code: string }
  | { kind: 'array'; code: string; count: number }
  | { kind: 'let'; code: string; node: string }
  | { kind: 'month' | 'horizon'; code: string }
  /** A per-month value (series or monthly): `code` the buffer, `current` the local holding this month's value. */
  | { kind: 'monthly'; code: string; current: string; node: string }
  | { kind: 'scalar'; code: string; node: string };

/** Where a formula is evaluated: once before month 0, in each month, or once after the last month. */
export type Phase = 'before' | 'month' | 'after';

/** A problem in one formula, with the column (1-based) it starts at when known. */
export class FormulaProblem extends Error {
  constructor(message: string, readonly column?: number) {
    super(message);
  }
}

/** The result of checking one formula: its generated code and the same-phase nodes it depends on. */
export interface CheckedFormula {
  code: string;
  type: FormulaType;
  dependsOn: Set<string>;
  usesRandom: boolean;
  names: Set<string>;
}

type Node = jsep.Expression;

const MATH1: Record<string, string> = {
  exp: 'Math.exp', log: 'Math.log', log1p: 'Math.log1p', expm1: 'Math.expm1', log2: 'Math.log2', log10: 'Math.log10',
  sqrt: 'Math.sqrt', abs: 'Math.abs', floor: 'Math.floor', ceil: 'Math.ceil', round: 'Math.round', sign: 'Math.sign',
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', atan: 'Math.atan', tanh: 'Math.tanh',
};

/** Helpers from the process library (and a few array reducers), with their arity. */
export const PROCESS_HELPERS: Record<string, number> = {
  approachFloor: 4, wrightsLaw: 4, stepAt: 4, monthsSince: 2, discountedYears: 4, capitalRecoveryFactor: 2,
  standardNormal: 1, ar1Step: 5, gbmStep: 4,
};

/** Every function a formula may call (for messages). */
export const FUNCTION_NAMES = [
  ...Object.keys(MATH1), 'pow', 'min', 'max', 'sum', 'mean', 'count', 'if', 'random', ...Object.keys(PROCESS_HELPERS),
];

/** Parses an expression; a syntax error becomes a FormulaProblem with its column. */
export function parseExpression(text: string): Node {
  try {
    return jsep(text);
  } catch (e) {
    const err = e as Error & { index?: number; description?: string };
    const column = typeof err.index === 'number' ? err.index + 1 : undefined;
    throw new FormulaProblem(`syntax error: ${err.description ?? err.message}`, column);
  }
}

/** The identifiers an expression uses as values (not as function names), in order of appearance. */
export function freeNames(node: Node, out: Set<string> = new Set()): Set<string> {
  switch (node.type) {
    case 'Identifier':
      out.add((node as jsep.Identifier).name);
      break;
    case 'CallExpression':
      for (const a of (node as jsep.CallExpression).arguments) freeNames(a, out);
      break;
    case 'MemberExpression': {
      const n = node as jsep.MemberExpression;
      freeNames(n.object, out);
      if (n.computed) freeNames(n.property, out);
      break;
    }
    case 'BinaryExpression':
      freeNames((node as jsep.BinaryExpression).left, out);
      freeNames((node as jsep.BinaryExpression).right, out);
      break;
    case 'UnaryExpression':
      freeNames((node as jsep.UnaryExpression).argument, out);
      break;
    case 'ConditionalExpression': {
      const n = node as jsep.ConditionalExpression;
      freeNames(n.test, out);
      freeNames(n.consequent, out);
      freeNames(n.alternate, out);
      break;
    }
    default:
      break;
  }
  return out;
}

/** Renders a syntax tree back to text (for messages). */
export function show(node: Node): string {
  switch (node.type) {
    case 'Identifier':
      return (node as jsep.Identifier).name;
    case 'Literal':
      return String((node as jsep.Literal).raw ?? (node as jsep.Literal).value);
    case 'CallExpression': {
      const n = node as jsep.CallExpression;
      return `${show(n.callee)}(${n.arguments.map(show).join(', ')})`;
    }
    case 'MemberExpression': {
      const n = node as jsep.MemberExpression;
      return n.computed ? `${show(n.object)}[${show(n.property)}]` : `${show(n.object)}.${show(n.property)}`;
    }
    case 'BinaryExpression': {
      const n = node as jsep.BinaryExpression;
      return `${show(n.left)} ${n.operator} ${show(n.right)}`;
    }
    case 'UnaryExpression':
      return `${(node as jsep.UnaryExpression).operator}${show((node as jsep.UnaryExpression).argument)}`;
    case 'ConditionalExpression': {
      const n = node as jsep.ConditionalExpression;
      return `${show(n.test)} ? ${show(n.consequent)} : ${show(n.alternate)}`;
    }
    default:
      return node.type;
  }
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The closest of `known` to `name`, if close enough to be a likely typo. */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined, bestD = Infinity;
  for (const k of known) {
    const dd = distance(name.toLowerCase(), k.toLowerCase());
    if (dd < bestD) (best = k), (bestD = dd);
  }
  return best !== undefined && bestD <= (name.length <= 3 ? 1 : 2) && bestD < name.length ? best : undefined;
}

/** The 1-based column of the first whole-word occurrence of `name` in `text`. */
function columnOf(text: string, name: string): number | undefined {
  const m = new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/[$]/g, '\\$')}(?![A-Za-z0-9_$])`).exec(text);
  return m ? m.index + m[1].length + 1 : undefined;
}

/**
 * Checks one formula in its phase against the declared names and generates
 * its JavaScript. `lookup` returns a name's binding only for names declared
 * as own properties (never anything inherited).
 */
export function checkFormula(text: string, phase: Phase, lookup: (name: string) => NameBinding | undefined, known: () => string[]): CheckedFormula {
  const tree = parseExpression(text);
  const dependsOn = new Set<string>();
  const names = new Set<string>();
  let usesRandom = false;
  const fail = (message: string, at?: Node): never => {
    let column: number | undefined;
    if (at) {
      const first = freeNames(at);
      const probe = at.type === 'CallExpression' ? show((at as jsep.CallExpression).callee) : [...first][0];
      if (probe !== undefined) column = columnOf(text, probe);
    }
    throw new FormulaProblem(message, column);
  };

  const bind = (name: string, at: Node): NameBinding => {
    const b = lookup(name);
    if (b === undefined) {
      const s = suggest(name, known());
      throw new FormulaProblem(`unknown name ${JSON.stringify(name)}${s ? ` (did you mean ${s}?)` : ' (an input must be declared under inputs:, a value under let:, monthly:, series: or scalars:)'}; known names: ${known().join(', ')}`, columnOf(text, name));
    }
    if (b.kind === 'month' && phase !== 'month') fail(`m (the month) is only defined in series and monthly formulas`, at);
    if (b.kind === 'monthly' && phase === 'before') fail(`${name} is a monthly value; formulas under let: run before month 0 and cannot read it`, at);
    if (b.kind === 'scalar' && phase !== 'after') fail(`${name} is a scalar output, computed after the last month; only scalar formulas can read it`, at);
    names.add(name);
    return b;
  };

  const num = (node: Node, what: string): string => {
    const r = gen(node);
    if (r.type === 'bool') fail(`${what} ${show(node)} is a condition (true/false), not a number; use if(${show(node)}, 1, 0)`, node);
    if (r.type === 'array') fail(`${what} ${show(node)} is an array; use an element (${show(node)}[i]) or sum(${show(node)}), mean, min, max`, node);
    return r.code;
  };
  const cond = (node: Node, what: string): string => {
    const r = gen(node);
    if (r.type !== 'bool') fail(`${what} ${show(node)} must be a condition (a comparison such as x > 0)`, node);
    return r.code;
  };

  function gen(node: Node): { code: string; type: FormulaType } {
    switch (node.type) {
      case 'Literal': {
        const v = (node as jsep.Literal).value;
        if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${JSON.stringify(v)}: only numbers are allowed as literals`);
        return { code: `(${String(v)})`, type: 'number' };
      }
      case 'Identifier': {
        const name = (node as jsep.Identifier).name;
        const b = bind(name, node);
        switch (b.kind) {
          case 'array':
            return { code: b.code, type: 'array' };
          case 'monthly':
            if (phase === 'after') return { code: b.code, type: 'array' };
            dependsOn.add(b.node);
            return { code: b.current, type: 'number' };
          case 'let':
          case 'scalar':
            if ((b.kind === 'let' && phase === 'before') || b.kind === 'scalar') dependsOn.add(b.node);
            return { code: b.code, type: 'number' };
          default:
            return { code: b.code, type: 'number' };
        }
      }
      case 'MemberExpression': {
        const n = node as jsep.MemberExpression;
        if (!n.computed || n.object.type !== 'Identifier') fail(`${show(node)}: only an array input or a series can be indexed, as name[index]`, node);
        const name = (n.object as jsep.Identifier).name;
        const b = bind(name, n.object);
        if (b.kind === 'array') {
          const p = n.property;
          if (p.type === 'Literal' && typeof (p as jsep.Literal).value === 'number') {
            const k = (p as jsep.Literal).value as number;
            if (!(Number.isInteger(k) && k >= 0 && k < b.count)) fail(`${show(node)} is out of range: ${name} has ${b.count} elements, ${name}[0] … ${name}[${b.count - 1}]`, n.object);
            return { code: `${b.code}[${k}]`, type: 'number' };
          }
          return { code: `at(${b.code}, ${num(p, 'the index')})`, type: 'number' };
        }
        if (b.kind !== 'monthly') fail(`${name} is a single number and cannot be indexed`, n.object);
        const mb = b as Extract<NameBinding, { kind: 'monthly' }>;
        if (phase === 'after') return { code: `at(${mb.code}, ${num(n.property, 'the index')})`, type: 'number' };
        // In a month: x[m] is this month's value, x[m - k] (k a whole number ≥ 1) an earlier month's.
        const p = n.property;
        if (p.type === 'Identifier' && (p as jsep.Identifier).name === 'm') {
          dependsOn.add(mb.node);
          return { code: mb.current, type: 'number' };
        }
        if (p.type === 'BinaryExpression' && (p as jsep.BinaryExpression).operator === '-') {
          const { left, right } = p as jsep.BinaryExpression;
          const k = right.type === 'Literal' ? (right as jsep.Literal).value : undefined;
          if (left.type === 'Identifier' && (left as jsep.Identifier).name === 'm' && typeof k === 'number' && Number.isInteger(k) && k >= 1) {
            return { code: `(m >= ${k} ? ${mb.code}[m - ${k}] : NaN)`, type: 'number' };
          }
        }
        return fail(`${show(node)}: in a monthly formula a series is read as ${name} (this month) or ${name}[m - k] with a whole number k ≥ 1 (an earlier month)`, n.object);
      }
      case 'UnaryExpression': {
        const n = node as jsep.UnaryExpression;
        if (n.operator === '!') return { code: `(!${cond(n.argument, 'the operand of !')})`, type: 'bool' };
        if (n.operator === '-' || n.operator === '+') return { code: `(${n.operator}${num(n.argument, `the operand of ${n.operator}`)})`, type: 'number' };
        return fail(`operator ${n.operator} is not allowed`, node);
      }
      case 'BinaryExpression': {
        const n = node as jsep.BinaryExpression;
        const op = n.operator;
        if (op === '&&' || op === '||') return { code: `(${cond(n.left, `the left side of ${op}`)} ${op} ${cond(n.right, `the right side of ${op}`)})`, type: 'bool' };
        const l = num(n.left, `the left side of ${op}`), r = num(n.right, `the right side of ${op}`);
        if (op === '^' || op === '**') return { code: `Math.pow(${l}, ${r})`, type: 'number' };
        if (['+', '-', '*', '/', '%'].includes(op)) return { code: `(${l} ${op} ${r})`, type: 'number' };
        if (['<', '<=', '>', '>='].includes(op)) return { code: `(${l} ${op} ${r})`, type: 'bool' };
        if (op === '==' || op === '!=') return { code: `(${l} ${op}= ${r})`, type: 'bool' };
        return fail(`operator ${op} is not allowed (use + - * / % ^, comparisons, && || !)`, node);
      }
      case 'ConditionalExpression': {
        const n = node as jsep.ConditionalExpression;
        return { code: `(${cond(n.test, 'the condition')} ? ${num(n.consequent, 'the value if true,')} : ${num(n.alternate, 'the value if false,')})`, type: 'number' };
      }
      case 'CallExpression':
        return call(node as jsep.CallExpression);
      default:
        return fail(`${show(node)}: ${node.type} is not allowed in a formula (numbers, names, name[index], operators and function calls only)`, node);
    }
  }

  function call(n: jsep.CallExpression): { code: string; type: FormulaType } {
    if (n.callee.type !== 'Identifier') return fail(`${show(n)}: only the engine's functions can be called (${FUNCTION_NAMES.join(', ')})`, n);
    const f = (n.callee as jsep.Identifier).name;
    const args = n.arguments;
    const arity = (k: number) => {
      if (args.length !== k) fail(`${f}() takes ${k} argument${k === 1 ? '' : 's'}, got ${args.length}`, n);
    };
    if (Object.hasOwn(MATH1, f)) {
      arity(1);
      return { code: `${MATH1[f]}(${num(args[0], `the argument of ${f}()`)})`, type: 'number' };
    }
    if (Object.hasOwn(PROCESS_HELPERS, f)) {
      arity(PROCESS_HELPERS[f]);
      return { code: `H_${f}(${args.map((a, i) => num(a, `argument ${i + 1} of ${f}()`)).join(', ')})`, type: 'number' };
    }
    switch (f) {
      case 'pow':
        arity(2);
        return { code: `Math.pow(${num(args[0], 'the base')}, ${num(args[1], 'the exponent')})`, type: 'number' };
      case 'if':
        arity(3);
        return { code: `(${cond(args[0], 'the first argument of if()')} ? ${num(args[1], 'the second argument of if()')} : ${num(args[2], 'the third argument of if()')})`, type: 'number' };
      case 'random':
        arity(0);
        usesRandom = true;
        return { code: `t.random()`, type: 'number' };
      case 'min':
      case 'max':
      case 'sum':
      case 'mean':
      case 'count': {
        if (args.length === 1) {
          const r = gen(args[0]);
          if (r.type === 'array') return { code: f === 'count' ? `${r.code}.length` : `${f}Of(${r.code})`, type: 'number' };
          if (f === 'count' || f === 'sum' || f === 'mean') fail(`${f}() takes an array (an array input, or a series in a scalar formula); ${show(args[0])} is a single number`, n);
        }
        if (f === 'sum' || f === 'mean' || f === 'count') return fail(`${f}() takes one array, got ${args.length} arguments`, n);
        if (args.length < 2) fail(`${f}() takes an array or at least two numbers`, n);
        return { code: `Math.${f}(${args.map((a, i) => num(a, `argument ${i + 1} of ${f}()`)).join(', ')})`, type: 'number' };
      }
      default: {
        if (lookup(f) !== undefined) fail(`${f} is a value, not a function`, n);
        const s = suggest(f, FUNCTION_NAMES);
        throw new FormulaProblem(`unknown function ${f}()${s ? ` (did you mean ${s}?)` : ''}; functions: ${FUNCTION_NAMES.join(', ')}`, columnOf(text, f));
      }
    }
  }

  const r = gen(tree);
  if (r.type === 'bool') fail(`the formula is a condition (true/false); a value must be a number: use if(${text.trim()}, 1, 0)`, tree);
  if (r.type === 'array') fail(`the formula is a whole array; a value must be a number: use an element, sum(), mean(), min() or max()`, tree);
  return { code: r.code, type: r.type, dependsOn, usesRandom, names };
}
