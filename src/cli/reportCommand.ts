import { writeReport } from '../report/writeReport.js';

/** `forecast report <run-folder>`: (re)writes report.html. */
export function reportCommand(dir: string): void {
  process.stdout.write(`${writeReport(dir)}\n`);
}
