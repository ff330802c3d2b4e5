import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioData, resolveScenarioFile } from '../../src/scenario/resolve.js';
import { formulaModelRef, loadModel } from '../../src/scenario/loadModel.js';
import { runScenario } from '../../src/engine/run.js';
import { encodeSummary } from '../../src/stats/summaryCodec.js';
import { RunPlan, TrajectoryEvaluator, drawInputs } from '../../src/engine/runBlock.js';
import { compileFormulaModel, FormulaModelError } from '../../src/model/formula/formulaModel.js';
import { formulaModelSchema } from '../../src/model/formula/formulaSchema.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { InputError } from '../../src/errors.js';

const orbitalFormulas = path.resolve('test/fixtures/orbital-vs-ground.formulas.yaml');
const interview = path.resolve('config/interview/space-cheapest-36m.yaml');

/** The interview scenario with its built-in model, and the same scenario with the model as formulas (inputs in the same order). */
async function bothModels(trajectories: number) {
  const ts = await resolveScenarioFile(interview, { trajectories });
  const fm = await resolveScenarioFile(orbitalFormulas, { trajectories });
  if (fm.scenario.model.kind !== 'formula') throw new Error('expected a formula model');
  const inputs = Object.fromEntries(Object.entries(ts.model.inputs).map(([n, d]) => [n, { unit: d.unit }]));
  const ref = formulaModelRef(fm.scenario.model.spec, inputs);
  const scenario = { ...ts.scenario, model: ref } as ResolvedScenario;
  return { ts, formula: { scenario, model: await loadModel(ref) } };
}

