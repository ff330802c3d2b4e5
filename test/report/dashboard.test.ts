import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_TIMEOUT } from '../helpers/processes.js';
import { chromium, type Browser } from 'playwright-core';
import { resolveScenarioData, resolveScenarioFile } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { writeRunFiles } from '../../src/report/writeRun.js';
import { writeReport } from '../../src/report/writeReport.js';
import { COLOURS } from '../../src/report/html/charts.js';
import { polygons, yAxis } from './svgGeometry.js';

// The dashboard in a real browser (Debian's Chromium, installed by test/setup.sh).
const ARTIFACTS = path.resolve('test-artifacts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-report-'));
const HOSTILE = '<script>alert("owned")</script> & <img src=x onerror=alert(1)>';

function chromiumPath(): string {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/bash' }).trim();
  } catch {
    throw new Error('chromium is not installed: run `bash test/setup.sh` (it installs Debian chromium)');
  }
}

async function makeRun(): Promise<string> {
  const demo = parse(readFileSync('config/examples/demo-growth.yaml', 'utf8')) as Record<string, any>;
  demo.description = `A description with ${HOSTILE}`;
  demo.claims[0].statement = `Shortfall by 24 months ${HOSTILE}`;
  demo.inputs.initialDemand.source = `https://example.org/source?a=1&b=2 and ${HOSTILE}`;
  const { scenario, model } = await resolveScenarioData({ ...demo, trajectories: 3000 }, path.resolve('config/examples/demo-growth.yaml'));
  const outcome = await runScenario(scenario, model, { workers: 0, blockSize: 256 }); // 12 blocks: a convergence history to draw
  const dir = path.join(tmp, 'run');
  writeRunFiles(dir, buildResult(scenario, outcome, new Date(0)), outcome);
  writeReport(dir);
  return dir;
}

/** Every fan chart's band polygons, read back through its axis labels, sit on bands.csv's quantiles. */
async function checkFans(page: import('playwright-core').Page, dir: string): Promise<void> {
  const result = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'));
  const csv = readFileSync(path.join(dir, 'bands.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const head = csv[0];
  for (const name of Object.keys(result.series)) {
    const svg = await page.$eval(`figure:has(figcaption:text-matches("^Fan chart of ${name} ", "")) svg`, (s) => s.outerHTML);
    const log = /log scale/.test(svg);
    const Y = yAxis(svg, 70, log), val = (v: number) => (log ? Math.log10(v) : v);
    const rows = csv.filter((r) => r[0] === name);
    const span = Math.abs(Y(0) - Y(300)); // the value range of the plot, for a pixel-sized tolerance
    for (const [fill, lo, hi] of [[COLOURS.sky, 'q0.05', 'q0.95'], [COLOURS.blue, 'q0.25', 'q0.75']]) {
      const [poly] = polygons(svg, fill);
      expect(poly.length).toBe(2 * rows.length);
      rows.forEach((r, m) => {
        expect(Math.abs(Y(poly[m][1]) - val(+r[head.indexOf(hi)]))).toBeLessThan(span / 150);
        expect(Math.abs(Y(poly[2 * rows.length - 1 - m][1]) - val(+r[head.indexOf(lo)]))).toBeLessThan(span / 150);
      });
    }
  }
}

/** No two pieces of text in a chart overlap (legends, claim and threshold labels, tick labels). */
async function overlappingTexts(page: import('playwright-core').Page): Promise<string[]> {
  return page.$$eval('figure .chart svg', (svgs) => svgs.flatMap((svg, i) => {
    const boxes = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '').map((t) => ({ text: t.textContent!, r: t.getBoundingClientRect() }));
    const out: string[] = [];
    for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a].r, q = boxes[b].r;
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 1 && h > 1) out.push(`chart ${i}: "${boxes[a].text}" and "${boxes[b].text}"`);
    }
    return out;
  }));
}

