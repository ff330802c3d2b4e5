import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('dist/src/cli/bin.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-rare-'));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const flagship = path.resolve('config/interview/space-cheapest-36m.yaml');

describe('forecast rare and discover (real processes)', () => {
  it('rare prints the estimates and what would have to be true and writes rare.json', () => {
    const out = path.join(tmp, 'rare');
    const r = cli('rare', flagship, '--claim', 'space-cheaper-by-120m', '--budget', '2000', '-w', '0', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/subset simulation\s+\S+/);
    expect(r.out).toContain('What would have to be true');
    expect(r.out).toMatch(/your quantile/);
    const j = JSON.parse(readFileSync(path.join(out, 'rare.json'), 'utf8'));
    expect(j.claim.id).toBe('space-cheaper-by-120m');
    expect(j.modelRuns).toBeLessThanOrEqual(2000);
    expect(j.dependence).toMatch(/copula/);
  }, 60_000);

  it('beside a run folder: rare-<claim>.json, discover-<claim>.json and a redrawn report.html', () => {
    const run = path.join(tmp, 'run');
    expect(cli('run', flagship, '-n', '200', '-w', '0', '--out', run, '-q', '--no-report').code).toBe(0);
    expect(cli('rare', flagship, '--claim', 'space-cheaper-by-120m', '--budget', '1000', '-w', '0', '-o', run).code).toBe(0);
    expect(existsSync(path.join(run, 'rare-space-cheaper-by-120m.json'))).toBe(true);
    expect(cli('discover', flagship, '--claim', 'space-cheaper-by-120m', '-n', '100', '-w', '0', '-o', run).code).toBe(0);
    expect(existsSync(path.join(run, 'discover-space-cheaper-by-120m.json'))).toBe(true);
    const html = readFileSync(path.join(run, 'report.html'), 'utf8');
    expect(html).toContain('What would have to be true');
    expect(html).toContain('PRIM peeling trajectory');
  }, 60_000);

  it('rare and discover refuse an unknown claim with exit code 2 and no stack trace', () => {
    for (const cmd of ['rare', 'discover']) {
      const r = cli(cmd, flagship, '--claim', 'nope', '-w', '0', '-o', path.join(tmp, `bad-${cmd}`));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--claim "nope" is not a claim of this scenario/);
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  }, 60_000);

  it('discover writes discover.json and says when the claim holds nowhere', () => {
    const out = path.join(tmp, 'disc');
    const r = cli('discover', flagship, '--claim', 'space-cheapest-36m', '-n', '300', '-w', '0', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('peeling trajectory');
    expect(r.out).toMatch(/holds nowhere/);
    expect(JSON.parse(readFileSync(path.join(out, 'discover.json'), 'utf8')).design.points).toBe(300);
  }, 60_000);

  it('run <folder> --rare: claims with under 10 hits get the rare-event estimate on the scorecard', () => {
    const dir = path.join(tmp, 'folder');
    mkdirSync(dir);
    for (const f of ['space-cheapest-36m.yaml', 'inputs.yaml']) copyFileSync(path.resolve('config/interview', f), path.join(dir, f));
    const out = path.join(tmp, 'card');
    const r = cli('run', dir, '-n', '500', '-w', '0', '--rare', '5000', '-o', out, '--no-report');
    expect(r.code, r.err).toBe(0);
    // A claim with under 10 hits in the plain run shows the rare-event estimate; one with more keeps its plain figure.
    expect(r.out).toMatch(/space-overwhelming-60m\s+Space costs under half.*\(subset simulation\)/);
    expect(r.out).toMatch(/space-cheaper-by-120m\s+Space becomes cheaper[^\n]*\d%\s/);
    const csv = readFileSync(path.join(out, 'scorecard.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/,rareMethod,rareProbability,rareLow,rareHigh,rareUpperBound,rareModelRuns$/);
    expect(existsSync(path.join(out, 'space-cheapest-36m', 'rare-space-overwhelming-60m.json'))).toBe(true);
    // Which inputs jointly decide each rare claim with a design point: its top 3 inputs, from rare-<claim>.json.
    const card = JSON.parse(readFileSync(path.join(out, 'scorecard.json'), 'utf8'));
    const files = readdirSync(path.join(out, 'space-cheapest-36m')).filter((f) => /^rare-.+\.json$/.test(f));
    const withPoint = files.map((f) => JSON.parse(readFileSync(path.join(out, 'space-cheapest-36m', f), 'utf8'))).filter((j) => j.designPoint.length >= 3);
    expect(withPoint.length, files.join(', ')).toBeGreaterThan(0);
    expect(r.out).toContain('Which inputs jointly decide the rare claims');
    for (const rare of withPoint) {
      const top = rare.designPoint.slice(0, 3).map((d: { input: string }) => d.input);
      const row = r.out.split('\n').find((l) => new RegExp(`^space-cheapest-36m\\s+${rare.claim.id}\\s+-?\\d+\\.\\d\\d \\(`).test(l));
      expect(row, r.out).toBeDefined();
      expect(row).toContain(`(${rare.form.source})`);
      for (const name of top) expect(row).toMatch(new RegExp(`${name} [-0-9.,e]+ [^;]*\\(P[0-9.]+, \\d+%\\)`));
      const c = card.claims.find((x: { scenario: string; id: string }) => x.scenario === 'space-cheapest-36m' && x.id === rare.claim.id);
      expect(c.rare.decidedBy.map((d: { input: string }) => d.input)).toEqual(top);
      expect(c.rare.beta).toBe(rare.form.beta);
    }
    expect(cli('report', out).code).toBe(0);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/rare-event: (&lt; )?[0-9.e-]+/);
  }, 60_000);
});
