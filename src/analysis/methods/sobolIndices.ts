import os from 'node:os';
import type { Model } from '../../model/defineModel.js';
import { RunPlan } from '../../engine/runBlock.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import { InputError } from '../../errors.js';
import { InProcessBackend } from '../../engine/inProcessBackend.js';
import { PiscinaBackend } from '../../engine/piscinaBackend.js';
import { dispatchInOrder } from '../../engine/dispatch.js';
import { saltelliWidth } from '../../engine/tasks/saltelliTask.js';
import { ModelError } from '../../model/modelError.js';
import { f3, indexBar } from '../../report/html/indexBar.js';
import { escapeHtml as h } from '../../report/html/escape.js';
import { alignTable } from '../../report/alignTable.js';
import { resolveOutputs } from '../resolveOutputs.js';
import { saltelliIndices, type SobolIndex } from '../saltelliIndices.js';
import { count, defineMethod, num, type MethodContext, type SensitivityOptions } from '../sensitivityMethod.js';
import { pinnedScenario, quantileOf } from '../whatIf.js';
import { screenedInputs, screenFor, type MorrisSection } from './morris.js';
import { wholeNumber } from '../../scenario/wholeNumber.js';

/** Rows of a Saltelli design per block (each row runs the model k + 2 times). */
export const SALTELLI_ROWS_PER_BLOCK = 512;

export interface SobolOptions {
  /** Rows of the design (N); the model runs N·(k + 2) times. */
  rows?: number;
  bootstrap?: number;
  /** Outputs: claim ids, scalar names, or `series@month`; default every claim and scalar. */
  outputs?: readonly string[];
  workers?: number;
  /** Run the design's blocks on `forecast worker` processes through this Redis URL. */
  redis?: string;
  onProgress?: (done: number, total: number) => void;
}

/** The Sobol part of sensitivity.json. */
export interface SobolSection {
  estimators: string;
  rows: number;
  modelRuns: number;
  bootstrap: number;
  notes: string[];
  outputs: Array<{ label: string; kind: string; variance: number | null; rowsUsed: number; indices: SobolIndex[] }>;
  /** After Morris: the screened inputs the design decomposed, and those held at their medians (absent for the full design). */
  screened?: { inputs: string[]; atMedians: string[] };
}

/** Default rows of a Sobol design after Morris, for `k` decomposed inputs: about 16,384 model runs, a power of 2 from 512 to 4,096. */
export function screenedRows(k: number): number {
  return Math.min(4096, Math.max(512, 2 ** Math.floor(Math.log2(16_384 / (k + 2)))));
}

/** The inputs Sobol decomposes out of `k` varying ones: with morris chosen, the --screen count (default screenFor(k)); else all. */
export function sobolInputs(o: SensitivityOptions, k: number): number {
  if (!o.methods.includes('morris') || o.screen === 'all') return k;
  return Math.min(k, o.screen ?? screenFor(k));
}

/** Rows of the design: --rows, else after Morris screenedRows(decomposed inputs), else 4,096. */
export function sobolRows(o: SensitivityOptions, decomposed: number): number {
  return o.rows ?? (o.methods.includes('morris') ? screenedRows(decomposed) : 4096);
}

/**
 * The scenario Sobol runs after Morris: every varying input that is not among
 * the `count` Morris ranks first held at its median. Null when it keeps them
 * all (or Morris did not run).
 */
function afterScreening(ctx: MethodContext, count: number): { scenario: ResolvedScenario; screened: NonNullable<SobolSection['screened']> } | null {
  const m = ctx.sections.morris as MorrisSection | undefined;
  const varying = ctx.plan.inputNames.filter((_, j) => ctx.plan.distributions[j].family !== 'point');
  if (!m || count >= varying.length) return null;
  const inputs = screenedInputs(m, varying, count);
  const atMedians = varying.filter((n) => !inputs.includes(n));
  const pins = Object.fromEntries(atMedians.map((n) => [n, quantileOf(ctx.scenario.inputs[n], 0.5)]));
  return { scenario: pinnedScenario(ctx.scenario, pins), screened: { inputs, atMedians } };
}

/**
 * Variance-based sensitivity (first-order and total-effect Sobol indices) of
 * each chosen output, from a Saltelli design run on the engine's workers
 * (reproducible: blocks are merged in order). Correlations in the scenario are
 * not imposed (the indices assume independent inputs); a note says so.
 */
