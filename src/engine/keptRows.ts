import type { RunPlan } from './runBlock.js';

/**
 * The kept trajectory rows of a run (runBlock writes them, BlockSummary.merge
 * concatenates them in trajectory order), read by name instead of by offset.
 * Each row is laid out as: the inputs (plan.inputNames order), the scalars,
 * the claim outcomes (1 true, 0 false, NaN undefined or excluded), then each
 * series month 0…H; rowWidth values in all.
 *
 * @example const kept = new KeptRows(out.plan, out.summary.rows); kept.claim(0, 2) // 1, 0 or NaN
 */
export class KeptRows {
  /** Number of kept rows. */
  readonly count: number;
  readonly width: number;
  private readonly scalarAt: number;
  private readonly claimAt: number;
  private readonly seriesAt: number;
  private readonly months: number;

  constructor(readonly plan: RunPlan, readonly rows: Float64Array) {
    this.width = plan.layout.rowWidth;
    this.count = this.width > 0 ? Math.floor(rows.length / this.width) : 0;
    this.scalarAt = plan.inputNames.length;
    this.claimAt = this.scalarAt + plan.scalarNames.length;
    this.seriesAt = this.claimAt + plan.scenario.claims.length;
    this.months = plan.scenario.horizon + 1;
  }

  /** Input j of row t. */
  input(t: number, j: number): number {
    return this.rows[t * this.width + j];
  }

  /** Scalar c of row t. */
  scalar(t: number, c: number): number {
    return this.rows[t * this.width + this.scalarAt + c];
  }

  /** Claim c's outcome in row t: 1, 0, or NaN. */
  claim(t: number, c: number): number {
    return this.rows[t * this.width + this.claimAt + c];
  }

  /** Series s at month m of row t. */
  series(t: number, s: number, m: number): number {
    return this.rows[t * this.width + this.seriesAt + s * this.months + m];
  }

  /** Row t as a view (no copy). */
  row(t: number): Float64Array {
    return this.rows.subarray(t * this.width, (t + 1) * this.width);
  }

  /** One column over the first n rows (all by default), copied: f(t) for each row t. */
  column(f: (t: number) => number, n = this.count): Float64Array {
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) out[t] = f(t);
    return out;
  }
}
