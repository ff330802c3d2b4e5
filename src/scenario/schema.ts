import { z } from 'zod';
import { distributionSchemaWith } from '../distributions/registry.js';
import { LIMITS } from '../limits.js';
import { SAMPLER_NAMES } from '../sampling/registry.js';
import { correlationsSchema } from '../sampling/correlationSpec.js';
import { formulaModelSchema } from '../model/formula/formulaSchema.js';

/** The quantiles reported for every band unless a scenario says otherwise. */
export const DEFAULT_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _; not starting with a digit)')
  .refine((n) => n !== '__proto__', 'is reserved (__proto__ cannot name an input)');

/** True for a real calendar date YYYY-MM or YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}
const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"');

/** One input: a distribution plus its unit, source and one line of rationale. */
export const inputSchema = distributionSchemaWith({
  unit: z.string().min(1),
  source: z.string().min(1),
  rationale: z.string().min(1),
});

const threshold = {
  below: z.number().optional(),
  above: z.number().optional(),
  between: z.tuple([z.number(), z.number()]).optional(),
};

/**
 * A claim, structured (never free code). Exactly one form:
 * - `scalar: x` with a threshold (`below`, `above`, `between`);
 * - `series: s, at: m` with a threshold: the value at month m;
 * - `series: s, by: m` with a threshold: first passage, true when the
 *   threshold holds in some month ≤ m (also yields the first-month distribution);
 * - `all: [ids]` / `any: [ids]` of other claims (Kleene logic on undefined).
 * `given: id` makes any form conditional on another claim.
 * `below`/`above` are strict, `between` closed, `at`/`by` inclusive.
 */
export const claimSchema = z
  .strictObject({
    id,
    statement: z.string().min(1),
    scalar: z.string().optional(),
    series: z.string().optional(),
    at: z.number().int().min(0).optional(),
    by: z.number().int().min(0).optional(),
    ...threshold,
    all: z.array(id).min(1).optional(),
    any: z.array(id).min(1).optional(),
    given: id.optional(),
    /**
     * Not a forecast: `construction` (the model's structure decides it; its
     * indicator never varies over the inputs' ranges) or `identity` (one input
     * decides it: a check of the claim's arithmetic). `forecast audit` finds
     * such claims; the scorecard prints labelled claims apart from forecasts.
     */
    label: z.enum(['construction', 'identity']).optional(),
  })
  .superRefine((c, ctx) => {
    const forms = [c.scalar !== undefined, c.series !== undefined, c.all !== undefined, c.any !== undefined].filter(Boolean).length;
    if (forms !== 1) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of scalar, series, all, any', path: [] });
      return;
    }
    const thresholds = [c.below, c.above, c.between].filter((t) => t !== undefined).length;
    const isThreshold = c.scalar !== undefined || c.series !== undefined;
    if (isThreshold && thresholds !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one of below, above, between', path: [] });
    if (!isThreshold && thresholds > 0) ctx.addIssue({ code: 'custom', message: 'all/any claims take no threshold', path: [] });
    if (c.between && !(c.between[0] <= c.between[1])) ctx.addIssue({ code: 'custom', message: 'between must be [low, high] with low ≤ high', path: ['between'] });
    if (c.series !== undefined && (c.at === undefined) === (c.by === undefined)) ctx.addIssue({ code: 'custom', message: 'a series claim needs exactly one of at (value at a month) or by (first passage)', path: [] });
    if (c.series === undefined && (c.at !== undefined || c.by !== undefined)) ctx.addIssue({ code: 'custom', message: 'at/by apply to series claims only', path: [c.at !== undefined ? 'at' : 'by'] });
  });

/** A scenario file after `extends` has been merged (what the engine validates). */
export const scenarioSchema = z.strictObject({
  name: id.optional(),
  description: z.string().optional(),
  model: z.union([z.string().min(1), formulaModelSchema]).describe('A built-in model name, a .js/.mjs/.ts model file, or a formula model written inline (let, monthly, series, scalars)'),
  provenance: z.enum(['required', 'optional']).optional().describe('optional: inputs may omit source and rationale for now (a warning lists them); shipped scenarios keep them required'),
  start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, 'must be a date YYYY-MM or YYYY-MM-DD').refine((s) => !/^\d{4}-\d{2}(-\d{2})?$/.test(s) || isCalendarDate(s), 'is not a date in the calendar'),
  horizon: z.number().int().min(0).max(LIMITS.horizon),
  trajectories: z.number().int().min(1).max(LIMITS.trajectories),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  sampler: z.enum(SAMPLER_NAMES).default('mc'),
  correlations: correlationsSchema.optional(),
  precision: z.number().gt(0).lt(0.5).optional(),
  quantiles: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .max(99)
    .refine((qs) => qs.every((q, i) => i === 0 || q > qs[i - 1]), 'must be strictly increasing')
    .default(DEFAULT_QUANTILES),
  inputs: z.record(name, inputSchema).refine((r) => Object.keys(r).length <= LIMITS.inputs, `at most ${LIMITS.inputs} inputs`),
  claims: z.array(claimSchema).max(LIMITS.claims).default([]),
});

/** The scenario file as written, before `extends` is merged (for editors' JSON Schema). */
export const scenarioFileSchema = scenarioSchema.partial().extend({
  inputs: z
    .record(name, z.union([inputSchema, z.looseObject({ count: z.number().int().min(1), dist: z.string() }), z.looseObject({ items: z.array(z.looseObject({ dist: z.string() })) })]))
    .optional()
    .describe('Inputs: a distribution each, or an array input: {count: n, dist, parameters as lists or single values} or {items: [distributions]}'),
  extends: z.string().optional().describe('Path of a scenario this one inherits (relative to this file)'),
  inputLibrary: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('Input library file(s): mappings of input name to input; the model inputs this scenario does not define are taken from them'),
});

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type ClaimSpec = z.infer<typeof claimSchema>;
export type InputSpec = z.infer<typeof inputSchema>;
