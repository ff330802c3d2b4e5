import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { OutputRef } from '../../engine/tasks/outputRef.js';
import { escapeHtml as h } from '../../report/html/escape.js';
import { outputStatistic } from '../outputStatistic.js';
import { count, defineMethod } from '../sensitivityMethod.js';
import { quantileOf, type WhatIf } from '../whatIf.js';
import { LIMITS } from '../../limits.js';
import { decimal } from '../../scenario/wholeNumber.js';

export interface BreakevenResult {
  input: string;
  output: string;
  target: number;
  /** The searched range: the input's 0.1% and 99.9% quantiles. */
  range: [number, number];
  /** Output at the two ends of the range. */
  atRange: [number, number];
  reached: boolean;
  /** The value where the output crosses the target, and the interval of the crossing (where the 95% interval of the output contains the target). */
  value: number | null;
  interval: [number, number] | null;
  evaluations: number;
  message: string;
}

/**
 * The value of one input at which an output (a claim's probability, by
 * default) crosses a target: a bisection over pinned values with common
 * random numbers (every other input and event keeps its draws), assuming the
 * output is monotone in the input over its 0.1%–99.9% quantile range. The
 * interval of the crossing comes from two more bisections: where the output's
 * 95% interval upper and lower bounds cross the target.
 */
export async function findBreakeven(what: WhatIf, input: string, output: OutputRef, target: number, trajectories: number, steps = 14, onRuns?: (done: number, total: number) => void): Promise<BreakevenResult> {
  const total = maxEvaluations(steps) * trajectories;
  const spec = what.scenario.inputs[input];
  const range: [number, number] = [quantileOf(spec, 0.001), quantileOf(spec, 0.999)];
  let evaluations = 0;
  const cache = new Map<number, { value: number; halfWidth: number }>();
  const at = async (v: number) => {
    if (!cache.has(v)) {
      const before = evaluations * trajectories;
      const out = await what.run(what.pinned({ [input]: v }, trajectories), 0, onRuns && ((d) => onRuns(before + d, total)));
      cache.set(v, outputStatistic(out.plan, out.summary, output));
      evaluations++;
      onRuns?.(evaluations * trajectories, total);
    }
    return cache.get(v)!;
  };
  const lo = await at(range[0]), hi = await at(range[1]);
  const base = { input, output: output.label, target, range, atRange: [lo.value, hi.value] as [number, number] };
  if ((lo.value - target) * (hi.value - target) > 0) {
    onRuns?.(total, total);
    return { ...base, reached: false, value: null, interval: null, evaluations, message: `not reached within the input's range: ${output.label} is ${lo.value.toPrecision(3)} at ${range[0].toPrecision(4)} and ${hi.value.toPrecision(3)} at ${range[1].toPrecision(4)}` };
  }
  const rising = hi.value > lo.value;
  const search = async (f: (m: { value: number; halfWidth: number }) => number): Promise<number> => {
    let a = range[0], b = range[1];
    for (let i = 0; i < steps; i++) {
      const mid = (a + b) / 2;
      const above = f(await at(mid)) > target;
      if (above === rising) b = mid;
      else a = mid;
    }
    return (a + b) / 2;
  };
  const value = await search((m) => m.value);
  const edge1 = await search((m) => m.value + m.halfWidth);
  const edge2 = await search((m) => m.value - m.halfWidth);
  const interval: [number, number] = [Math.min(edge1, edge2), Math.max(edge1, edge2)];
  onRuns?.(total, total);
  return { ...base, reached: true, value, interval, evaluations, message: `${output.label} crosses ${target} at ${input} ≈ ${value.toPrecision(4)} (95% interval ${interval[0].toPrecision(4)}–${interval[1].toPrecision(4)})` };
}

/** Evaluations a breakeven search runs at most: the two ends and three bisections (repeated values are cached, so often fewer). */
export const maxEvaluations = (steps = 14): number => 2 + 3 * steps;

/** `--method breakeven`: where the first output crosses --target as --input moves. */
export const breakeven = defineMethod({
  name: 'breakeven',
  description: 'the value of --input at which the first output crosses --target (bisection, common random numbers)',
  options: [
    { key: 'input', flag: '--input <name>', description: 'breakeven: the input to search over', schema: z.string().optional() },
    { key: 'target', flag: '--target <p>', description: 'breakeven: the value of the (first) output to cross (default 0.5)', schema: decimal(0, 1).default(0.5) },
  ],
  sharedPool: true,
  size: { key: 'trajectories', flag: '-n', min: 100, max: LIMITS.keepTrajectories, weight: 2 },
  check(scenario, o) {
    const input = o.breakevenInput;
    if (!input) throw new InputError('--method breakeven needs --input <name>: the input whose breakeven value to find');
    if (!(input in scenario.inputs)) throw new InputError(`--input ${JSON.stringify(input)} is not an input of this scenario (inputs: ${Object.keys(scenario.inputs).join(', ')})`);
  },
  async run(ctx): Promise<BreakevenResult | undefined> {
    const input = ctx.options.breakevenInput;
    if (!input) return undefined;
    return findBreakeven(ctx.whatIf(), input, ctx.outputs[0], ctx.options.target ?? 0.5, ctx.trajectories, 14, (d, t) => ctx.progress(d, t));
  },
  planned(ctx) {
    const e = maxEvaluations(), n = ctx.trajectories;
    return { runs: e * n, text: `breakeven with up to ${e} evaluations of ${count(n)} trajectories = ${count(e * n)} model runs`, flag: '-n', wholeRuns: true };
  },
  csvRows(be) {
    return [['breakeven', be.output, be.input, `crossing ${be.target}`, be.value, be.interval?.[0] ?? '', be.interval?.[1] ?? '']];
  },
  printed(be) {
    return [`breakeven: ${be.message}`];
  },
  reportHtml(be) {
    return `<p><strong>Breakeven:</strong> ${h(be.message)}.</p>`;
  },
});
