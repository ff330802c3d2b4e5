import type { RunPlan } from '../engine/runBlock.js';
import { KeptRows } from '../engine/keptRows.js';
import type { Result } from '../result/resultSchema.js';
import { monthLabel } from './calendar.js';

/** One CSV field: quoted when it holds a comma, quote or newline (RFC 4180). */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (fields: unknown[]): string => fields.map(csvField).join(',');

/** bands.csv: one row per series and month with each quantile, mean, sd and the non-finite count. */
export function bandsCsv(result: Result): string {
  const qs = Object.values(result.series)[0]?.bands.map((b) => b.q) ?? [];
  const lines = [row(['series', 'unit', 'month', 'date', ...qs.map((q) => `q${q}`), 'mean', 'sd', 'count', 'nonFinite'])];
  for (const [name, s] of Object.entries(result.series)) {
    for (let m = 0; m < s.mean.length; m++) {
      lines.push(row([name, s.unit, m, monthLabel(result.scenario.start, m), ...s.bands.map((b) => b.values[m]), s.mean[m], s.sd[m], s.count[m], s.nonFinite[m]]));
    }
  }
  return lines.join('\n') + '\n';
}

/** claims.csv: one row per claim. */
export function claimsCsv(result: Result): string {
  const lines = [row(['id', 'statement', 'kind', 'given', 'probability', 'hits', 'denominator', 'standardError', 'ci95Low', 'ci95High', 'medianMonth', 'never', 'undefinedTrajectories', 'excludedByCondition'])];
  for (const c of result.claims) {
    lines.push(row([c.id, c.statement, c.kind, c.given, c.probability, c.hits, c.denominator, c.standardError, c.ci95[0], c.ci95[1], c.medianLabel ?? '', c.never, c.undefinedTrajectories, c.excludedByCondition]));
  }
  return lines.join('\n') + '\n';
}

/** trajectories.csv: the kept trajectories, one row each: index, inputs, scalars, claim outcomes (1, 0, or empty when undefined), then each series as name[month]. */
export function trajectoriesCsv(plan: RunPlan, rows: Float64Array): string {
  const H = plan.scenario.horizon;
  const header = ['trajectory', ...plan.inputNames, ...plan.scalarNames, ...plan.scenario.claims.map((c) => `claim:${c.id}`)];
  for (const s of plan.seriesNames) for (let m = 0; m <= H; m++) header.push(`${s}[${m}]`);
  const kept = new KeptRows(plan, rows);
  const lines = [row(header)];
  for (let i = 0; i < kept.count; i++) lines.push(row([i, ...kept.row(i)]));
  return lines.join('\n') + '\n';
}
