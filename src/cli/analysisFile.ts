import path from 'node:path';
import { analysisSections } from '../analysis/reportSections.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { analysisFolder } from '../report/runFolder.js';
import { writeReport } from '../report/writeReport.js';

/**
 * Writes one claim's analysis (rare.json, discover.json) into `dir`: beside a
 * run's result.json as `<kind>-<claim>.json` (several claims can sit beside one
 * run) and the run's report.html redrawn with its sections, or as `<kind>.json`
 * in a fresh folder. Returns the file written.
 */
export function writeClaimAnalysis(dir: string, force: boolean, kind: 'rare' | 'discover', claim: string, report: unknown): string {
  const { besideRun } = analysisFolder(dir, force);
  const file = path.join(dir, besideRun ? `${kind}-${claim}.json` : `${kind}.json`);
  writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  if (besideRun) writeReport(dir, analysisSections);
  return file;
}
