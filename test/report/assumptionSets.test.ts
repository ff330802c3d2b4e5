import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScorecard } from '../../src/cli/scorecardCommand.js';
import { runFlagsSchema } from '../../src/cli/flags.js';
import { PALETTE } from '../../src/report/html/charts.js';
import { assumptionGroups, setLabel } from '../../src/report/html/assumptionSets.js';
import type { Result } from '../../src/result/resultSchema.js';
import { lines, polygons, yAxis } from './svgGeometry.js';

// A folder run with a scenario, two named sets that extend it (one through a file outside
// the folder), a set of a set, and an unrelated scenario: the report draws the four sets
// side by side, and every drawn shape sits on the sets' own result.json values.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-sets-'));
const folder = path.join(tmp, 'sets'), out = path.join(tmp, 'out');
// The group's order: the root, then the run's order (files sorted by name: demo-fast-cheap.yaml before demo-fast.yaml).
const SETS = ['demo', 'demo-fast-cheap', 'demo-fast', 'demo-slow'];
let html: string;
const results: Record<string, Result> = {};

beforeAll(async () => {
  mkdirSync(folder);
  copyFileSync('config/examples/demo-growth.yaml', path.join(folder, 'demo.yaml'));
  const base = readFileSync(path.join(folder, 'demo.yaml'), 'utf8').replace(/^name: demo-growth$/m, 'name: demo');
  writeFileSync(path.join(folder, 'demo.yaml'), base);
  copyFileSync('config/examples/software-project.yaml', path.join(folder, 'other.yaml'));
  const input = (name: string, spec: string) => `  ${name}:\n${spec}\n    unit: 1/yr\n    source: test\n    rationale: test\n`;
  writeFileSync(path.join(folder, 'demo-fast.yaml'), `name: demo-fast\nextends: demo.yaml\ninputs:\n${input('demandGrowth', '    dist: uniform\n    min: 0.5\n    max: 0.8')}`);
  // demo-slow extends demo through a file outside the folder.
  writeFileSync(path.join(tmp, 'between.yaml'), `name: between\nextends: sets/demo.yaml\ndescription: in between\n`);
  writeFileSync(path.join(folder, 'demo-slow.yaml'), `name: demo-slow\nextends: ../between.yaml\ninputs:\n${input('demandGrowth', '    dist: uniform\n    min: 0.0\n    max: 0.1')}`);
  writeFileSync(path.join(folder, 'demo-fast-cheap.yaml'), `name: demo-fast-cheap\nextends: demo-fast.yaml\ninputs:\n${input('supplyGrowth', '    dist: uniform\n    min: 0.2\n    max: 0.3')}`);
  await runScorecard(folder, runFlagsSchema.parse({ trajectories: 1500, workers: 0, out, quiet: true }));
  html = readFileSync(path.join(out, 'report.html'), 'utf8');
  for (const s of SETS) results[s] = JSON.parse(readFileSync(path.join(out, s, 'result.json'), 'utf8'));
}, 120_000);

/** The SVGs of the named-sets section, in page order. */
function setSvgs(): string[] {
  const section = /<section id="sets-demo" class="sets">([^]*?)<\/section>/.exec(html)![1];
  return [...section.matchAll(/<svg[^]*?<\/svg>/g)].map((m) => m[0]);
}

