import path from 'node:path';
import type { SensitivityReport } from '../analysis/sensitivity.js';
import { csvField } from './csv.js';
import { writeFileAtomic } from './writeFiles.js';

/** Writes sensitivity.json and sensitivity.csv (one row per output and input) into `dir`. */
export function writeSensitivityFiles(dir: string, report: SensitivityReport): string[] {
  const json = path.join(dir, 'sensitivity.json'), csv = path.join(dir, 'sensitivity.csv');
  writeFileAtomic(json, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  const head = 'output,input,S1,S1_low,S1_high,S1_includes_zero,ST,ST_low,ST_high,ST_includes_zero';
  const rows = report.outputs.flatMap((o) => o.indices.map((i) => [o.label, i.input, i.S1, i.S1ci95[0], i.S1ci95[1], i.S1includesZero, i.ST, i.STci95[0], i.STci95[1], i.STincludesZero].map(csvField).join(',')));
  writeFileAtomic(csv, [head, ...rows].join('\n') + '\n');
  return [json, csv];
}
