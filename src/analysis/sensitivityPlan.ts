import { TrajectoryEvaluator, type RunPlan } from '../engine/runBlock.js';
import { defaultWorkers, runScenario } from '../engine/run.js';
import { InputError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { ALL_METHODS } from './registry.js';
import { variantScenario } from './whatIf.js';
import { count, type MethodContext, type SensitivityMethod, type SensitivityOptions } from './sensitivityMethod.js';

/** Trajectories per run for rank, tornado and breakeven: -n, default 10,000, at most LIMITS.keepTrajectories. */
export const trajectoriesOf = (o: SensitivityOptions): number => Math.min(o.trajectories ?? 10_000, LIMITS.keepTrajectories);

/** Inputs that are not constants. */
export const varyingInputs = (plan: RunPlan): number => plan.distributions.filter((d) => d.family !== 'point').length;

/** `ctx` with other options (and the trajectories they imply). */
const withOptions = (ctx: MethodContext, options: SensitivityOptions): MethodContext => ({ ...ctx, options, trajectories: trajectoriesOf(options) });

const chosen = (o: SensitivityOptions): SensitivityMethod[] => ALL_METHODS.filter((m) => o.methods.includes(m.name) && m.planned);

/** Model runs the methods plan with these options. */
function runsOf(ctx: MethodContext, methods: readonly SensitivityMethod[], options: SensitivityOptions, k: number): number {
  const c = withOptions(ctx, options);
  return methods.reduce((s, m) => s + m.planned!(c, k).runs, 0);
}

/**
 * Splits a budget of model runs among the chosen methods whose size is not
 * set by its own flag: each size key (--morris-trajectories, --rows, -n for
 * rank, tornado and breakeven together) gets a share of what the flagged
 * sizes leave, in proportion to its methods' weights (Morris 1, Sobol 4,
 * rank 1, tornado 4, breakeven 2), and the largest size whose planned runs
 * fit in it. A share below a size's smallest runs gets that smallest and the
 * rest is split again. Throws InputError (--budget) when even the smallest
 * sizes do not fit. Returns the options with the sizes set.
 */
export function sizedByBudget(ctx: MethodContext, k: number, budget: number): SensitivityOptions {
  const o: Record<string, unknown> & SensitivityOptions = { ...ctx.options };
  const groups = new Map<string, SensitivityMethod[]>();
  const fixed: SensitivityMethod[] = [];
  for (const m of chosen(o)) {
    if (m.size && o[m.size.key] === undefined) groups.set(m.size.key, [...(groups.get(m.size.key) ?? []), m]);
    else fixed.push(m);
  }
  const at = (key: string, v: number): SensitivityOptions => ({ ...o, [key]: v });
  const pending = [...groups].map(([key, ms]) => ({ key, ms, size: ms[0].size!, weight: ms.reduce((s, m) => s + m.size!.weight, 0), least: runsOf(ctx, ms, at(key, ms[0].size!.min), k) }));
  let left = budget - runsOf(ctx, fixed, o, k);
  const least = pending.reduce((s, g) => s + g.least, 0);
  if (left < least) {
    const smallest = pending.map((g) => `${g.size.flag} ${count(g.size.min)}`);
    const set = fixed.filter((m) => m.size).map((m) => m.size!.flag);
    const why = `the ${o.methods.join(', ')} run on ${k} input${k === 1 ? '' : 's'} takes at least ${count(budget - left + least)} model runs${smallest.length ? ` (${smallest.join(', ')})` : ''}${set.length ? ` with the sizes set by ${[...new Set(set)].join(', ')}` : ''}`;
    throw new InputError('invalid command-line flag:', [{ path: '--budget', value: budget, message: `too small: ${why}` }]);
  }
  // Shares below a size's least runs get that least; the rest is split again.
  for (let again = true; again; ) {
    again = false;
    const W = pending.reduce((s, g) => s + g.weight, 0);
    for (const g of pending) {
      if (g.least > (left * g.weight) / W) {
        o[g.key] = g.size.min;
        left -= g.least;
        pending.splice(pending.indexOf(g), 1);
        again = true;
        break;
      }
    }
  }
  const W = pending.reduce((s, g) => s + g.weight, 0);
  for (const g of pending) {
    const share = (left * g.weight) / W;
    let lo = g.size.min, hi = g.size.max;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (runsOf(ctx, g.ms, at(g.key, mid), k) <= share) lo = mid;
      else hi = mid - 1;
    }
    o[g.key] = lo;
  }
  return o;
}

/**
 * Seconds one model run takes on this thread, timed on the inputs' medians:
 * after a warm-up, the fastest of 8 slices of about 15 ms each (another
 * process busy on the machine slows some slices, not all), about 0.2 s in all;
 * null when the model throws there (the run itself will say why).
 */
