import { startServer } from '../serve/serveApp.js';
import { defaultWorkers } from '../engine/run.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/**
 * What to serve: a scenario file as is; a run folder's scenario (scenario.json names the
 * file it came from, and its N and seed are kept); a folder of scenarios names them and
 * asks for one.
 */
function scenarioToServe(target: string): { file: string; trajectories?: number } {
  if (!existsSync(target)) throw new InputError(`not found: ${target}`);
  if (!statSync(target).isDirectory()) return { file: target };
  const saved = path.join(target, 'scenario.json');
  if (existsSync(saved)) {
    const s = (JSON.parse(readFileSync(saved, 'utf8')) as { scenario?: { file?: string; trajectories?: number } }).scenario;
    if (!s?.file || !existsSync(s.file)) throw new InputError(`${saved} names no scenario file that still exists (${String(s?.file)}); serve the scenario file itself`);
    return { file: s.file, trajectories: s.trajectories };
  }
  const files = readdirSync(target).filter((f) => /\.(ya?ml|json)$/.test(f) && /^model:/m.test(readFileSync(path.join(target, f), 'utf8')));
  if (files.length === 0) throw new InputError(`${target} is neither a run folder nor a folder of scenarios`);
  throw new InputError(`forecast serve shows one scenario at a time; pick one of:\n${files.map((f) => `  forecast serve ${path.join(target, f)}`).join('\n')}`);
}

/** `forecast serve <scenario> [--port 8080] [--host 127.0.0.1]`: the live dashboard; prints the URL with its token and runs until stopped. */
export async function serveCommand(target: string, opts: { port?: string; host?: string; workers?: string; trajectories?: string }): Promise<void> {
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InputError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') process.stderr.write(`warning: --host ${host} serves beyond loopback; anyone who can reach it and has the token can run scenarios here\n`);
  const what = scenarioToServe(target);
  const handle = await startServer({ file: what.file, host, port: int('port', opts.port, 0) ?? 8080, workers: int('workers', opts.workers, 0) ?? Math.max(1, defaultWorkers() - 1), trajectories: int('trajectories', opts.trajectories, 1) ?? what.trajectories });
  process.stdout.write(`forecast serve: open ${handle.url}\n(press Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => { void handle.close().then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
