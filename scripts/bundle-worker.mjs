// Bundles the worker thread's entry point (dist/workers/block.js, built by tsc)
// into dist/workers/bundle/: block.mjs and a chunk per module imported on first
// use (each built-in model, the formula compiler). Run by `npm run build`.
//
// Why: a worker thread loading ~250 files one by one (the engine's own ESM
// modules and @stdlib's CommonJS ones) spent 42-48 ms on its modules, and V8
// compiled Node's module resolver in every thread; from the bundle it loads in
// ~10 ms. Why rolldown and not esbuild (already a dependency): esbuild turns
// every top-level const of a bundle into a var, which V8 cannot fold as a
// constant; its bundle ran blocks 3-4% slower. Rolldown keeps them const.
// It also writes the CommonJS entry Piscina is given, beside the bundle and
// beside block.js (writeEntry says why). src/engine/piscinaBackend.ts uses the
// bundle when it is there and no older than block.js (a later `tsc` alone does
// not leave threads on stale code), else block.js. Where rolldown cannot load (it needs Node 20.19 or later), the
// build goes on without a bundle.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/workers/bundle');
rmSync(out, { recursive: true, force: true });

/**
 * The file Piscina is given: a CommonJS wrapper that starts importing the ES
 * module at once and hands each task to its default export. Piscina loads its
 * worker file with require() first; on Node 20.19+, require() of an ES module
 * instantiates it synchronously, and a thread terminated then (a pool closed
 * while its threads still start: a command that ends at once, an input error
 * found after the threads were started ahead) aborted the whole process with
 * "FATAL ERROR: v8::Module::IsGraphAsync" (measured: 6 of 8 runs of 300 quick
 * open-and-close cycles). import() instantiates asynchronously and does not.
 */
function writeEntry(file, target) {
  writeFileSync(
    file,
    `'use strict';
// Written by scripts/bundle-worker.mjs: see writeEntry there for why a CommonJS wrapper.
const loaded = import(${JSON.stringify(target)});
loaded.catch(() => {}); // an import error is reported by the first task, not as an unhandled rejection
module.exports = async function handle(req) {
  return (await loaded).default(req);
};
`,
  );
}
writeEntry(path.join(root, 'dist/workers/block.cjs'), './block.js');
let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch (e) {
  console.warn(`bundle-worker: rolldown could not be loaded (${String(e instanceof Error ? e.message : e).split('\n')[0]}); worker threads will load dist/workers/block.js, unbundled (the same results, ~35 ms slower to start)`);
  process.exit(0);
}
const bundle = await rolldown({
  input: { block: path.join(root, 'dist/workers/block.js') },
  platform: 'node',
  // Piscina's worker runtime is its own module; esbuild is imported only on the main thread (TypeScript model files).
  external: ['piscina', 'esbuild'],
  logLevel: 'warn',
});
await bundle.write({ dir: out, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' });
await bundle.close();
// Read beside the module that reads it (src/sampling/sobol.ts: new URL('./sobolDirections.json', import.meta.url)).
copyFileSync(path.join(root, 'dist/src/sampling/sobolDirections.json'), path.join(out, 'sobolDirections.json'));
writeEntry(path.join(out, 'block.cjs'), './block.mjs');
