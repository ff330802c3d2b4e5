import type { z } from 'zod';
import type { Model } from '../model/defineModel.js';
import type { RunPlan } from '../engine/runBlock.js';
import type { OutputRef } from '../engine/tasks/outputRef.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { WhatIf } from './whatIf.js';

/** A command-line option a method takes: its flag text for `forecast sensitivity --help` and its zod parser. */
export interface MethodOption {
  /** Key in the parsed flags and in SensitivityOptions (commander's camel case of the flag). */
  key: string;
  /** Commander flag text, e.g. '--rows <n>'. */
  flag: string;
  description: string;
  schema: z.ZodType;
}

/** Options every method may read (the parsed `forecast sensitivity` flags). */
export interface SensitivityOptions {
  methods: readonly string[];
  outputs?: readonly string[];
  /** Trajectories for rank, tornado and breakeven runs. */
  trajectories?: number;
  /** Rows of the Sobol design. */
  rows?: number;
  /** Morris trajectories (each k + 1 model runs). */
  morrisTrajectories?: number;
  /** With morris: the number of screened inputs Sobol decomposes ('all': every input). */
  screen?: number | 'all';
  /** Model runs to split among the chosen methods (sizes not set by their own flags). */
  budget?: number;
  /** Time a few model runs first and add the estimated duration to the size line. */
  estimateTime?: boolean;
  bootstrap?: number;
  quantiles?: [number, number];
  breakevenInput?: string;
  target?: number;
  workers?: number;
  /** Run every model evaluation on `forecast worker` processes through this Redis URL. */
  redis?: string;
  /**
   * Progress: called with a method's name as it starts, then with (name, done,
   * total) model runs (trajectories) as it goes.
   */
  onProgress?: (label: string, done?: number, total?: number) => void;
  /** Called once before anything runs, with a line stating the planned size (inputs, model runs, the flag to change it). */
  onPlan?: (line: string) => void;
  /** A new method's own options, by MethodOption.key. */
  readonly [key: string]: unknown;
}

/** What runSensitivity hands each method. */
export interface MethodContext {
  scenario: ResolvedScenario;
  model: Model;
  plan: RunPlan;
  outputs: OutputRef[];
  /** Trajectories per run (at most LIMITS.keepTrajectories). */
  trajectories: number;
  options: SensitivityOptions;
  /** The shared what-if pool (common random numbers), started on first use. */
  whatIf(): WhatIf;
  /** Reports this method's progress: `done` of `total` model runs (trajectories). */
  progress(done: number, total: number): void;
  /** The sections of the methods that ran before this one, by name (Sobol reads Morris's screening). */
  sections: Readonly<Record<string, unknown>>;
}

/**
 * How a method's size is set: the option (and flag) that sets it, the range
 * --budget may choose it from, and the method's weight in a budget's split
 * (its share is weight / the chosen methods' total weight). Methods with the
 * same key (rank, tornado and breakeven share -n) are sized together.
 */
export interface MethodSize {
  key: string;
  flag: string;
  min: number;
  max: number;
  weight: number;
}

/** What a method plans to run, for the size line printed before anything runs. */
export interface PlannedSize {
  /** Model runs (trajectories) in all; for breakeven an upper bound. */
  runs: number;
  /** e.g. 'Sobol with 2,048 rows = 98,304 model runs'. */
  text: string;
  /** The flag that changes the size, e.g. '--rows'. */
  flag: string;
  /** True when the runs are trajectories of ordinary runs (with their summaries), not single model evaluations of a design: for the time estimate. */
  wholeRuns?: boolean;
}

/**
 * One sensitivity method, SALib style: its name, its options, what it runs on
 * the workers and how it analyses the results (`run`), and what it writes to
 * sensitivity.json (the section `run` returns, under `name`), to
 * sensitivity.csv (`csvRows`), to stdout (`printed`) and to report.html's
 * Drivers section (`reportHtml`). Registered in registry.ts.
 */
export interface SensitivityMethod<Name extends string = string, Section = unknown> {
  name: Name;
  /** One line for `--method` help. */
  description: string;
  options: readonly MethodOption[];
  /** True when the method runs on the shared what-if pool (so it is closed before methods that start their own). */
  sharedPool: boolean;
  /** Checks the method's options against the scenario before anything runs; throws InputError naming the flag. */
  check?(scenario: ResolvedScenario, options: SensitivityOptions): void;
  /** The planned size of the run (model runs) with `ctx`'s options (defaults chosen from `varying`, the count of inputs that are not constants). */
  planned?(ctx: MethodContext, varying: number): PlannedSize;
  /** What sets the planned size; --budget splits its model runs among the chosen methods that have one. */
  size?: MethodSize;
  /** Runs the method; undefined when it does not apply (nothing is written). */
  run(ctx: MethodContext): Promise<Section | undefined>;
  /** sensitivity.csv rows: method, output, input, statistic, value, low, high. */
  csvRows(section: Section): unknown[][];
  /** Printed blocks (joined by blank lines), `top` inputs per output. */
  printed(section: Section, top: number): string[];
  /** This method's part of the report's Drivers section. */
  reportHtml(section: Section): string;
}

/** Identity with the name's literal type kept, so the registry can type sensitivity.json. */
export function defineMethod<Name extends string, Section>(m: SensitivityMethod<Name, Section>): SensitivityMethod<Name, Section> {
  return m;
}

/** A number for the printed tables: 3 significant digits, 'n/a' when missing, '≈0 (n.s.)' when flagged. */
export const num = (x: number | null | undefined, zero = false): string => (zero ? '≈0 (n.s.)' : x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Number(x.toPrecision(3)).toString());

/** A whole number with thousands separators, as the size line prints it. */
export const count = (x: number): string => x.toLocaleString('en-US');

/**
 * The note for an output that is 0 or 1 in every trajectory: a claim that
 * always holds or always fails at this many trajectories has too little
 * variance to rank drivers by (rank and tornado; Sobol's own note, kept in
 * sensitivity.json, says the same for a claim with fewer than 30 hits).
 */
export function indicatorNote(label: string, trajectories: number, perVariant = false): string {
  return `${label}: the claim is 0 or 1 in every one of ${trajectories.toLocaleString('en-US')} trajectories${perVariant ? ' of every variant' : ''}, so it has too little variance to rank drivers by; decompose the output it thresholds instead (--output series@month or a scalar).`;
}
