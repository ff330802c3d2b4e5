import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { InProcessBackend } from './inProcessBackend.js';
import { PiscinaBackend } from './piscinaBackend.js';
import type { Backend } from './backend.js';
import { encodeResponse, fingerprint, QUEUE_NAME, redisConnection, type BlockJob } from './redisBackend.js';
import { hashModelFile, loadModel } from '../scenario/loadModel.js';
import { InputError } from '../errors.js';

/** Lock and stalled-check interval, ms: how soon a job from a killed worker goes to another (FORECAST_STALLED_MS shortens it in tests). */
const STALLED_MS = Number(process.env.FORECAST_STALLED_MS ?? 30_000);

/**
 * `forecast worker --redis URL`: takes block jobs from Redis and runs them on
 * its own Piscina pool, after checking that it runs the same engine, model code
 * and Node/V8 as the coordinator. One pool per model: every request carries its
 * scenario, and the worker threads keep a plan per scenario hash, so variants
 * (tornado, sweep) never rebuild or close a pool under running jobs.
 * Stays up for more work until SIGINT or SIGTERM, then finishes its jobs.
 */
export async function startRemoteWorker(url: string, threads: number, log: (s: string) => void): Promise<{ close: () => Promise<void> }> {
  const pools = new Map<string, Backend>();
  const poolFor = async (job: BlockJob): Promise<Backend> => {
    const key = fingerprint(job.scenario).model;
    let pool = pools.get(key);
    if (!pool) {
      // One block per thread at a time: BullMQ already keeps the pool's queue full, and a thread that
      // dies must fail only its own job (each failed job is a retry the coordinator reports).
      pool = threads === 0 ? new InProcessBackend(job.scenario, await loadModel(job.scenario.model)) : new PiscinaBackend(job.scenario, threads, 0, 1);
      pools.set(key, pool);
    }
    return pool;
  };
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job<BlockJob>) => {
      const theirs = job.data.fingerprint;
      // The model part is this machine's own: the hash of the file at the model's path here, never the job's word for it.
      const mine = { ...fingerprint(job.data.scenario), model: localModel(job.data.scenario.model) };
      const diff = (Object.keys(mine) as Array<keyof typeof mine>).filter((k) => mine[k] !== theirs[k]);
      if (diff.length > 0) {
        throw new UnrecoverableError(`refused: this worker runs ${diff.map((k) => `${k} ${mine[k]}`).join(', ')}; the coordinator runs ${diff.map((k) => `${k} ${theirs[k]}`).join(', ')}. Run the same engine version, model code and Node.js on every machine.`);
      }
      const res = await (await poolFor(job.data)).run({ ...job.data.request, scenario: job.data.scenario });
      log(`block ${job.data.request.block} of ${job.data.scenario.name} done`);
      return encodeResponse(res);
    },
    { connection: redisConnection(url), concurrency: Math.max(1, threads) * 2, lockDuration: STALLED_MS, stalledInterval: STALLED_MS, maxStalledCount: 5 },
  );
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      for (const p of pools.values()) await p.close();
    },
  };
}


/** The model a worker would load for a ModelRef, as a fingerprint: a built-in by name, a file by the hash of its content on this machine. */
function localModel(ref: BlockJob['scenario']['model']): string {
  if (ref.kind === 'builtin') return `builtin:${ref.name}`;
  // A formula model travels inside the job (the worker compiles what it was sent); a model object cannot travel at all.
  if (ref.kind === 'formula') return `formula:${ref.sha256}`;
  if (ref.kind === 'object') return `object:(a model object cannot run on a remote worker)`;
  try {
    return `file:${hashModelFile(ref.source)}`;
  } catch (e) {
    return `file:(unreadable: ${e instanceof InputError ? e.message.split('\n').pop()!.trim() : String(e)})`;
  }
}
