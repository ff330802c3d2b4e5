import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD } from '../helpers/processes.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { runSensitivity } from '../../src/analysis/runSensitivity.js';
import { tornado, tornadoShown } from '../../src/analysis/methods/tornado.js';
import { rank, rankIndicatorNote } from '../../src/analysis/methods/rank.js';
import { sobol, sobolNoiseNote } from '../../src/analysis/methods/sobolIndices.js';

const BIN = path.resolve('dist/src/cli/bin.js');
const demo = path.resolve('config/examples/demo-growth.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-sensprog-'));

describe('forecast sensitivity: planned size and progress', () => {
  it('prints the planned size on stderr before running (stdout keeps the summary only)', () => {
    const out = path.join(tmp, 'sens');
    const r = spawnSync(process.execPath, [BIN, 'sensitivity', demo, '--method', 'rank,tornado', '-n', '2000', '-o', out, '-w', '0'], { encoding: 'utf8', cwd: tmp, timeout: HANG_GUARD });
    expect(r.status, r.stderr).toBe(0);
    // 6 varying inputs: rank = N; tornado = (2·6 + 1) variants of 1,000 (deterministic) and of N (probabilistic).
    // The time is estimated from a few timed model runs: its figure varies, its form does not.
    expect(r.stderr).toContain('6 inputs: rank on 2,000 trajectories = 2,000 model runs; tornado with 13 variants of 1,000 + 2,000 trajectories = 39,000 model runs; 41,000 model runs in all, ');
    expect(r.stderr).toMatch(/ model runs in all, (under 1 s|about \d+ s|about \d+ min) on the main thread; --budget \(or -n\) to change\n/);
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
    expect(plans).toEqual(['6 inputs: rank on 500 trajectories = 500 model runs; tornado with 13 variants of 500 + 500 trajectories = 13,000 model runs; Sobol with 256 rows = 2,048 model runs; 15,548 model runs in all; --budget (or -n, --rows) to change']);
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

describe('tornado and rank: inputs with no swing, claims with too little variance', () => {
  const bar = (input: string, atLow: number, atHigh: number) => ({ input, low: 0, high: 1, atLow, atHigh, swing: Math.abs(atHigh - atLow) });
  const section = {
    quantiles: [0.1, 0.9] as [number, number],
    trajectories: 2000,
    deterministic: [{ output: 'always', baseline: 1, bars: [bar('a', 1, 1), bar('b', 1, 1)] }],
    probabilistic: [{ output: 'x@12', baseline: 5, bars: [bar('a', 4, 6), bar('b', 5, 5), bar('c', 5, 5)] }],
  };

  it('zero-swing bars are left out of the printed summary and the report, with a count; sensitivity.json keeps them', () => {
    const printed = tornado.printed(section, 5).join('\n\n');
    expect(printed).toContain('tornado (probabilistic): x@12, baseline 5\ninput  at low  at high  swing\na      4       6        2\nnote: 2 inputs with no swing left out');
    expect(printed).toContain('tornado (deterministic): always, baseline 1\nnote: 2 inputs with no swing left out\n');
    expect(section.probabilistic[0].bars).toHaveLength(3);
    expect(tornadoShown(section.probabilistic[0], 2000).shown.map((b) => b.input)).toEqual(['a']);
    const html = tornado.reportHtml(section);
    expect(html).toContain('probabilistic, x@12: 2 inputs with no swing left out');
    expect(html).toContain('Tornado (probabilistic): x@12');
    expect(html).not.toContain('Tornado (deterministic): always'); // nothing swings: no chart
  });

  it('a claim at 0 or 1 in every trajectory says it has too little variance and points to its continuous output', () => {
    const printed = tornado.printed(section, 5).join('\n\n');
    // Deterministic variants run min(N, 1000) trajectories.
    expect(printed).toContain('note: always: the claim is 0 or 1 in every one of 1,000 trajectories of every variant, so it has too little variance to rank drivers by; decompose the output it thresholds instead (--output series@month or a scalar).');
    expect(printed).not.toContain('x@12: the claim');
    const ones = { label: 'sure', rows: 500, results: [{ input: 'a', spearman: NaN, prcc: NaN, bins: Array(10).fill(1) }] };
    const mixed = { label: 'p', rows: 500, results: [{ input: 'a', spearman: 0.3, prcc: 0.3, bins: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1] }] };
    expect(rankIndicatorNote(ones)).toContain('sure: the claim is 0 or 1 in every one of 500 trajectories');
    expect(rankIndicatorNote(mixed)).toBeNull();
    const r = rank.printed({ trajectories: 500, outputs: [ones, mixed] }, 5);
    expect(r[0]).toMatch(/\nnote: sure: the claim is 0 or 1 .*--output series@month or a scalar\)\.$/);
    expect(r[1]).not.toContain('note:');
    expect(rank.reportHtml({ trajectories: 500, outputs: [ones, mixed] })).toContain('<p class="note">sure: the claim is 0 or 1');
  });
});

describe('Sobol: first order above total effect beyond their intervals', () => {
  const idx = (input: string, S1: number, S1ci95: [number, number], ST: number, STci95: [number, number]) => ({ input, S1, S1ci95, ST, STci95, S1includesZero: false, STincludesZero: false });
  const noisy = { label: 'y', kind: 'scalar', variance: 1, rowsUsed: 1024, indices: [idx('a', 0.5, [0.45, 0.55], 0.6, [0.55, 0.65]), idx('b', 0.3, [0.25, 0.35], 0.1, [0.05, 0.15])] };
  const fine = { label: 'z', kind: 'scalar', variance: 1, rowsUsed: 1024, indices: [idx('a', 0.5, [0.45, 0.55], 0.45, [0.4, 0.56])] };

  it('flags estimator noise and the rows needed, only where S1ci95[0] > STci95[1]', () => {
    // Gap 0.2: (0.2 / 0.05)² = 16× the rows.
    expect(sobolNoiseNote(noisy, 1024)).toBe('y: first order S1 exceeds total effect ST beyond their 95% intervals for b (by up to 0.200; the true indices have S1 ≤ ST), so these indices are estimator noise at 1,024 rows; about 16× the rows (--rows 16,384) would shrink it to about 0.05.');
    // Overlapping intervals (S1 > ST but within noise): no note.
    expect(sobolNoiseNote(fine, 1024)).toBeNull();
    // A small gap still asks for at least 4× (half the noise).
    expect(sobolNoiseNote({ label: 'w', indices: [idx('c', 0.2, [0.17, 0.23], 0.14, [0.12, 0.16])] }, 512)).toContain('about 4× the rows (--rows 2,048)');
    const section = { estimators: 'e', rows: 1024, modelRuns: 4096, bootstrap: 100, notes: [], outputs: [noisy, fine] };
    const printed = sobol.printed(section, 5);
    expect(printed[0]).toMatch(/\nnote: y: first order S1 exceeds total effect ST/);
    expect(printed[1]).not.toContain('note:');
    expect(sobol.reportHtml(section)).toContain('<p class="note">y: first order S1 exceeds total effect ST');
  });
});
