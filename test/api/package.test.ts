/**
 * Issue 17 §5: the package as a user gets it. `npm pack` makes the tarball,
 * a scratch project installs it with npm (a real install, not a symlink) and
 * imports 'forecast-engine' from plain JavaScript and type-checks TypeScript
 * against its declarations. The scratch project's node_modules is kept in
 * test-artifacts/ so later runs only reinstall the tarball (the first run
 * installs the dependencies from npm's cache or the registry: about 30 s).
 * Needs a built dist/ (npm test builds it first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve('.');
const scratch = path.join(root, 'test-artifacts', 'api-scratch');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const USER_JS = `
import { forecastFile, defineModel, sensitivity, compare, sweep, InputError } from 'forecast-engine';
import { createRequire } from 'node:module';
import path from 'node:path';

// A model object from defineModel, no model file: it runs on the calling thread.
const model = defineModel({
  name: 'tasks',
  description: 'two tasks in sequence',
  inputs: { a: { unit: 'days' }, b: { unit: 'days' } },
  scalars: { total: { unit: 'days' } },
  simulate(t) { t.scalars.total = t.input.a + t.input.b; },
});
const scenario = {
  start: '2026-01', horizon: 0, trajectories: 2000, seed: 3, provenance: 'optional',
  inputs: { a: { dist: 'uniform', min: 1, max: 3, unit: 'days' }, b: { dist: 'uniform', min: 0, max: 10, unit: 'days' } },
  claims: [{ id: 'quick', statement: 'done within 6 days', scalar: 'total', below: 6 }],
};
const run = await forecastFile(scenario, { model, workers: 2 });
const sens = await sensitivity(scenario, { model, methods: ['rank'], trajectories: 2000 });
const cmp = await compare(scenario, undefined, { model, setB: ['b=1'], trajectories: 1000 });
const sw = await sweep(scenario, { model, input: 'b', values: [1, 9], trajectories: 1000 });
let bad = null;
try { await forecastFile({ ...scenario, horizon: -1 }, { model }); } catch (e) { bad = e instanceof InputError ? e.message : String(e); }
// A shipped example from the installed package: a formula model with an array input, on 2 worker threads.
const pkg = path.dirname(createRequire(import.meta.url).resolve('forecast-engine/package.json'));
const example = await forecastFile(path.join(pkg, 'config/examples/software-project.yaml'), { trajectories: 2000, workers: 2 });
console.log(JSON.stringify({
  p: run.result.claims[0].probability, workers: run.outcome.workers,
  top: sens.rank.outputs[0].results[0].input,
  diff: cmp.claims[0].difference, sweep: sw.rows.map((r) => r.claims[0].probability),
  bad, example: { model: example.scenario.modelName, inputs: Object.keys(example.scenario.inputs).length, workers: example.outcome.workers, p: example.result.claims[0].probability },
}));
`;

const USER_TS = `
import { defineModel, forecastFile, sensitivity, sweep, compare, type SweepResult, type Comparison, type SensitivityReport, type Result } from 'forecast-engine';
const model = defineModel({ name: 'm', description: '', inputs: { x: { unit: '1' } }, scalars: { y: { unit: '1' } }, simulate(t) { t.scalars.y = t.input.x; } });
export async function typed(): Promise<[Result, SensitivityReport, Comparison, SweepResult]> {
  const s = { start: '2026-01', horizon: 0, trajectories: 10, inputs: {} };
  return [(await forecastFile(s, { model })).result, await sensitivity(s, { model, methods: ['rank', 'tornado'] }), await compare(s, undefined, { setB: [] }), await sweep(s, { input: 'x', values: [1] })];
}
`;

describe('the package as a user installs it', () => {
  it('npm pack, npm install of the tarball in a scratch project, import forecast-engine', () => {
    expect(existsSync(path.join(root, 'dist/src/index.js')), 'run npm run build first').toBe(true);
    mkdirSync(scratch, { recursive: true });
    for (const f of readdirSync(scratch)) if (f.endsWith('.tgz')) rmSync(path.join(scratch, f));
    const tgz = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
    execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', path.join(scratch, tgz)], { cwd: scratch, encoding: 'utf8', stdio: 'pipe' });
    // What was installed is the packed copy, not a link to this repository.
    const installed = path.join(scratch, 'node_modules', 'forecast-engine');
    expect(existsSync(path.join(installed, 'dist/src/index.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);

    writeFileSync(path.join(scratch, 'user.mjs'), USER_JS);
    const out = JSON.parse(execFileSync(process.execPath, ['user.mjs'], { cwd: scratch, encoding: 'utf8' }).trim().split('\n').pop()!);
    expect(out.p).toBeGreaterThan(0.1);
    expect(out.p).toBeLessThan(0.6);
    expect(out.workers).toBe(0); // a model object runs on the calling thread
    expect(out.top).toBe('b');
    expect(out.diff).toBeLessThan(0); // B (b = 1) is quicker
    expect(out.sweep[0]).toBe(1);
    expect(out.sweep[1]).toBeLessThan(0.5);
    expect(out.bad).toMatch(/horizon/);
    expect(out.example).toMatchObject({ model: 'software-project', inputs: 44, workers: 1 });

    writeFileSync(path.join(scratch, 'user.ts'), USER_TS);
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'user.ts'], { cwd: scratch, encoding: 'utf8' });
  }, 120_000);
});