export function secondsPerModelRun(plan: RunPlan): number | null {
  const evaluator = new TrajectoryEvaluator(plan);
  const medians = plan.distributions.map((d) => d.quantile(0.5));
  const value = (j: number): number => medians[j];
  const counters = plan.claims.newCounters();
  let t = 0;
  const slice = (ms: number): number => {
    const t0 = performance.now();
    let n = 0, now = t0;
    while (n < 4 || (now - t0 < ms && n < 100_000)) {
      evaluator.run(t++, -1, value);
      plan.claims.evaluate(evaluator.series, evaluator.scalars, counters);
      if ((++n & 3) === 0) now = performance.now();
    }
    return (performance.now() - t0) / 1000 / n;
  };
  try {
    slice(60);
    let best = Infinity;
    for (let i = 0; i < 8; i++) best = Math.min(best, slice(15));
    return best;
  } catch {
    return null;
  }
}

/** Seconds per model run: of a design's single evaluation, and of a trajectory of an ordinary run with its summary (null when no chosen method runs those). */
export interface RunCosts {
  design: number;
  whole: number | null;
}

/**
 * CPU seconds per trajectory of an ordinary run on this thread: the faster
 * of two runs of 1,024 trajectories in-process (the first also warms up);
 * null when the model throws.
 */
async function secondsPerTrajectory(ctx: MethodContext): Promise<number | null> {
  const n = 1024, v = variantScenario(ctx.scenario, {}, n);
  let best = Infinity;
  try {
    for (let i = 0; i < 2; i++) {
      // CPU time of this process (the run is on this thread): another process busy on the machine does not count.
      const c0 = process.cpuUsage();
      await runScenario(v, ctx.model, { workers: 0 });
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / 1e6 / n);
    }
    return best;
  } catch {
    return null;
  }
}

/** What the chosen methods' model runs cost here (for the size line's time), or null when the model throws. */
export async function runCosts(ctx: MethodContext): Promise<RunCosts | null> {
  const design = secondsPerModelRun(ctx.plan);
  if (design === null) return null;
  const k = varyingInputs(ctx.plan);
  const whole = chosen(ctx.options).some((m) => m.planned!(ctx, k).wholeRuns) ? await secondsPerTrajectory(ctx) : null;
  return { design, whole };
}

/**
 * "about 40 s on 2 cores" (or "under 1 s …"): `seconds` of model runs spread
 * over the worker threads (no more than the cores), plus a second for each
 * of `methods` to start its workers (each loads the model) and analyse.
 */
export function aboutTime(seconds: number, workers: number | undefined, methods = 1): string {
  const threads = workers === 0 ? 1 : Math.max(1, Math.min(workers ?? defaultWorkers(), defaultWorkers()));
  const s = seconds / threads + methods;
  const t = s < 1 ? 'under 1 s' : s < 100 ? `about ${Math.round(s)} s` : s < 5400 ? `about ${Math.round(s / 60)} min` : `about ${(s / 3600).toFixed(1)} h`;
  return `${t} ${workers === 0 ? 'on the main thread' : `on ${threads} core${threads === 1 ? '' : 's'}`}`;
}

/**
 * One line stating the planned size of a sensitivity run, e.g. "46 inputs:
 * Morris with 43 trajectories = 2,021 model runs; Sobol on the 10 screened
 * inputs with 1,024 rows = 12,288 model runs; 14,309 model runs in all, about
 * 20 s on 2 cores; --budget (or --morris-trajectories, --rows) to change",
 * with every chosen method's part joined by "; " (the time only when the
 * `costs` of a model run are given).
 */
export function plannedSizeLine(ctx: MethodContext, costs: RunCosts | null = null): string {
  const varying = varyingInputs(ctx.plan);
  const parts: string[] = [], flags: string[] = [];
  let total = 0, seconds = 0;
  for (const m of chosen(ctx.options)) {
    const p = m.planned!(ctx, varying);
    parts.push(p.text);
    if (!flags.includes(p.flag)) flags.push(p.flag);
    total += p.runs;
    if (costs) seconds += p.runs * (p.wholeRuns ? costs.whole ?? costs.design : costs.design);
  }
  const all = parts.length > 1 ? `; ${count(total)} model runs in all` : '';
  const time = costs ? `, ${aboutTime(seconds, ctx.options.workers, parts.length)}` : '';
  const change = flags.length ? `--budget (or ${flags.join(', ')}) to change` : '--budget to change';
  return `${varying} input${varying === 1 ? '' : 's'}: ${parts.join('; ')}${all}${time}; ${change}`;
}
