import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, SPAWN_TIMEOUT } from '../helpers/processes.js';

/**
 * A pool closed while its threads still start (a command that ends at once,
 * such as `--resume` of a finished run, or bad input found after the CLI
 * started its threads ahead) must not take the process down. Piscina loads
 * its worker file with require(); require() of an ES module on Node 20.19+
 * instantiates it synchronously, and a thread terminated then aborted the
 * process ("FATAL ERROR: v8::Module::IsGraphAsync", exit 134) in 6 of 8 runs of
 * this test before workers were given a CommonJS entry point
 * (scripts/bundle-worker.mjs, writeEntry). Each cycle closes the pool at a
 * random moment of its threads' start, so the test can only show the abort,
 * not rule it out; 300 cycles found it in most runs.
 */
describe('closing a pool while its threads start', () => {
  it('300 pools of 2 threads opened and closed at random moments of their start: the process ends normally', () => {
    const script = `
      const { PiscinaBackend } = await import(${JSON.stringify(path.resolve('dist/src/engine/piscinaBackend.js'))});
      for (let i = 0; i < 300; i++) {
        const pool = new PiscinaBackend(null, 2);
        await new Promise((r) => setTimeout(r, Math.random() * 60));
        await pool.close();
      }
      console.log('closed 300 pools');
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: HANG_GUARD });
    expect(r.signal, r.stderr.slice(0, 600)).toBeNull();
    expect(r.status, r.stderr.slice(0, 600)).toBe(0);
    expect(r.stdout.trim()).toBe('closed 300 pools');
  }, SPAWN_TIMEOUT);
});
