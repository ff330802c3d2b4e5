import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { renderReport, type ReportEntry } from './html/renderReport.js';
import type { Result } from '../result/resultSchema.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readAnalyses(dir: string): Pick<ReportEntry, 'sensitivity' | 'comparison' | 'sweep' | 'rare' | 'discover'> {
  const read = <T>(name: string): T | undefined => (existsSync(path.join(dir, name)) ? readJson<T>(path.join(dir, name)) : undefined);
  // rare.json / rare-<claim>.json and discover.json / discover-<claim>.json, in name order.
  const all = <T>(prefix: string): T[] => readdirSync(dir).filter((f) => f === `${prefix}.json` || (f.startsWith(`${prefix}-`) && f.endsWith('.json'))).sort().map((f) => readJson<T>(path.join(dir, f)));
  return { sensitivity: read('sensitivity.json'), comparison: read('compare.json'), sweep: read('sweep.json'), rare: all('rare'), discover: all('discover') };
}

/**
 * Writes report.html into a run folder: a single run (result.json) or a folder
 * run (scorecard.json with one subfolder per scenario). Returns the file written.
 */
export function writeReport(dir: string): string {
  const single = path.join(dir, 'result.json'), card = path.join(dir, 'scorecard.json');
  let entries: ReportEntry[];
  let title: string;
  if (existsSync(single)) {
    const result = readJson<Result>(single);
    entries = [{ result, folder: '.', ...readAnalyses(dir) }];
    title = `Forecast: ${result.scenario.name}`;
  } else if (existsSync(card)) {
    const { scenarios, folder } = readJson<{ scenarios: Array<{ name: string }>; folder?: string }>(card);
    entries = scenarios.map((s) => ({ result: readJson<Result>(path.join(dir, s.name, 'result.json')), folder: s.name, ...readAnalyses(path.join(dir, s.name)) }));
    title = `Forecast scorecard: ${folder ?? path.basename(path.resolve(dir))}`;
  } else {
    throw new InputError(`${dir} is not a run folder: it has neither result.json nor scorecard.json`);
  }
  const file = path.join(dir, 'report.html');
  writeFileAtomic(file, renderReport(entries, title));
  return file;
}
