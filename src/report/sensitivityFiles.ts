import path from 'node:path';
import { csvField } from './csv.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/**
 * Writes sensitivity.json and sensitivity.csv into `dir`: the report as JSON
 * (non-finite numbers as null), and the CSV in long form — method, output,
 * input, statistic, value, low, high — from rows the analysis layer gives
 * (analysis/registry.ts sensitivityCsvRows: each method's own rows).
 */
export function writeSensitivityFiles(dir: string, report: object, csvRows: readonly unknown[][]): string[] {
  const json = path.join(dir, 'sensitivity.json'), csv = path.join(dir, 'sensitivity.csv');
  writeFileAtomic(json, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  writeFileAtomic(csv, ['method,output,input,statistic,value,low,high', ...csvRows.map((r) => r.map(csvField).join(','))].join('\n') + '\n');
  return [json, csv];
}
