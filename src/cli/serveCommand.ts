import { startServer } from '../serve/serveApp.js';
import { defaultWorkers } from '../engine/run.js';
import { InputError } from '../errors.js';

/** `forecast serve <scenario> [--port 8080] [--host 127.0.0.1]`: the live dashboard; prints the URL with its token and runs until stopped. */
export async function serveCommand(file: string, opts: { port?: string; host?: string; workers?: string; trajectories?: string }): Promise<void> {
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InputError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') process.stderr.write(`warning: --host ${host} serves beyond loopback; anyone who can reach it and has the token can run scenarios here\n`);
  const handle = await startServer({ file, host, port: int('port', opts.port, 0) ?? 8080, workers: int('workers', opts.workers, 0) ?? Math.max(1, defaultWorkers() - 1), trajectories: int('trajectories', opts.trajectories, 1) });
  process.stdout.write(`forecast serve: open ${handle.url}\n(press Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => { void handle.close().then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
