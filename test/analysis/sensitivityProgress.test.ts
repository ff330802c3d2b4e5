import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD } from '../helpers/processes.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { runSensitivity } from '../../src/analysis/runSensitivity.js';

const BIN = path.resolve('dist/src/cli/bin.js');
const demo = path.resolve('config/examples/demo-growth.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-sensprog-'));

describe('forecast sensitivity: planned size and progress', () => {
  it('prints the planned size on stderr before running (stdout keeps the summary only)', () => {
    const out = path.join(tmp, 'sens');
    const r = spawnSync(process.execPath, [BIN, 'sensitivity', demo, '--method', 'rank,tornado', '-n', '2000', '-o', out, '-w', '0'], { encoding: 'utf8', cwd: tmp, timeout: HANG_GUARD });
    expect(r.status, r.stderr).toBe(0);
    // 6 varying inputs: rank = N; tornado = (2·6 + 1) variants of 1,000 (deterministic) and of N (probabilistic).
    expect(r.stderr).toContain('6 inputs: rank on 2,000 trajectories = 2,000 model runs; tornado with 13 variants of 1,000 + 2,000 trajectories = 39,000 model runs; 41,000 model runs in all; -n to change');
    expect(r.stdout).not.toContain('model runs in all');
    // Not a TTY: no progress bar drawn.
    expect(r.stderr).not.toContain('\r');
  }, 120_000);

  it('reports (done, total) model runs per method, ending at the planned total', async () => {
    const { scenario, model } = await resolveScenarioFile(demo, {});
    const seen = new Map<string, Array<[number, number]>>();
    const plans: string[] = [];
    await runSensitivity(scenario, model, {
      methods: ['rank', 'tornado', 'sobol'], trajectories: 500, rows: 256, workers: 0,
      onPlan: (line) => plans.push(line),
      onProgress: (m, d, t) => {
        if (!seen.has(m)) seen.set(m, []);
        if (d !== undefined && t !== undefined) seen.get(m)!.push([d, t]);
      },
    });
    expect(plans).toEqual(['6 inputs: rank on 500 trajectories = 500 model runs; tornado with 13 variants of 500 + 500 trajectories = 13,000 model runs; Sobol with 256 rows = 2,048 model runs; 15,548 model runs in all; -n, --rows to change']);
    expect([...seen.keys()]).toEqual(['rank', 'tornado', 'sobol']);
    const totals = { rank: 500, tornado: 13_000, sobol: 2048 } as Record<string, number>;
    for (const [m, ticks] of seen) {
      expect(ticks.length, m).toBeGreaterThan(0);
      for (const [d, t] of ticks) {
        expect(t, m).toBe(totals[m]);
        expect(d, m).toBeLessThanOrEqual(t);
      }
      for (let i = 1; i < ticks.length; i++) expect(ticks[i][0], m).toBeGreaterThanOrEqual(ticks[i - 1][0]);
      expect(ticks.at(-1)![0], m).toBe(totals[m]);
    }
  }, 120_000);
});
