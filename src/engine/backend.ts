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
}