describe('formula models', () => {
  it('the orbital-vs-ground model as formulas gives byte-identical trajectories and summaries (GBM gas price on the event stream, learning curves, turbine backlog)', async () => {
    const { ts, formula } = await bothModels(2_000);
    expect(Object.keys(formula.model.series)).toEqual(Object.keys(ts.model.series));
    expect(Object.keys(formula.model.scalars)).toEqual(Object.keys(ts.model.scalars));
    // Trajectory by trajectory: every month of every series, and every scalar, equal to the bit.
    const planA = new RunPlan(ts.scenario, ts.model), planB = new RunPlan(formula.scenario, formula.model);
    const cols = drawInputs(planA, 0, 0, 400);
    const a = new TrajectoryEvaluator(planA), b = new TrajectoryEvaluator(planB);
    for (let t = 0; t < 400; t++) {
      a.run(t, 0, (j) => cols[j][t]);
      b.run(t, 0, (j) => cols[j][t]);
      for (let s = 0; s < a.series.length; s++) expect(Buffer.from(b.series[s].buffer).equals(Buffer.from(a.series[s].buffer)), `trajectory ${t} series ${planA.seriesNames[s]}`).toBe(true);
      expect(Buffer.from(b.scalars.buffer).equals(Buffer.from(a.scalars.buffer)), `trajectory ${t} scalars`).toBe(true);
    }
    // Whole runs (correlated inputs, several blocks): the merged summaries are the same bytes.
    const ra = await runScenario(ts.scenario, ts.model, { workers: 0, blockSize: 1024 });
    const rb = await runScenario(formula.scenario, formula.model, { workers: 0, blockSize: 1024 });
    expect(Buffer.from(encodeSummary(rb.summary).buffer).equals(Buffer.from(encodeSummary(ra.summary).buffer))).toBe(true);
  }, 60_000);

  it('travels to Piscina workers as data: the same bytes on 2 workers as in-process', async () => {
    const { formula } = await bothModels(2_048);
    const inProcess = await runScenario(formula.scenario, formula.model, { workers: 0, blockSize: 512 });
    const workers = await runScenario(JSON.parse(JSON.stringify(formula.scenario)), formula.model, { workers: 2, blockSize: 512 });
    expect(Buffer.from(encodeSummary(workers.summary).buffer).equals(Buffer.from(encodeSummary(inProcess.summary).buffer))).toBe(true);
  }, 60_000);

  it('the shipped software-project example resolves: array input task[0…39] and formulas over it', async () => {
    const { scenario, model } = await resolveScenarioFile(path.resolve('config/examples/software-project.yaml'), { trajectories: 2_000 });
    expect(scenario.model.kind).toBe('formula');
    expect(Object.keys(scenario.inputs).filter((n) => n.startsWith('task['))).toHaveLength(40);
    expect(model.inputs.task).toMatchObject({ count: 40 });
    const out = await runScenario(scenario, model, { workers: 0 });
    expect(out.summary.trajectories).toBe(2_000);
  }, 30_000);

  const base = {
    start: '2026-01', horizon: 12, trajectories: 100,
    inputs: { a: { dist: 'point', value: 2, unit: '1', source: 's', rationale: 'r' }, xs: { count: 3, dist: 'point', value: [1, 2, 3], unit: '1', source: 's', rationale: 'r' } },
  };
  const problems = async (model: unknown): Promise<string> => {
    try {
      await resolveScenarioData({ ...base, model }, '');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('computes series, earlier months, sums over arrays, if/min/max and scalars', async () => {
    const model = {
      let: { total: 'sum(xs) * a' },
      monthly: { cum: 'if(m == 0, 0, cum[m-1] + xs[1])' },
      series: { s: { unit: '1', formula: 'max(cum, total) + min(xs) - max(xs) + count(xs)' } },
      scalars: { last: { unit: '1', formula: 's[H] + mean(s) * 0 + xs[2] ^ 2' } },
    };
    const { scenario, model: m } = await resolveScenarioData({ ...base, model }, '');
    const plan = new RunPlan(scenario, m);
    const ev = new TrajectoryEvaluator(plan);
    ev.run(0, 0, (j) => [2, 1, 2, 3][j]);
    // total = 12; cum(m) = 2m; s = max(2m, 12) + 1 - 3 + 3
    expect([...ev.series[0]]).toEqual(Array.from({ length: 13 }, (_, k) => Math.max(2 * k, 12) + 1));
    expect(ev.scalars[0]).toBe(25 + 9);
  });

  it('rejects unknown names, type errors and cycles with the formula, the field and the column', async () => {
    expect(await problems({ series: { s: { unit: '1', formula: 'cost[m-1] * aa' } } })).toMatch(/model\.series\.s\.formula = "cost\[m-1\] \* aa": column 1 of the formula: unknown name "cost"/);
    expect(await problems({ series: { s: { unit: '1', formula: '2 * aa' } } })).toMatch(/column 5 of the formula: unknown name "aa" \(did you mean a\?\)/);
    expect(await problems({ series: { s: { unit: '1', formula: 'xs + 1' } } })).toMatch(/xs is an array; use an element \(xs\[i\]\) or sum\(xs\)/);
    expect(await problems({ series: { s: { unit: '1', formula: '(a > 1) * 2' } } })).toMatch(/is a condition \(true\/false\), not a number/);
    expect(await problems({ series: { s: { unit: '1', formula: 'xs[3]' } } })).toMatch(/xs\[3\] is out of range: xs has 3 elements/);
    expect(await problems({ monthly: { p: 'q + 1', q: 'p * 2' }, series: { s: { unit: '1', formula: 'p' } } })).toMatch(/cycle: p -> q -> p/);
    expect(await problems({ series: { s: { unit: '1', formula: 'a * (2 +' } } })).toMatch(/column 9 of the formula: syntax error: Expected expression after \+/);
    expect(await problems({ series: { s: { unit: '1', formula: 'constructor' } } })).toMatch(/unknown name "constructor"/);
    expect(await problems({ series: { s: { unit: '1', formula: 'a.constructor' } } })).toMatch(/only an array input or a series can be indexed/);
    expect(await problems({ series: { s: { unit: '1', formula: 'process(1)' } } })).toMatch(/unknown function process\(\)/);
    expect(await problems({ series: { s: { unit: '1', formula: '"x" + a' } } })).toMatch(/only numbers are allowed/);
    expect(await problems({ series: { s: { unit: '1', formula: 's[2]' } } })).toMatch(/read as s \(this month\) or s\[m - k\]/);
    expect(await problems({ series: { s: 'a * 2' } })).toMatch(/model\.series\.s = "a \* 2": an output series is \{unit: \.\.\., formula: \.\.\.\}/);
    expect(await problems({ let: { x: 'm * 2' }, series: { s: { unit: '1', formula: 'x' } } })).toMatch(/model\.let\.x = "m \* 2": column 1 of the formula: m \(the month\) is only defined in series and monthly formulas/);
    expect(await problems({ series: { s: { unit: '1', formula: 'a > 1' } } })).toMatch(/the formula is a condition \(true\/false\); a value must be a number: use if\(a > 1, 1, 0\)/);
  });

  it('compileFormulaModel reports every problem at once', () => {
    const spec = formulaModelSchema.parse({ series: { s: { unit: '1', formula: 'nope' }, u: { unit: '1', formula: 'alsoNope' } } });
    try {
      compileFormulaModel(spec, {});
      throw new Error('expected FormulaModelError');
    } catch (e) {
      expect(e).toBeInstanceOf(FormulaModelError);
      expect((e as FormulaModelError).issues.map((i) => i.path)).toEqual(['model.series.s.formula', 'model.series.u.formula']);
    }
  });
});
