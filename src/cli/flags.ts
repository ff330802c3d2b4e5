import { z } from 'zod';
import { LIMITS } from '../scenario/limits.js';
import { InputError, fromZod } from '../scenario/inputError.js';

/** A whole number from a flag: accepts 1000000, 1_000_000 and 1e6. */
const count = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? Number(v.replace(/_/g, '')) : v),
    z.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max),
  );

/** The flags of `forecast run`, validated at the edge. */
export const runFlagsSchema = z.object({
  trajectories: count(1, LIMITS.trajectories).optional(),
  seed: count(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: count(0, 1024).optional(),
  keepTrajectories: count(0, LIMITS.keepTrajectories).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  report: z.boolean().default(true),
});
export type RunFlags = z.infer<typeof runFlagsSchema>;

const FLAG_NAMES: Record<string, string> = {
  trajectories: '--trajectories',
  seed: '--seed',
  workers: '--workers',
  keepTrajectories: '--keep-trajectories',
};

/** Validates raw flags; throws InputError naming the flag and value. */
export function parseRunFlags(raw: Record<string, unknown>): RunFlags {
  const r = runFlagsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issues = fromZod(r.error, raw).map((i) => ({ ...i, path: FLAG_NAMES[i.path] ?? `--${i.path}` }));
  throw new InputError('invalid command-line flag:', issues);
}
