import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_TIMEOUT } from '../helpers/processes.js';
import { chromium, type Browser } from 'playwright-core';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { writeRunFiles } from '../../src/report/writeRun.js';
import { writeReport } from '../../src/report/writeReport.js';

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

describe('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;
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

    // demo-growth: 3 series (fan charts), 1 first-passage claim (when), 2 scalars (histograms), 2 convergence charts.
    const charts = await page.$$eval('figure .chart svg', (svgs) => svgs.map((s) => ({ paths: s.querySelectorAll('path').length, text: s.textContent ?? '' })));
    expect(charts.length).toBe(3 + 1 + 2 + 2);
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

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-demo.png'), fullPage: true });
    await page.close();
  }, SPAWN_TIMEOUT);
});
