import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';

/**
 * Issue 12 §2: at most 20% of the shipped interview inputs may rest on judgement
 * alone. An input rests on judgement alone when its `source:` starts with
 * "assumption" or "judgement" (SOURCES.md's intro: `assumption` marks a
 * judgement of the project's). The 20% target is not reached honestly from the
 * sources compiled in config/interview/SOURCES.md (the figures behind the
 * inputs below are not in it), so the test enforces the current counts as a
 * ceiling: no scenario may gain a judgement-only input, and the overall share
 * may not rise. Lower a ceiling when an input gains a source.
 */
const TARGET = 0.2;
const CEILING: Record<string, number> = {
  'china-power-3x.yaml': 2,
  'chips-outrun-power-2026.yaml': 7,
  'gb300-1gw.yaml': 1,
  'gov-waste-750b.yaml': 1,
  'launch-and-space-compute.yaml': 11,
  'space-cheapest-36m-interview.yaml': 16,
  'space-cheapest-36m-mccalip.yaml': 15,
  'space-cheapest-36m-refresh.yaml': 16,
  'space-cheapest-36m-sceptic.yaml': 16,
  'space-cheapest-36m-starcloud.yaml': 15,
  'space-cheapest-36m-suncatcher.yaml': 16,
  'space-cheapest-36m.yaml': 16,
  'space-solar-5x.yaml': 5,
  'steel-vs-carbon.yaml': 4,
  'terafab-chips.yaml': 3,
  'turbine-blades-2030.yaml': 4,
};
/** The overall share today (judgement-only inputs / inputs, summed over scenarios). */
const OVERALL_CEILING = 148 / 526;

const judgementOnly = (source: string | undefined) => /^\s*(assumption|judgement)/i.test(source ?? '');

describe('judgement-only inputs in the shipped interview scenarios (issue 12 §2)', () => {
  it('each scenario and the whole folder stay at or below their ceilings; the gap to 20% is reported', async () => {
    const dir = path.resolve('config/interview');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'inputs.yaml').sort();
    let total = 0, judged = 0;
    const lines: string[] = [];
    for (const f of files) {
      const { scenario } = await resolveScenarioFile(path.join(dir, f));
      const inputs = Object.entries(scenario.inputs);
      const j = inputs.filter(([, v]) => judgementOnly(v.source)).map(([k]) => k);
      total += inputs.length;
      judged += j.length;
      lines.push(`${f}: ${j.length}/${inputs.length}`);
      expect(CEILING[f], `${f} has no ceiling: add it (its judgement-only inputs: ${j.join(', ')})`).toBeDefined();
      expect(j.length, `${f}: judgement-only inputs ${j.join(', ')}`).toBeLessThanOrEqual(CEILING[f]);
    }
    expect(judged / total, lines.join('; ')).toBeLessThanOrEqual(OVERALL_CEILING + 1e-12);
    if (judged / total > TARGET) console.info(`judgement-only inputs: ${judged}/${total} (${((100 * judged) / total).toFixed(1)}%), above the 20% target; ${lines.join('; ')}`);
  });
});
