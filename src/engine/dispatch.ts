import type { Backend } from './backend.js';
import type { BlockResponse, WorkerRequest } from './messages.js';
import { MAX_BLOCK_ATTEMPTS } from './blockSize.js';
import { InputError, ModelFailure } from '../errors.js';

/**
 * Runs `count` requests on a backend with a bounded number in flight
 * (2 per worker), retrying a request whose worker died up to
 * MAX_BLOCK_ATTEMPTS times (the retries returned count worker deaths: the
 * blocks one dead worker held fail with one error), and hands the responses to `consume` strictly in
 * index order (out-of-order arrivals wait in a small buffer). `consume`
 * returns false to stop dispatching more (in-flight work is then discarded).
 * Rejects with the first error `consume` throws. Returns the number of retries.
 */
export async function dispatchInOrder(
  backend: Backend,
  count: number,
  request: (index: number) => WorkerRequest,
  consume: (index: number, response: BlockResponse) => boolean,
  /** First index to run (a resumed run starts after its checkpoint). */
  start = 0,
  /** Checked before each dispatch: true stops dispatching (in-flight work still finishes and is consumed in order). */
  aborted: () => boolean = () => false,
): Promise<number> {
  const pending = new Map<number, BlockResponse>();
  const deaths = new WeakSet<object>();
  const maxInFlight = Math.max(1, backend.workers) * 2;
  let nextToConsume = start, nextToDispatch = start, retries = 0, inFlight = 0;
  let failure: Error | null = null;
  let stopped = false;

  let done: () => void = () => {};
  const runOne = async (index: number): Promise<void> => {
    let res: BlockResponse | undefined;
    try {
      for (let attempt = 1; res === undefined; attempt++) {
        try {
          res = await backend.run(request(index));
        } catch (e) {
          // Interrupted: work given up (terminated threads, Redis no longer awaited) is dropped, never retried.
          if (aborted()) return;
          // Bad input and a stuck model fail the same way however often they are tried.
          if (e instanceof InputError || e instanceof ModelFailure) throw e;
          // A worker died (out of memory, process.exit): retry on a fresh worker. Its other block
          // in flight fails with the same error object: one death, counted once.
          if (attempt >= MAX_BLOCK_ATTEMPTS) {
            throw new ModelFailure(`block ${index} failed ${attempt} times: the worker running it died each time (the model called process.exit, or ran out of memory?); last error: ${e instanceof Error ? e.message.split('\n')[0].slice(0, 300) : String(e)}`, index);
          }
          if (!(e instanceof Object) || !deaths.has(e)) retries++;
          if (e instanceof Object) deaths.add(e);
        }
      }
    } finally {
      inFlight--;
    }
    // On threads, the next request goes out before this response is merged, so a thread never
    // waits for the merge (the main thread's first merges, before V8 optimises them, take
    // milliseconds a block). A run that stops here (consume returns false or throws) then has one
    // more block in flight, which is discarded. In-process there is nothing to overlap, and a
    // request sent early would be computed before this one is merged: it goes out after (finally).
    if (backend.workers > 0) pump();
    pending.set(index, res);
    // Not after a failure: a block past one whose consume threw is never merged.
    while (!stopped && failure === null && pending.has(nextToConsume)) {
      const r = pending.get(nextToConsume)!;
      pending.delete(nextToConsume);
      nextToConsume++;
      try {
        if (!consume(nextToConsume - 1, r)) stopped = true;
      } catch (e) {
        failure ??= e as Error; // at once, so that no other response is consumed after it
        throw e;
      }
    }
    if (stopped) pending.clear();
  };

  const pump = (): void => {
    while (failure === null && !stopped && !aborted() && inFlight < maxInFlight && nextToDispatch < count) {
      const index = nextToDispatch++;
      inFlight++;
      runOne(index)
        .catch((e: Error) => {
          failure ??= e;
        })
        .finally(() => {
          if (inFlight === 0 && (failure !== null || stopped || aborted() || nextToDispatch >= count)) done();
          else pump();
        });
    }
  };
  await new Promise<void>((resolve) => {
    done = resolve;
    pump();
    if (inFlight === 0) resolve(); // nothing to run (count reached, or aborted before starting)
  });
  if (failure) throw failure;
  return retries;
}
