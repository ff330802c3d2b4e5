import type { BlockResponse, WorkerRequest } from './messages.js';

/**
 * Runs block requests somewhere (this thread, a Piscina pool, remote
 * workers). Responses may arrive in any order; the engine merges in block order.
 */
export interface Backend {
  readonly name: string;
  readonly workers: number;
  /** Runs one block. Rejects only for infrastructure failures (a dead worker), not model errors. */
  run(req: WorkerRequest): Promise<BlockResponse>;
  close(): Promise<void>;
  /**
   * Called on each SIGINT/SIGTERM with how many have been seen: a backend may
   * give up work in flight (the 2nd stops worker threads at once; Redis gives
   * up waiting at the 1st, its jobs stay queued for --resume). Work given up
   * rejects its run(); the dispatcher then drops it, as the run is aborted.
   */
  interrupt?(count: number): void;
}

/** The `workers` a backend with this many requests in flight reports: the dispatcher keeps two per worker in flight. */
export function workersForInFlight(inFlight: number): number {
  return Math.max(1, Math.floor(inFlight / 2));
}