export async function sobolIndices(scenario: ResolvedScenario, model: Model, options: SobolOptions = {}): Promise<SobolSection> {
  const plan = new RunPlan(scenario, model);
  const outputs = resolveOutputs(plan, options.outputs);
  const N = options.rows ?? 4096, bootstrap = options.bootstrap ?? 100;
  const blocks = Math.ceil(N / SALTELLI_ROWS_PER_BLOCK);
  const workers = Math.max(0, Math.min(options.workers ?? os.availableParallelism(), blocks));
  // bullmq (~80 ms to load) only with --redis.
  const backend = options.redis ? new (await import('../../engine/redisBackend.js')).RedisBackend(scenario, options.redis) : workers === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, workers);
  const k = plan.inputNames.length;
  const sums = new Float64Array(outputs.length * (bootstrap + 1) * saltelliWidth(k));
  try {
    await dispatchInOrder(
      backend,
      blocks,
      (block) => ({ type: 'saltelli', block, rows: Math.min(SALTELLI_ROWS_PER_BLOCK, N - block * SALTELLI_ROWS_PER_BLOCK), outputs, bootstrap }),
      (block, res) => {
        if (res.type === 'model-error') throw new ModelError(res.details);
        if (res.type === 'input-error') throw new InputError(res.message);
        for (let i = 0; i < sums.length; i++) sums[i] += res.data[i];
        options.onProgress?.(Math.min(N, (block + 1) * SALTELLI_ROWS_PER_BLOCK), N);
        return true;
      },
    );
  } finally {
    await backend.close();
  }
  const varying = plan.distributions.filter((d) => d.family !== 'point').length;
  const notes: string[] = [];
  if (scenario.correlations.length > 0) notes.push('The scenario correlates some inputs; Sobol indices assume independent inputs, so the design samples them independently.');
  return {
    estimators: 'first order: Saltelli et al. (2010); total effect: Jansen (1999); 95% intervals: Poisson bootstrap percentiles',
    rows: N,
    modelRuns: N * (varying + 2),
    bootstrap,
    notes,
    outputs: outputs.map((o, q) => {
      const r = saltelliIndices(sums, q, plan.inputNames, bootstrap);
      if (o.kind === 'claim' && Number.isFinite(r.variance)) {
        // An indicator's variance is p(1 − p); with few hits (or misses) the indices are noise.
        const p = (1 - Math.sqrt(Math.max(0, 1 - 4 * r.variance))) / 2;
        if (p * r.rows < 30) notes.push(`${o.label}: the claim holds (or fails) in only about ${Math.round(p * r.rows)} of ${r.rows} rows, so its indices are too noisy to rank drivers; decompose the output it thresholds instead (--output series@month or a scalar).`);
      }
      const indices = r.indices.filter((_, i) => plan.distributions[i].family !== 'point').sort((a, b) => (b.ST || 0) - (a.ST || 0));
      return { label: o.label, kind: o.kind, variance: Number.isFinite(r.variance) ? r.variance : null, rowsUsed: r.rows, indices };
    }),
  };
}

/**
 * A note for an output where some input's first-order index exceeds its total
 * effect beyond both 95% intervals (S1ci95[0] > STci95[1]): the true indices
 * have S1 ≤ ST, so the gap is estimator noise the bootstrap intervals do not
 * cover. The noise shrinks as 1/√rows, so bringing the largest gap d down to
 * about 0.05 takes about (d / 0.05)² times the rows, at least 4× (half the
 * noise), rounded up to a power of 2. Null when no input shows it. Printed and
 * in the report only (sensitivity.json keeps its bytes).
 */
export function sobolNoiseNote(o: { label: string; indices: readonly SobolIndex[] }, rows: number): string | null {
  const odd = o.indices.filter((i) => i.S1ci95[0] > i.STci95[1]);
  if (odd.length === 0) return null;
  const gap = Math.max(...odd.map((i) => i.S1 - i.ST));
  const factor = 2 ** Math.ceil(Math.log2(Math.max(4, (gap / 0.05) ** 2)));
  return `${o.label}: first order S1 exceeds total effect ST beyond their 95% intervals for ${odd.map((i) => i.input).join(', ')} (by up to ${gap.toFixed(3)}; the true indices have S1 ≤ ST), so these indices are estimator noise at ${rows.toLocaleString('en-US')} rows; about ${factor}× the rows (--rows ${(factor * rows).toLocaleString('en-US')}) would shrink it to about 0.05.`;
}


/**
 * `--method sobol` (the name kept for compatibility; not the Sobol sampler):
 * first-order and total-effect Sobol indices from a Saltelli design run on its
 * own pool (engine/tasks/saltelliTask.ts), analysed by saltelliIndices.
 */
