/**
 * The error classes every layer uses: InputError (bad input from a user: exit 2)
 * and ModelError (a model threw: exit 3).
 */
/**
 * Brands that make `instanceof InputError` and `instanceof ModelError` hold
 * across two copies of the engine in one thread: worker threads run the
 * bundled engine (dist/workers/bundle/), while a model file imports the
 * package's own modules, so a ModelError a model throws comes from the other
 * copy's class. Symbol.for gives both copies the same brand. Subclasses
 * (RedisUnavailable) keep the ordinary prototype check.
 */
const INPUT_ERROR = Symbol.for('forecast-engine.InputError');
const MODEL_ERROR = Symbol.for('forecast-engine.ModelError');

function branded(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

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
  static [Symbol.hasInstance](value: unknown): boolean {
    return this === InputError ? branded(value, INPUT_ERROR) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
  constructor(
    readonly summary: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(issues.length === 0 ? summary : `${summary}\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'InputError';
    Object.defineProperty(this, INPUT_ERROR, { value: true });
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
    // Too deep to print (a stack overflow), or a value that refuses to be printed.
    try {
      s = Array.isArray(value) ? `a list of ${value.length}` : String(value);
    } catch {
      s = `(${typeof value})`;
    }
  }
  if (typeof value === 'number' && !Number.isFinite(value)) s = String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Where and with what inputs a model threw, so the case can be replayed. */
export interface ModelErrorDetails {
  scenario: string;
  model: string;
  block: number;
  trajectory: number;
  inputs: Record<string, number>;
  message: string;
}

/** A model threw while simulating a trajectory. */
export class ModelError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return this === ModelError ? branded(value, MODEL_ERROR) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
  /** `note`: what the caller did about it (kept work, how to replay), printed after the inputs. */
  constructor(readonly details: ModelErrorDetails, note?: string) {
    const inputs = Object.entries(details.inputs).map(([k, v]) => `${k}=${v}`).join(', ');
    super(
      `model ${details.model} threw in scenario ${details.scenario}, block ${details.block}, trajectory ${details.trajectory}: ${details.message}\n  inputs: ${inputs}${note ? `\n  ${note}` : ''}`,
    );
    this.name = 'ModelError';
    Object.defineProperty(this, MODEL_ERROR, { value: true });
  }
}

/**
 * The model failed without throwing: its block ran past --block-timeout (an
 * endless loop), or the worker thread running it died again and again
 * (process.exit, out of memory). Exit 3, like a model that throws.
 */
export class ModelFailure extends Error {
  constructor(message: string, readonly block: number) {
    super(message);
    this.name = 'ModelFailure';
  }
}
