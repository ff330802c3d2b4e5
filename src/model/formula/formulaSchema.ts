/**
 * The zod schema of a formula model written inline in a scenario, apart from
 * formulaModel.ts so that worker threads, which compile a spec already parsed
 * on the main thread, never load zod (~40 ms per thread).
 */
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _; not starting with a digit)');
const formula = z.union([z.string().min(1), z.number()]);

/** `model:` written inline in a scenario: named formulas. */
export const formulaModelSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"').default('formula-model'),
  description: z.string().default(''),
  /** Values computed once per trajectory before month 0 (not outputs). */
  let: z.record(identifier, formula).default({}),
  /** Per-month working values, readable as x (this month) or x[m - 1] (not outputs). */
  monthly: z.record(identifier, formula).default({}),
  /** Output series, one value per month m = 0 … H. */
  series: z
    .record(identifier, z.strictObject({ unit: z.string().min(1), formula, description: z.string().optional(), logScale: z.boolean().optional() }, { error: (i) => (i.code === 'invalid_type' ? 'an output series is {unit: ..., formula: ...} (outputs carry a unit)' : undefined) }))
    .default({}),
  /** Output scalars, computed after the last month (they may read any month of a series, and sum/mean/min/max of one). */
  scalars: z
    .record(identifier, z.strictObject({ unit: z.string().min(1), formula, description: z.string().optional() }, { error: (i) => (i.code === 'invalid_type' ? 'an output scalar is {unit: ..., formula: ...} (outputs carry a unit)' : undefined) }))
    .default({}),
});
export type FormulaModelSpec = z.infer<typeof formulaModelSchema>;
