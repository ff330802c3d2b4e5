import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Backend } from './backend.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/**
 * The compiled worker entry point. From the built package it sits at
 * dist/workers/block.js; when this file runs from TypeScript sources (tests),
 * the built copy is used, which `npm test` builds first.
 */
export function workerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = here.includes(`${path.sep}dist${path.sep}`)
    ? path.resolve(here, '../../workers/block.js')
    : path.resolve(here, '../../dist/workers/block.js');
  if (!existsSync(built)) throw new Error(`worker entry point not found at ${built}: run \`npm run build\` first`);
  return built;
}

/** Runs blocks on a Piscina pool of worker threads (one scenario per pool). */
export class PiscinaBackend implements Backend {
  readonly name = 'piscina';
  private readonly pool: Piscina;
  constructor(scenario: ResolvedScenario, readonly workers: number) {
    this.pool = new Piscina({
      filename: pathToFileURL(workerFile()).href,
      workerData: { scenario },
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
  }
  run(req: WorkerRequest): Promise<BlockResponse> {
    return this.pool.run(req) as Promise<BlockResponse>;
  }
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
