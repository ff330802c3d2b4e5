import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/**
 * The manifest of a run folder: one path a line (relative to the folder) of
 * every file forecast wrote there. `--force` removes only these files.
 */
export const MANIFEST_FILE = '.forecast-files';

/** How far above a written file to look for the run folder's manifest (a folder run's scenarios are one level down). */
const MANIFEST_DEPTH = 3;

/** Why a write failed, in words, for the errors a user can fix (disk full, read-only, not a folder). */
const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'a file is in the way of a folder',
  ENOENT: 'a folder on the path does not exist',
};

/**
 * Test seam: FORECAST_TEST_WRITE_FAULT=CODE[:name] makes writes of files whose
 * base name contains `name` (every file when omitted) fail with that errno
 * code, as a full or read-only disk would (tests run as root, so permissions
 * cannot simulate them).
 */
function injectedFault(file: string): void {
  const spec = process.env.FORECAST_TEST_WRITE_FAULT;
  if (!spec) return;
  const [code, name] = spec.split(':');
  if (name && !path.basename(file).includes(name)) return;
  const e = new Error(`${code}: injected fault, write '${file}'`) as NodeJS.ErrnoException;
  e.code = code;
  throw e;
}

/** An error from writing `file` as the user sees it: an InputError (exit 2) for the causes a user can fix, else the original. */
export function writeError(file: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && WRITE_ERRORS[code]) return new InputError(`could not write ${file}: ${WRITE_ERRORS[code]} (${code})`);
  return e;
}

/**
 * Writes a file atomically: to a temporary name in the same folder, then
 * renamed over the target, so a crash never leaves a half-written file; a
 * failed write removes its temporary file. When the file lies in a run
 * folder (one with a manifest at most a few levels up), it is recorded there.
 */
export function writeFileAtomic(file: string, contents: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, contents);
    injectedFault(file); // as a disk that fills up mid-write: the temporary file exists and must go
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(file, e);
  }
  recordRunFile(file);
}

/** The run folder holding `file` (the nearest folder above it with a manifest), or null. */
export function runFolderOf(file: string): string | null {
  let dir = path.dirname(path.resolve(file));
  for (let i = 0; i < MANIFEST_DEPTH; i++) {
    if (existsSync(path.join(dir, MANIFEST_FILE))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** The paths a run folder's manifest lists (relative to the folder). */
export function readManifest(dir: string): string[] {
  const text = readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

/** Writes a run folder's manifest atomically. */
export function writeManifest(dir: string, files: readonly string[]): void {
  const file = path.join(dir, MANIFEST_FILE);
  const tmp = path.join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  try {
    injectedFault(file);
    writeFileSync(tmp, `# files forecast wrote in this folder; forecast --force removes only these\n${files.map((f) => `${f}\n`).join('')}`);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(file, e);
  }
}

/** Adds `file` to the manifest of the run folder holding it (nothing when it is in none). */
export function recordRunFile(file: string): void {
  const dir = runFolderOf(file);
  if (dir === null) return;
  const rel = path.relative(dir, path.resolve(file)).split(path.sep).join('/');
  const listed = readManifest(dir);
  if (!listed.includes(rel)) writeManifest(dir, [...listed, rel]);
}
