import { ModelError } from '../model/modelError.js';
import { InputError, ModelFailure } from '../errors.js';

/** The CLI's exit codes (the README has the table). */
export const EXIT = {
  ok: 0,
  /** An unexpected internal failure (a bug). */
  internal: 1,
  /** Bad input: scenario file, flag, model file, or command-line usage. */
  usage: 2,
  /** The model threw while simulating a trajectory, ran past --block-timeout, or killed its worker (exit, out of memory). */
  model: 3,
  /** `forecast audit` found a claim decided by construction or an identity of the inputs that its scenario does not label. */
  findings: 4,
  /** Interrupted (SIGINT or SIGTERM): a partial result and a checkpoint were written; resume with --resume. */
  interrupted: 130,
} as const;

export function exitCodeFor(e: unknown): number {
  if (e instanceof InputError) return EXIT.usage;
  if (e instanceof ModelError || e instanceof ModelFailure) return EXIT.model;
  return EXIT.internal;
}
