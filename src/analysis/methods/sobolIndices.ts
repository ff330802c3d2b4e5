import os from 'node:os';
import type { Model } from '../../model/defineModel.js';
import { RunPlan } from '../../engine/runBlock.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import { InputError } from '../../errors.js';
import { InProcessBackend } from '../../engine/inProcessBackend.js';
import { PiscinaBackend } from '../../engine/piscinaBackend.js';
import { RedisBackend } from '../../engine/redisBackend.js';
import { dispatchInOrder } from '../../engine/dispatch.js';
import { saltelliWidth } from '../../engine/tasks/saltelliTask.js';
import { ModelError } from '../../model/modelError.js';
import { COLOURS } from '../../report/html/charts.js';
import { escapeHtml as h } from '../../report/html/escape.js';
import { alignTable } from '../../report/alignTable.js';
import { resolveOutputs } from '../resolveOutputs.js';
import { saltelliIndices, type SobolIndex } from '../saltelliIndices.js';
import { count, defineMethod, num } from '../sensitivityMethod.js';
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
  const backend = options.redis ? new RedisBackend(scenario, options.redis) : workers === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, workers);
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

// sensitivity.json holds non-finite numbers as null, and the report reads them back from it.
const f3 = (x: number | null): string => (x !== null && Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** An index (0…1) as a bar with its 95% interval whisker; flagged when the interval includes zero. */
function indexBar(value: number, ci: [number, number], includesZero: boolean): string {
  const [lo, hi] = ci;
  const w = 140, x = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(1, v)) * w : 0);
  const label = includesZero ? `not distinguishable from 0 (95% interval ${f3(lo)} to ${f3(hi)})` : `${f3(value)} (95% interval ${f3(lo)} to ${f3(hi)})`;
  return `<svg class="bar" width="${w}" height="16" viewBox="0 0 ${w} 16" role="img" aria-label="${h(label)}"><title>${h(label)}</title>` +
    `<rect x="0" y="3" width="${w}" height="10" fill="#e6e6e6"/><rect x="0" y="3" width="${includesZero ? 0 : x(value).toFixed(1)}" height="10" fill="${COLOURS.green}"/>` +
    `<line x1="${x(ci[0]).toFixed(1)}" x2="${x(ci[1]).toFixed(1)}" y1="8" y2="8" stroke="${COLOURS.vermillion}" stroke-width="2"/></svg>`;
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
    { key: 'rows', flag: '--rows <n>', description: 'rows of the Sobol (Saltelli) design; the model runs rows × (inputs + 2) times (default 4096)', schema: wholeNumber(64, 10_000_000).optional() },
    { key: 'bootstrap', flag: '--bootstrap <b>', description: 'bootstrap resamples for the Sobol intervals (default 100)', schema: wholeNumber(10, 10_000).default(100) },
  ],
  sharedPool: false,
  planned(ctx, k) {
    const rows = ctx.options.rows ?? 4096, runs = rows * (k + 2);
    return { runs, text: `Sobol with ${count(rows)} rows = ${count(runs)} model runs`, flag: '--rows' };
  },
  run(ctx): Promise<SobolSection> {
    const o = ctx.options;
    const s = ctx.scenario, k = Object.keys(s.inputs).filter((x) => (s.inputs[x] as { dist: string }).dist !== 'point').length;
    return sobolIndices(ctx.scenario, ctx.model, { rows: o.rows, bootstrap: o.bootstrap, outputs: o.outputs, workers: o.workers, redis: o.redis, onProgress: (done) => ctx.progress(done * (k + 2), (o.rows ?? 4096) * (k + 2)) });
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
