import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFile } from '../helpers/run.js';

describe('the README example (config/examples/solar-farm)', () => {
  it('the README shows the shipped model file verbatim', () => {
    const readme = readFileSync('README.md', 'utf8');
    const model = readFileSync('config/examples/solar-farm.ts', 'utf8');
    const body = model.slice(model.indexOf("import { defineModel }"));
    expect(readme).toContain(body.trim());
  });

  it('runs, and its claims are consistent with each other and with the NaN payback count', async () => {
    const r = await runFile(path.resolve('config/examples/solar-farm.yaml'), { trajectories: 5000, workers: 0 });
    const c = Object.fromEntries(r.claims.map((x) => [x.id, x]));
    expect(c['payback-7y'].probability!).toBeLessThanOrEqual(c['payback-10y'].probability!);
    expect(c['payback-10y'].cdf![84]).toBe(c['payback-7y'].probability);
    // A payback month is NaN exactly when revenue never reaches $60M within the horizon.
    expect(r.scalars.paybackMonth.nonFinite).toBe(c['payback-10y'].hits === 5000 ? 0 : 5000 - c['payback-10y'].hits);
    expect(r.series.revenue.bands[2].values[120]!).toBeGreaterThan(r.series.revenue.bands[2].values[60]!);
  }); // timeout: vitest.config.ts
});
