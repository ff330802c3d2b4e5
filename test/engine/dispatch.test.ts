import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/engine/backend.js';
import { dispatchInOrder } from '../../src/engine/dispatch.js';
import type { BlockResponse, WorkerRequest } from '../../src/engine/messages.js';

/** A backend that answers block k after `delay(k)` ms (0: at once), logging each request and answer. */
function mockBackend(workers: number, delay: (block: number) => number, log: string[]): Backend {
  return {
    name: 'mock',
    workers,
    run(req: WorkerRequest): Promise<BlockResponse> {
      log.push(`run ${req.block}`);
      const answer = (): BlockResponse => ({ type: 'summary', block: req.block, data: new Float64Array(0) });
      const ms = delay(req.block);
      return ms === 0 ? Promise.resolve(answer()) : new Promise((r) => setTimeout(() => r(answer()), ms));
    },
    close: async () => {},
  };
}
const request = (block: number): WorkerRequest => ({ type: 'block', block, blockSize: 1, keep: 0 });

describe('dispatchInOrder', () => {
  it('consumes every response once and in order, with responses arriving out of order', async () => {
    const log: string[] = [], consumed: number[] = [];
    await dispatchInOrder(mockBackend(3, (k) => (k * 7) % 5, log), 40, request, (k) => {
      consumed.push(k);
      return true;
    });
    expect(consumed).toEqual([...Array(40).keys()]);
    expect(log.filter((l) => l.startsWith('run')).length).toBe(40);
  });

  it('on threads, sends the next request before it merges a response (a thread never waits for the merge)', async () => {
    const log: string[] = [];
    await dispatchInOrder(mockBackend(1, () => 1, log), 6, request, (k) => {
      log.push(`consume ${k}`);
      return true;
    });
    // Two in flight for one worker: block 2 is requested as block 0's answer comes back, before it is merged.
    expect(log.indexOf('run 2')).toBeLessThan(log.indexOf('consume 0'));
    expect(log.indexOf('run 3')).toBeLessThan(log.indexOf('consume 1'));
  });

  it('in-process, a run that stops computes no block past the one that stopped it', async () => {
    const log: string[] = [], consumed: number[] = [];
    await dispatchInOrder(mockBackend(0, () => 0, log), 20, request, (k) => {
      consumed.push(k);
      return k < 5; // precision reached at block 5
    });
    expect(consumed).toEqual([0, 1, 2, 3, 4, 5]);
    // The in-process backend computes a block inside run(): nothing past block 5 was asked for.
    expect(log).toEqual(['run 0', 'run 1', 'run 2', 'run 3', 'run 4', 'run 5']);
  });

  it('merges no response after one whose merge threw, and rejects with that error', async () => {
    for (const workers of [0, 1, 3]) {
      const consumed: number[] = [];
      const failing = dispatchInOrder(mockBackend(workers, (k) => (k % 3 === 0 ? 0 : 2), []), 30, request, (k) => {
        consumed.push(k);
        if (k === 10) throw new Error('bad block 10');
        return true;
      });
      await expect(failing, `${workers} workers`).rejects.toThrow('bad block 10');
      expect(consumed, `${workers} workers`).toEqual([...Array(11).keys()]);
    }
  });
});
