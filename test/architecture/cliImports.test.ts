import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticImports } from '../helpers/staticImports.js';

/**
 * What the CLI loads at start-up: the static imports, type-only ones aside,
 * reachable from src/cli/main.ts. Each command's module is imported when the
 * command runs, so `forecast --version`, `--help`, validate, list, schema and a
 * run without a report or --redis load neither echarts (~300 ms; drawn charts
 * load it on first use: src/report/html/charts.ts) nor bullmq (~80 ms; only
 * with --redis or forecast worker: src/engine/redisBackend.ts, remoteWorker.ts).
 */
describe('CLI start-up', () => {
  it('src/cli/main.ts reaches neither echarts nor bullmq (nor ioredis) through static imports', () => {
    const { files, packages } = staticImports(path.join('src', 'cli', 'main.ts'));
    expect(files.size).toBeGreaterThan(20); // the walk found the sensitivity registry the help text is built from
    expect([...packages].filter((p) => /^(echarts|bullmq|ioredis)(\/|$)/.test(p))).toEqual([]);
    expect([...files].filter((f) => /redisBackend|remoteWorker/.test(f))).toEqual([]);
  });

  it('src/report/html/charts.ts imports echarts for its types only', () => {
    const { packages } = staticImports(path.join('src', 'report', 'html', 'charts.ts'));
    expect(packages.has('echarts')).toBe(false);
  });
});
