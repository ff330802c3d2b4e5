import type { ModelErrorDetails } from '../model/modelError.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { OutputRef } from '../analysis/saltelli.js';

/** A request to run one block. `keep`: how many of its first trajectories to return as rows. */
export interface BlockRequest {
  type: 'block';
  block: number;
  blockSize: number;
  keep: number;
  /** A variant of the pool's scenario to run instead (what-if analyses share one pool); plans are cached by its sha256. */
  scenario?: ResolvedScenario;
}

/** A request to run one block of a Saltelli design (Sobol indices): `rows` rows, each run k + 2 times. */
export interface SaltelliRequest {
  type: 'saltelli';
  block: number;
  rows: number;
  outputs: OutputRef[];
  bootstrap: number;
  /** As for BlockRequest: a scenario to run instead of the pool's. */
  scenario?: ResolvedScenario;
}

/**
 * A request to run the model at given points and return one claim's margin at
 * each (rare-event estimation, scenario discovery): `values` holds n rows of
 * the inputs' values, `streams` each point's event stream (a trajectory index).
 */
export interface MarginRequest {
  type: 'margins';
  block: number;
  claim: number;
  n: number;
  values: Float64Array;
  streams: Float64Array;
  /** As for BlockRequest: a scenario to run instead of the pool's. */
  scenario?: ResolvedScenario;
}

/** Every request a worker takes. */
export type WorkerRequest = BlockRequest | SaltelliRequest | MarginRequest;

/** The one message union workers answer with. Summaries travel as a transferred Float64Array. */
export type BlockResponse =
  | { type: 'summary'; block: number; data: Float64Array }
  | { type: 'model-error'; block: number; details: ModelErrorDetails }
  | { type: 'input-error'; block: number; message: string };
