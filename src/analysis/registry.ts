/**
 * The sensitivity methods. `forecast sensitivity`'s --method list and flags,
 * sensitivity.json's sections, sensitivity.csv's rows, the printed summary and
 * the report's Drivers section all come from here.
 *
 * To add a method: copy methods/breakeven.ts (the smallest; methods/rank.ts for
 * one that reads kept trajectory rows, methods/morris.ts for one with its own
 * worker task on the shared pool, methods/sobolIndices.ts for one with its own
 * pool) to methods/<name>.ts, and add it to METHODS below. A `size` lets
 * --budget size it.
 */
import { breakeven } from './methods/breakeven.js';
import { morris } from './methods/morris.js';
import { rank } from './methods/rank.js';
import { sobol } from './methods/sobolIndices.js';
import { tornado } from './methods/tornado.js';
import type { SensitivityMethod } from './sensitivityMethod.js';

/** In run order, which is also the order of sections in sensitivity.json and of the printed summary. */
export const METHODS = [morris, rank, tornado, breakeven, sobol] as const;

/** The order of sensitivity.csv's rows and of the Drivers section (kept as before the registry for the older methods, so their files keep their bytes; the screening first). */
export const CSV_ORDER: readonly MethodName[] = ['morris', 'sobol', 'rank', 'tornado', 'breakeven'];
export const REPORT_ORDER: readonly MethodName[] = ['morris', 'tornado', 'rank', 'breakeven', 'sobol'];

type Method = (typeof METHODS)[number];
export type MethodName = Method['name'];
type SectionOf<M> = M extends SensitivityMethod<string, infer S> ? S : never;

export const SENSITIVITY_METHODS: readonly MethodName[] = METHODS.map((m) => m.name);

/** The methods run without --method: the Morris screening, then Sobol on the inputs it ranks first. */
export const DEFAULT_METHODS = 'morris,sobol';

/** The methods with their sections untyped: for code that runs or writes any of them. */
export const ALL_METHODS = METHODS as unknown as readonly SensitivityMethod[];

/** The method registered under `name`, if any. */
export function methodNamed(name: string): SensitivityMethod | undefined {
  return ALL_METHODS.find((m) => m.name === name);
}

/** sensitivity.json: a head, then one section per method run, under its name. */
export type SensitivityReport = {
  schemaVersion: 2;
  scenario: { name: string; model: string; sha256: string; seed: number };
  engineVersion: string;
  methods: string[];
  outputs: string[];
} & { [M in Method as M['name']]?: SectionOf<M> };

/** Each method's section of `report` with its method, in `order`. */
export function sectionsOf(report: SensitivityReport, order: readonly string[]): Array<{ method: SensitivityMethod; section: unknown }> {
  const out: Array<{ method: SensitivityMethod; section: unknown }> = [];
  for (const name of order) {
    const section = (report as Record<string, unknown>)[name];
    const method = methodNamed(name);
    if (method && section !== undefined) out.push({ method, section });
  }
  return out;
}

/** sensitivity.csv's rows, method by method in CSV_ORDER. */
export function sensitivityCsvRows(report: SensitivityReport): unknown[][] {
  return sectionsOf(report, CSV_ORDER).flatMap(({ method, section }) => method.csvRows(section));
}

/** The printed summary of a sensitivity report: each method's blocks in run order, separated by blank lines. */
export function printedSummary(report: SensitivityReport, top: number): string {
  return sectionsOf(report, SENSITIVITY_METHODS).flatMap(({ method, section }) => method.printed(section, top)).join('\n\n');
}

/** The report's Drivers section body: each method's part in REPORT_ORDER. */
export function driversHtml(report: SensitivityReport): string {
  return sectionsOf(report, REPORT_ORDER).map(({ method, section }) => method.reportHtml(section)).join('\n');
}