export const sobol = defineMethod({
  name: 'sobol',
  description: 'variance-based Sobol indices (first order and total effect) from a Saltelli design',
  options: [
    { key: 'rows', flag: '--rows <n>', description: 'rows of the Sobol (Saltelli) design; the model runs rows × (inputs + 2) times (default 4096; after morris, a power of 2 near 16,384 / (screened inputs + 2), from 512 to 4096)', schema: wholeNumber(64, 10_000_000).optional() },
    { key: 'bootstrap', flag: '--bootstrap <b>', description: 'bootstrap resamples for the Sobol intervals (default 100)', schema: wholeNumber(10, 10_000).default(100) },
  ],
  sharedPool: false,
  size: { key: 'rows', flag: '--rows', min: 64, max: 10_000_000, weight: 4 },
  planned(ctx, k) {
    const ks = sobolInputs(ctx.options, k), rows = sobolRows(ctx.options, ks), runs = rows * (ks + 2);
    const on = ks < k ? ` on the ${ks} screened input${ks === 1 ? '' : 's'}` : '';
    return { runs, text: `Sobol${on} with ${count(rows)} rows = ${count(runs)} model runs`, flag: '--rows' };
  },
  async run(ctx): Promise<SobolSection> {
    const o = ctx.options;
    const s = ctx.scenario, k = Object.keys(s.inputs).filter((x) => (s.inputs[x] as { dist: string }).dist !== 'point').length;
    const after = afterScreening(ctx, sobolInputs(o, k));
    const ks = after ? after.screened.inputs.length : k, rows = sobolRows(o, ks);
    const section = await sobolIndices(after?.scenario ?? ctx.scenario, ctx.model, { rows, bootstrap: o.bootstrap, outputs: o.outputs, workers: o.workers, redis: o.redis, onProgress: (done) => ctx.progress(done * (ks + 2), rows * (ks + 2)) });
    if (!after) return section;
    const { inputs, atMedians } = after.screened;
    section.notes.unshift(`Sobol on the ${inputs.length} inputs Morris ranked first (by μ* relative to the largest, the highest over the outputs): ${inputs.join(', ')}; the other ${atMedians.length} held at their medians, so the indices are shares of the variance left with those fixed (--screen all for every input).`);
    return { ...section, screened: after.screened };
  },
  csvRows(section) {
    const rows: unknown[][] = [];
    for (const o of section.outputs) {
      for (const i of o.indices) {
        rows.push(['sobol', o.label, i.input, 'S1', i.S1, i.S1ci95[0], i.S1ci95[1]]);
        rows.push(['sobol', o.label, i.input, 'ST', i.ST, i.STci95[0], i.STci95[1]]);
      }
    }
    return rows;
  },
  printed(section, top) {
    const out = section.notes.map((n) => `note: ${n}`);
    for (const o of section.outputs) {
      if (o.variance === null || o.variance === 0) {
        out.push(`sobol: ${o.label}: the output does not vary in the design, so its indices are undefined.`);
        continue;
      }
      const rows = [['input', 'total effect ST', '95% CI', 'first order S1', '95% CI']];
      for (const i of o.indices.slice(0, top)) rows.push([i.input, num(i.ST, i.STincludesZero), `${i.STci95[0].toFixed(3)}–${i.STci95[1].toFixed(3)}`, num(i.S1, i.S1includesZero), `${i.S1ci95[0].toFixed(3)}–${i.S1ci95[1].toFixed(3)}`]);
      const noise = sobolNoiseNote(o, section.rows);
      out.push(`sobol: ${o.label} (variance ${o.variance.toPrecision(3)}; ${section.rows.toLocaleString('en-US')} rows, ${section.modelRuns.toLocaleString('en-US')} model runs)\n${alignTable(rows)}${noise ? `\nnote: ${noise}` : ''}`);
    }
    return out;
  },
  reportHtml(rep) {
    const blocks = rep.outputs.map((o) => {
      if (o.variance === null || o.variance === 0) return `<p class="note">${h(o.label)}: the output does not vary in the design; its indices are undefined.</p>`;
      const rows = o.indices.slice(0, 12).map((i) => `<tr><td><code>${h(i.input)}</code></td><td>${indexBar(i.ST, i.STci95, i.STincludesZero)}</td><td class="num">${i.STincludesZero ? '≈0 (n.s.)' : f3(i.ST)}</td><td>${indexBar(i.S1, i.S1ci95, i.S1includesZero)}</td><td class="num">${i.S1includesZero ? '≈0 (n.s.)' : f3(i.S1)}</td></tr>`).join('');
      const noise = sobolNoiseNote(o, rep.rows);
      return `<h4>${h(o.label)}</h4>${noise ? `<p class="note">${h(noise)}</p>` : ''}<table class="drivers"><thead><tr><th>input</th><th>total effect S<sub>T</sub> (95% interval)</th><th></th><th>first order S<sub>1</sub> (95% interval)</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
    });
    return `<p class="note">Sobol indices: the share of each output's variance due to an input alone (S<sub>1</sub>) and with all its interactions (S<sub>T</sub>); ${rep.rows.toLocaleString('en-US')} rows, ${rep.modelRuns.toLocaleString('en-US')} model runs; ${h(rep.estimators)}. "n.s.": the interval includes zero.</p>${rep.notes.map((n) => `<p class="note">${h(n)}</p>`).join('')}${blocks.join('\n')}`;
  },
});
