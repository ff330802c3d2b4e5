import os from 'node:os';
import { startRemoteWorker } from '../engine/remoteWorker.js';
import { checkRedis, redisConnection } from '../engine/redisBackend.js';
import { InputError } from '../errors.js';
import { wholeNumber } from './flags.js';

/** `forecast worker --redis URL [--workers N]`: runs blocks from Redis until SIGINT or SIGTERM. */
export async function workerCommand(raw: Record<string, unknown>): Promise<void> {
  if (typeof raw.redis !== 'string') throw new InputError('forecast worker needs --redis <url>, e.g. --redis redis://127.0.0.1:6379');
  redisConnection(raw.redis); // validates the URL with a clear message
  const threads = wholeNumber(0, 1024).safeParse(raw.workers ?? os.availableParallelism());
  if (!threads.success) throw new InputError(`--workers = ${JSON.stringify(raw.workers)}: must be a whole number from 0 to 1024`);
  const timeout = wholeNumber(1, 24 * 3600).safeParse(raw.redisTimeout ?? 60);
  if (!timeout.success) throw new InputError(`--redis-timeout = ${JSON.stringify(raw.redisTimeout)}: must be a whole number of seconds from 1 to 86400`);
  // Fails at once on bad credentials, and after --redis-timeout when Redis cannot be reached: never waits silently.
  await checkRedis(raw.redis, timeout.data * 1000);
  const quiet = raw.quiet === true;
  const log = (s: string): void => {
    if (!quiet) process.stdout.write(`${new Date().toISOString()} ${s}\n`);
  };
  const w = await startRemoteWorker(raw.redis, threads.data, log);
  log(`forecast worker ready on ${raw.redis.replace(/\/\/[^@]*@/, '//***@')} with ${threads.data} thread(s)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      log('stopping: finishing the jobs in hand');
      void w.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
