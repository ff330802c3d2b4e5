import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const BIN = path.resolve('dist/src/cli/bin.js');
export const DEMO = path.resolve('config/examples/demo-growth.yaml');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `forecast-${prefix}-`));
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (a generous timeout: a hang fails the test instead of the suite). */
export function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string; timeout?: number } = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...opts.env }, cwd: opts.cwd, timeout: opts.timeout ?? 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Children of `start` not yet exited: a test that fails while one runs (a stuck model) must not leave it spinning after the file. */
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
});

/** A CLI child process whose exit (code, or 128 + signal) and output can be awaited; killed after the test file if still running. */
export function start(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): { child: ChildProcess; exited: Promise<Ran>; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...opts.env }, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stdout = '', stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Ran>((resolve) =>
    child.on('exit', (code, sig) => resolve({ status: code ?? (sig === 'SIGKILL' ? 137 : sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : null), stdout, stderr })),
  );
  return { child, exited, output: () => stdout + stderr };
}

/** Resolves once `check` holds (polled), or rejects after `ms` with `what`: waiting on observed progress, never on time. */
export async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Writes a model file (a plain object with the model's shape; test models in
 * temporary folders cannot import 'forecast-engine') and a scenario using it.
 * SPIN: the model busy-waits at trajectory FORECAST_SPIN_AT (writing the file
 * FORECAST_SPIN_MARKER first) until the file FORECAST_SPIN_RELEASE exists,
 * forever when it is not set: a stuck model, released on observed events.
 */
export function writeModel(dir: string, name: string, body: string, scenarioExtra = ''): string {
  writeFileSync(path.join(dir, `${name}.mjs`), body);
  const scenario = path.join(dir, `${name}.yaml`);
  writeFileSync(
    scenario,
    `name: ${name}\nmodel: ./${name}.mjs\nstart: 2026-02\nhorizon: 0\ntrajectories: 20000\nseed: 3\ninputs:\n  x: { dist: uniform, min: 0, max: 1, unit: "1", source: test, rationale: test }\nclaims:\n  - { id: half, statement: y above 0.5, scalar: y, above: 0.5 }\n${scenarioExtra}`,
  );
  return scenario;
}

export const PLAIN_MODEL = (name: string, simulate = 't.scalars.y = t.input.x;'): string =>
  `export default { name: '${name}', description: 'test', inputs: { x: { unit: '1' } }, series: {}, scalars: { y: { unit: '1' } }, simulate(t) { ${simulate} } };\n`;

export const SPIN_MODEL = (name: string): string =>
  `import { existsSync, writeFileSync } from 'node:fs';
export default { name: '${name}', description: 'busy-waits once (test)', inputs: { x: { unit: '1' } }, series: {}, scalars: { y: { unit: '1' } },
  simulate(t) {
    if (t.index === Number(process.env.FORECAST_SPIN_AT ?? 0)) {
      if (process.env.FORECAST_SPIN_MARKER) writeFileSync(process.env.FORECAST_SPIN_MARKER, String(process.pid));
      const release = process.env.FORECAST_SPIN_RELEASE;
      while (!(release && existsSync(release))) { /* stuck */ }
    }
    t.scalars.y = t.input.x;
  } };\n`;

export { existsSync };

/**
 * Runs the CLI in this process (no Node start-up: cheap), capturing what it
 * prints. For cases that need no signals and no process isolation.
 */
export async function inProcess(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '', stderr = '';
  const out = process.stdout.write, err = process.stderr.write;
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
