import { z } from 'zod';
import type { RunOutcome } from '../../engine/run.js';
import type { OutputRef } from '../../engine/tasks/outputRef.js';
import { tornadoChart } from '../../report/html/charts.js';
import { escapeHtml as h } from '../../report/html/escape.js';
import { figure } from '../../report/html/figure.js';
import { alignTable } from '../../report/alignTable.js';
import { outputStatistic } from '../outputStatistic.js';
import { count, defineMethod, indicatorNote, num } from '../sensitivityMethod.js';
import { quantileOf, type WhatIf } from '../whatIf.js';
import { LIMITS } from '../../limits.js';

/** One input's swing for one output. */
export interface TornadoBar {
  input: string;
  low: number;
  high: number;
  /** Output at the input's low and high quantile. */
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|: what the bars are sorted by. */
  swing: number;
}

/**
 * Tornado diagrams. Deterministic: every input at its median, one input swung to
 * its `lo` and `hi` quantiles (P10 and P90 by default); events inside
 * trajectories keep their seeded streams, so with the inputs fixed only they
 * vary (averaged over `trajectories`). Probabilistic: the input pinned at its
 * lo and hi quantiles with every other input still uncertain, common random
 * numbers throughout, so the difference is not noise from fresh draws.
 * Constant inputs are skipped. Returns, per output, bars sorted by swing, and
 * the baseline (all medians for deterministic, the unpinned run for probabilistic).
 */
export async function tornadoBars(what: WhatIf, outputs: readonly OutputRef[], kind: 'deterministic' | 'probabilistic', quantiles: [number, number], trajectories: number, onRuns?: (done: number) => void): Promise<Array<{ output: string; baseline: number; bars: TornadoBar[] }>> {
  const s = what.scenario;
  const names = Object.keys(s.inputs).filter((n) => (s.inputs[n] as { dist: string }).dist !== 'point');
  const medians = Object.fromEntries(Object.keys(s.inputs).map((n) => [n, quantileOf(s.inputs[n], 0.5)]));
  let runsDone = 0;
  const runWith = async (pins: Record<string, number>) => {
    const out = await what.run(what.pinned(pins, trajectories), 0, onRuns && ((d) => onRuns(runsDone + d)));
    runsDone += trajectories;
    onRuns?.(runsDone);
    return out;
  };
  const measure = (out: RunOutcome, o: OutputRef) => outputStatistic(out.plan, out.summary, o);
  const base = kind === 'deterministic' ? await runWith(medians) : await runWith({});
  const bars: TornadoBar[][] = outputs.map(() => []);
  for (const name of names) {
    const lo = quantileOf(s.inputs[name], quantiles[0]), hi = quantileOf(s.inputs[name], quantiles[1]);
    const pinsLo = kind === 'deterministic' ? { ...medians, [name]: lo } : { [name]: lo };
    const pinsHi = kind === 'deterministic' ? { ...medians, [name]: hi } : { [name]: hi };
    const [rLo, rHi] = [await runWith(pinsLo), await runWith(pinsHi)];
    outputs.forEach((o, q) => {
      const a = measure(rLo, o).value, b = measure(rHi, o).value;
      bars[q].push({ input: name, low: lo, high: hi, atLow: a, atHigh: b, swing: Math.abs(b - a) });
    });
  }
  return outputs.map((o, q) => ({ output: o.label, baseline: measure(base, o).value, bars: bars[q].sort((a, b) => (b.swing || 0) - (a.swing || 0)) }));
}

type Tornado = Awaited<ReturnType<typeof tornadoBars>>;

/** sensitivity.json's tornado section. */
export interface TornadoSection {
  quantiles: [number, number];
  trajectories: number;
  deterministic: Tornado;
  probabilistic: Tornado;
}

const KINDS = ['deterministic', 'probabilistic'] as const;

/**
 * The bars worth showing of one output's tornado (those with a swing: a bar
 * with zero swing says only that the input does not move the output) and the
 * notes to print with them: how many were left out, and, for an output that
 * is 0 or 1 at the baseline and in every variant (a claim that always holds or
 * always fails at this many trajectories), that it has too little variance to
 * rank drivers by. sensitivity.json keeps every bar.
 */
export function tornadoShown(t: { output: string; baseline: number; bars: TornadoBar[] }, trajectories: number): { shown: TornadoBar[]; notes: string[] } {
  const shown = t.bars.filter((b) => b.swing !== 0);
  const notes: string[] = [];
  const left = t.bars.length - shown.length;
  if (left > 0) notes.push(`${left} input${left === 1 ? '' : 's'} with no swing left out`);
  const allOrNothing = (x: number) => x === 0 || x === 1;
  // Only when no input moves it: a deterministic tornado whose claim flips from 0 to 1 has a real swing.
  if (allOrNothing(t.baseline) && t.bars.every((b) => b.atLow === t.baseline && b.atHigh === t.baseline)) notes.push(indicatorNote(t.output, trajectories, true));
  return { shown, notes };
}

