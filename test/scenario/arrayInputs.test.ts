import { describe, expect, it } from 'vitest';
import { resolveScenarioData } from '../../src/scenario/resolve.js';
import { RunPlan, TrajectoryEvaluator, drawInputs } from '../../src/engine/runBlock.js';
import { defineModel } from '../../src/model/defineModel.js';
import { runScenario } from '../../src/engine/run.js';

const meta = { unit: 'days', source: 'estimates', rationale: 'PERT' };
const base = { start: '2026-01', horizon: 0, trajectories: 500, seed: 5 };
const total = defineModel({
  name: 'total',
  description: 'sum of an array input',
  inputs: { task: { unit: 'days', count: 3 }, extra: { unit: 'days' } },
  scalars: { total: { unit: 'days' } },
  simulate(t) {
    const task = t.array('task');
    t.scalars.total = task[0] + task[1] + task[2] + t.input.extra;
  },
});
const message = async (data: unknown, model = total) => {
  try {
    await resolveScenarioData(data, '', false, model);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('array inputs', () => {
  it('{count, dist, lists}: elements task[0…n-1] with their own streams; a TypeScript model reads t.array / t.input.task', async () => {
    const data = { ...base, inputs: { task: { count: 3, dist: 'pert', min: [1, 2, 3], mode: [2, 3, 4], max: 9, ...meta }, extra: { dist: 'point', value: 10, ...meta } } };
    const { scenario, model } = await resolveScenarioData(data, '', false, total);
    expect(Object.keys(scenario.inputs)).toEqual(['task[0]', 'task[1]', 'task[2]', 'extra']);
    expect(scenario.inputs['task[1]']).toMatchObject({ dist: 'pert', min: 2, mode: 3, max: 9, unit: 'days', source: 'estimates' });
    const plan = new RunPlan(scenario, model);
    const cols = drawInputs(plan, 0, 0, 10);
    expect(cols[0][0]).not.toBe(cols[1][0]); // each element its own stream
    const ev = new TrajectoryEvaluator(plan);
    ev.run(0, 0, (j) => cols[j][0]);
    expect(ev.scalars[0]).toBe(cols[0][0] + cols[1][0] + cols[2][0] + 10);
    const out = await runScenario(scenario, model, { workers: 0 });
    expect(out.summary.trajectories).toBe(500);
  });

  it('{items: [...]} gives the same elements as {count, lists}', async () => {
    const a = await resolveScenarioData({ ...base, inputs: { task: { count: 3, dist: 'uniform', min: [0, 1, 2], max: 5, ...meta }, extra: { dist: 'point', value: 0, ...meta } } }, '', false, total);
    const b = await resolveScenarioData({ ...base, inputs: { task: { items: [{ dist: 'uniform', min: 0, max: 5 }, { dist: 'uniform', min: 1, max: 5 }, { dist: 'uniform', min: 2, max: 5 }], ...meta }, extra: { dist: 'point', value: 0, ...meta } } }, '', false, total);
    expect(b.scenario.inputs).toEqual(a.scenario.inputs);
  });

  it('messages name the element, the list length and the model declaration', async () => {
    const extra = { dist: 'point', value: 0, ...meta };
    expect(await message({ ...base, inputs: { task: { count: 3, dist: 'pert', min: [1, 2], mode: 3, max: 9, ...meta }, extra } })).toMatch(/inputs\.task\.min = \[1,2\]: has 2 values; count is 3/);
    expect(await message({ ...base, inputs: { task: { count: 3, dist: 'pert', min: [1, 2, 3], mode: 4, max: [9, 1, 9], ...meta }, extra } })).toMatch(/inputs\.task\.max\[1\] = 1: must be greater than min \(2\)/);
    expect(await message({ ...base, inputs: { task: { count: 3, dist: 'pert', min: [1, 2, 5], mode: 4, max: 9, ...meta }, extra } })).toMatch(/inputs\.task\.mode = 4: for task\[2\]: must lie in \[min, max\] = \[5, 9\]/);
    expect(await message({ ...base, inputs: { task: { count: 2, dist: 'point', value: 1, ...meta }, extra } })).toMatch(/inputs\.task: model total reads an array of 3 elements here.*\(given: 2\)/);
    expect(await message({ ...base, inputs: { task: { dist: 'point', value: 1, ...meta }, extra } })).toMatch(/inputs\.task: model total reads an array of 3 elements/);
    expect(await message({ ...base, inputs: { task: { count: 3, dist: 'point', value: 1, ...meta }, extra: { count: 2, dist: 'point', value: 1, ...meta } } })).toMatch(/inputs\.extra: model total reads a single number here, not an array of 2/);
    expect(await message({ ...base, inputs: { task: { count: 0, dist: 'point', value: 1, ...meta }, extra } })).toMatch(/inputs\.task\.count = 0: must be a whole number from 1 to 4096/);
    expect(await message({ ...base, inputs: { task: { count: 3, dist: 'point', value: 1, unit: 'days' }, extra } })).toMatch(/inputs\.task\.source: is required/);
  });
});
