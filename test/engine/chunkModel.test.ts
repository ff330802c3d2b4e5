import { describe, expect, it } from 'vitest';
import { defineModel, type Model } from '../../src/model/defineModel.js';
import path from 'node:path';
import { resolveScenarioData, resolveScenarioFile } from '../../src/scenario/resolve.js';
import { runScenario, type RunOptions } from '../../src/engine/run.js';
import { drawInputs, runBlock, RunPlan, TrajectoryEvaluator } from '../../src/engine/runBlock.js';
import { KeptRows } from '../../src/engine/keptRows.js';
import { encodeSummary } from '../../src/stats/summaryCodec.js';
import { sketchIndex } from '../../src/stats/indexMapping.js';
import { ModelError } from '../../src/errors.js';

const meta = { source: 'test', rationale: 'test' };
const u01 = { dist: 'uniform', min: 0, max: 1, unit: '1', ...meta };

/** The same model without simulateChunk: the block runner then computes it trajectory by trajectory. */
function trajectoryByTrajectory(model: Model): Model {
  const { simulateChunk: _, ...rest } = model;
  return rest;
}

const bytes = (out: Awaited<ReturnType<typeof runScenario>>) => Buffer.from(encodeSummary(out.summary).buffer);

/**
 * A formula model that exercises what the column-wise path must get right:
 * a lagged monthly value and a lagged series, a series read by scalar
 * formulas, random draws, NaN and Infinity in some trajectories (sqrt of a
 * negative, 1/0), and claims of every form (scalar, at, by below/above/between,
 * all, any, given).
 */
const formulaScenario = {
  name: 'chunk-equivalence', description: 'every path of the column-wise block runner', start: '2026-01', horizon: 24, trajectories: 5_000, seed: 7,
  model: {
    name: 'chunk-formulas', description: 'test model',
    // +Infinity for a < 0.05, −Infinity for a > 0.97: every threshold test must take both as undefined.
    let: { rate: 'growth / 12', bad: 'if(a < 0.05, 1 / floor(a * 10), if(a > 0.97, -1 / floor(a - 0.97), 0))' },
    monthly: { noise: 'standardNormal(random())', level: 'if(m == 0, 1, level[m - 1] * (1 + rate) + 0.01 * noise)' },
    series: {
      value: { unit: '1', formula: 'level + bad' },
      root: { unit: '1', formula: 'sqrt(a - 0.2) * (1 + m / 12)' },
      change: { unit: '1', formula: 'if(m == 0, 0, value - value[m - 1])' },
    },
    scalars: { total: { unit: '1', formula: 'sum(value)' }, last: { unit: '1', formula: 'root[H]' } },
  },
  inputs: { a: u01, growth: { dist: 'normal', mean: 0.05, sd: 0.1, unit: '1/yr', ...meta } },
  claims: [
    { id: 'big', statement: 'total above 25', scalar: 'total', above: 25 },
    { id: 'root-at', statement: 'root between 0.3 and 0.8 at 12', series: 'root', between: [0.3, 0.8], at: 12 },
    { id: 'falls', statement: 'value below 0.97 by 18', series: 'value', below: 0.97, by: 18 },
    { id: 'rises', statement: 'value above 1.06 by 12', series: 'value', above: 1.06, by: 12 },
    { id: 'root-band', statement: 'root between 0.5 and 0.6 by 20', series: 'root', between: [0.5, 0.6], by: 20 },
    { id: 'both', statement: 'rises and root band', all: ['rises', 'root-band'] },
    { id: 'either', statement: 'falls or big', any: ['falls', 'big'] },
    { id: 'given', statement: 'rises given root at', series: 'value', above: 1.03, by: 24, given: 'root-at' },
    { id: 'value-band', statement: 'value between 1.02 and 1.04 by 12 (±Infinity in some trajectories)', series: 'value', between: [1.02, 1.04], by: 12 },
  ],
};