/** Trajectories per deterministic variant (only events vary, so fewer are needed). */
const deterministicTrajectories = (n: number): number => Math.max(64, Math.min(n, 1000));

/** `--method tornado`: deterministic and probabilistic tornado diagrams on the shared pool. */
export const tornado = defineMethod({
  name: 'tornado',
  description: 'tornado diagrams: each input swung between two quantiles, deterministic and probabilistic',
  options: [
    {
      key: 'quantiles',
      flag: '--quantiles <lo,hi>',
      description: 'tornado swing, as quantiles of each input (default 0.1,0.9)',
      schema: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map(Number) : v), z.tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)]).refine(([a, b]) => a < b, 'must be low,high with low < high')).default([0.1, 0.9]),
    },
  ],
  sharedPool: true,
  size: { key: 'trajectories', flag: '-n', min: 100, max: LIMITS.keepTrajectories, weight: 4 },
  planned(ctx, k) {
    const n = ctx.trajectories, small = deterministicTrajectories(n);
    const runs = (2 * k + 1) * (small + n);
    return { runs, text: `tornado with ${2 * k + 1} variants of ${count(small)} + ${count(n)} trajectories = ${count(runs)} model runs`, flag: '-n', wholeRuns: true };
  },
  async run(ctx): Promise<TornadoSection> {
    const n = ctx.trajectories, quantiles = ctx.options.quantiles ?? [0.1, 0.9];
    const small = deterministicTrajectories(n);
    const s = ctx.scenario, k = Object.keys(s.inputs).filter((x) => (s.inputs[x] as { dist: string }).dist !== 'point').length;
    const total = (2 * k + 1) * (small + n), first = (2 * k + 1) * small;
    return {
      quantiles,
      trajectories: n,
      deterministic: await tornadoBars(ctx.whatIf(), ctx.outputs, 'deterministic', quantiles, small, (d) => ctx.progress(d, total)),
      probabilistic: await tornadoBars(ctx.whatIf(), ctx.outputs, 'probabilistic', quantiles, n, (d) => ctx.progress(first + d, total)),
    };
  },
  csvRows(section) {
    const rows: unknown[][] = [];
    for (const kind of KINDS) for (const t of section[kind]) for (const b of t.bars) rows.push([`tornado-${kind}`, t.output, b.input, 'swing', b.atHigh - b.atLow, b.atLow, b.atHigh]);
    return rows;
  },
  printed(section, top) {
    const out: string[] = [];
    for (const kind of KINDS) {
      for (const t of section[kind]) {
        const { shown, notes } = tornadoShown(t, kind === 'deterministic' ? deterministicTrajectories(section.trajectories) : section.trajectories);
        const rows = [['input', 'at low', 'at high', 'swing']];
        for (const b of shown.slice(0, top)) rows.push([b.input, num(b.atLow), num(b.atHigh), num(b.atHigh - b.atLow)]);
        const table = shown.length > 0 ? `\n${alignTable(rows)}` : '';
        out.push(`tornado (${kind}): ${t.output}, baseline ${num(t.baseline)}${table}${notes.map((n) => `\nnote: ${n}`).join('')}`);
      }
    }
    return out;
  },
  reportHtml(t) {
    const notes: string[] = [];
    const chart = (x: Tornado[number], kind: (typeof KINDS)[number]) => {
      const { shown, notes: n } = tornadoShown(x, kind === 'deterministic' ? deterministicTrajectories(t.trajectories) : t.trajectories);
      notes.push(...n.map((line) => `${kind}, ${x.output}: ${line}`));
      return shown.length > 0 ? [tornadoChart({ ...x, bars: shown }, kind)] : [];
    };
    const figs = [...t.deterministic.flatMap((x) => chart(x, 'deterministic')), ...t.probabilistic.flatMap((x) => chart(x, 'probabilistic'))];
    return `${notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}<p class="note">Tornado: inputs swung from their ${t.quantiles[0] * 100}% to their ${t.quantiles[1] * 100}% quantile. Deterministic: every other input at its median. Probabilistic: every other input still uncertain (${t.trajectories.toLocaleString('en-US')} trajectories, common random numbers).</p><div class="grid">${figs.map((f) => figure(f.svg, f.caption)).join('\n')}</div>`;
  },
});
