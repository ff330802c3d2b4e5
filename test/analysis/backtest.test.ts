import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { monthsFrom, parseObservations, percentileInBands, scoreBacktest } from '../../src/analysis/backtest.js';
import { KeptRows } from '../../src/engine/keptRows.js';
import { runScenario } from '../../src/engine/run.js';
import { InputError } from '../../src/errors.js';
import { launchCostAt } from '../../src/models/mechanisms/launchCost.js';
import { buildResult } from '../../src/result/buildResult.js';
import { backtestText } from '../../src/cli/backtestCommand.js';
import { main } from '../../src/cli/main.js';
import { resultJson } from '../../src/report/writeRun.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';

const LAUNCH = 'config/backtest/launch-2010.yaml';
const LAUNCH_CSV = 'config/backtest/launch-price-history.csv';

describe('percentileInBands', () => {
  const levels = [0.05, 0.25, 0.5, 0.75, 0.95];
  const values = [10, 15, 20, 30, 40];
  it('interpolates linearly between the bracketing levels', () => {
    // 17.5 is half way from the 25% band (15) to the 50% band (20): 0.25 + 0.25·0.5.
    expect(percentileInBands(levels, values, 17.5)).toEqual({ percentile: 0.375, outside: null });
    // 35 is half way from 30 (75%) to 40 (95%): 0.75 + 0.2·0.5.
    expect(percentileInBands(levels, values, 35).percentile).toBeCloseTo(0.85, 12);
    expect(percentileInBands(levels, values, 20)).toEqual({ percentile: 0.5, outside: null });
  });
  it('beyond the outermost bands gives the bound and the side', () => {
    expect(percentileInBands(levels, values, 5)).toEqual({ percentile: 0.05, outside: 'below' });
    expect(percentileInBands(levels, values, 50)).toEqual({ percentile: 0.95, outside: 'above' });
  });
  it('a value on a flat stretch (a point mass) takes the middle of its levels; nulls are skipped', () => {
    expect(percentileInBands([0.1, 0.2, 0.3, 0.4], [1, 2, 2, 3], 2).percentile).toBeCloseTo(0.25, 12);
    expect(percentileInBands([0.1, 0.2, 0.3], [1, null, 3], 2).percentile).toBeCloseTo(0.2, 12);
  });
});

describe('observations files', () => {
  it('reads quoted sources with commas, and maps dates to months of the run', () => {
    const obs = parseObservations('series,date,value,source\nx,2013-07,4297,"a, quoted ""source"""\n', 'f.csv');
    expect(obs).toEqual([{ series: 'x', date: '2013-07', value: 4297, source: 'a, quoted "source"', line: 2 }]);
    expect(monthsFrom('2010-07', '2013-07')).toBe(36);
    expect(monthsFrom('2010-07', '2016-04')).toBe(69);
  });
  it('names the line and field of every bad row', () => {
    const bad = () => parseObservations('series,date,value\nx,2013,4297\nx,2014-07,abc\n', 'f.csv');
    expect(bad).toThrow(InputError);
    expect(bad).toThrow(/line 2: date = "2013": must be a month, YYYY-MM/);
    expect(bad).toThrow(/line 3: value = "abc": must be a finite number/);
    expect(() => parseObservations('year,price\n2013,1\n', 'f.csv')).toThrow(/lacks series, date, value/);
  });
  it('every shipped observation has a source naming a row of SOURCES §8', () => {
    const sources = readFileSync('config/interview/SOURCES.md', 'utf8');
    const section8 = sources.slice(sources.indexOf('## 8. Historical series for the backtest'));
    for (const f of [LAUNCH_CSV, 'config/backtest/module-price-history.csv']) {
      const obs = parseObservations(readFileSync(f, 'utf8'), f);
      expect(obs.length).toBeGreaterThan(5);
      for (const o of obs) {
        const row = /^SOURCES §8-([A-Z]): /.exec(o.source)?.[1];
        expect(row, `${f} line ${o.line}`).toBeDefined();
        expect(section8, `row ${row} of SOURCES §8`).toMatch(new RegExp(`^\\| ${row} \\|`, 'm'));
      }
    }
  });
});

