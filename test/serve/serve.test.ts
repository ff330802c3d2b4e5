import { SPAWN_TIMEOUT } from '../helpers/processes.js';
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type ServeHandle } from '../../src/serve/serveApp.js';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/engine/run.js';
import { buildResult } from '../../src/result/buildResult.js';
import { percent } from '../../src/report/format.js';
import { writeRunFiles } from '../../src/report/writeRun.js';

// `forecast serve` in the real Chromium the suite uses (test/setup.sh installs it).
const HOSTILE = '<script>window.owned=1</script><img src=x onerror="window.owned=2">';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-serve-'));
const ARTIFACTS = path.resolve('test-artifacts');
const N = 4000;

function chromiumPath(): string {
  return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/bash' }).trim();
}

/** A raw request with chosen headers (fetch would not let us set Host). */
function request(port: number, p: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, path: p, method, headers }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

describe('forecast serve', () => {
  let browser: Browser;
  let server: ServeHandle;
  let file: string;
  beforeAll(async () => {
    const demo = parse(readFileSync('config/examples/demo-growth.yaml', 'utf8')) as Record<string, any>;
    demo.description = `Hostile ${HOSTILE}`;
    demo.claims[0].statement = `Shortfall ${HOSTILE}`;
    file = path.join(tmp, 'demo.yaml');
    writeFileSync(file, stringify(demo));
    server = await startServer({ file, port: 0, workers: 0, trajectories: N, reduced: 1000 });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, SPAWN_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('listens on loopback only and refuses requests without the token, from another Host or from another Origin', async () => {
    expect((server.server.address() as AddressInfo).address).toBe('127.0.0.1');
    const port = server.port, ok = { host: `127.0.0.1:${port}` };
    expect((await request(port, `/?token=${server.token}`, ok)).status).toBe(200);
    expect((await request(port, '/', ok)).status).toBe(403);
    expect((await request(port, `/?token=${server.token.slice(1)}x`, ok)).status).toBe(403);
    expect((await request(port, `/?token=${server.token}`, { host: `attacker.example:${port}` })).status).toBe(403);
    const edit = JSON.stringify({ pins: { initialDemand: 9 } });
    expect((await request(port, '/api/edit', { ...ok, 'x-forecast-token': server.token, origin: 'http://attacker.example', 'content-type': 'application/json' }, 'POST', edit)).status).toBe(403);
    // Only input parameters, pinned values and claim thresholds: never the model or a library path.
    const bad = await request(port, '/api/edit', { ...ok, 'x-forecast-token': server.token, 'content-type': 'application/json' }, 'POST', JSON.stringify({ model: '/tmp/evil.js', inputLibrary: ['/etc/passwd'] }));
    expect(bad.status).toBe(400);
    expect(Object.keys(JSON.parse(bad.body).errors).sort()).toEqual(['inputLibrary', 'model']);
  });

  it('a superseded run is dropped: two quick edits end with the second one\'s numbers', async () => {
    const api = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${server.port}${p}`, { ...init, headers: { 'x-forecast-token': server.token, 'content-type': 'application/json' } });
    const g1 = (await (await api('/api/edit', { method: 'POST', body: JSON.stringify({ pins: { demandGrowth: 0.5 } }) })).json()).generation;
    const g2 = (await (await api('/api/edit', { method: 'POST', body: JSON.stringify({ pins: { demandGrowth: 0.1 } }) })).json()).generation;
    expect(g2).toBe(g1 + 1);
    // Long-poll the state until generation g2 is done (the server answers on each change).
    let s = await (await api('/api/state?after=-1')).json();
    while (!(s.generation === g2 && s.phase === 'done')) s = await (await api(`/api/state?after=${s.version}`)).json();
    const data = parse(readFileSync(file, 'utf8')) as Record<string, any>;
    data.inputs.demandGrowth = { dist: 'point', value: 0.1, unit: data.inputs.demandGrowth.unit, source: data.inputs.demandGrowth.source, rationale: 'pinned' };
    data.trajectories = N;
    const { scenario, model } = await resolveScenarioData(data, file);
    const want = buildResult(scenario, await runScenario(scenario, model, { workers: 0 }), new Date(0));
    expect(s.claims).toEqual(want.claims.map((c) => ({ id: c.id, probability: c.probability })));
    // Back to the shipped scenario for the browser test.
    const g3 = (await (await api('/api/edit', { method: 'POST', body: '{}' })).json()).generation;
    while (!(s.generation === g3 && s.phase === 'done')) s = await (await api(`/api/state?after=${s.version}`)).json();
  }, SPAWN_TIMEOUT);

  it('updates after a slider move to the numbers a run of the downloaded scenario gives; shows field errors; scenario text cannot inject script', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector('#status[data-phase="done"]', { timeout: 30_000 });
    const gen0 = Number(await page.getAttribute('#status', 'data-gen'));
    expect(await page.textContent('#report')).toContain(`Shortfall ${HOSTILE}`);
    expect(await page.$$eval('script', (s) => s.length)).toBe(1);
    expect(await page.$$eval('img', (s) => s.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { owned?: number }).owned)).toBeUndefined();

    const sparkBefore = await page.getAttribute('.spark[data-input="initialDemand"] svg', 'aria-label');
    // Move the slider of initialDemand's p95 (shipped 15) up.
    const slider = page.locator('input[type=range][data-sync="inputs.initialDemand.p95"]');
    await slider.evaluate((el: HTMLInputElement) => { el.value = String(Number(el.max) * 0.6); el.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForSelector(`#status[data-phase="done"][data-gen="${gen0 + 1}"]`, { timeout: 60_000 });
    const moved = Number(await page.inputValue('input[name="inputs.initialDemand.p95"]'));
    // The input's density plot follows the edit.
    const sparkAfter = await page.getAttribute('.spark[data-input="initialDemand"] svg', 'aria-label');
    expect(sparkAfter).not.toBe(sparkBefore);
    expect(moved).toBeGreaterThan(20);

    // The page's numbers equal a run of the scenario it offers for download (same seed, same N).
    const yaml = await page.evaluate(async () => (await fetch(`scenario.yaml${location.search}`)).text());
    const data = parse(yaml) as Record<string, any>;
    expect(data.inputs.initialDemand.p95).toBe(moved);
    const { scenario, model } = await resolveScenarioData(data, file);
    const outcome = await runScenario(scenario, model, { workers: 0 });
    const want = buildResult(scenario, outcome, new Date(0));
    const shown = await page.$$eval('#report table.claims tbody tr', (rows) => rows.map((r) => [r.children[0].textContent, r.children[2].textContent]));
    expect(shown).toEqual(want.claims.map((c) => [c.id, percent(c.probability)]));
    const state = await page.evaluate(async () => (await fetch(`api/state?after=-1`, { headers: { 'x-forecast-token': new URLSearchParams(location.search).get('token')! } })).json());
    expect(state.claims).toEqual(want.claims.map((c) => ({ id: c.id, probability: c.probability })));
    // The run folder download holds the files a run of that scenario writes: the same bytes, but for result.json's run section.
    const tar = Buffer.from(await (await fetch(`http://127.0.0.1:${server.port}/run.tar?token=${server.token}`)).arrayBuffer());
    const unpacked = path.join(tmp, 'unpacked'), ours = path.join(tmp, 'ours');
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(path.join(tmp, 'run.tar'), tar);
    execSync(`tar -xf ${JSON.stringify(path.join(tmp, 'run.tar'))} -C ${JSON.stringify(unpacked)}`);
    writeRunFiles(ours, want, outcome);
    const got = path.join(unpacked, scenario.name);
    for (const f of ['bands.csv', 'claims.csv']) expect(readFileSync(path.join(got, f), 'utf8')).toBe(readFileSync(path.join(ours, f), 'utf8'));
    const strip = (f: string) => { const { run: _r, ...rest } = JSON.parse(readFileSync(f, 'utf8')); return rest; };
    expect(strip(path.join(got, 'result.json'))).toEqual(strip(path.join(ours, 'result.json')));
    expect(readFileSync(path.join(got, 'report.html'), 'utf8')).toContain('<!doctype html>');
    expect(readFileSync(path.join(got, 'scenario.yaml'), 'utf8')).toBe(yaml);
    // The paired difference from the shipped scenario is shown.
    expect(await page.textContent('#diff')).toMatch(/Difference from the shipped scenario[\s\S]*shortfall-by-24m/);
    // Shipped and edited overlaid: a fan chart per series (two 90% band polygons) and a density per scalar.
    const overlays = await page.$$eval('#diff figure svg', (svgs) => svgs.map((s) => s.querySelectorAll('polygon').length));
    expect(overlays.length).toBe(3 + 2);
    expect(overlays.slice(0, 3).every((n) => n >= 2)).toBe(true);

    // A bad value: the error appears next to its field and nothing reruns.
    await page.fill('input[name="inputs.initialDemand.p95"]', '1');
    await page.waitForFunction(() => (document.querySelector('.err[data-field="inputs.initialDemand.p95"]')?.textContent ?? '') !== '');
    expect(await page.textContent('.err[data-field="inputs.initialDemand.p95"]')).toMatch(/p5/);
    expect(await page.getAttribute('#status', 'data-gen')).toBe(String(gen0 + 1));
    expect(errors).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'serve-demo.png'), fullPage: false });
    await page.close();
  }, SPAWN_TIMEOUT);
});
