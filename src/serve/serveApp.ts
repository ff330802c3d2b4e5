import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import type { Model } from '../model/defineModel.js';
import { loadScenarioDocument } from '../scenario/load.js';
import { resolveScenarioData, type ResolvedScenario } from '../scenario/resolve.js';
import { runScenario } from '../engine/run.js';
import { PiscinaBackend } from '../engine/piscinaBackend.js';
import type { Backend } from '../engine/backend.js';
import { buildResult } from '../result/buildResult.js';
import { densitySparkline, renderScenarioSection } from '../report/html/renderReport.js';
import type { DistributionSpec } from '../distributions/registry.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { figure } from '../report/html/figure.js';
import { overlayDensity, overlayFanChart } from '../report/html/overlays.js';
import { percent as pct, points } from '../report/format.js';
import { compareScenarios } from '../analysis/compare.js';
import { applyEdits, checkEdits, fieldErrors, type Edits } from './edits.js';
import { livePage } from './livePage.js';
import { tarFiles } from './tar.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeRunFiles } from '../report/writeRun.js';
import { writeReport } from '../report/writeReport.js';
import type { RunOutcome } from '../engine/run.js';
import type { Result } from '../result/resultSchema.js';

export interface ServeOptions {
  /** The scenario file. */
  file: string;
  /** Port (0: any free port). Default 8080. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Worker threads (0: the server's own thread). */
  workers?: number;
  /** Trajectories of the first, quick pass (default 2,000, at most the scenario's N). */
  reduced?: number;
  /** Trajectories of the full pass (default: the scenario's). */
  trajectories?: number;
}

