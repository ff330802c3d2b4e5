import { Job, Queue, QueueEvents, type ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { InputError } from '../errors.js';
import { createHash } from 'node:crypto';
import { canonicalJson, rehashed } from '../scenario/resolve.js';
import { ENGINE_VERSION } from '../version.js';
import { SUMMARY_FORMAT } from '../stats/summaryCodec.js';
import { modelKey } from '../scenario/loadModel.js';
import { workersForInFlight, type Backend } from './backend.js';
import type { BlockResponse, WorkerRequest } from './messages.js';

/** How often a coordinator reads the state of a block it waits on, besides listening for its completion event. */
const POLL_MS = 5000;

/** The BullMQ queue every coordinator and `forecast worker` uses. */
export const QUEUE_NAME = 'forecast-blocks';

/** What a job carries: the scenario, the request, and the fingerprint workers must match. */
export interface BlockJob {
  scenario: ResolvedScenario;
  request: WorkerRequest;
  fingerprint: Fingerprint;
}

/** Engine version, summary format, model code and Node/V8 version: a worker refuses a job whose fingerprint differs from its own. */
export interface Fingerprint {
  engine: string;
  /** The binary summary format the worker answers in (a build that packs counts otherwise cannot be merged with this one's, whatever its version says). */
  summary: number;
  node: string;
  v8: string;
  model: string;
}

/** This process's fingerprint for a scenario (a built-in model counts by the engine version, a file model by its content hash). */
export function fingerprint(scenario: ResolvedScenario): Fingerprint {
  return {
    engine: ENGINE_VERSION,
    summary: SUMMARY_FORMAT,
    node: process.versions.node,
    v8: process.versions.v8,
    model: modelKey(scenario.model),
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

/** Redis refused the credentials, or could not be reached within --redis-timeout: exit 2 with a message, never a hang. */
export class RedisUnavailable extends InputError {}

const AUTH_ERROR = /WRONGPASS|NOAUTH|invalid password|invalid username-password|AUTH .*failed|ERR AUTH/i;

/** host:port of a connection, for messages (never the password). */
function where(c: ConnectionOptions): string {
  const o = c as RedisOptions;
  return `${o.host ?? '127.0.0.1'}:${o.port ?? 6379}`;
}

/**
 * Checks that Redis answers PING with these credentials: an authentication
 * error fails at once; a connection failure is retried every half second
 * until `timeoutMs`, then fails with the last error. Both throw RedisUnavailable.
 */
export async function checkRedis(url: string, timeoutMs: number): Promise<void> {
  const connection = redisConnection(url) as RedisOptions;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const client = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: Math.max(500, Math.min(5000, timeoutMs)) });
    // An authentication failure arrives as an 'error' event; the promises then only say the connection closed.
    let event = '';
    client.on('error', (e: Error) => (event = e.message));
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch (e) {
      client.disconnect();
      const message = e instanceof Error ? e.message : String(e);
      last = AUTH_ERROR.test(event) ? event : message === 'Connection is closed.' && event ? event : message;
      if (AUTH_ERROR.test(last)) throw new RedisUnavailable(`Redis at ${where(connection)} refused the credentials: ${last.slice(0, 200)}; check the user name and password in --redis (redis://user:password@host:port)`);
    }
    if (Date.now() >= deadline) throw new RedisUnavailable(`could not reach Redis at ${where(connection)} within ${timeoutMs / 1000} s (--redis-timeout): ${last.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Runs blocks as BullMQ jobs on Redis, for `forecast worker` processes on any
 * machine. Job ids are deterministic (scenario hash, request kind, block), so a
 * coordinator restarted with --resume re-attaches to the jobs already queued or
 * finished instead of starting over; a worker killed mid-job loses nothing, as
 * BullMQ's stalled-job check hands the job to another worker. A failed job is
 * removed before its block is queued again, so a retry (a worker thread that
 * died) runs afresh, as locally, and a failure never outlives its run.
 * While blocks are awaited, Redis is pinged every second; unreachable for
 * longer than the timeout, the run fails (RedisUnavailable) instead of hanging.
 */
export class RedisBackend implements Backend {
  readonly name = 'redis';
  readonly workers: number;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly fp: Fingerprint;
  private readonly waiting = new Set<(e: Error) => void>();
  private readonly watchdog: NodeJS.Timeout;
  private readonly pinger: Redis;
  private lastSeen = Date.now();
  private failure: Error | null = null;

  /** Checks that Redis answers (see checkRedis), then opens the backend. */
  static async open(scenario: ResolvedScenario, url: string, options: { timeoutMs?: number; inFlight?: number } = {}): Promise<RedisBackend> {
    await checkRedis(url, options.timeoutMs ?? 60_000);
    return new RedisBackend(scenario, url, options.inFlight, options.timeoutMs);
  }

  constructor(private readonly scenario: ResolvedScenario, url: string, inFlight = 64, timeoutMs = 60_000) {
    const connection = redisConnection(url);
    this.pinger = new Redis({ ...(connection as RedisOptions), maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: () => 500 });
    this.pinger.on('error', () => {});
    this.watchdog = setInterval(() => {
      this.pinger.ping().then(
        () => (this.lastSeen = Date.now()),
        () => {
          if (Date.now() - this.lastSeen > timeoutMs) this.fail(new RedisUnavailable(`lost the connection to Redis at ${where(connection)} for more than ${timeoutMs / 1000} s (--redis-timeout); the blocks already merged are kept`));
        },
      );
    }, Math.min(1000, timeoutMs / 2));
    this.watchdog.unref();
    this.queue = new Queue(QUEUE_NAME, { connection });
    this.events = new QueueEvents(QUEUE_NAME, { connection });
    this.workers = workersForInFlight(inFlight);
    this.fp = fingerprint(scenario);
    // Every block in flight waits on these emitters.
    this.events.setMaxListeners(0);
    this.queue.setMaxListeners(0);
  }

  async run(req: WorkerRequest): Promise<BlockResponse> {
    const scenario = req.scenario ?? this.scenario;
    const request = { ...req, scenario: undefined } as WorkerRequest;
    // The id is a hash of everything the job computes from, so equal work re-attaches
    // (a restarted coordinator) and different work never collides, whatever the caller passes;
    // with the summary format, so a finished job kept from a build answering in another one is never re-attached.
    const { file: _file, sha256: _sha, ...content } = scenario;
    const jobId = `${req.type}-${req.block}-${createHash('sha256').update(canonicalJson({ content, request, summary: SUMMARY_FORMAT })).digest('hex').slice(0, 32)}`;
    // Workers cache plans by sha256: send one computed from the content, never a caller's.
    const data: BlockJob = { scenario: rehashed(scenario), request, fingerprint: this.fp };
    return this.guard(async () => {
      await this.events.waitUntilReady();
      // A failed job under this id is a past attempt (this run's, or a stale one): never let it decide this one.
      const stale = await this.queue.getJob(jobId);
      if (stale && (await stale.isFailed())) await stale.remove();
      const job = await this.queue.add('block', data, { jobId, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 3600 } });
      try {
        return decodeResponse(await this.finished(job));
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        if (reason.startsWith('refused:')) {
          await job.remove().catch(() => {});
          throw new InputError(`a worker ${reason}`);
        }
        throw new Error(`block ${req.block} failed on a remote worker: ${reason}`);
      }
    });
  }

  /**
   * The job's return value once it completes (rejects with its failure reason). Waits on the
   * queue's completion events, and also reads the job's state every few seconds, so a
   * completion event lost in transit (a QueueEvents reconnect) delays a block, never hangs it.
   */
  private finished(job: Job): Promise<unknown> {
    let polling = true;
    const poll = async (): Promise<unknown> => {
      while (polling) {
        await new Promise((r) => setTimeout(r, POLL_MS).unref());
        if (!polling) break;
        const current = await Job.fromId(this.queue, job.id!).catch(() => undefined);
        const state = current ? await current.getState().catch(() => 'unknown') : 'unknown';
        if (state === 'completed') return current!.returnvalue;
        if (state === 'failed') throw new Error(current!.failedReason);
      }
      return new Promise(() => {}); // the event won the race
    };
    return Promise.race([job.waitUntilFinished(this.events), poll()]).finally(() => (polling = false));
  }

  /** Runs `work`, rejecting early when the backend fails (Redis lost) or is interrupted. */
  private guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const onFail = (e: Error): void => reject(e);
      this.waiting.add(onFail);
      work().then(resolve, reject).finally(() => this.waiting.delete(onFail));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const f of this.waiting) f(this.failure);
    this.waiting.clear();
  }

  /** A SIGINT/SIGTERM stops waiting for the blocks in flight: they stay queued (and are re-attached by --resume). */
  interrupt(count: number): void {
    if (count >= 1) this.fail(new Error('interrupted'));
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    this.pinger.disconnect();
    if (this.failure instanceof RedisUnavailable || this.failure?.message === 'interrupted') {
      // The connection may be gone: do not wait for BullMQ to close it gracefully.
      await Promise.race([Promise.all([this.events.close(), this.queue.close()]), new Promise((r) => setTimeout(r, 1000).unref())]);
      this.events.disconnect().catch(() => {});
      this.queue.disconnect().catch(() => {});
      return;
    }
    await this.events.close();
    await this.queue.close();
  }
}
