import { InputError, type Issue } from '../errors.js';
import type { Result } from '../result/resultSchema.js';
import { monthsFrom } from '../report/calendar.js';

export { monthsFrom };

/**
 * Backtests: where each observed value of the historical record falls in a
 * run's forecast bands. Over a well-calibrated forecast the percentiles are
 * roughly uniform; too many in the tails means the bands are too narrow (or
 * off-centre), too many in the middle that they are too wide. Observations of
 * one history are a single path, not independent draws: the counts are a
 * description, not a test.
 */

/** One row of an observations file: a value of a series at a calendar month. */
export interface Observation {
  series: string;
  /** YYYY-MM. */
  date: string;
  value: number;
  /** The row's `source` column, when the file has one. */
  source: string;
  /** Line number in the file (1-based, the header is line 1). */
  line: number;
}

/** Where an observed value falls in the bands of one month. */
export interface Placement {
  /**
   * The percentile: the forecast CDF at the observed value, read by linear
   * interpolation between the band levels (a value on a flat stretch, where
   * several levels share one value, takes the middle of their levels). When
   * `outside` is set the value lies beyond the outermost band and this is that
   * band's level: a bound, "< 1%" or "> 99%".
   */
  percentile: number;
  outside: 'below' | 'above' | null;
}

/** One scored observation. */
export interface BacktestRow extends Observation, Placement {
  month: number;
  /** The 5%, 50% and 95% bands at that month where the run reports those levels, else null. */
  q05: number | null;
  q50: number | null;
  q95: number | null;
}

export interface BacktestSummary {
  observations: number;
  /** Observations with 0.25 ≤ percentile ≤ 0.75 (expected: half). */
  inside50: number;
  /** Observations with 0.05 ≤ percentile ≤ 0.95 (expected: 90%). */
  inside90: number;
  /** Below the 5% band / above the 95% band (expected: 5% each). */
  below5: number;
  above95: number;
  /** Beyond the outermost bands reported (below the lowest level, above the highest). */
  belowAll: number;
  aboveAll: number;
  /** Mean percentile (expected 0.5), a value beyond the outermost band counted at the middle of its tail. */
  meanPercentile: number;
}

export interface BacktestReport {
  schemaVersion: 1;
  scenario: { name: string; start: string; horizon: number; trajectories: number; seed: number; sha256: string };
  /** The band levels the percentiles are read from. */
  levels: number[];
  rows: BacktestRow[];
  summary: BacktestSummary;
}

/**
 * The percentile of `x` in one month's bands: `levels` (increasing) and the
 * band values at those levels (non-decreasing; nulls are skipped).
 *
 * @example percentileInBands([0.05, 0.5, 0.95], [10, 20, 40], 15) // {percentile: 0.275, outside: null}
 */
export function percentileInBands(levels: readonly number[], values: readonly (number | null)[], x: number): Placement {
  const pts = levels.map((q, i) => ({ q, v: values[i] })).filter((p): p is { q: number; v: number } => typeof p.v === 'number' && Number.isFinite(p.v));
  if (pts.length === 0) throw new InputError('backtest: the bands hold no finite value at this month');
  const first = pts[0], last = pts[pts.length - 1];
  const equal = pts.filter((p) => p.v === x);
  if (equal.length > 0) return { percentile: (equal[0].q + equal[equal.length - 1].q) / 2, outside: null };
  if (x < first.v) return { percentile: first.q, outside: 'below' };
  if (x > last.v) return { percentile: last.q, outside: 'above' };
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    if (a.v < x && x < b.v) return { percentile: a.q + ((b.q - a.q) * (x - a.v)) / (b.v - a.v), outside: null };
  }
  // Unreachable for non-decreasing bands; a crossing (decreasing) pair leaves x unbracketed.
  throw new InputError(`backtest: the bands are not increasing around ${x}`);
}

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (quoted) throw new InputError('observations: a quoted field is not closed before the end of the file');
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/**
 * Reads an observations file: a CSV whose header names at least `series`,
 * `date` (YYYY-MM) and `value`; other columns (`source`, units, notes) are kept
 * or ignored. Every bad row is reported, with its line and field.
 */
