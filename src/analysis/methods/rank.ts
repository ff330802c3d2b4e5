import { KeptRows } from '../../engine/keptRows.js';
import type { OutputRef } from '../../engine/tasks/outputRef.js';
import { spiderChart } from '../../report/html/charts.js';
import { figure } from '../../report/html/figure.js';
import { alignTable } from '../../report/alignTable.js';
import { escapeHtml as h } from '../../report/html/escape.js';
import { invert } from '../../stats/linearAlgebra.js';
import { count, defineMethod, indicatorNote, num } from '../sensitivityMethod.js';
import { LIMITS } from '../../limits.js';

/**
 * Rank-based sensitivity from per-trajectory rows (Helton & Davis 2002, "Illustration of
 * sampling-based methods for uncertainty and sensitivity analysis", Risk Analysis 22:591):
 * Spearman's rank correlation between each input and an output, the partial rank
 * correlation (PRCC: the correlation of ranks with the other inputs' ranks
 * partialled out, read off the inverse of the rank correlation matrix,
 * r_iy·rest = −P_iy/√(P_ii·P_yy)), and the output's mean (a claim's probability)
 * in 10 equal-probability bins of the input: what a spider chart draws.
 */
export interface RankResult {
  input: string;
  spearman: number;
  prcc: number;
  /** Output mean in each of 10 bins of the input, lowest decile first. */
  bins: number[];
}

/**
 * Average ranks (ties share the mean of their positions), 0-based. Hand-written
 * rather than simple-statistics: its midranks are private to
 * sampleRankCorrelation, and PRCC needs the rank vectors themselves.
 */
export function ranks(xs: Float64Array): Float64Array {
  const n = xs.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[idx[j + 1]] === xs[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/**
 * Pearson correlation from centred sums. Kept instead of simple-statistics'
 * sampleCorrelation, which divides the (n − 1) covariance by two (n − 1) standard
 * deviations and so rounds differently: sensitivity.json would change in its last digits.
 */
function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) (ma += a[i]), (mb += b[i]);
  ma /= n;
  mb /= n;
  let s = 0, sa = 0, sb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    s += da * db;
    sa += da * da;
    sb += db * db;
  }
  return sa > 0 && sb > 0 ? s / Math.sqrt(sa * sb) : NaN;
}

/**
 * Spearman, PRCC and decile bins of output y against each input column.
 * Rows where y is not finite are left out. Constant inputs are skipped.
 */
export function rankSensitivity(inputs: ReadonlyArray<{ name: string; values: Float64Array }>, y: Float64Array): { rows: number; results: RankResult[] } {
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i])) keep.push(i);
  const pick = (v: Float64Array) => Float64Array.from(keep, (i) => v[i]);
  const ys = pick(y);
  const varying = inputs.map((c) => ({ name: c.name, values: pick(c.values) })).filter((c) => c.values.some((v) => v !== c.values[0]));
  const rx = varying.map((c) => ranks(c.values)), ry = ranks(ys);
  const all = [...rx, ry];
  const C = all.map((a) => all.map((b) => correlation(a, b)));
  const P = C.every((row) => row.every(Number.isFinite)) ? invert(C) : null;
  const k = varying.length;
  const results = varying.map((c, i) => {
    const order = Array.from({ length: ys.length }, (_, j) => j).sort((a, b) => c.values[a] - c.values[b]);
    const bins = Array.from({ length: 10 }, (_, b) => {
      const lo = Math.floor((b * order.length) / 10), hi = Math.floor(((b + 1) * order.length) / 10);
      let s = 0;
      for (let j = lo; j < hi; j++) s += ys[order[j]];
      return hi > lo ? s / (hi - lo) : NaN;
    });
    const prcc = P ? -P[i][k] / Math.sqrt(P[i][i] * P[k][k]) : NaN;
    return { input: c.name, spearman: C[i][k], prcc, bins };
  });
  results.sort((a, b) => Math.abs(b.prcc || b.spearman || 0) - Math.abs(a.prcc || a.spearman || 0));
  return { rows: ys.length, results };
}

