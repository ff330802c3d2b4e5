import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { TycheI } from '../../src/rng/tycheI.js';
import { eventStreamKey, LazyTrajectoryStream } from '../../src/rng/streams.js';

describe('TycheI: output for output seedrandom’s tychei', () => {
  it('the same int32 and double outputs for keys of every length, and after re-keying', () => {
    const keys = ['', 'a', '42/block/3/input/launchCost', eventStreamKey(20260205, 999_999), 'ü€😀 non-ASCII key', 'x'.repeat(300)];
    const reused = new TycheI('warm-up');
    for (const key of keys) {
      const ref = seedrandom.tychei(key), mine = new TycheI(key);
      reused.seed(key);
      for (let i = 0; i < 2_000; i++) {
        const r = ref.int32();
        expect(mine.int32(), `${key} int32 #${i}`).toBe(r);
        expect(reused.int32()).toBe(r);
      }
      const refD = seedrandom.tychei(key), mineD = new TycheI(key);
      for (let i = 0; i < 2_000; i++) expect(mineD.double(), `${key} double #${i}`).toBe(refD.double());
    }
  });

  it('the event stream draws the same values whether it keys lazily or at reset (after a first draw)', () => {
    const s = new LazyTrajectoryStream(7);
    const draws = (t: number): number[] => {
      s.reset(t);
      return Array.from({ length: 5 }, () => s.next());
    };
    const first = draws(3); // keyed lazily
    draws(4); // from now on keyed at reset
    expect(draws(3)).toEqual(first);
    const ref = seedrandom.tychei(eventStreamKey(7, 3));
    expect(first).toEqual(Array.from({ length: 5 }, () => ref.double()));
  });
});