/** What the page shows matches the run's files: fan-chart bands vs bands.csv, the statistics table and S-curve read-outs vs result.json. */
async function checkContent(page: import('playwright-core').Page): Promise<void> {
  const result = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'));
  await checkFans(page, dir);
  // The statistics table: one row per scalar with mean, sd, P5, P10, P50, P90, P95, min, max, count, non-finite from result.json.
  for (const [name, sc] of Object.entries<any>(result.scalars)) {
    const cells = await page.$$eval(`table.stats tr:has(td code:text-is("${name}")) td`, (tds) => tds.map((t) => t.textContent ?? ''));
    const nums = cells.slice(2).map((c) => Number(c.replace(/,/g, '')));
    const want = [sc.mean, sc.sd, sc.percentiles[5], sc.percentiles[10], sc.percentiles[50], sc.percentiles[90], sc.percentiles[95], sc.min, sc.max, sc.count, sc.nonFinite];
    want.forEach((w, i) => expect(Math.abs(nums[i] - w)).toBeLessThanOrEqual(Math.abs(w) * 1e-3 + 1e-9));
  }
  // Series rows at a claim's month agree with bands.csv (ratio at month 60: the ratio-above-2-at-60m claim).
  const cells = await page.$$eval('table.stats tr:has(td code:text-is("ratio [2031-02]")) td', (tds) => tds.map((t) => t.textContent ?? ''));
  const band60 = readFileSync(path.join(dir, 'bands.csv'), 'utf8').split('\n').find((l) => l.startsWith('ratio,1,60,'))!.split(',');
  expect(Math.abs(Number(cells[6]) - Number(band60[6])) / Number(band60[6])).toBeLessThan(1e-3); // P50
  expect(Math.abs(Number(cells[2]) - Number(band60[9])) / Number(band60[9])).toBeLessThan(1e-3); // mean
  // The S-curve read-out at a claim threshold agrees with the claim's own count (P(≤ 100) = 1 − P(> 100)):
  // read off the stored bucket counts, with a bin edge at the threshold (a bucket bound), to the 0.1% printed.
  const claim = result.claims.find((c: any) => c.definition.scalar === 'shortfall' && c.definition.above !== undefined && c.definition.given === undefined);
  const caption = await page.$eval('figcaption:text-matches("^Cumulative distribution of shortfall", "")', (f) => f.textContent ?? '');
  const m = new RegExp(`P\\(≤ ${claim.definition.above}\\) = ([\\d.]+)%`).exec(caption)!;
  expect(m).not.toBeNull();
  expect(Math.abs(Number(m[1]) / 100 - (1 - claim.probability))).toBeLessThan(0.0006);
}

let dir: string;

