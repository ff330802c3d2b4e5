import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../src/models/index.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { scenarioFilesIn } from '../../src/cli/scorecardCommand.js';

const modelDirs = readdirSync('src/models', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'shared').map((d) => d.name);

describe('model documentation and shipped scenarios', () => {
  it('every built-in model has a README beside it naming each of its inputs', () => {
    const readmes = modelDirs.map((d) => readFileSync(path.join('src/models', d, 'README.md'), 'utf8'));
    for (const model of Object.values(BUILTIN_MODELS)) {
      const readme = readmes.find((r) => r.startsWith(`# \`${model.name}\``));
      expect(readme, `README for ${model.name}`).toBeDefined();
      for (const input of Object.keys(model.inputs)) expect(readme, `${model.name} README lists ${input}`).toContain(`\`${input}\``);
    }
  });

  it('every CLAIMS.md id has a claim in config/interview (when CLAIMS.md is present)', async () => {
    const claimsFile = path.resolve('../shared/CLAIMS.md');
    const ids = existsSync(claimsFile)
      ? [...readFileSync(claimsFile, 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1])
      : ['space-cheapest-36m', 'space-solar-5x', 'chips-outrun-power-2026', 'turbine-blades-2030', 'gb300-1gw', 'launch-10k-per-year', 'space-exceeds-earth-5y', 'terafab-chips', 'china-power-3x', 'steel-vs-carbon', 'gov-waste-750b'];
    expect(ids.length).toBe(11);
    const claimIds: string[] = [];
    for (const f of scenarioFilesIn('config/interview')) {
      const { scenario } = await resolveScenarioFile(f);
      claimIds.push(...scenario.claims.map((c) => c.id));
      for (const [name, input] of Object.entries(scenario.inputs)) {
        expect(input.source.length, `${f}: ${name} has a source`).toBeGreaterThan(5);
        expect(input.rationale.length, `${f}: ${name} has a rationale`).toBeGreaterThan(3);
      }
      expect(scenario.start).toBe('2026-02');
    }
    for (const id of ids) expect(claimIds, `a claim with the CLAIMS.md id ${id}`).toContain(id);
  }); // timeout: vitest.config.ts
});