describe('column-wise models (simulateChunk)', () => {
  it('a formula model gives the same bytes column-wise as trajectory by trajectory: lags, random draws, NaN and Infinity, every claim form, kept rows', async () => {
    for (const sampler of ['mc', 'antithetic', 'sobol']) {
      const { scenario, model } = await resolveScenarioData({ ...formulaScenario, sampler }, '');
      expect(typeof model.simulateChunk).toBe('function');
      const options: RunOptions = { workers: 0, blockSize: 1_000, keepTrajectories: 1_500 };
      const chunked = await runScenario(scenario, model, options);
      const plain = await runScenario(scenario, trajectoryByTrajectory(model), options);
      expect(bytes(chunked).equals(bytes(plain)), sampler).toBe(true);
      // The model is not degenerate: every claim decided for some trajectories, and non-finite values counted.
      const claims = chunked.summary.claims;
      for (const c of claims.slice(0, 5)) expect(c.hits > 0 && c.defined > c.hits, sampler).toBe(true);
      expect(claims[2].undefinedCount).toBeGreaterThan(0);
      expect(claims[7].excluded).toBeGreaterThan(0);
      // A band a value of ±Infinity never meets, as undefined (not a trajectory still waiting).
      expect(claims[8].hits > 0 && claims[8].undefinedCount > 0, sampler).toBe(true);
      expect(chunked.summary.outputs[1].nonFinite[0]).toBeGreaterThan(0);
      expect(chunked.summary.outputs[0].nonFinite[0]).toBeGreaterThan(0);
      expect(chunked.summary.rows.length).toBe(1_500 * chunked.plan.layout.rowWidth);
    }
  }, 60_000);

  it('runs on worker threads with the same bytes as in-process', async () => {
    const { scenario, model } = await resolveScenarioData(formulaScenario, '');
    const inProcess = await runScenario(scenario, model, { workers: 0, blockSize: 512 });
    const workers = await runScenario(JSON.parse(JSON.stringify(scenario)), model, { workers: 2, blockSize: 512 });
    expect(bytes(workers).equals(bytes(inProcess))).toBe(true);
  }, 60_000);

  /** A model written only column-wise: value(m) = x·m, except month 3 left unwritten where x > 0.5; `last` = x·H. */
  const ramp = defineModel({
    name: 'ramp-chunk', description: 'test',
    inputs: { x: { unit: '1' } },
    series: { value: { unit: '1' } },
    scalars: { last: { unit: '1' } },
    simulateChunk(c) {
      const x = c.input.x, v = c.series.value, last = c.scalars.last;
      for (let i = 0; i < c.count; i++) {
        if (x[i] > 0.995) throw new Error(`x too large: ${x[i]}`);
        for (let m = 0; m <= c.months; m++) if (m !== 3 || x[i] <= 0.5) v[m * c.stride + i] = x[i] * m;
        last[i] = x[i] * c.months;
      }
    },
  });
  const rampScenario = { start: '2026-01', horizon: 6, trajectories: 3_000, seed: 3, inputs: { x: { dist: 'uniform', min: 0, max: 0.99, unit: '1', ...meta } }, claims: [{ id: 'high', statement: 'value above 2 by 6', series: 'value', above: 2, by: 6 }] };

  it('a model given only simulateChunk also runs trajectory by trajectory (simulate made from it), with the same values; what it leaves unwritten is NaN in every chunk', async () => {
    const { scenario, model } = await resolveScenarioData(rampScenario, '', false, ramp);
    expect(model.simulateChunk).toBeDefined();
    const out = await runScenario(scenario, model, { workers: 0, blockSize: 1_000, keepTrajectories: 40 });
    // Month 3 is non-finite exactly for the trajectories with x > 0.5, in all chunks (never a value left from the chunk before).
    const plan = new RunPlan(scenario, model);
    const x = drawInputs(plan, 0, 0, 1_000)[0];
    let over = 0;
    for (let b = 0; b < 3; b++) {
      const col = drawInputs(plan, b, b * 1_000, 1_000)[0];
      for (let i = 0; i < 1_000; i++) if (col[i] > 0.5) over++;
    }
    const value = out.summary.outputs[0];
    expect(value.nonFinite[3]).toBe(over);
    expect(over).toBeGreaterThan(1_000);
    for (const m of [0, 1, 2, 4, 5, 6]) expect(value.nonFinite[m]).toBe(0);
    expect(value.moments.max[6]).toBeCloseTo(6 * 0.99, 2);
    // The simulate made from simulateChunk (sensitivity designs and rare-event estimates use it) gives the kept rows' values.
    const kept = new KeptRows(out.plan, out.summary.rows);
    const evaluator = new TrajectoryEvaluator(plan);
    for (let t = 0; t < 40; t++) {
      evaluator.run(t, 0, () => x[t]);
      expect(kept.input(t, 0)).toBe(x[t]);
      for (let m = 0; m <= 6; m++) expect(Object.is(kept.series(t, 0, m), evaluator.series[0][m])).toBe(true);
      expect(kept.scalar(t, 0)).toBe(evaluator.scalars[0]);
      // Above 2 first at a month after 3 when x ≤ 0.5; undefined (NaN) at the unwritten month 3 otherwise, since x·2 ≤ 2.
      expect(kept.claim(t, 0)).toBe(x[t] > 0.5 ? NaN : x[t] * 6 > 2 ? 1 : 0);
    }
    // And a whole run trajectory by trajectory through it: the same bytes.
    const plain = await runScenario(scenario, trajectoryByTrajectory(model), { workers: 0, blockSize: 1_000, keepTrajectories: 40 });
    expect(bytes(plain).equals(bytes(out))).toBe(true);
  }, 60_000);

  it('a chunk that throws is reported as the trajectory that throws, with its inputs', async () => {
    const { scenario, model } = await resolveScenarioData({ ...rampScenario, inputs: { x: { dist: 'uniform', min: 0, max: 1, unit: '1', ...meta } } }, '', false, ramp);
    const plan = new RunPlan(scenario, model);
    const col = Float64Array.from({ length: 3_000 }, (_, t) => drawInputs(plan, Math.floor(t / 1_000), Math.floor(t / 1_000) * 1_000, 1_000)[0][t % 1_000]);
    const expected = col.findIndex((v) => v > 0.995);
    expect(expected).toBeGreaterThan(0);
    const error = await runScenario(scenario, model, { workers: 0, blockSize: 1_000 }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const details = (error as ModelError).details;
    expect(details.trajectory).toBe(expected);
    expect(details.inputs).toEqual({ x: col[expected] });
    expect(details.message).toBe(`x too large: ${col[expected]}`);
  }, 60_000);

  it('refuses an async simulateChunk and a model with neither simulate nor simulateChunk', async () => {
    const asyncModel = defineModel({
      name: 'async-chunk', description: 'test', inputs: { x: { unit: '1' } }, series: { value: { unit: '1' } },
      async simulateChunk() {},
    });
    const { scenario, model } = await resolveScenarioData(rampScenario, '', false, asyncModel);
    await expect(runScenario(scenario, model, { workers: 0 })).rejects.toThrow(/simulateChunk returned a Promise/);
    expect(() => defineModel({ name: 'none', description: 'test', inputs: {} } as never)).toThrow(/give simulate\(t\), simulateChunk\(c\), or both/);
    expect(() => defineModel({ name: 'bad', description: 'test', inputs: {}, simulate() {}, simulateChunk: 5 } as never)).toThrow(/simulateChunk must be a function, found number/);
  });

  /** A chunk-only model with one scalar drawn from the event stream, written by `body`. */
  const drawing = (body: (c: Parameters<NonNullable<Model['simulateChunk']>>[0], i: number) => void) =>
    defineModel({ name: 'drawing', description: 'test', inputs: { x: { unit: '1' } }, scalars: { u: { unit: '1' } }, simulateChunk(c) { for (let i = 0; i < c.count; i++) body(c, i); } });
  const drawScenario = { start: '2026-01', horizon: 0, trajectories: 500, seed: 5, inputs: { x: u01 } };
  const failure = async (model: Model) => {
    const { scenario, model: m } = await resolveScenarioData(drawScenario, '', false, model);
    const inProcess = await runScenario(scenario, m, { workers: 0, blockSize: 100 }).then(() => null, (e: unknown) => e);
    // One trajectory at a time (what sensitivity designs and rare-event estimates run): the same rule.
    const plan = new RunPlan(scenario, m);
    const evaluator = new TrajectoryEvaluator(plan);
    let single: unknown = null;
    try {
      evaluator.run(0, 0, () => 0.5);
    } catch (e) {
      single = e;
    }
    return { inProcess: (inProcess as ModelError).details?.message, single: (single as ModelError)?.details?.message };
  };

  it('draws only after begin(i), for i a trajectory of the chunk, each once and in order; the same rule one trajectory at a time', async () => {
    const noBegin = await failure(drawing((c, i) => (c.scalars.u[i] = c.random())));
    expect(noBegin.inProcess).toMatch(/c\.random\(\) before c\.begin\(i\)/);
    expect(noBegin.single).toMatch(/c\.random\(\) before c\.begin\(i\)/);
    const global = await failure(drawing((c, i) => { c.begin(c.first + i); c.scalars.u[i] = c.random(); }));
    expect(global.inProcess).toMatch(/c\.begin\(\d+\): i is a trajectory of the chunk, 0 … \d+ \(its global index is c\.first \+ i\)/);
    const twice = await failure(drawing((c, i) => { c.begin(i); c.begin(i); c.scalars.u[i] = c.random(); }));
    expect(twice.inProcess).toMatch(/c\.begin\(0\) after c\.begin\(0\): begin each trajectory once, in increasing order/);
    expect(twice.single).toBe(twice.inProcess);
    // Used as documented, the draws are each trajectory's own: the same whatever the worker count.
    const good = drawing((c, i) => { c.begin(i); c.scalars.u[i] = c.random(); });
    const { scenario, model } = await resolveScenarioData({ ...drawScenario, trajectories: 5_000 }, '', false, good);
    const a = await runScenario(scenario, model, { workers: 0, blockSize: 300 });
    const b = await runScenario(scenario, trajectoryByTrajectory(model), { workers: 0, blockSize: 1_000 });
    expect(bytes(a).equals(bytes(b))).toBe(true);
  }, 60_000);

  it('chunks start at the same places whatever blocks a thread ran before, so even a model that depends on them gives the same block', async () => {
    // Begins only each chunk's first trajectory and draws every value from its stream.
    const odd = drawing((c, i) => { if (i === 0) c.begin(0); c.scalars.u[i] = c.input.x[i] + c.random(); });
    const { scenario, model } = await resolveScenarioData({ ...drawScenario, trajectories: 20_000 }, '', false, odd);
    const after = new RunPlan(scenario, model);
    runBlock(after, 0, 8_192);
    const second = encodeSummary(runBlock(after, 1, 8_192));
    const alone = encodeSummary(runBlock(new RunPlan(scenario, model), 1, 8_192));
    expect(Buffer.from(second.buffer).equals(Buffer.from(alone.buffer))).toBe(true);
  }, 60_000);

  it('a write past the chunk\'s trajectories is never taken as a later trajectory\'s value; kept rows keep the sampled inputs even if a model writes its input columns', async () => {
    // An off-by-one loop (i <= c.count) that writes only where x < 0.5, and clamps its input.
    const sloppy = defineModel({
      name: 'sloppy', description: 'test', inputs: { x: { unit: '1' } }, series: { v: { unit: '1' } }, scalars: { s: { unit: '1' } },
      simulateChunk(c) {
        const x = c.input.x;
        for (let i = 0; i <= c.count; i++) {
          if (!(x[i] < 0.5) && i < c.count) continue;
          for (let m = 0; m <= c.months; m++) c.series.v[m * c.stride + i] = m + 1;
          c.scalars.s[i] = 1;
          if (i < c.count) x[i] = 0;
        }
      },
    });
    const { scenario, model } = await resolveScenarioData({ ...drawScenario, horizon: 2, trajectories: 3_000 }, '', false, sloppy);
    const out = await runScenario(scenario, model, { workers: 0, blockSize: 1_000, keepTrajectories: 50 });
    const plan = new RunPlan(scenario, model);
    let over = 0;
    for (let b = 0; b < 3; b++) for (const v of drawInputs(plan, b, b * 1_000, 1_000)[0]) if (!(v < 0.5)) over++;
    for (let m = 0; m <= 2; m++) expect(out.summary.outputs[0].nonFinite[m]).toBe(over);
    expect(out.summary.outputs[1].nonFinite[0]).toBe(over);
    const x = drawInputs(plan, 0, 0, 1_000)[0];
    const kept = new KeptRows(out.plan, out.summary.rows);
    for (let t = 0; t < 50; t++) expect(kept.input(t, 0)).toBe(x[t]);
  }, 60_000);

  it('array inputs read the same in a chunk and one trajectory at a time: c.input[\'task[k]\'] and c.array(\'task\')', async () => {
    const tasks = defineModel({
      name: 'tasks', description: 'test', inputs: { task: { unit: 'd', count: 3 } }, scalars: { total: { unit: 'd' }, first: { unit: 'd' } },
      simulateChunk(c) {
        const [a, b, d] = c.array('task');
        for (let i = 0; i < c.count; i++) {
          c.scalars.total[i] = a[i] + b[i] + d[i];
          c.scalars.first[i] = c.input['task[0]' as 'task'][i];
        }
      },
    });
    const { scenario, model } = await resolveScenarioData({ start: '2026-01', horizon: 0, trajectories: 2_000, seed: 9, inputs: { task: { count: 3, dist: 'uniform', min: [1, 2, 3], max: [2, 4, 6], unit: 'd', ...meta } } }, '', false, tasks);
    const a = await runScenario(scenario, model, { workers: 0, blockSize: 700 });
    const b = await runScenario(scenario, trajectoryByTrajectory(model), { workers: 0, blockSize: 700 });
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(a.summary.outputs[0].moments.min[0]).toBeGreaterThanOrEqual(6);
    expect(a.summary.outputs[0].nonFinite[0] + a.summary.outputs[1].nonFinite[0]).toBe(0);
  }, 60_000);
  it('kept rows hold the same bits in-process, on 1 and 2 worker threads and trajectory by trajectory, for a model computing from values it left unwritten (−NaN, |NaN|)', async () => {
    const { scenario, model } = await resolveScenarioFile(path.resolve('test/fixtures/reads-unwritten.yaml'));
    // Small blocks, so kept rows span blocks that are a thread's first and later ones.
    const options: RunOptions = { blockSize: 100, keepTrajectories: 400 };
    const inProcess = await runScenario(scenario, model, { ...options, workers: 0 });
    for (const workers of [1, 2]) {
      const threads = await runScenario(scenario, model, { ...options, workers });
      expect(bytes(threads).equals(bytes(inProcess)), `${workers} workers`).toBe(true);
    }
    const plain = await runScenario(scenario, trajectoryByTrajectory(model), { ...options, workers: 0 });
    expect(bytes(plain).equals(bytes(inProcess))).toBe(true);
    // The model does compute from NaN: b(0) and s are NaN in every kept row.
    const kept = new KeptRows(inProcess.plan, inProcess.summary.rows);
    for (let t = 0; t < 400; t++) expect(Number.isNaN(kept.series(t, 1, 0)) && Number.isNaN(kept.scalar(t, 0))).toBe(true);
  }, 60_000);

  it('first passages with thresholds that are not finite (given through the API, past validation) count as trajectory by trajectory', async () => {
    const { scenario, model } = await resolveScenarioData(formulaScenario, '');
    const byId = (id: string) => scenario.claims.find((c) => c.id === id)!;
    const cases: Array<[string, Record<string, unknown>]> = [
      ['falls', { below: -Infinity }], ['falls', { below: Infinity }], ['falls', { below: NaN }],
      ['rises', { above: Infinity }], ['rises', { above: -Infinity }], ['rises', { above: NaN }],
      ['root-band', { between: [NaN, NaN] }], ['root-band', { between: [-Infinity, Infinity] }], ['root-band', { between: [0.5, Infinity] }],
    ];
    for (const [id, threshold] of cases) {
      const claims = scenario.claims.map((c) => (c === byId(id) ? { ...c, below: undefined, above: undefined, between: undefined, ...threshold } : c));
      const changed = { ...scenario, claims };
      const options: RunOptions = { workers: 0, blockSize: 1_000, keepTrajectories: 200 };
      const chunked = await runScenario(changed, model, options);
      const plain = await runScenario(changed, trajectoryByTrajectory(model), options);
      expect(bytes(chunked).equals(bytes(plain)), `${id} ${JSON.stringify(threshold, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`).toBe(true);
    }
  }, 60_000);

  it('a block of more than 65,535 trajectories keeps counts past 16 bits (block summaries keep 16-bit counts only for blocks that fit), both ways', async () => {
    const data = {
      ...formulaScenario, name: 'big-block', horizon: 1, trajectories: 70_000, claims: [],
      model: { name: 'constant', description: 'test model', series: { one: { unit: '1', formula: '1 + 0 * a' } } },
    };
    const { scenario, model } = await resolveScenarioData(data, '');
    for (const m of [model, trajectoryByTrajectory(model)]) {
      for (const blockSize of [70_000, 8_192]) {
        const { summary } = await runScenario(scenario, m, { workers: 0, blockSize });
        // Every value is 1: one bucket holds all 70,000 (a 16-bit count would have wrapped to 4,464).
        expect(summary.outputs[0].sketches.positive.get(0, sketchIndex(1)), `block ${blockSize}`).toBe(70_000);
      }
    }
  }, 60_000);
});