describe('report.html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    dir = await makeRun();
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, SPAWN_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  }, SPAWN_TIMEOUT);

  it('opens offline with no console errors and no network requests, every chart drawn, hostile text shown as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(path.join(dir, 'report.html')).href;
    await page.goto(url);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);

    // demo-growth: 3 series (fan charts), 1 first-passage claim (when), 2 scalars and the ratio at month 60
    // (its claim's month: density and S-curve each), 2 convergence charts (folded).
    const charts = await page.$$eval('figure .chart svg', (svgs) => svgs.map((s) => ({ paths: s.querySelectorAll('path').length, text: s.textContent ?? '' })));
    expect(charts.length).toBe(3 + 1 + 3 * 2 + 2);
    expect(await page.$eval('details.convergence', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    for (const c of charts) expect(c.paths).toBeGreaterThan(3);
    expect(charts.map((c) => c.text).join(' ')).toContain('ratio (1)');
    const captions = await page.$$eval('figcaption', (fs) => fs.map((f) => f.textContent ?? ''));
    expect(captions.every((c) => c.length > 40)).toBe(true);

    // Untrusted scenario text is shown, never run: no script or injected image in the DOM.
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);
    expect(await page.$$eval('img', (s) => s.length)).toBe(0);
    const body = await page.textContent('body');
    expect(body).toContain('Shortfall by 24 months <script>alert("owned")</script>');
    expect(body).toContain('A description with <script>');
    expect(await page.$$eval('a[href^="https://example.org"]', (a) => a.map((x) => x.getAttribute('href')))).toEqual(['https://example.org/source?a=1&b=2']);

    // Each claim's row in the claims table: its probability text, interval and verdict
    // match result.json. (Verdict words alone prove little: all of them are in the
    // likelihood-scale table on every page.) The expected verdict is computed here from
    // the IPCC thresholds, not with the engine's own function.
    const result = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8')) as { claims: Array<{ id: string; probability: number | null; ci95: [number, number] }> };
    const rows = await page.$$eval('table.claims tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));
    expect(rows.length).toBe(result.claims.length);
    const percentText = (p: number): string => (p > 0 && p < 0.001 ? '<0.1%' : p < 1 && p > 0.999 ? '>99.9%' : `${(p * 100).toFixed(1)}%`);
    const ipcc = (p: number): string =>
      p > 0.99 ? 'virtually certain' : p > 0.95 ? 'extremely likely' : p > 0.9 ? 'very likely' : p > 0.66 ? 'likely'
        : p >= 0.33 ? 'about as likely as not' : p >= 0.1 ? 'unlikely' : p >= 0.05 ? 'very unlikely' : p >= 0.01 ? 'extremely unlikely' : 'exceptionally unlikely';
    const verdicts = new Set<string>();
    for (const c of result.claims) {
      const row = rows.find((r) => r[0] === c.id);
      expect(row, `a row for claim ${c.id}`).toBeDefined();
      // cells: claim, statement, P, probability bar, 95% interval, verdict, trajectories, median month
      expect(c.probability, c.id).not.toBeNull();
      expect(row![2], `${c.id} P`).toBe(percentText(c.probability!));
      expect(row![4], `${c.id} interval`).toBe(`${percentText(c.ci95[0])}–${percentText(c.ci95[1])}`);
      expect(row![5], `${c.id} verdict`).toBe(ipcc(c.probability!));
      verdicts.add(row![5]);
    }
    expect(rows.find((r) => r[0] === 'shortfall-by-24m')?.[5]).toBe('very likely'); // a known claim, pinned (P ≈ 92% for demo-growth)
    expect(verdicts.size, 'the claims span more than one verdict, so the check discriminates').toBeGreaterThan(1);
    expect(body).toContain('exceptionally unlikely'); // the scale itself is on the page

    await checkContent(page);

    expect(await overlappingTexts(page)).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-demo.png'), fullPage: true });
    await page.close();
  }, SPAWN_TIMEOUT);

  it('prints on A4 and Letter: folded parts shown, every chart within the printable width, several pages', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    await page.emulateMedia({ media: 'print' });
    // A4 is 210 mm wide, Letter 8.5 in; less 2 × 12 mm margins, at 96 px per inch: the narrower, A4, leaves 703 px.
    await page.setViewportSize({ width: 703, height: 1000 });
    const boxes = await page.$$eval('figure', (fs) => fs.map((f) => { const r = f.getBoundingClientRect(); return { w: r.width, right: r.right, h: r.height }; }));
    expect(boxes.length).toBeGreaterThan(5);
    for (const b of boxes) { expect(b.right).toBeLessThanOrEqual(703 + 0.5); expect(b.h).toBeGreaterThan(50); }
    // The folded convergence charts are visible in print.
    expect(await page.$eval('details.convergence figure', (f) => f.getBoundingClientRect().height)).toBeGreaterThan(50);
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = (await page.pdf({ format, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } })).toString('latin1');
      expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(2);
    }
    await page.close();
  }, SPAWN_TIMEOUT);

  it('an interview report (launches and GW per year from below 1 to thousands, log axes): every fan chart matches bands.csv, no text overlaps', async () => {
    const { scenario, model } = await resolveScenarioFile('config/interview/launch-and-space-compute.yaml', { trajectories: 2000 });
    const outcome = await runScenario(scenario, model, { workers: 0 });
    const d = path.join(tmp, 'interview');
    writeRunFiles(d, buildResult(scenario, outcome, new Date(0)), outcome);
    writeReport(d);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(path.join(d, 'report.html')).href);
    expect(await page.$$eval('figure:has(figcaption:text-matches("log scale", "")) svg', (s) => s.length)).toBeGreaterThanOrEqual(3);
    await checkFans(page, d);
    expect(await overlappingTexts(page)).toEqual([]);
    await page.close();
  }, SPAWN_TIMEOUT);

  it('says at the top when a run is partial or drew no trajectory', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    for (const [kind, edit, text] of [
      ['partial', (r: any) => ({ ...r, partial: true }), /Partial run: 3,000 trajectories completed/],
      ['failed', (r: any) => ({ ...r, partial: true, manifest: { ...r.manifest, trajectories: 0 } }), /This run failed: no trajectory completed/],
    ] as const) {
      const d = path.join(tmp, kind);
      cpSync(dir, d, { recursive: true });
      writeFileSync(path.join(d, 'result.json'), JSON.stringify(edit(JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8')))));
      writeReport(d);
      await page.goto(pathToFileURL(path.join(d, 'report.html')).href);
      // In the header, before the first claim table.
      expect(await page.$eval('header [role=alert]', (b) => b.textContent ?? '')).toMatch(text);
    }
    await page.close();
  }, SPAWN_TIMEOUT);
});
