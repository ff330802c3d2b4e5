import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/**
 * Prepares a run folder: creates it, or refuses when it exists and is not
 * empty unless `force` (then its files are replaced).
 */
export function prepareRunFolder(dir: string, force: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!force) throw new InputError(`run folder ${dir} already exists and is not empty; choose another --out or pass --force to overwrite it`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

/** A run id that sorts by time: 2026-11-28T11-30-05Z-ab12cd34 (the scenario hash prefix keeps two quick runs apart). */
export function runId(now: Date, sha256: string, seed: number, n: number): string {
  return `${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}-${sha256.slice(0, 8)}-s${seed}-n${n}`;
}

/**
 * The folder for an analysis's files: beside an existing run's result.json
 * (returned with besideRun = true, nothing removed, so `forecast report` can
 * draw them), or a fresh folder prepared as for a run.
 */
export function analysisFolder(dir: string, force: boolean): { dir: string; besideRun: boolean } {
  if (existsSync(path.join(dir, 'result.json'))) return { dir, besideRun: true };
  prepareRunFolder(dir, force);
  return { dir, besideRun: false };
}
