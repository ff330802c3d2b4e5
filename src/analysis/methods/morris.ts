import { z } from 'zod';
import type { Model } from '../../model/defineModel.js';
import { RunPlan } from '../../engine/runBlock.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import { InputError } from '../../errors.js';
import { dispatchInOrder } from '../../engine/dispatch.js';
import { MORRIS_LEVELS } from '../../engine/tasks/morrisTask.js';
import { ModelError } from '../../model/modelError.js';
import { SeededStream } from '../../rng/streams.js';
import { escapeHtml as h } from '../../report/html/escape.js';
import { alignTable } from '../../report/alignTable.js';
import { wholeNumber } from '../../scenario/wholeNumber.js';
import { resolveOutputs } from '../resolveOutputs.js';
import { bootstrapPercentile } from '../saltelliIndices.js';
import { count, defineMethod, num } from '../sensitivityMethod.js';
import { WhatIf } from '../whatIf.js';
import { f3, indexBar } from '../../report/html/indexBar.js';

/** Bootstrap resamples (of whole trajectories) for μ*'s 95% interval. */
export const MORRIS_BOOTSTRAP = 1000;

/** One input's elementary effects on one output. */
export interface MorrisEffect {
  input: string;
  /** Mean absolute elementary effect (Campolongo et al. 2007): how much the input moves the output. */
  muStar: number;
  muStarCi95: [number, number];
  /** Mean elementary effect: its sign says the direction when the effect is monotone (|μ| ≈ μ*). */
  mu: number;
  /** Standard deviation of the elementary effects: large against μ* means a non-linear effect or interactions. */
  sigma: number;
  /** μ* / the largest μ* of this output (0…1). */
  relative: number;
  /** Trajectories with a finite effect. */
  n: number;
}

/** sensitivity.json's morris section. */
export interface MorrisSection {
  design: string;
  trajectories: number;
  modelRuns: number;
  notes: string[];
  outputs: Array<{ label: string; kind: string; measure: 'margin' | 'value'; effects: MorrisEffect[] }>;
}

/** Default trajectories for k varying inputs: about 2,000 model runs, at least 20 and at most 100 trajectories. */
export function morrisTrajectoriesFor(k: number): number {
  return Math.min(100, Math.max(20, Math.ceil(2000 / (k + 1))));
}

/** Default number of screened inputs Sobol decomposes after Morris: every input up to 10, else a fifth of them, from 10 to 20. */
export function screenFor(k: number): number {
  return k <= 10 ? k : Math.min(20, Math.max(10, Math.ceil(k / 5)));
}

/** The bootstrap's resamples: each a draw of `r` trajectory indices with replacement, from the stream keyed by (seed, "morris/bootstrap"). */
export function morrisResamples(seed: number, r: number, resamples = MORRIS_BOOTSTRAP): Int32Array[] {
  const s = new SeededStream(`${seed}/morris/bootstrap`);
  return Array.from({ length: resamples }, () => Int32Array.from({ length: r }, () => Math.floor(s.next() * r)));
}

/**
 * μ*, μ and σ of each input's elementary effects (non-finite effects left
 * out), μ*'s 95% interval from the percentiles of its value over `resamples`
 * (trajectories drawn with replacement, the same draws for every input), and
 * μ* relative to the largest. Sorted by μ*, largest first (ties keep the
 * inputs' order).
 *
 * @example morrisStatistics([{ input: 'a', effects: [2, -2] }], []) // [{ input: 'a', muStar: 2, mu: 0, sigma: 2.83, … }]
 */
export function morrisStatistics(inputs: ReadonlyArray<{ input: string; effects: ArrayLike<number> }>, resamples: readonly Int32Array[]): MorrisEffect[] {
  const meanAbs = (e: ArrayLike<number>, idx?: Int32Array): number => {
    let s = 0, n = 0;
    const m = idx ? idx.length : e.length;
    for (let i = 0; i < m; i++) {
      const v = e[idx ? idx[i] : i];
      if (v - v === 0) (s += Math.abs(v)), n++;
    }
    return n > 0 ? s / n : NaN;
  };
  const effects = inputs.map(({ input, effects: e }) => {
    const finite = Array.from(e).filter((v) => v - v === 0);
    const n = finite.length;
    const mu = n > 0 ? finite.reduce((a, b) => a + b, 0) / n : NaN;
    const sigma = n > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mu) * (b - mu), 0) / (n - 1)) : NaN;
    const boot = resamples.map((idx) => meanAbs(e, idx));
    return { input, muStar: meanAbs(e), muStarCi95: [bootstrapPercentile(boot, 0.025), bootstrapPercentile(boot, 0.975)] as [number, number], mu, sigma, relative: 0, n };
  });
  const top = Math.max(0, ...effects.map((x) => (Number.isFinite(x.muStar) ? x.muStar : 0)));
  for (const x of effects) x.relative = top > 0 && Number.isFinite(x.muStar) ? x.muStar / top : 0;
  return effects.sort((a, b) => (b.muStar || 0) - (a.muStar || 0));
}

