import path from 'node:path';
import type { SensitivityReport } from '../analysis/runSensitivity.js';
import { csvField } from './csv.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/**
 * Writes sensitivity.json and sensitivity.csv into `dir`. The CSV is long:
 * method, output, input, statistic, value, low, high — Sobol S1/ST with their
 * intervals; rank spearman, prcc and bin1…bin10; tornado swings (low/high: the
 * output at the input's low and high quantile); the breakeven crossing.
 */
export function writeSensitivityFiles(dir: string, report: SensitivityReport): string[] {
  const json = path.join(dir, 'sensitivity.json'), csv = path.join(dir, 'sensitivity.csv');
  writeFileAtomic(json, JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  const rows: unknown[][] = [];
  for (const o of report.sobol?.outputs ?? []) {
    for (const i of o.indices) {
      rows.push(['sobol', o.label, i.input, 'S1', i.S1, i.S1ci95[0], i.S1ci95[1]]);
      rows.push(['sobol', o.label, i.input, 'ST', i.ST, i.STci95[0], i.STci95[1]]);
    }
  }
  for (const o of report.rank?.outputs ?? []) {
    for (const r of o.results) {
      rows.push(['rank', o.label, r.input, 'spearman', r.spearman, '', '']);
      rows.push(['rank', o.label, r.input, 'prcc', r.prcc, '', '']);
      r.bins.forEach((b, k) => rows.push(['rank', o.label, r.input, `bin${k + 1}`, b, '', '']));
    }
  }
  for (const kind of ['deterministic', 'probabilistic'] as const) {
    for (const t of report.tornado?.[kind] ?? []) for (const b of t.bars) rows.push([`tornado-${kind}`, t.output, b.input, 'swing', b.atHigh - b.atLow, b.atLow, b.atHigh]);
  }
  const be = report.breakeven;
  if (be) rows.push(['breakeven', be.output, be.input, `crossing ${be.target}`, be.value, be.interval?.[0] ?? '', be.interval?.[1] ?? '']);
  writeFileAtomic(csv, ['method,output,input,statistic,value,low,high', ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n');
  return [json, csv];
}
