import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { SAMPLER_NAMES } from '../sampling/registry.js';
import { scenarioHash, type ResolvedScenario } from './resolve.js';
import { claimSchema, inputSchema } from './schema.js';
import { fromZod } from './zodIssues.js';
import { formulaModelSchema } from '../model/formula/formulaSchema.js';

/** The file a run folder keeps its resolved scenario and run options in. */
export const RUN_SPEC_FILE = 'scenario.json';

const modelRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('builtin'), name: z.string().min(1) }),
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1), source: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.strictObject({
    kind: z.literal('formula'),
    spec: formulaModelSchema,
    inputs: z.record(z.string(), z.strictObject({ unit: z.string(), count: z.number().int().min(1).optional() })),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
]);

/** A resolved scenario as a run folder stores it (validated when read back, never cast). */
export const resolvedScenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  file: z.string(),
  model: modelRefSchema,
  modelName: z.string().min(1),
  start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/),
  horizon: z.number().int().min(0).max(LIMITS.horizon),
  trajectories: z.number().int().min(1).max(LIMITS.trajectories),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sampler: z.enum(SAMPLER_NAMES),
  correlations: z.array(z.strictObject({ a: z.string(), b: z.string(), rho: z.number().min(-1).max(1) })),
  precision: z.number().gt(0).lt(0.5).nullable(),
  quantiles: z.array(z.number().gt(0).lt(1)).min(1),
  inputs: z.record(z.string(), inputSchema),
  claims: z.array(claimSchema),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What a run folder keeps to be resumed or replayed: the resolved scenario and the options that shape the result. */
export const runSpecSchema = z.strictObject({
  scenario: resolvedScenarioSchema,
  keepTrajectories: z.number().int().min(0).max(LIMITS.keepTrajectories),
  precisionClaims: z.array(z.string()).optional(),
});

export interface RunSpec {
  scenario: ResolvedScenario;
  keepTrajectories: number;
  precisionClaims?: string[];
}

/**
 * Reads a run folder's scenario.json: parsed with its schema, and the
 * scenario's hash recomputed from its content (a hand-edited or corrupted
 * file is refused, never trusted). The scenario object is the one read from
 * disk (zod only validates it), so key order, and with it every byte the
 * resumed run writes, is what the original run wrote.
 */
export function readRunSpec(dir: string, what: string): RunSpec {
  const file = path.join(dir, RUN_SPEC_FILE);
  if (!existsSync(file)) throw new InputError(`${what} ${dir}: not a run folder (no ${RUN_SPEC_FILE})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}); the run folder is damaged`);
  }
  const parsed = runSpecSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${file} is damaged:`, fromZod(parsed.error, raw));
  const spec = raw as RunSpec; // validated above; the raw object keeps the original key order
  const recomputed = scenarioHash(spec.scenario);
  if (recomputed !== spec.scenario.sha256) {
    throw new InputError(`${file} was changed after the run started: its content hashes to ${recomputed.slice(0, 12)}, not the recorded ${spec.scenario.sha256.slice(0, 12)}; start a new run instead`);
  }
  return spec;
}
