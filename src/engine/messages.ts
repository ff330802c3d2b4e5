import type { ModelErrorDetails } from '../model/modelError.js';

export type { BlockRequest } from './tasks/blockTask.js';
export type { SaltelliRequest } from './tasks/saltelliTask.js';
export type { MarginRequest } from './tasks/marginsTask.js';
export type { MorrisRequest } from './tasks/morrisTask.js';
/** Every request a worker takes (one per task in tasks/registry.ts). */
export type { WorkerRequest } from './tasks/registry.js';

/** The one message union workers answer with. Summaries travel as one Float64Array (copied from a worker thread). */
export type BlockResponse =
  | { type: 'summary'; block: number; data: Float64Array }
  | { type: 'model-error'; block: number; details: ModelErrorDetails }
  | { type: 'input-error'; block: number; message: string };
