import { COLOURS, renderSvg, tick } from './charts.js';
import type { Result } from '../../result/resultSchema.js';

/** Kept trajectory rows (trajectories.csv): column names and one array of numbers per row (NaN where empty). */
export interface KeptRowsTable {
  columns: string[];
  rows: number[][];
}

/** Parses trajectories.csv (numbers only; an empty cell is NaN), keeping at most `max` rows. */
export function parseKeptRows(text: string, max = 5000): KeptRowsTable {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const columns = (lines[0] ?? '').split(',');
  const rows = lines.slice(1, max + 1).map((l) => l.split(',').map((c) => (c === '' ? NaN : Number(c))));
  return { columns, rows };
}

/** Ranks (average ranks for ties) of the finite values; NaN stays NaN. */
function ranks(v: number[]): number[] {
  const idx = v.map((x, i) => i).filter((i) => Number.isFinite(v[i])).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length).fill(NaN);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation over the rows where both are finite (Pearson on ranks). */
export function spearman(x: number[], y: number[]): number {
  const rx = ranks(x), ry = ranks(y);
  let n = 0, mx = 0, my = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(rx[i]) && Number.isFinite(ry[i])) { n++; mx += rx[i]; my += ry[i]; }
  if (n < 3) return NaN;
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(rx[i]) && Number.isFinite(ry[i])) { sxy += (rx[i] - mx) * (ry[i] - my); sxx += (rx[i] - mx) ** 2; syy += (ry[i] - my) ** 2; }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * For each claim on a scalar, or on a series at a month, with kept rows: the
 * input with the largest |Spearman| correlation with the claim's output
 * (the "driving input"), and a scatter of that input against the output,
 * coloured by whether the claim holds in the trajectory, the threshold marked.
 */
export function claimScatters(r: Result, t: KeptRowsTable): Array<{ svg: string; caption: string }> {
  const col = (name: string) => t.columns.indexOf(name);
  const inputs = Object.keys(r.inputs).filter((n) => col(n) >= 0);
  const out: Array<{ svg: string; caption: string }> = [];
  for (const c of r.claims) {
    const d = c.definition as { scalar?: string; series?: string; at?: number; below?: number; above?: number };
    const output = d.scalar ?? (d.series !== undefined && d.at !== undefined ? `${d.series}[${d.at}]` : undefined);
    const truth = col(`claim:${c.id}`), yc = output === undefined ? -1 : col(output);
    if (output === undefined || yc < 0 || truth < 0 || inputs.length === 0) continue;
    const y = t.rows.map((row) => row[yc]);
    const scored = inputs.map((n) => ({ n, rho: spearman(t.rows.map((row) => row[col(n)]), y) })).filter((s) => Number.isFinite(s.rho));
    if (!scored.length) continue;
    const best = scored.reduce((a, b) => (Math.abs(b.rho) > Math.abs(a.rho) ? b : a));
    const xc = col(best.n);
    const holds: number[][] = [], fails: number[][] = [];
    for (const row of t.rows) {
      if (!Number.isFinite(row[xc]) || !Number.isFinite(row[yc]) || !Number.isFinite(row[truth])) continue;
      (row[truth] === 1 ? holds : fails).push([row[xc], row[yc]]);
    }
    const unitOf = (n: string) => String((r.inputs[n] as { unit?: unknown }).unit ?? '');
    const yUnit = d.scalar ? r.scalars[d.scalar]?.unit : r.series[d.series!]?.unit;
    const threshold = d.below ?? d.above;
    const option = {
      title: { text: `${c.id}: ${output} against ${best.n}`, left: 'center', textStyle: { fontSize: 13 } },
      grid: { left: 70, right: 30, top: 40, bottom: 70 },
      legend: { bottom: 0, data: ['claim holds', 'claim does not hold'], textStyle: { fontSize: 10 } },
      xAxis: { type: 'value', scale: true, name: `${best.n} (${unitOf(best.n)})`, nameLocation: 'middle', nameGap: 25, axisLabel: { fontSize: 10, formatter: tick, hideOverlap: true } },
      yAxis: { type: 'value', scale: true, name: `${output} (${yUnit ?? ''})`, nameLocation: 'middle', nameGap: 50, axisLabel: { fontSize: 10, formatter: tick } },
      series: [
        { name: 'claim holds', type: 'scatter', symbolSize: 3, data: holds, itemStyle: { color: COLOURS.blue, opacity: 0.6 } },
        {
          name: 'claim does not hold', type: 'scatter', symbolSize: 3, data: fails, itemStyle: { color: COLOURS.vermillion, opacity: 0.6 },
          markLine: threshold === undefined ? undefined : { symbol: 'none', lineStyle: { color: COLOURS.grey, type: 'dashed' }, data: [{ yAxis: threshold, label: { formatter: `threshold ${tick(threshold)}`, fontSize: 9, position: 'insideEndTop' } }] },
        },
      ],
    };
    out.push({
      svg: renderSvg(option, 480, 300),
      caption: `${output} against ${best.n}, the input with the largest rank correlation with it among the kept trajectories (Spearman ${best.rho.toFixed(2)}), for the first ${t.rows.length.toLocaleString('en-US')} trajectories; blue where ${c.id} holds (${holds.length}), vermillion where it does not (${fails.length}).`,
    });
  }
  return out;
}
