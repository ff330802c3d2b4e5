import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import path from 'node:path';
import { InputError } from '../errors.js';
import { renderReport, type ReportEntry, type ReportSection } from './html/renderReport.js';
import { readResult } from '../result/readResult.js';
import type { ClaimResult, Result } from '../result/resultSchema.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { parseKeptRows } from './html/scatter.js';

/** The part of scorecard.json the report reads: the scenario subfolders (plain names, never paths). */
const scorecardIndexSchema = z.object({
  folder: z.string().optional(),
  scenarios: z.array(z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/), extends: z.string().optional() })),
});

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * What analyses add to a run folder's page (analysis/reportSections.ts): `read`
 * reads one of the folder's JSON files (undefined when absent), `files` lists the
 * folder's file names; the answer is the sections and, optionally, a note under
 * a claim's probability (trusted HTML).
 */
export type AnalysisSections = (
  read: <T>(name: string) => T | undefined,
  files: () => string[],
  trajectories: number,
) => { sections: ReportSection[]; claimNote?: (c: ClaimResult) => string };

function sectionsFor(dir: string, result: Result, sections: AnalysisSections | undefined): Pick<ReportEntry, 'sections' | 'claimNote' | 'rows'> {
  const kept = path.join(dir, 'trajectories.csv');
  const rows = existsSync(kept) ? { rows: parseKeptRows(readFileSync(kept, 'utf8')) } : {};
  if (!sections) return rows;
  const read = <T>(name: string): T | undefined => (existsSync(path.join(dir, name)) ? readJson<T>(path.join(dir, name)) : undefined);
  return { ...rows, ...sections(read, () => readdirSync(dir).sort(), result.manifest.trajectories) };
}

/**
 * Writes report.html into a run folder: a single run (result.json) or a folder
 * run (scorecard.json with one subfolder per scenario). `sections` adds what
 * analyses wrote in each folder (the CLI passes analysis/reportSections.ts; the
 * report layer does not know the analyses). Returns the file written.
 */
export function writeReport(dir: string, sections?: AnalysisSections): string {
  const single = path.join(dir, 'result.json'), card = path.join(dir, 'scorecard.json');
  let entries: ReportEntry[];
  let title: string;
  if (existsSync(single)) {
    const result = readResult(single);
    entries = [{ result, folder: '.', ...sectionsFor(dir, result, sections) }];
    title = `Forecast: ${result.scenario.name}`;
  } else if (existsSync(card)) {
    const raw = readJson<unknown>(card);
    const parsed = scorecardIndexSchema.safeParse(raw);
    if (!parsed.success) throw new InputError(`${card} is not a valid scorecard.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'} ${i.message}`).join('; ')}`);
    const { scenarios, folder } = parsed.data;
    entries = scenarios.map((s) => {
      const result = readResult(path.join(dir, s.name, 'result.json'));
      return { result, folder: s.name, ...(s.extends !== undefined ? { extends: s.extends } : {}), ...sectionsFor(path.join(dir, s.name), result, sections) };
    });
    title = `Forecast scorecard: ${folder ?? path.basename(path.resolve(dir))}`;
  } else {
    throw new InputError(`${dir} is not a run folder: it has neither result.json nor scorecard.json`);
  }
  const file = path.join(dir, 'report.html');
  writeFileAtomic(file, renderReport(entries, title));
  return file;
}