describe('named assumption sets side by side', () => {
  it('scorecard.json records which scenario each extends; the groups follow chains to their root', () => {
    const card = JSON.parse(readFileSync(path.join(out, 'scorecard.json'), 'utf8'));
    const ext = Object.fromEntries(card.scenarios.map((s: { name: string; extends?: string }) => [s.name, s.extends ?? null]));
    expect(ext).toEqual({ demo: null, 'demo-fast': 'demo', 'demo-fast-cheap': 'demo-fast', 'demo-slow': 'demo', 'software-project': null });
    const groups = assumptionGroups(card.scenarios.map((s: { name: string; extends?: string }) => ({ result: { scenario: { name: s.name } } as Result, extends: s.extends })));
    expect(groups.map((g) => g.map((e) => e.result.scenario.name))).toEqual([SETS]);
    expect(setLabel('demo', 'demo-fast-cheap')).toBe('fast-cheap');
    expect(html).toContain('<a href="#sets-demo">Named assumption sets: demo</a>');
  });

  it('the table gives every set\'s claims with their intervals, as in its result.json', () => {
    const section = /<section id="sets-demo" class="sets">([^]*?)<\/section>/.exec(html)![1];
    const rows = [...section.matchAll(/<tr><td><span class="swatch"[^]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows.length).toBe(4);
    const order = SETS;
    rows.forEach((row, k) => {
      const r = results[order[k]];
      expect(row).toContain(`href="#scenario-${order[k]}"`);
      expect(row).toContain(`background:${PALETTE[k]}`);
      const cells = [...row.matchAll(/<td class="num">([^]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      expect(cells[0]).toBe('1,500');
      r.claims.forEach((c, i) => {
        const pct = (p: number | null) => (p === null ? 'n/a' : p > 0 && p < 0.001 ? '<0.1%' : p < 1 && p > 0.999 ? '>99.9%' : `${(p * 100).toFixed(1)}%`);
        expect(cells[1 + i], `${order[k]} ${c.id}`).toContain(`${pct(c.ci95[0])}–${pct(c.ci95[1])}`);
        if (c.hits > 0 && c.hits < c.denominator) expect(cells[1 + i].startsWith(pct(c.probability))).toBe(true);
        if (c.cdf) expect(cells[1 + i]).toContain(`median month ${c.medianLabel}`);
      });
    });
    // The sets differ: faster demand growth makes the shortfall likelier.
    const p = (s: string) => results[s].claims.find((c) => c.id === 'shortfall-by-24m')!.probability!;
    expect(p('demo-fast')).toBeGreaterThan(p('demo') + 0.02);
    expect(p('demo-slow')).toBeLessThan(p('demo') - 0.02);
  });

  it('the key series: each set\'s 90% band and median, in its colour, on its own result.json quantiles', () => {
    const svg = setSvgs()[0];
    expect(svg).toContain('ratio (1): median and 90% band');
    const log = /\(log scale\)/.test(svg);
    const Y = yAxis(svg, 70, log), val = (v: number) => (log ? Math.log10(v) : v);
    const span = Math.abs(Y(40) - Y(300));
    SETS.forEach((name, k) => {
      const s = results[name].series.ratio;
      const q = (level: number) => s.bands.find((b) => b.q === level)!.values as number[];
      const H = q(0.5).length;
      const ps = polygons(svg, PALETTE[k]);
      expect(ps.length, name).toBe(1);
      const poly = ps[0];
      expect(poly.length).toBe(2 * H);
      for (let m = 0; m < H; m++) {
        expect(Math.abs(Y(poly[m][1]) - val(q(0.95)[m])), `${name} q95 month ${m}`).toBeLessThan(span / 150);
        expect(Math.abs(Y(poly[2 * H - 1 - m][1]) - val(q(0.05)[m])), `${name} q05 month ${m}`).toBeLessThan(span / 150);
      }
      const med = lines(svg, PALETTE[k]).find((l) => l.length === H)!;
      expect(med, `${name} median line`).toBeDefined();
      for (let m = 0; m < H; m++) expect(Math.abs(Y(med[m][1]) - val(q(0.5)[m]))).toBeLessThan(span / 150);
    });
  });

  it('each first-passage claim: every set\'s P(true by month) curve on its result.json cdf', () => {
    const svg = setSvgs().find((s) => s.includes('When: shortfall-by-24m'))!;
    expect(svg).toBeDefined();
    const Y = yAxis(svg, 60);
    SETS.forEach((name, k) => {
      const cdf = results[name].claims.find((c) => c.id === 'shortfall-by-24m')!.cdf as number[];
      const curve = lines(svg, PALETTE[k]).find((l) => l.length === cdf.length)!;
      expect(curve, name).toBeDefined();
      for (let m = 0; m < cdf.length; m++) expect(Math.abs(Y(curve[m][1]) - cdf[m]), `${name} month ${m}`).toBeLessThan(0.006);
      for (let m = 1; m < cdf.length; m++) expect(curve[m][0]).toBeGreaterThan(curve[m - 1][0]);
    });
  });
});
