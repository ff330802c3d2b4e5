import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Timeouts and waits for tests that start real processes. Nothing here waits a
 * fixed time for something to happen: every wait polls for an observed fact (a
 * file written, a log line, a process's exit), so a machine five times slower
 * than usual only makes the tests slower, never wrong.
 */

/** The timeout of every test or hook that starts a process: generous, as a loaded machine is several times slower. */
export const SPAWN_TIMEOUT = 300_000;

/**
 * A hang guard for spawnSync (which blocks the event loop, so vitest's own
 * timeout cannot fire while it runs): a child still running after this is killed.
 * It bounds a hang; it is no estimate of how long a run takes.
 */
export const HANG_GUARD = SPAWN_TIMEOUT;

/** Resolves with the exit code (or 128 + signal number style 137 for SIGKILL, else null) once the process has exited. */
export function exited(c: ChildProcess): Promise<number | null> {
  const code = (): number | null => c.exitCode ?? (c.signalCode === 'SIGKILL' ? 137 : null);
  return new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve(code());
    else c.once('exit', () => resolve(code()));
  });
}

/** Whether the process has exited. */
export const hasExited = (c: ChildProcess): boolean => c.exitCode !== null || c.signalCode !== null;

/**
 * Polls `check` until it returns a value other than undefined/false and
 * resolves with it. When `child` is given and exits first, resolves with
 * undefined (the caller decides whether that is a failure). No deadline: the
 * test's timeout bounds the wait.
 */
export async function waitFor<T>(check: () => T | undefined | false, child?: ChildProcess, pollMs = 10): Promise<T | undefined> {
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (child && hasExited(child)) {
      const last = check(); // the fact may have appeared just before the exit
      return last === undefined || last === false ? undefined : last;
    }
    await new Promise((r) => setTimeout(r, pollMs)); // a poll interval, not a guess at how long anything takes
  }
}

/** The next block a run folder's checkpoint.bin says is due (its JSON header), or undefined when none is written yet. */
export function checkpointNextBlock(dir: string): number | undefined {
  const file = path.join(dir, 'checkpoint.bin');
  if (!existsSync(file)) return undefined;
  try {
    const buf = readFileSync(file); // written atomically (rename), so never half a file
    const magic = 'FCKP1\n'.length;
    const n = Number(buf.readBigUInt64LE(magic));
    return (JSON.parse(buf.subarray(magic + 8, magic + 8 + n).toString('utf8')) as { nextBlock: number }).nextBlock;
  } catch {
    return undefined; // removed between the check and the read (the run finished)
  }
}
