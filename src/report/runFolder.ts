import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';
import { MANIFEST_FILE, readManifest, writeError, writeManifest } from '../io/writeFileAtomic.js';

export { MANIFEST_FILE } from '../io/writeFileAtomic.js';

/** The lock file a command holds on a run folder while it writes there. */
export const LOCK_FILE = '.forecast-lock';

/** A temporary file writeFileAtomic leaves only if killed mid-write: `.name.<pid>.tmp`. */
const TEMP_FILE = /(^|\/)\.[^/]+\.\d+\.tmp$/;

/**
 * Prepares a run folder: creates it (with an empty manifest) and takes its
 * lock. A folder that exists and is not empty is refused unless `force`; then
 * only the files forecast wrote there (those its manifest lists) are removed,
 * and a folder that holds anything else, holds `.git`, or is `/` or the home
 * folder is refused, so `--force` never deletes a user's own files.
 */
export function prepareRunFolder(dir: string, force: boolean): void {
  dir = path.resolve(dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`--out ${dir} is a file, not a folder; choose a folder for the run`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(dir, e);
  }
  lockRunFolder(dir);
  const entries = readdirSync(dir).filter((f) => f !== LOCK_FILE);
  if (entries.length === 0 || (entries.length === 1 && entries[0] === MANIFEST_FILE && readManifest(dir).length === 0)) {
    writeManifest(dir, []);
    return;
  }
  if (!force) throw new InputError(`run folder ${dir} already exists and is not empty; choose another --out or pass --force to overwrite it`);
  removeRunFiles(dir);
  writeManifest(dir, []);
}

/**
 * `--force`: removes the files a run folder's manifest lists (then the
 * folders they leave empty), after checking that the folder holds nothing
 * else. Refuses `/`, the home folder, a folder with `.git`, a folder without
 * a manifest, and one holding any file forecast did not write.
 */
export function removeRunFiles(dir: string): void {
  const refuse = (why: string): InputError =>
    new InputError(`--force refused: ${dir} ${why}. --force removes only the files forecast wrote into a run folder; choose another --out, or remove the folder yourself`);
  if (dir === path.parse(dir).root) throw refuse('is the root folder');
  if (dir === path.resolve(os.homedir())) throw refuse('is your home folder');
  if (existsSync(path.join(dir, '.git'))) throw refuse('holds .git (it looks like a project folder)');
  if (!existsSync(path.join(dir, MANIFEST_FILE))) throw refuse(`is not a run folder (it has no ${MANIFEST_FILE} list of the files forecast wrote there)`);
  const listed = new Set(readManifest(dir));
  const foreign: string[] = [];
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = (rel: string, depth: number): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel === '' ? name : `${rel}/${name}`;
      if (r === MANIFEST_FILE || r === LOCK_FILE) continue;
      const st = lstatSync(path.join(dir, r));
      if (st.isDirectory() && !st.isSymbolicLink()) {
        if (depth >= 4) foreign.push(`${r}/`);
        else {
          walk(r, depth + 1);
          dirs.push(r);
        }
      } else if (listed.has(r) || TEMP_FILE.test(r)) files.push(r);
      else foreign.push(r);
    }
  };
  walk('', 0);
  if (foreign.length > 0) {
    throw refuse(`holds files forecast did not write: ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ` and ${foreign.length - 5} more` : ''}`);
  }
  try {
    for (const f of files) rmSync(path.join(dir, f), { force: true });
    // Deepest first; a folder forecast did not fill stays (rmdir refuses a non-empty one).
    for (const d of dirs.reverse()) {
      try {
        rmdirSync(path.join(dir, d));
      } catch {
        /* not empty: keep it */
      }
    }
  } catch (e) {
    throw writeError(dir, e);
  }
}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

const held = new Set<string>();
let exitHook = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file of a run folder (`.forecast-lock`: pid, host, start
 * time, command), released when the process exits. A folder locked by a
 * live process is refused with who holds it; a lock left by a process of
 * this host that is gone (killed) is taken over. Re-entrant within a process.
 */
export function lockRunFolder(dir: string): void {
  dir = path.resolve(dir);
  if (held.has(dir)) return;
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(2).join(' ').slice(0, 200) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine) + '\n', { flag: 'wx' });
      held.add(dir);
      if (!exitHook) {
        exitHook = true;
        process.on('exit', () => {
          for (const d of held) {
            try {
              unlinkSync(path.join(d, LOCK_FILE));
            } catch {
              /* already gone */
            }
          }
        });
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(file, e);
    }
    let other: Partial<LockInfo> = {};
    try {
      other = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    } catch {
      /* unreadable or half-written: judged by its age below */
    }
    const stale = typeof other.pid === 'number' ? other.host === os.hostname() && !alive(other.pid) : Date.now() - statSync(file).mtimeMs > 60_000;
    if (!stale) {
      throw new InputError(
        `run folder ${dir} is in use by another forecast process (pid ${other.pid ?? '?'} on host ${other.host ?? '?'}, since ${other.startedAt ?? '?'}${other.command ? `: forecast ${other.command}` : ''}); wait for it to finish, or remove ${file} if that process is gone`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new InputError(`could not take the lock ${file}; another process keeps taking it`);
}

/** A run id that sorts by time: 2026-11-28T11-30-05Z-ab12cd34 (the scenario hash prefix keeps two quick runs apart). */
export function runId(now: Date, sha256: string, seed: number, n: number): string {
  return `${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}-${sha256.slice(0, 8)}-s${seed}-n${n}`;
}

/**
 * The folder for an analysis's files: beside an existing run's result.json
 * (returned with besideRun = true, nothing removed, so `forecast report` can
 * draw them; the folder is locked while they are written), or a fresh folder
 * prepared as for a run.
 */
export function analysisFolder(dir: string, force: boolean): { dir: string; besideRun: boolean } {
  if (existsSync(path.join(dir, 'result.json'))) {
    lockRunFolder(dir);
    return { dir, besideRun: true };
  }
  prepareRunFolder(dir, force);
  return { dir, besideRun: false };
}