describe('the launch-price backtest (config/backtest/launch-2010.yaml) on a small N', () => {
  it('each percentile is the one read by hand from the run\'s bands, and agrees with the kept trajectories', async () => {
    const n = 4000;
    const { scenario, model } = await resolveScenarioFile(LAUNCH, { trajectories: n });
    const outcome = await runScenario(scenario, model, { workers: 0, keepTrajectories: n });
    const result = buildResult(scenario, outcome, new Date(0));
    const observations = parseObservations(readFileSync(LAUNCH_CSV, 'utf8'), LAUNCH_CSV);
    const report = scoreBacktest(result, observations);
    expect(report.rows.map((r) => r.month)).toEqual([36, 60, 69, 85, 96, 144, 168, 180]);
    const bands = result.series.launchPrice.bands;
    expect(bands).toHaveLength(99);
    const kept = new KeptRows(outcome.plan, outcome.summary.rows);
    const s = outcome.plan.seriesNames.indexOf('launchPrice');
    for (const r of report.rows) {
      // By hand: the highest band at or below the observation and the lowest above it, and the straight line between.
      const at = bands.map((b) => ({ q: b.q, v: b.values[r.month] as number }));
      const lo = at.filter((b) => b.v <= r.value).at(-1)!, hi = at.find((b) => b.v > r.value)!;
      expect(lo && hi, `${r.date} lies inside the 1-99% bands`).toBeTruthy();
      const byHand = lo.q + ((hi.q - lo.q) * (r.value - lo.v)) / (hi.v - lo.v);
      expect(r.outside).toBeNull();
      expect(r.percentile).toBeCloseTo(byHand, 12);
      // The bands come from a quantile sketch; the share of kept trajectories below the observation is the exact empirical CDF.
      let below = 0;
      for (let t = 0; t < kept.count; t++) if (kept.series(t, s, r.month) < r.value) below++;
      expect(Math.abs(r.percentile - below / kept.count), r.date).toBeLessThan(0.02);
    }
    const { summary } = report;
    expect(summary.observations).toBe(8);
    expect(summary.inside90).toBe(report.rows.filter((r) => r.percentile >= 0.05 && r.percentile <= 0.95).length);
    expect(summary.meanPercentile).toBeCloseTo(report.rows.reduce((a, r) => a + r.percentile, 0) / 8, 12);
    // The model is the flagship's mechanism: a kept trajectory's series is launchCostAt of its inputs.
    const x = (name: string) => kept.input(0, outcome.plan.inputNames.indexOf(name));
    const path0 = { today: x('launchCostToday'), preReuseDecline: x('launchPreReuseDecline'), reuseMonth: x('starshipReuseMonth'), floor: x('launchCostFloor'), learningRate: x('launchLearningRate'), atReuse: x('starshipPriceAtReuse') };
    for (const m of [0, 36, 120, 180]) expect(kept.series(0, s, m)).toBe(launchCostAt(m, path0));
  }, 60_000);

  it('a run folder is scored from its result.json, and refuses --set', async () => {
    const { scenario, model } = await resolveScenarioFile(LAUNCH, { trajectories: 300 });
    const result = buildResult(scenario, await runScenario(scenario, model, { workers: 0 }), new Date(0));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'forecast-backtest-run-'));
    writeFileSync(path.join(dir, 'result.json'), resultJson(result));
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await main(['backtest', dir, '--observed', LAUNCH_CSV, '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const observations = parseObservations(readFileSync(LAUNCH_CSV, 'utf8'), LAUNCH_CSV);
    expect(JSON.parse(out.join(''))).toEqual(JSON.parse(JSON.stringify(scoreBacktest(result, observations, LAUNCH_CSV))));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['backtest', dir, '--observed', LAUNCH_CSV, '--set', 'launchCostToday=1'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  }, 30_000);

  it('refuses an observation outside the run or of an unknown series, naming its line', async () => {
    const { scenario, model } = await resolveScenarioFile(LAUNCH, { trajectories: 200 });
    const result = buildResult(scenario, await runScenario(scenario, model, { workers: 0 }), new Date(0));
    const obs = parseObservations('series,date,value\nlaunchPrice,2031-07,100\nnope,2012-07,1\n', 'o.csv');
    expect(() => scoreBacktest(result, obs, 'o.csv')).toThrow(/line 2: date = "2031-07": is month 252 of the run, outside 0…180[\s\S]*line 3: series = "nope"/);
  }, 30_000);
});

describe('forecast backtest (a real process)', () => {
  const BIN = path.resolve('dist/src/cli/bin.js');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-backtest-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  it('--json prints the report; the text form prints each percentile and the band counts', () => {
    const r = cli('backtest', 'config/backtest/module-2010.yaml', '--observed', 'config/backtest/module-price-history.csv', '-n', '2000', '-w', '0', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rows).toHaveLength(14);
    // 2011-12: module prices fell 56% in two years, beyond every constant rate in the band (at most 17.9%/yr: 2.443·0.821² = 1.65 > 1.08).
    expect(j.rows[1]).toMatchObject({ date: '2012-07', month: 24, outside: 'below', percentile: 0.01 });
    const text = backtestText(j);
    expect(text).toMatch(/modulePrice\s+2012-07\s+24\s+1\.080\s.*< 1%/);
    expect(text).toMatch(new RegExp(`inside the 90% band \\(5-95%\\): +${j.summary.inside90} of 14`));
  }, 60_000);
  it('a bad observations file: exit 2, the line and field, no stack trace', () => {
    const bad = path.join(tmp, 'bad.csv');
    writeFileSync(bad, 'series,date,value\nmodulePrice,2012,1\n');
    const r = cli('backtest', 'config/backtest/module-2010.yaml', '--observed', bad, '-n', '100', '-w', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 2: date = "2012": must be a month, YYYY-MM/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 30_000);
});
