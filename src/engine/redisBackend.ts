import { Queue, QueueEvents, type ConnectionOptions } from 'bullmq';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { InputError } from '../errors.js';
import { createHash } from 'node:crypto';
import { canonicalJson, scenarioHash } from '../scenario/resolve.js';
import { ENGINE_VERSION } from '../version.js';
import type { Backend } from './backend.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/** The BullMQ queue every coordinator and `forecast worker` uses. */
export const QUEUE_NAME = 'forecast-blocks';

/** What a job carries: the scenario, the request, and the fingerprint workers must match. */
export interface BlockJob {
  scenario: ResolvedScenario;
  request: WorkerRequest;
  fingerprint: Fingerprint;
}

/** Engine version, model code and Node/V8 version: a worker refuses a job whose fingerprint differs from its own. */
export interface Fingerprint {
  engine: string;
  node: string;
  v8: string;
  model: string;
}

/** This process's fingerprint for a scenario (a built-in model counts by the engine version, a file model by its content hash). */
export function fingerprint(scenario: ResolvedScenario): Fingerprint {
  return {
    engine: ENGINE_VERSION,
    node: process.versions.node,
    v8: process.versions.v8,
    model: scenario.model.kind === 'builtin' ? `builtin:${scenario.model.name}` : `${scenario.model.kind}:${scenario.model.sha256}`,
  };
}

/**
 * Redis connection options from a URL (redis:// or rediss:// for TLS), with
 * the user name and password it may carry; BullMQ needs
 * maxRetriesPerRequest = null on its blocking connections.
 */
export function redisConnection(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(`--redis ${JSON.stringify(url)} is not a URL like redis://host:6379 (or rediss:// for TLS, redis://:password@host:6379)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new InputError(`--redis ${JSON.stringify(url)}: the scheme must be redis:// or rediss://`);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Summaries travel as base64 of the binary encoding: lossless for NaN, ±Infinity and −0 (JSON would not be). */
export function encodeResponse(res: BlockResponse): unknown {
  if (res.type !== 'summary') return res;
  return { type: 'summary', block: res.block, data: Buffer.from(res.data.buffer, res.data.byteOffset, res.data.byteLength).toString('base64') };
}

export function decodeResponse(value: unknown): BlockResponse {
  const v = value as { type: string; block: number; data?: string };
  if (v.type !== 'summary') return value as BlockResponse;
  const buf = Buffer.from(v.data!, 'base64');
  const copy = new Uint8Array(buf.length);
  copy.set(buf);
  return { type: 'summary', block: v.block, data: new Float64Array(copy.buffer) };
}

/**
 * Runs blocks as BullMQ jobs on Redis, for `forecast worker` processes on any
 * machine. Job ids are deterministic (scenario hash, request kind, block), so a
 * coordinator restarted with --resume re-attaches to the jobs already queued or
 * finished instead of starting over; a worker killed mid-job loses nothing, as
 * BullMQ's stalled-job check hands the job to another worker.
 */
export class RedisBackend implements Backend {
  readonly name = 'redis';
  readonly workers: number;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly fp: Fingerprint;

  constructor(private readonly scenario: ResolvedScenario, url: string, inFlight = 64) {
    const connection = redisConnection(url);
    this.queue = new Queue(QUEUE_NAME, { connection });
    this.events = new QueueEvents(QUEUE_NAME, { connection });
    this.workers = Math.max(1, Math.floor(inFlight / 2));
    this.fp = fingerprint(scenario);
    // Every block in flight waits on these emitters.
    this.events.setMaxListeners(0);
    this.queue.setMaxListeners(0);
  }

  async run(req: WorkerRequest): Promise<BlockResponse> {
    const scenario = req.scenario ?? this.scenario;
    const request = { ...req, scenario: undefined } as WorkerRequest;
    // The id is a hash of everything the job computes from, so equal work re-attaches
    // (a restarted coordinator) and different work never collides, whatever the caller passes.
    const { file: _file, sha256: _sha, ...content } = scenario;
    const jobId = `${req.type}-${req.block}-${createHash('sha256').update(canonicalJson({ content, request })).digest('hex').slice(0, 32)}`;
    // Workers cache plans by sha256: send one computed from the content, never a caller's.
    const data: BlockJob = { scenario: { ...scenario, sha256: scenarioHash(scenario) }, request, fingerprint: this.fp };
    await this.events.waitUntilReady();
    const job = await this.queue.add('block', data, { jobId, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 24 * 3600 } });
    try {
      return decodeResponse(await job.waitUntilFinished(this.events));
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (reason.startsWith('refused:')) throw new InputError(`a worker ${reason}`);
      throw new Error(`block ${req.block} failed on a remote worker: ${reason}`);
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}
