import { describe, expect, it } from 'vitest';
import { applyEdits, checkEdits } from '../../src/serve/edits.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';

const shipped = {
  inputs: { price: { dist: 'lognormal', p5: 30, p95: 70, unit: '$/kg', source: 'S', rationale: 'R' }, rate: { dist: 'uniform', min: 0, max: 1, unit: '1' } },
  claims: [{ id: 'cheap', statement: 'x', scalar: 'cost', below: 100 }, { id: 'soon', statement: 'y', series: 's', by: 12, above: 2 }],
} as unknown as ResolvedScenario;

describe('the edits forecast serve accepts', () => {
  it('accepts input parameters, pins and existing claim thresholds', () => {
    const r = checkEdits({ inputs: { price: { p95: 90 } }, pins: { rate: 0.5 }, claims: { cheap: { below: 80 } } }, shipped);
    expect(r).toEqual({ edits: { inputs: { price: { p95: 90 } }, pins: { rate: 0.5 }, claims: { cheap: { below: 80 } } } });
  });

  it('refuses everything else, naming the field: model, extends, inputLibrary, seed, a unit or source, a distribution family, unknown names, a new threshold, non-numbers', () => {
    const r = checkEdits({
      model: '/tmp/evil.js', extends: '../x.yaml', inputLibrary: ['/etc/passwd'], seed: 1,
      inputs: { price: { unit: 'x', source: 'y', dist: 'normal', p95: '90', mu: 1 }, nope: { a: 1 } },
      pins: { rate: Number.NaN, ghost: 1 },
      claims: { cheap: { above: 5, by: 3 }, soon: { above: Infinity }, ghost: { below: 1 } },
    }, shipped);
    expect('errors' in r).toBe(true);
    const errors = (r as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual([
      'claims.cheap.above', 'claims.cheap.by', 'claims.ghost', 'claims.soon.above', 'extends', 'inputLibrary',
      'inputs.nope', 'inputs.price.dist', 'inputs.price.mu', 'inputs.price.p95', 'inputs.price.source', 'inputs.price.unit',
      'model', 'pins.ghost', 'pins.rate', 'seed',
    ]);
  });

  it('applies edits to a copy: library inputs written in full, pins as point values with their unit, thresholds on their claim', () => {
    const data = { name: 'x', inputLibrary: ['lib.yaml'], inputs: {}, claims: [{ id: 'cheap', scalar: 'cost', below: 100 }] };
    const out = applyEdits(data, shipped, { inputs: { price: { p95: 90 } }, pins: { rate: 0.5 }, claims: { cheap: { below: 80 } } });
    expect(out.inputs).toEqual({
      price: { dist: 'lognormal', p5: 30, p95: 90, unit: '$/kg', source: 'S', rationale: 'R' },
      rate: { dist: 'point', value: 0.5, unit: '1', rationale: 'pinned in forecast serve (was uniform)' },
    });
    expect(out.claims).toEqual([{ id: 'cheap', scalar: 'cost', below: 80 }]);
    expect(data.claims[0].below).toBe(100);
    expect(data.inputs).toEqual({});
  });
});
