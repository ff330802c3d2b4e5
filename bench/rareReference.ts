/**
 * The brute-force reference for the non-normal rare-event test (issue 13 §1):
 * plain Monte Carlo on test/fixtures/rare-nonnormal.yaml (two lognormal and two
 * PERT inputs, a claim with P ≈ 3e−5), 10⁸ trajectories by default, written to
 * test/reference/rare-nonnormal.json. test/analysis/rare.test.ts checks subset
 * simulation and importance sampling against it, so this runs once, not in the suite.
 *
 * A flat loop over chunks of 10⁶ trajectories: each input's uniforms from the
 * engine's seeded stream `<seed>/reference/<chunk>/input/<name>`, mapped by the
 * engine's own quantile function (Distribution.mapQuantiles), the fixture's
 * model run on each row, and the claim judged by the engine's compiled claims
 * (the plain run's verdict, not the margins the estimators use). Chunks go to
 * worker threads as they free up; hits are summed, so the count does not depend
 * on the worker count.
 *
 *   npm run build && node dist/bench/rareReference.js [--n 100000000] [--workers 2] [--out FILE]
 */
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { resolveScenarioFile } from '../src/scenario/resolve.js';
import { RunPlan, TrajectoryEvaluator } from '../src/engine/runBlock.js';
import { SeededStream } from '../src/rng/streams.js';
import { ENGINE_VERSION } from '../src/version.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = 'test/fixtures/rare-nonnormal.yaml';
const CLAIM = 'rare-total';
const CHUNK = 1_000_000;

/** Hits and trajectories where the claim is defined, in chunk c (trajectories c·CHUNK … + n). */
function makeChunkRunner(plan: RunPlan): (c: number, n: number) => { hits: number; defined: number } {
  const evaluator = new TrajectoryEvaluator(plan);
  const claim = plan.scenario.claims.findIndex((x) => x.id === CLAIM);
  const names = plan.inputNames, dists = plan.distributions;
  const columns = names.map(() => new Float64Array(CHUNK));
  return (c, n) => {
    for (let j = 0; j < names.length; j++) {
      const col = columns[j], s = new SeededStream(`${plan.scenario.seed}/reference/${c}/input/${names[j]}`);
      for (let i = 0; i < n; i++) col[i] = s.next();
      dists[j].mapQuantiles(col, col, n);
    }
    const counters = plan.claims.newCounters();
    for (let i = 0; i < n; i++) {
      evaluator.runRow(c * CHUNK + i, columns, i);
      plan.claims.evaluate(evaluator.series, evaluator.scalars, counters);
    }
    return { hits: counters[claim].hits, defined: counters[claim].defined };
  };
}

async function loadPlan(): Promise<RunPlan> {
  const { scenario, model } = await resolveScenarioFile(path.join(root, FIXTURE));
  return new RunPlan(scenario, model);
}

if (!isMainThread) {
  const run = makeChunkRunner(await loadPlan());
  const total = (workerData as { n: number }).n;
  parentPort!.on('message', (c: number) => {
    parentPort!.postMessage({ c, ...run(c, Math.min(CHUNK, total - c * CHUNK)) });
  });
} else {
  const arg = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const n = Number(arg('--n', '100000000'));
  const workers = Math.max(1, Number(arg('--workers', String(Math.min(2, os.availableParallelism())))));
  const out = path.resolve(arg('--out', path.join(root, 'test/reference/rare-nonnormal.json')));
  const plan = await loadPlan();
  const chunks = Math.ceil(n / CHUNK);
  const t0 = process.hrtime.bigint();
  let hits = 0, defined = 0, next = 0, done = 0;
  await new Promise<void>((resolve, reject) => {
    for (let w = 0; w < Math.min(workers, chunks); w++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { n } });
      worker.on('error', reject);
      worker.on('message', (m: { c: number; hits: number; defined: number }) => {
        hits += m.hits;
        defined += m.defined;
        if (++done % 10 === 0) process.stderr.write(`${done}/${chunks} chunks, ${hits} hits\n`);
        if (done === chunks) resolve();
        if (next < chunks) worker.postMessage(next++);
        else void worker.terminate();
      });
      worker.postMessage(next++);
    }
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const p = hits / defined;
  const se = Math.sqrt((p * (1 - p)) / defined);
  // Wilson score interval at 95%.
  const z = 1.959963984540054, d = 1 + (z * z) / defined;
  const centre = (p + (z * z) / (2 * defined)) / d, half = (z / d) * Math.sqrt((p * (1 - p)) / defined + (z * z) / (4 * defined * defined));
  const claim = plan.scenario.claims.find((c) => c.id === CLAIM)!;
  const reference = {
    what: 'brute-force (plain Monte Carlo) reference for test/analysis/rare.test.ts: P(claim) on the fixture scenario',
    scenario: { file: FIXTURE, name: plan.scenario.name, sha256: plan.scenario.sha256, inputs: plan.scenario.inputs },
    claim: { id: claim.id, statement: claim.statement },
    n: defined,
    hits,
    p,
    standardError: se,
    relativeStandardError: se / p,
    interval95: [centre - half, centre + half],
    intervalMethod: 'Wilson score',
    seed: plan.scenario.seed,
    streams: `uniforms from SeededStream("<seed>/reference/<chunk>/input/<name>"), chunks of ${CHUNK.toLocaleString('en-US')} trajectories, mapped by each input's Distribution.mapQuantiles; the claim judged by CompiledClaims`,
    command: `npm run build && node dist/bench/rareReference.js --n ${n} --workers ${workers}`,
    date: new Date().toISOString().slice(0, 10),
    wallSeconds: Math.round(wall),
    workers,
    engineVersion: ENGINE_VERSION,
    node: process.version,
  };
  writeFileSync(out, `${JSON.stringify(reference, null, 2)}\n`);
  console.log(`${hits} hits in ${defined.toLocaleString('en-US')}: p = ${p.toExponential(4)} ± ${se.toExponential(2)} (RSE ${(100 * se / p).toFixed(2)}%), ${wall.toFixed(0)} s on ${workers} worker(s) → ${path.relative(root, out)}`);
}
