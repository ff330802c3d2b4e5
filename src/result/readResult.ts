import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { fromZod } from '../scenario/zodIssues.js';
import { resultSchema, type Result } from './resultSchema.js';

/**
 * Reads a result.json written by the engine: parsed with its schema (a
 * damaged or hand-edited file is refused with the field that is wrong, never
 * cast). The object returned is the one read from disk, which the schema has
 * just validated, so re-writing it keeps its bytes.
 */
export function readResult(file: string): Result {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = resultSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${file} is not a valid result.json:`, fromZod(parsed.error, raw));
  return raw as Result;
}

/** True when `dir` holds a finished (not partial) result. */
export function isCompleteRun(dir: string): boolean {
  const file = path.join(dir, 'result.json');
  return existsSync(file) && !readResult(file).partial;
}
