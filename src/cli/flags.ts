import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { InputError } from '../errors.js';
import { fromZod } from '../scenario/zodIssues.js';
import { SAMPLER_NAMES } from '../sampling/registry.js';
import { decimal, wholeNumber } from '../scenario/wholeNumber.js';
import { defaultWorkers } from '../engine/run.js';
import { BLOCK_SIZE } from '../engine/blockSize.js';

/**
 * Warns (on stderr) when --workers asks for more threads than this machine
 * has cores, saying how many threads run: one per worker, but never more than
 * the run has blocks. Returns the warning (or null) for tests.
 */
export function warnAboutWorkers(workers: number | undefined, write: (s: string) => void = (s) => process.stderr.write(s)): string | null {
  const cores = defaultWorkers();
  if (workers === undefined || workers <= cores) return null;
  const w = `warning: --workers ${workers} is more than the ${cores} core${cores === 1 ? '' : 's'} this process may use: ${workers} worker threads will run (fewer if the run has fewer blocks of ${BLOCK_SIZE.toLocaleString('en-US')} trajectories) and share ${cores} core${cores === 1 ? '' : 's'}, which is no faster than --workers ${cores}\n`;
  write(w);
  return w;
}

export { decimal, wholeNumber };

/**
 * Validates a command's raw flags with its schema: an InputError naming each
 * bad flag (`--name`) and value, else the parsed flags; warns when --workers
 * asks for more threads than there are cores. Shared by every command but run
 * (whose flags map some names, see parseRunFlags).
 */
export function parseFlags<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.infer<S> {
  const r = schema.safeParse(raw);
  // The flag as typed: commander's camel-case key back in kebab case (morrisTrajectories → --morris-trajectories).
  if (!r.success) throw new InputError('invalid command-line flag:', fromZod(r.error, raw).map((i) => ({ ...i, path: `--${i.path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` })));
  warnAboutWorkers((r.data as { workers?: number }).workers);
  return r.data;
}

/** The flags `forecast rare` and `forecast discover` share: the claim, the scenario's variations and where the analysis goes. */
export const claimAnalysisFlags = {
  claim: z.string().min(1),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: wholeNumber(0, 1024).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
  json: z.boolean().default(false),
};

/** The flags of `forecast run`, validated at the edge. */
export const runFlagsSchema = z.object({
  trajectories: wholeNumber(1, LIMITS.trajectories).optional(),
  seed: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  workers: wholeNumber(0, 1024).optional(),
  keepTrajectories: wholeNumber(0, LIMITS.keepTrajectories).optional(),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  force: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  report: z.boolean().default(true),
  sampler: z.enum(SAMPLER_NAMES, { error: `must be one of ${SAMPLER_NAMES.join(', ')}` }).optional(),
  precision: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'must be a number' }).gt(0, 'must be greater than 0').lt(0.5, 'must be below 0.5')).optional(),
  precisionClaims: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v), z.array(z.string()).min(1)).optional(),
  maxTrajectories: wholeNumber(1, LIMITS.trajectories).optional(),
  rare: wholeNumber(1000, 10_000_000).optional(),
  repair: z.boolean().default(false),
  resume: z.string().optional(),
  redis: z.string().optional(),
  checkpoint: z.boolean().optional(),
  /** Seconds a block may run on a worker thread before the run fails naming it (exit 3). */
  blockTimeout: wholeNumber(1, 7 * 24 * 3600).default(600),
  /** Seconds to keep trying to reach Redis (at the start, and when the connection drops) before giving up. */
  redisTimeout: wholeNumber(1, 24 * 3600).default(60),
});
export type RunFlags = z.infer<typeof runFlagsSchema>;

const FLAG_NAMES: Record<string, string> = {
  trajectories: '--trajectories',
  seed: '--seed',
  workers: '--workers',
  keepTrajectories: '--keep-trajectories',
  precisionClaims: '--precision-claims',
  maxTrajectories: '--max-trajectories',
  blockTimeout: '--block-timeout',
  redisTimeout: '--redis-timeout',
};

/** Validates raw flags; throws InputError naming the flag and value. */
export function parseRunFlags(raw: Record<string, unknown>): RunFlags {
  const r = runFlagsSchema.safeParse(raw);
  if (r.success) {
    warnAboutWorkers(r.data.workers);
    if (r.data.maxTrajectories !== undefined && r.data.precision === undefined) {
      throw new InputError('invalid command-line flag:', [{ path: '--max-trajectories', value: String(raw.maxTrajectories), message: 'applies only with --precision (otherwise use --trajectories)' }]);
    }
    return r.data;
  }
  const issues = fromZod(r.error, raw).map((i) => ({ ...i, path: FLAG_NAMES[i.path] ?? `--${i.path}` }));
  throw new InputError('invalid command-line flag:', issues);
}

