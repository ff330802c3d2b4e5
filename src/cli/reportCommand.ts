import { writeReport } from '../report/writeReport.js';
import { analysisSections } from '../analysis/reportSections.js';

/** `forecast report <run-folder>`: (re)writes report.html. */
export function reportCommand(dir: string): void {
  process.stdout.write(`${writeReport(dir, analysisSections)}\n`);
}