export function parseObservations(text: string, file: string): Observation[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new InputError(`${file}: empty: expected a header with series, date and value`);
  const header = rows[0].map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  const missing = ['series', 'date', 'value'].filter((n) => col(n) < 0);
  if (missing.length) throw new InputError(`${file}: the header ${JSON.stringify(header.join(','))} lacks ${missing.join(', ')} (expected columns series, date, value and optionally source)`);
  const issues: Issue[] = [];
  const out: Observation[] = [];
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (name: string): string => (r[col(name)] ?? '').trim();
    if (r.length !== header.length) issues.push({ path: `line ${line}`, message: `has ${r.length} fields, the header ${header.length}` });
    const series = get('series'), date = get('date'), raw = get('value');
    const value = Number(raw);
    if (series === '') issues.push({ path: `line ${line}: series`, message: 'is empty' });
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(date)) issues.push({ path: `line ${line}: date`, value: date, message: 'must be a month, YYYY-MM' });
    if (raw === '' || !Number.isFinite(value)) issues.push({ path: `line ${line}: value`, value: raw, message: 'must be a finite number' });
    out.push({ series, date, value, source: col('source') >= 0 ? get('source') : '', line });
  });
  if (issues.length) throw new InputError(`${file}: bad observations:`, issues);
  if (out.length === 0) throw new InputError(`${file}: no observations below the header`);
  return out;
}

/** The band value at level `q` in month m, or null when the run does not report that level. */
function bandAt(bands: Result['series'][string]['bands'], q: number, m: number): number | null {
  return bands.find((b) => Math.abs(b.q - q) < 1e-12)?.values[m] ?? null;
}

/**
 * Scores each observation against the run's bands: its month (from the
 * scenario's start), its percentile, and the counts a calibrated forecast
 * would give (half inside the 50% band, 90% inside the 90% band). An
 * observation naming a series the run lacks, or a month outside 0…H, is an
 * InputError naming its line.
 */
export function scoreBacktest(result: Result, observations: readonly Observation[], file = 'observations'): BacktestReport {
  const { start, horizon } = result.scenario;
  const issues: Issue[] = [];
  const rows: BacktestRow[] = [];
  let levels: number[] = [];
  for (const o of observations) {
    const s = result.series[o.series];
    if (!s) {
      issues.push({ path: `line ${o.line}: series`, value: o.series, message: `is not a series of ${result.scenario.name} (series: ${Object.keys(result.series).join(', ')})` });
      continue;
    }
    const month = monthsFrom(start, o.date);
    if (month < 0 || month > horizon) {
      issues.push({ path: `line ${o.line}: date`, value: o.date, message: `is month ${month} of the run, outside 0…${horizon} (start ${start})` });
      continue;
    }
    levels = s.bands.map((b) => b.q);
    const placement = percentileInBands(levels, s.bands.map((b) => b.values[month]), o.value);
    rows.push({ ...o, month, ...placement, q05: bandAt(s.bands, 0.05, month), q50: bandAt(s.bands, 0.5, month), q95: bandAt(s.bands, 0.95, month) });
  }
  if (issues.length) throw new InputError(`${file}: observations that cannot be scored against this run:`, issues);
  return {
    schemaVersion: 1,
    scenario: { name: result.scenario.name, start, horizon, trajectories: result.manifest.trajectories, seed: result.manifest.seed, sha256: result.manifest.scenarioSha256 },
    levels,
    rows,
    summary: summarize(rows),
  };
}

/** The calibration counts of scored rows. */
export function summarize(rows: readonly BacktestRow[]): BacktestSummary {
  const p = (r: BacktestRow): number => (r.outside === 'below' ? r.percentile / 2 : r.outside === 'above' ? (1 + r.percentile) / 2 : r.percentile);
  const count = (f: (r: BacktestRow) => boolean): number => rows.filter(f).length;
  return {
    observations: rows.length,
    inside50: count((r) => r.outside === null && r.percentile >= 0.25 && r.percentile <= 0.75),
    inside90: count((r) => r.outside === null && r.percentile >= 0.05 && r.percentile <= 0.95),
    below5: count((r) => p(r) < 0.05),
    above95: count((r) => p(r) > 0.95),
    belowAll: count((r) => r.outside === 'below'),
    aboveAll: count((r) => r.outside === 'above'),
    meanPercentile: rows.length ? rows.reduce((a, r) => a + p(r), 0) / rows.length : NaN,
  };
}
