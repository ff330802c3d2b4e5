/**
 * The library's analysis functions: what `forecast sensitivity`, `compare` and
 * `sweep` do, for a scenario file or scenario data, returning typed results
 * and writing nothing. Each accepts a model object (from defineModel) in place
 * of the scenario's `model:` field; such a model runs on the calling thread.
 */
import type { Model } from './model/defineModel.js';
import { InputError } from './errors.js';
import { resolveScenarioSource, type ScenarioSource } from './scenario/resolve.js';
import { runSensitivity, SENSITIVITY_METHODS, type SensitivityReport } from './analysis/runSensitivity.js';
import type { MethodName as SensitivityMethod } from './analysis/registry.js';
import { compareScenarios, type Comparison, type ClaimComparison } from './analysis/compare.js';
import { sweep as sweepScenario, type SweepRow } from './analysis/sweep.js';

/** Options every analysis takes. */
export interface CommonOptions {
  /** Use this model instead of the scenario's `model:` (runs on the calling thread). */
  model?: Model;
  /** Override inputs, as `forecast --set` does: `name=value` or `name={dist: ..., ...}`. */
  set?: readonly string[];
  seed?: number;
  /** Worker threads (0: the calling thread). Default: every core. */
  workers?: number;
}

/** Resolves a scenario given as a file path or as data, with the common options. */
function resolveScenario(source: ScenarioSource, o: CommonOptions & { trajectories?: number }) {
  return resolveScenarioSource(source, { set: o.set, seed: o.seed, trajectories: o.trajectories, model: o.model });
}

/** Options of sensitivity(). */
export interface SensitivityOptions extends CommonOptions {
  /** Methods to run, in order (default ['rank']): Morris screening, rank correlations and PRCC, tornado, Sobol indices, breakeven. */
  methods?: readonly SensitivityMethod[];
  /** Outputs to explain: claim ids, scalars, or `series@month` (default: every claim and scalar). */
  outputs?: readonly string[];
  /** Trajectories for rank, tornado and breakeven (default 10,000). */
  trajectories?: number;
  /** Rows of the Sobol (Saltelli) design (default 4,096; after morris, a power of 2 near 16,384 / (screened inputs + 2), from 512 to 4,096; the model runs rows × (inputs + 2) times). */
  rows?: number;
  /** Morris trajectories (default 2,000 / (inputs + 1), from 20 to 100; the model runs trajectories × (inputs + 1) times). */
  morrisTrajectories?: number;
  /** With 'morris' and 'sobol': Sobol on this many inputs Morris ranks first, the others at their medians ('all': every input; default every input up to 10, else a fifth of them, from 10 to 20). */
  screen?: number | 'all';
  /** Model runs to split among the methods whose size is not set above (default: sizes chosen from the number of inputs). */
  budget?: number;
  /** Bootstrap resamples for the Sobol intervals (default 100). */
  bootstrap?: number;
  /** Tornado swing as quantiles of each input (default [0.1, 0.9]). */
  quantiles?: [number, number];
  /** Breakeven: the input to search over, and the value of the first output to cross (default 0.5). */
  breakevenInput?: string;
  target?: number;
}

/**
 * Which inputs decide each claim and output (sensitivity.json's content).
 *
 * @example
 * const report = await sensitivity('config/examples/demo-growth.yaml', { methods: ['rank'], trajectories: 5_000 });
 * report.rank!.outputs[0].results[0].input // the input that matters most for the first output
 */
export async function sensitivity(source: ScenarioSource, o: SensitivityOptions = {}): Promise<SensitivityReport> {
  const methods = o.methods ?? ['rank'];
  for (const m of methods) if (!SENSITIVITY_METHODS.includes(m)) throw new InputError(`sensitivity: unknown method ${JSON.stringify(m)} (methods: ${SENSITIVITY_METHODS.join(', ')})`);
  const { scenario, model } = await resolveScenario(source, o);
  return runSensitivity(scenario, model, {
    methods,
    outputs: o.outputs,
    trajectories: o.trajectories,
    rows: o.rows,
    morrisTrajectories: o.morrisTrajectories,
    screen: o.screen,
    budget: o.budget,
    bootstrap: o.bootstrap,
    quantiles: o.quantiles,
    breakevenInput: o.breakevenInput,
    target: o.target,
    workers: o.model ? 0 : o.workers,
  });
}

/** Options of compare(). */
export interface CompareOptions extends CommonOptions {
  /** Paired trajectories (default 20,000; at most 100,000). */
  trajectories?: number;
  /** Overrides that make B from A when B is omitted (A is then run as written). */
  setB?: readonly string[];
}
export type { Comparison, ClaimComparison, SensitivityReport, SensitivityMethod, SweepRow };

/**
 * Two scenarios with common random numbers: each claim they share (by id) in
 * both, and a 95% interval of the paired difference. B may be omitted and made
 * from A with `setB`. An error when they share no claim.
 *
 * @example
 * const c = await compare('config/examples/demo-growth.yaml', undefined, { setB: ['shockSize=0.3'], trajectories: 10_000 });
 * c.claims[0].difference // P(A) − P(B)
 */
export async function compare(a: ScenarioSource, b: ScenarioSource | undefined, o: CompareOptions = {}): Promise<Comparison> {
  if (b === undefined && (o.setB ?? []).length === 0) throw new InputError('compare needs a second scenario, or setB overrides that turn the first into the second');
  const ra = await resolveScenario(a, o);
  const rb = await resolveScenario(b ?? a, { ...o, seed: o.seed ?? ra.scenario.seed, set: [...(o.set ?? []), ...(o.setB ?? [])] });
  if (!ra.scenario.claims.some((c) => rb.scenario.claims.some((d) => d.id === c.id))) {
    throw new InputError(`compare: ${ra.scenario.name} and ${rb.scenario.name} share no claim, so there is nothing to compare (claims are matched by id)`);
  }
  return compareScenarios(ra, rb, o.trajectories ?? 20_000, o.model ? 0 : o.workers);
}

/** Options of sweep(). */
export interface SweepOptions extends CommonOptions {
  /** The input to pin, and the values to pin it at. */
  input: string;
  values: readonly number[];
  /** Trajectories per value (default 20,000). */
  trajectories?: number;
}

/** sweep()'s result: every claim's probability at each pinned value. */
export interface SweepResult {
  input: string;
  trajectories: number;
  seed: number;
  rows: SweepRow[];
}

/**
 * Every claim's probability with one input pinned at each value (common
 * random numbers: the other inputs and events keep their draws).
 *
 * @example
 * const s = await sweep('config/examples/demo-growth.yaml', { input: 'shockSize', values: [0.05, 0.1, 0.2], trajectories: 5_000 });
 * s.rows.map((r) => r.claims[0].probability)
 */
export async function sweep(source: ScenarioSource, o: SweepOptions): Promise<SweepResult> {
  const { scenario, model } = await resolveScenario(source, o);
  if (!Object.hasOwn(scenario.inputs, o.input)) throw new InputError(`sweep: no input named ${JSON.stringify(o.input)} (inputs: ${Object.keys(scenario.inputs).join(', ')})`);
  if (!Array.isArray(o.values) || o.values.length === 0 || o.values.some((v) => !Number.isFinite(v))) throw new InputError('sweep: values must be a non-empty list of finite numbers');
  const trajectories = o.trajectories ?? 20_000;
  const rows = await sweepScenario(scenario, model, o.input, o.values, trajectories, o.model ? 0 : o.workers);
  return { input: o.input, trajectories, seed: scenario.seed, rows };
}