/** Trajectories per request: about 2,048 model runs, fixed by the input count (never by the worker count). */
const perBlock = (k: number): number => Math.max(1, Math.floor(2048 / (k + 1)));

/**
 * Morris screening of each chosen output (claims by their continuous
 * margins) on the what-if pool's workers (engine/tasks/morrisTask.ts): `r`
 * trajectories of k + 1 runs, merged in trajectory order, so the section is
 * the same at any worker count.
 */
export async function morrisScreening(scenario: ResolvedScenario, model: Model, o: { trajectories?: number; outputs?: readonly string[]; workers?: number; redis?: string; pool?: WhatIf; onProgress?: (done: number, total: number) => void } = {}): Promise<MorrisSection> {
  const plan = new RunPlan(scenario, model);
  const outputs = resolveOutputs(plan, o.outputs);
  const k = plan.inputNames.length, Q = outputs.length;
  const varying = plan.distributions.map((d) => d.family !== 'point');
  const kv = varying.filter(Boolean).length;
  const r = o.trajectories ?? morrisTrajectoriesFor(kv), per = perBlock(kv);
  const ee = new Float64Array(r * k * Q);
  const pool = o.pool ?? new WhatIf(scenario, model, o.workers, o.redis);
  try {
    await dispatchInOrder(
      pool.backend,
      Math.ceil(r / per),
      (block) => ({ type: 'morris', block, first: block * per, count: Math.min(per, r - block * per), outputs }),
      (block, res) => {
        if (res.type === 'model-error') throw new ModelError(res.details);
        if (res.type === 'input-error') throw new InputError(res.message);
        ee.set(res.data, block * per * k * Q);
        o.onProgress?.(Math.min(r, (block + 1) * per) * (kv + 1), r * (kv + 1));
        return true;
      },
    );
  } finally {
    if (!o.pool) await pool.close();
  }
  const resamples = morrisResamples(scenario.seed, r);
  const notes: string[] = [];
  if (scenario.correlations.length > 0) notes.push('The scenario correlates some inputs; the Morris design moves one input at a time and samples them independently.');
  return {
    design: `Morris (1991) trajectories of one-at-a-time moves on a ${MORRIS_LEVELS}-level grid (each input's 1/8, 3/8, 5/8 and 7/8 quantiles, jumps of two levels), each trajectory's runs sharing its event stream; μ* (Campolongo et al. 2007), μ and σ of the elementary effects per unit of probability; 95% interval of μ*: bootstrap over trajectories`,
    trajectories: r,
    modelRuns: r * (kv + 1),
    notes,
    outputs: outputs.map((out, q) => {
      const inputs = plan.inputNames.flatMap((input, j) => (varying[j] ? [{ input, effects: Float64Array.from({ length: r }, (_, t) => ee[(t * k + j) * Q + q]) }] : []));
      const effects = morrisStatistics(inputs, resamples);
      if (effects.every((x) => x.n === 0)) notes.push(`${out.label}: not finite at any point of the design, so its elementary effects are undefined.`);
      return { label: out.label, kind: out.kind, measure: out.kind === 'claim' ? ('margin' as const) : ('value' as const), effects };
    }),
  };
}

/**
 * The `count` inputs Morris ranks first across outputs: by each input's μ*
 * relative to the largest of an output, the highest over the outputs (ties
 * keep the inputs' order in the scenario).
 */
export function screenedInputs(section: MorrisSection, inputOrder: readonly string[], count: number): string[] {
  const score = new Map<string, number>(inputOrder.map((n) => [n, -1]));
  for (const o of section.outputs) for (const e of o.effects) if (score.has(e.input)) score.set(e.input, Math.max(score.get(e.input)!, e.relative));
  return [...score].filter(([, s]) => s >= 0).sort((a, b) => b[1] - a[1]).slice(0, count).map(([n]) => n);
}

const what = (o: MorrisSection['outputs'][number]): string => (o.kind === 'claim' ? 'claim margin, in the units of the value it thresholds' : 'value');