export interface ServeHandle {
  /** The URL to open, with the per-launch token. */
  url: string;
  token: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

interface State {
  version: number;
  generation: number;
  phase: 'starting' | 'reduced' | 'refining' | 'comparing' | 'done' | 'error';
  message: string;
  done: number;
  total: number;
  html: string;
  htmlVersion: number;
  diff: string;
  /** Each claim's probability at the latest pass (for tests and scripts). */
  claims: Array<{ id: string; probability: number | null }>;
  trajectories: number;
  /** Each input's density plot as edited (the form shows it beside the input's fields). */
  sparklines: Record<string, string>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `forecast serve`: a local web app (node:http, no framework) that shows a
 * scenario's report and reruns it when an input parameter, a pinned value or a
 * claim threshold changes. Each change is a new generation: the run before it
 * is cancelled between blocks (RunOptions.aborted), a pass at `reduced`
 * trajectories is shown first, then the full N, then the paired difference
 * from the shipped scenario (analysis/compare.ts). Every pass uses the
 * scenario's seed (common random numbers). Protection beyond loopback: the
 * Host header must name this loopback address (DNS rebinding), an Origin, when
 * sent, must be this server, and every request carries the per-launch token
 * (in the URL for the page and downloads, in a header for the API).
 */
export async function startServer(o: ServeOptions): Promise<ServeHandle> {
  const doc = loadScenarioDocument(o.file);
  const base = doc.data as Record<string, unknown>;
  if (o.trajectories !== undefined) base.trajectories = o.trajectories;
  const shipped = await resolveScenarioData(base, doc.file);
  const N = shipped.scenario.trajectories;
  const reduced = Math.min(N, o.reduced ?? 2000);
  const workers = o.workers ?? 0;
  const backend: Backend | undefined = workers > 0 ? new PiscinaBackend(shipped.scenario, workers) : undefined;
  const token = randomBytes(18).toString('base64url');
  const state: State = { version: 0, generation: 0, phase: 'starting', message: 'starting…', done: 0, total: N, html: '', htmlVersion: 0, diff: '', claims: [], trajectories: 0, sparklines: {} };
  const sparklines = (s: ResolvedScenario) => Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, densitySparkline(v as unknown as DistributionSpec)]));
  let edited: { data: Record<string, unknown>; scenario: ResolvedScenario; model: Model; edits: Edits } = { data: base, ...shipped, edits: {} };
  let latest: Result | null = null;
  let latestOutcome: RunOutcome | null = null;
  let shippedResult: Result | null = null;
  let waiters: Array<() => void> = [];
  const bump = (patch: Partial<State>) => {
    Object.assign(state, patch);
    state.version++;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  let lastTick = 0;

  async function run(g: number): Promise<void> {
    const aborted = () => g !== state.generation;
    try {
      for (const n of reduced < N ? [reduced, N] : [N]) {
        if (aborted()) return;
        const { scenario, model } = n === N ? edited : await resolveScenarioData({ ...edited.data, trajectories: n }, doc.file);
        if (aborted()) return;
        bump({ phase: n < N ? 'reduced' : 'refining', message: `running ${n.toLocaleString('en-US')} trajectories…`, done: 0, total: n });
        const outcome = await runScenario(scenario, model, {
          workers, ...(backend ? { backend } : {}), aborted,
          onProgress: (done, total) => {
            // At most a few updates a second reach the browser.
            const now = performance.now();
            if (!aborted() && (done === total || now - lastTick > 100)) { lastTick = now; bump({ done, total }); }
          },
        });
        if (aborted() || outcome.partial) return;
        const result = buildResult(scenario, outcome, new Date());
        const anyEditNow = Object.values(edited.edits).some((x) => x && Object.keys(x).length);
        if (n === N) { latest = result; latestOutcome = outcome; if (!anyEditNow) shippedResult = result; }
        bump({
          html: renderScenarioSection({ result, folder: '.' }), htmlVersion: state.htmlVersion + 1, trajectories: n,
          claims: result.claims.map((c) => ({ id: c.id, probability: c.probability })),
          phase: n < N ? 'reduced' : 'refining', message: n < N ? `first look at ${n.toLocaleString('en-US')} trajectories; refining to ${N.toLocaleString('en-US')}…` : `${N.toLocaleString('en-US')} trajectories`,
        });
      }
      const anyEdit = Object.values(edited.edits).some((x) => x && Object.keys(x).length);
      if (anyEdit && !aborted()) {
        bump({ phase: 'comparing', message: `${N.toLocaleString('en-US')} trajectories; pairing with the shipped scenario…` });
        const cmp = await compareScenarios({ scenario: edited.scenario, model: edited.model }, shipped, Math.min(N, 20_000), workers);
        if (aborted()) return;
        const rows = cmp.claims.map((c) => `<tr><td><code>${h(c.id)}</code></td><td class="num">${pct(c.b)}</td><td class="num">${pct(c.a)}</td><td class="num">${points(c.difference)}</td><td class="num">${points(c.ci95[0])} to ${points(c.ci95[1])}</td></tr>`).join('');
        const base = shippedResult;
        const overlays = base && latest ? [
          ...Object.keys(latest.series).filter((k) => base.series[k]).map((k) => overlayFanChart(k, base.series[k], latest!.series[k], ['shipped', 'edited'], latest!.scenario.start)),
          ...Object.keys(latest.scalars).filter((k) => base.scalars[k]).map((k) => overlayDensity(k, base.scalars[k], latest!.scalars[k], ['shipped', 'edited'])).filter((x): x is { svg: string; caption: string } => x !== null),
        ].map((c) => figure(c.svg, c.caption)).join('\n') : '';
        bump({ diff: `<h2>Difference from the shipped scenario</h2><p class="note">${cmp.trajectories.toLocaleString('en-US')} paired trajectories (same seed, common random numbers); the interval is the paired 95% interval of the difference.</p><table class="diff"><thead><tr><th>claim</th><th>shipped</th><th>edited</th><th>edited − shipped</th><th>95% interval</th></tr></thead><tbody>${rows}</tbody></table>${overlays ? `<h2>Shipped and edited, overlaid</h2><div class="grid">${overlays}</div>` : ''}` });
      } else if (!aborted()) bump({ diff: '' });
      if (!aborted()) bump({ phase: 'done', message: `done: ${N.toLocaleString('en-US')} trajectories${anyEdit ? ', edited' : ', the shipped scenario'}` });
    } catch (e) {
      if (!aborted()) bump({ phase: 'error', message: `the run failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  // Library inputs are written out in full, so the file runs on its own (paths in inputLibrary are this machine's).
  const editedYaml = () => {
    const { inputLibrary: _l, ...rest } = edited.data;
    return stringify({ ...rest, inputs: { ...(edited.scenario.inputs as Record<string, unknown>) } });
  };
  const sameToken = (t: string | null | undefined) => {
    if (typeof t !== 'string') return false;
    const a = Buffer.from(t), b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  let port = 0;
  const hostOk = (host: string | undefined) => {
    if (!host) return false;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(host);
    return !!m && Number(m[2]) === port && (LOOPBACK.has(m[1].toLowerCase()) || m[1] === o.host);
  };
  const send = (res: http.ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', ...extra });
    res.end(body);
  };
  const json = (res: http.ServerResponse, status: number, v: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(v));

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      if (!res.headersSent) json(res, 500, { errors: { '': e instanceof Error ? e.message : String(e) } });
      else res.destroy();
    }
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!hostOk(req.headers.host)) return send(res, 403, 'text/plain', 'forbidden: unexpected Host header\n');
    const origin = req.headers.origin;
    if (origin !== undefined && !(origin.startsWith('http://') && hostOk(origin.slice('http://'.length)))) return send(res, 403, 'text/plain', 'forbidden: cross-origin request\n');
    const authed = sameToken(url.searchParams.get('token')) || sameToken(req.headers['x-forecast-token'] as string | undefined);
    if (!authed) return send(res, 403, 'text/plain', 'forbidden: open the URL that forecast serve printed (it carries a token)\n');
    if (req.method === 'GET' && url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      return send(res, 200, 'text/html; charset=utf-8', livePage(shipped.scenario, nonce), {
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
      });
    }
    if (req.method === 'GET' && url.pathname === '/api/state') {
      const after = Number(url.searchParams.get('after') ?? -1);
      if (state.version > after) return json(res, 200, state);
      // Long poll: answer on the next change, or after 25 s with the same state.
      const reply = () => { clearTimeout(t); if (!res.writableEnded) json(res, 200, state); };
      const t = setTimeout(() => { waiters = waiters.filter((f) => f !== reply); reply(); }, 25_000);
      waiters.push(reply);
      req.on('close', () => { clearTimeout(t); waiters = waiters.filter((f) => f !== reply); });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/edit') {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return json(res, 415, { errors: { '': 'send JSON' } });
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => { body += c; if (body.length > 100_000) req.destroy(); });
      req.on('end', async () => {
        let parsed: unknown;
        try { parsed = JSON.parse(body); } catch { return json(res, 400, { errors: { '': 'not JSON' } }); }
        const checked = checkEdits(parsed, shipped.scenario);
        if ('errors' in checked) return json(res, 400, checked);
        const data = applyEdits(base, shipped.scenario, checked.edits);
        try {
          const r = await resolveScenarioData(data, doc.file);
          edited = { data, scenario: r.scenario, model: r.model, edits: checked.edits };
        } catch (e) {
          if (e instanceof InputError) return json(res, 400, { errors: fieldErrors(e, data) });
          // Anything else (a model that fails to load) is reported, and the server keeps serving.
          return json(res, 500, { errors: { '': `the edited scenario could not be prepared: ${e instanceof Error ? e.message : String(e)}` } });
        }
        const g = state.generation + 1;
        bump({ generation: g, phase: 'starting', message: 'starting…', done: 0, sparklines: sparklines(edited.scenario) });
        void run(g);
        json(res, 202, { generation: g });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/scenario.yaml') {
      return send(res, 200, 'application/yaml; charset=utf-8', editedYaml(), { 'content-disposition': `attachment; filename="${edited.scenario.name}.yaml"` });
    }
    if (req.method === 'GET' && url.pathname === '/run.tar') {
      if (!latest || !latestOutcome) return json(res, 409, { error: 'no complete run yet' });
      // The files forecast run writes for this scenario (result.json, bands.csv, claims.csv, report.html), plus the scenario itself.
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'forecast-serve-'));
      try {
        writeRunFiles(tmp, latest, latestOutcome);
        writeReport(tmp);
        const files = readdirSync(tmp).sort().map((name) => ({ name, content: readFileSync(path.join(tmp, name)) }));
        files.push({ name: 'scenario.yaml', content: Buffer.from(editedYaml()) });
        const body = tarFiles(latest.scenario.name, files);
        res.writeHead(200, { 'content-type': 'application/x-tar', 'content-disposition': `attachment; filename="${latest.scenario.name}-run.tar"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        res.end(body);
        return;
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
    if (req.method === 'GET' && url.pathname === '/result.json') {
      if (!latest) return json(res, 409, { error: 'no complete run yet' });
      return send(res, 200, 'application/json; charset=utf-8', `${JSON.stringify(latest, null, 2)}\n`, { 'content-disposition': 'attachment; filename="result.json"' });
    }
    return send(res, 404, 'text/plain', 'not found\n');
  }
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 8080, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  void run(0);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/?token=${token}`, token, port, server,
    close: async () => {
      state.generation = -1;
      for (const f of waiters) f();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await backend?.close();
    },
  };
}