/** sensitivity.json's rank section. */
export interface RankSection {
  trajectories: number;
  outputs: Array<{ label: string; rows: number; results: RankResult[] }>;
}

/** The columns of one output in the kept rows. */
function outputColumn(kept: KeptRows, o: OutputRef, n: number): Float64Array {
  if (o.kind === 'scalar') return kept.column((t) => kept.scalar(t, o.index), n);
  if (o.kind === 'claim') return kept.column((t) => kept.claim(t, o.index), n);
  return kept.column((t) => kept.series(t, o.index, o.month), n);
}

/**
 * The too-little-variance note for an output that is 0 in every trajectory or
 * 1 in every trajectory (a claim that always fails or always holds at this
 * N): its decile means are then all 0 or all 1. Null otherwise.
 */
export function rankIndicatorNote(o: RankSection['outputs'][number]): string | null {
  if (o.rows === 0 || o.results.length === 0) return null;
  const constant = (c: number) => o.results.every((r) => r.bins.every((b) => Number.isNaN(b) || b === c));
  return constant(0) || constant(1) ? indicatorNote(o.label, o.rows) : null;
}

/** `--method rank`: Spearman, PRCC and decile bins from one run's kept rows. */
export const rank = defineMethod({
  name: 'rank',
  description: 'rank correlations (Spearman) and PRCC from one run\'s kept trajectories',
  options: [] as const,
  sharedPool: true,
  size: { key: 'trajectories', flag: '-n', min: 100, max: LIMITS.keepTrajectories, weight: 1 },
  planned(ctx) {
    const n = ctx.trajectories;
    return { runs: n, text: `rank on ${count(n)} trajectories = ${count(n)} model runs`, flag: '-n', wholeRuns: true };
  },
  async run(ctx): Promise<RankSection> {
    const { trajectories: n } = ctx;
    const what = ctx.whatIf();
    const v = what.variant({}, n);
    const out = await what.run(v, n, (d) => ctx.progress(d, n));
    const kept = new KeptRows(out.plan, out.summary.rows);
    const inputs = ctx.plan.inputNames.map((name, j) => ({ name, values: kept.column((t) => kept.input(t, j), n) }));
    return { trajectories: n, outputs: ctx.outputs.map((x) => ({ label: x.label, ...rankSensitivity(inputs, outputColumn(kept, x, n)) })) };
  },
  csvRows(section) {
    const rows: unknown[][] = [];
    for (const o of section.outputs) {
      for (const r of o.results) {
        rows.push(['rank', o.label, r.input, 'spearman', r.spearman, '', '']);
        rows.push(['rank', o.label, r.input, 'prcc', r.prcc, '', '']);
        r.bins.forEach((b, k) => rows.push(['rank', o.label, r.input, `bin${k + 1}`, b, '', '']));
      }
    }
    return rows;
  },
  printed(section, top) {
    return section.outputs.map((o) => {
      const rows = [['input', 'PRCC', 'Spearman', 'lowest decile', 'highest decile']];
      for (const x of o.results.slice(0, top)) rows.push([x.input, num(x.prcc), num(x.spearman), num(x.bins[0]), num(x.bins[9])]);
      const note = rankIndicatorNote(o);
      return `rank: ${o.label} (${o.rows.toLocaleString('en-US')} trajectories)\n${alignTable(rows)}${note ? `\nnote: ${note}` : ''}`;
    });
  },
  reportHtml(section) {
    const notes = section.outputs.map(rankIndicatorNote).filter((n): n is string => n !== null);
    return `${notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}<div class="grid">${section.outputs.map((o) => spiderChart(o)).map((f) => figure(f.svg, f.caption)).join('\n')}</div>`;
  },
});