/** `--method morris`: elementary effects of every input, the screening that runs first. */
export const morris = defineMethod({
  name: 'morris',
  description: 'Morris elementary effects (μ*, σ): a cheap screening of every input, claims by their continuous margins',
  options: [
    { key: 'morrisTrajectories', flag: '--morris-trajectories <r>', description: 'Morris trajectories; the model runs r × (inputs + 1) times (default 2,000 / (inputs + 1), from 20 to 100)', schema: wholeNumber(4, 100_000).optional() },
    {
      key: 'screen',
      flag: '--screen <k|all>',
      description: 'with morris and sobol: Sobol on the k inputs Morris ranks first, the others at their medians; all: every input (default: every input up to 10, else a fifth of them, from 10 to 20)',
      // 'all' is the largest count: Sobol decomposes min(count, inputs).
      schema: z.preprocess((v) => (v === 'all' ? 100_000 : v), wholeNumber(1, 100_000, 'all')).optional(),
    },
  ],
  sharedPool: true,
  size: { key: 'morrisTrajectories', flag: '--morris-trajectories', min: 4, max: 100_000, weight: 1 },
  planned(ctx, k) {
    const r = ctx.options.morrisTrajectories ?? morrisTrajectoriesFor(k), runs = r * (k + 1);
    return { runs, text: `Morris with ${count(r)} trajectories = ${count(runs)} model runs`, flag: '--morris-trajectories' };
  },
  run(ctx): Promise<MorrisSection> {
    const o = ctx.options;
    return morrisScreening(ctx.scenario, ctx.model, { trajectories: o.morrisTrajectories, outputs: o.outputs, pool: ctx.whatIf(), onProgress: (d, t) => ctx.progress(d, t) });
  },
  csvRows(section) {
    const rows: unknown[][] = [];
    for (const o of section.outputs) {
      for (const e of o.effects) {
        rows.push(['morris', o.label, e.input, 'mu_star', e.muStar, e.muStarCi95[0], e.muStarCi95[1]]);
        rows.push(['morris', o.label, e.input, 'mu', e.mu, '', '']);
        rows.push(['morris', o.label, e.input, 'sigma', e.sigma, '', '']);
      }
    }
    return rows;
  },
  printed(section, top) {
    const out = section.notes.map((n) => `note: ${n}`);
    for (const o of section.outputs) {
      const moving = o.effects.filter((e) => e.muStar > 0);
      const rows = [['input', 'μ*', '95% CI', 'relative', 'μ', 'σ']];
      for (const e of moving.slice(0, top)) rows.push([e.input, num(e.muStar), `${num(e.muStarCi95[0])}–${num(e.muStarCi95[1])}`, e.relative.toFixed(3), num(e.mu), num(e.sigma)]);
      const left = o.effects.length - moving.length;
      const note = left > 0 ? `\nnote: ${left} input${left === 1 ? '' : 's'} with no effect left out` : '';
      out.push(`morris: ${o.label} (${what(o)}; ${section.trajectories.toLocaleString('en-US')} trajectories, ${section.modelRuns.toLocaleString('en-US')} model runs)${moving.length > 0 ? `\n${alignTable(rows)}` : ''}${note}`);
    }
    return out;
  },
  reportHtml(rep) {
    const blocks = rep.outputs.map((o) => {
      const top = Math.max(0, ...o.effects.map((e) => (Number.isFinite(e.muStar) ? e.muStar : 0)));
      const rel = (x: number): number => (top > 0 ? x / top : 0);
      const rows = o.effects.filter((e) => e.muStar > 0).slice(0, 12).map((e) => `<tr><td><code>${h(e.input)}</code></td><td>${indexBar(e.relative, [rel(e.muStarCi95[0]), rel(e.muStarCi95[1])], false)}</td><td class="num">${f3(e.relative)}</td><td class="num">${h(num(e.muStar))}</td><td class="num">${h(num(e.mu))}</td><td class="num">${h(num(e.sigma))}</td></tr>`).join('');
      return `<h4>${h(o.label)} (${h(what(o))})</h4><table class="drivers"><thead><tr><th>input</th><th>μ* relative to the largest (95% interval)</th><th></th><th>μ*</th><th>μ</th><th>σ</th></tr></thead><tbody>${rows}</tbody></table>`;
    });
    return `<p class="note">Morris screening: how far each input moves each output when it alone moves between its quantiles (μ*, the mean absolute elementary effect; μ its signed mean; σ large against μ* means non-linear effects or interactions); claims by their continuous margins; ${rep.trajectories.toLocaleString('en-US')} trajectories, ${rep.modelRuns.toLocaleString('en-US')} model runs; ${h(rep.design)}.</p>${rep.notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}${blocks.join('\n')}`;
  },
});
