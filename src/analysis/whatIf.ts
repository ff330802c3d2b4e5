import os from 'node:os';
import type { Model } from '../model/defineModel.js';
import type { Backend } from '../engine/backend.js';
import { InProcessBackend } from '../engine/inProcessBackend.js';
import { PiscinaBackend } from '../engine/piscinaBackend.js';
import { LazyRedisBackend } from '../engine/lazyRedisBackend.js';
import { runScenario, type RunOutcome } from '../engine/run.js';
import { createDistribution, type DistributionSpec } from '../distributions/registry.js';
import { rehashed, type ResolvedScenario } from '../scenario/resolve.js';
import type { InputSpec } from '../scenario/schema.js';

/**
 * Runs variants of one scenario (inputs pinned or replaced) on one shared
 * backend, with the base scenario's seed, so variants see common random
 * numbers: trajectory t draws the same value of every input not changed, and
 * the same events. Used by tornado, breakeven and sweep.
 */
export class WhatIf {
  readonly backend: Backend;
  constructor(readonly scenario: ResolvedScenario, readonly model: Model, workers = os.availableParallelism(), redis?: string) {
    this.backend = redis ? new LazyRedisBackend(scenario, redis) : workers === 0 ? new InProcessBackend(scenario, model) : new PiscinaBackend(scenario, workers);
  }

  /** The scenario with inputs replaced (others untouched), rehashed so workers keep a plan per variant. */
  variant(inputs: Record<string, InputSpec>, trajectories?: number): ResolvedScenario {
    return variantScenario(this.scenario, inputs, trajectories);
  }

  /** The scenario with input `name` fixed at `value`. */
  pinned(pins: Record<string, number>, trajectories?: number): ResolvedScenario {
    return pinnedScenario(this.scenario, pins, trajectories);
  }

  run(s: ResolvedScenario, keep = 0, onProgress?: (done: number, total: number) => void): Promise<RunOutcome> {
    return runScenario(s, this.model, { backend: this.backend, keepTrajectories: keep, onProgress });
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/** `scenario` with inputs replaced (others untouched), rehashed so workers keep a plan per variant. */
export function variantScenario(scenario: ResolvedScenario, inputs: Record<string, InputSpec>, trajectories?: number): ResolvedScenario {
  const v = { ...scenario, inputs: { ...scenario.inputs, ...inputs }, trajectories: trajectories ?? scenario.trajectories };
  return rehashed(v);
}

/** `scenario` with each input of `pins` fixed at its value (a point). */
export function pinnedScenario(scenario: ResolvedScenario, pins: Record<string, number>, trajectories?: number): ResolvedScenario {
  const inputs: Record<string, InputSpec> = {};
  for (const [name, value] of Object.entries(pins)) inputs[name] = { ...pointOf(scenario.inputs[name]), value } as unknown as InputSpec;
  return variantScenario(scenario, inputs, trajectories);
}

function pointOf(input: InputSpec): { dist: 'point'; unit: string; source: string; rationale: string } {
  return { dist: 'point', unit: input.unit, source: input.source, rationale: input.rationale };
}

/** An input's quantile at p (its P10 is quantileOf(spec, 0.1)). */
export function quantileOf(input: InputSpec, p: number): number {
  return createDistribution(input as DistributionSpec).quantile(p);
}
