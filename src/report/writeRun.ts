import path from 'node:path';
import type { RunOutcome } from '../engine/run.js';
import { bandsCsv, claimsCsv, trajectoriesCsv } from './csv.js';
import type { Result } from '../result/resultSchema.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/** Stable JSON for result files: two-space indent, trailing newline. */
export function resultJson(result: Result): string {
  return JSON.stringify(result, null, 2) + '\n';
}

/**
 * Writes a run's files into `dir`, each atomically: result.json, bands.csv,
 * claims.csv, and trajectories.csv when trajectories were kept. Returns the paths written.
 */
export function writeRunFiles(dir: string, result: Result, outcome: RunOutcome): string[] {
  const files: Array<[string, string]> = [
    ['result.json', resultJson(result)],
    ['bands.csv', bandsCsv(result)],
    ['claims.csv', claimsCsv(result)],
  ];
  if (outcome.summary.rows.length > 0) files.push(['trajectories.csv', trajectoriesCsv(outcome.plan, outcome.summary.rows)]);
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileAtomic(file, text);
    return file;
  });
}
