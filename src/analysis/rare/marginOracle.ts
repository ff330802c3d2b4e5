import os from 'node:os';
import type { Model } from '../../model/defineModel.js';
import { RunPlan } from '../../engine/runBlock.js';
import type { Backend } from '../../engine/backend.js';
import { rehashed, type ResolvedScenario } from '../../scenario/resolve.js';
import { InProcessBackend } from '../../engine/inProcessBackend.js';
import { PiscinaBackend } from '../../engine/piscinaBackend.js';
import { dispatchInOrder } from '../../engine/dispatch.js';
import { ModelError } from '../../model/modelError.js';
import { InputError } from '../../errors.js';
import { StandardSpace } from './standardSpace.js';

/** Points per worker request: fixed, so the split never depends on the worker count. */
export const MARGIN_BATCH = 256;

/** The first event-stream index the rare-event methods hand out (far above any run's trajectory indices). */
export const STREAM_BASE = 2 ** 45;

/**
 * Evaluates one claim's margin at batches of points, on the engine's worker
 * pool (Piscina) or in-process. Each point is (input values, event stream
 * index); the margin is a pure function of them, so results are identical at
 * any worker count. Counts the model runs made.
 */
export class MarginOracle {
  readonly plan: RunPlan;
  readonly space: StandardSpace;
  readonly claim: number;
  readonly k: number;
  runs = 0;
  private readonly backend: Backend;
  private nextStream = STREAM_BASE;

  /** The complement's margin (−margin) instead of the claim's: for the rare ways a claim that always holds can fail. */
  private readonly negate: boolean;

  /** Requests carry this (with a hash of its content) when the backend is shared; undefined when the oracle owns its backend. */
  private readonly sent: ResolvedScenario | undefined;

  /** `options.backend`: run on this pool (kept open) instead of a new one; its requests then carry the scenario. */
  constructor(scenario: ResolvedScenario, model: Model, claimId: string, workers?: number, options: { negate?: boolean; backend?: Backend } = {}) {
    this.negate = options.negate ?? false;
    this.plan = new RunPlan(scenario, model);
    this.space = new StandardSpace(this.plan);
    this.k = this.plan.inputNames.length;
    this.claim = scenario.claims.findIndex((c) => c.id === claimId);
    if (this.claim < 0) throw new InputError(`--claim ${JSON.stringify(claimId)} is not a claim of this scenario (claims: ${scenario.claims.map((c) => c.id).join(', ') || 'none'})`);
    const w = Math.max(0, workers ?? os.availableParallelism());
    this.sent = options.backend ? rehashed(scenario) : undefined;
    this.backend = options.backend ?? (w === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, w));
  }

  /** A fresh event stream (a draw of the events from their prior): the next unused index. */
  freshStream(): number {
    return this.nextStream++;
  }

  /** Margins at n points given by their input values (n rows of k). */
  async atValues(values: Float64Array, streams: Float64Array, n: number): Promise<Float64Array> {
    const k = this.k, out = new Float64Array(n);
    const batches = Math.ceil(n / MARGIN_BATCH);
    await dispatchInOrder(
      this.backend,
      batches,
      (b) => {
        const lo = b * MARGIN_BATCH, hi = Math.min(n, lo + MARGIN_BATCH);
        return { type: 'margins', block: b, claim: this.claim, n: hi - lo, values: values.slice(lo * k, hi * k), streams: streams.slice(lo, hi), ...(this.sent ? { scenario: this.sent } : {}) };
      },
      (b, res) => {
        if (res.type === 'model-error') throw new ModelError(res.details);
        if (res.type === 'input-error') throw new InputError(res.message);
        if (this.negate) for (let i = 0; i < res.data.length; i++) out[b * MARGIN_BATCH + i] = -res.data[i];
        else out.set(res.data, b * MARGIN_BATCH);
        return true;
      },
    );
    this.runs += n;
    return out;
  }

  /** Margins at n points of the standard normal space (n rows of k coordinates). */
  async atPoints(u: Float64Array, streams: Float64Array, n: number): Promise<Float64Array> {
    const k = this.k, values = new Float64Array(n * k);
    for (let i = 0; i < n; i++) this.space.toValues(u.subarray(i * k, i * k + k), values, i * k);
    return this.atValues(values, streams, n);
  }

  async close(): Promise<void> {
    if (!this.sent) await this.backend.close();
  }
}
