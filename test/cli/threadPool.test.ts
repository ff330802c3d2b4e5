import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/run.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { encodeSummary } from '../../src/stats/summaryCodec.js';
import { CommandThreads } from '../../src/cli/threadPool.js';

// A command's worker threads (forecast run): started before the scenario is read, kept for
// the next scenario while the model stays the same, fresh when it changes; the results are
// those of runs that start their own pool, byte for byte.
const bytes = (s: Parameters<typeof encodeSummary>[0]) => Buffer.from(encodeSummary(s).buffer).toString('base64');

describe('CommandThreads', () => {
  it('one pool per model in turn, the same bytes as runs on their own pools', async () => {
    const threads = CommandThreads.start({ workers: 2, blockTimeout: 600 })!;
    try {
      const demo = await resolveScenarioFile(path.resolve('config/examples/demo-growth.yaml'), { trajectories: 20_000 });
      const variant = await resolveScenarioFile(path.resolve('config/examples/demo-growth.yaml'), { trajectories: 30_000, seed: 7, set: ['initialDemand=120'] });
      const other = await resolveScenarioFile(path.resolve('bench/costRatio12.yaml'), { trajectories: 20_000 });
      const first = await threads.for(demo.scenario);
      expect(await threads.for(variant.scenario)).toBe(first); // the same model: the same threads
      const shared = [
        await runScenario(demo.scenario, demo.model, { backend: first }),
        await runScenario(variant.scenario, variant.model, { backend: first }),
      ];
      const next = await threads.for(other.scenario);
      expect(next).not.toBe(first); // another model: fresh threads
      shared.push(await runScenario(other.scenario, other.model, { backend: next }));
      const own = [
        await runScenario(demo.scenario, demo.model, { workers: 2 }),
        await runScenario(variant.scenario, variant.model, { workers: 2 }),
        await runScenario(other.scenario, other.model, { workers: 2 }),
      ];
      expect(shared.map((o) => o.summary.trajectories)).toEqual([20_000, 30_000, 20_000]);
      expect(shared.map((o) => bytes(o.summary))).toEqual(own.map((o) => bytes(o.summary)));
      expect(bytes(shared[0].summary)).not.toBe(bytes(shared[1].summary));
    } finally {
      await threads.close();
    }
  }, 120_000);

  it('starts no threads for --redis or -w 0', () => {
    expect(CommandThreads.start({ workers: 0, blockTimeout: 600 })).toBeUndefined();
    expect(CommandThreads.start({ workers: 2, blockTimeout: 600, redis: 'redis://127.0.0.1:1' })).toBeUndefined();
  });
});
