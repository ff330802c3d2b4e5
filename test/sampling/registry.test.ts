import { describe, expect, it } from 'vitest';
import { SAMPLERS, SAMPLER_NAMES, createSampler } from '../../src/sampling/registry.js';
import { directionNumbers, joeKuoDirections } from '../../src/sampling/sobol.js';
import { LIMITS } from '../../src/limits.js';

describe('sampler registry', () => {
  it('lists the names in registry order and builds each one under its own name', () => {
    expect(SAMPLER_NAMES).toEqual(['mc', 'lhs', 'sobol', 'antithetic']);
    expect(Object.keys(SAMPLERS)).toEqual(SAMPLER_NAMES);
    for (const name of SAMPLER_NAMES) expect(createSampler(name, 1, 3).name).toBe(name);
  });

  it('has no silent default: an unknown name throws and lists the known ones', () => {
    expect(() => createSampler('halton', 1, 3)).toThrow(/unknown sampler "halton".*mc, lhs, sobol, antithetic/);
    expect(() => createSampler('toString', 1, 3)).toThrow(/unknown sampler/);
  });

  it('each sampler says where it imposes correlations: sobol and antithetic on uniforms, mc and lhs on values', () => {
    const where = Object.fromEntries(SAMPLER_NAMES.map((n) => [n, createSampler(n, 1, 3).correlates]));
    expect(where).toEqual({ mc: 'values', lhs: 'values', sobol: 'uniforms', antithetic: 'uniforms' });
  });
});

describe('vendored Joe–Kuo direction numbers', () => {
  const JOE_KUO_DIRECTIONS = joeKuoDirections();

  it('cover LIMITS.inputs dimensions and no more', () => {
    expect(JOE_KUO_DIRECTIONS.length + 1).toBe(LIMITS.inputs);
    expect(() => directionNumbers(LIMITS.inputs - 1)).not.toThrow();
    expect(() => directionNumbers(LIMITS.inputs)).toThrow(/no direction numbers for dimension 513/);
  });

  it('rows are [s, a, m_1 … m_s] with odd m_i < 2^i (Joe & Kuo 2008, new-joe-kuo-6.21201)', () => {
    for (const row of JOE_KUO_DIRECTIONS) {
      const [s, , ...m] = row;
      expect(m.length).toBe(s);
      m.forEach((mi, i) => {
        expect(mi % 2).toBe(1);
        expect(mi).toBeLessThan(2 ** (i + 1));
      });
    }
    // First and last vendored rows, as published: d = 2 "1 0 1"; d = 512 "13 224 1 1 1 1 25 9 23 225 385 629 603 3747 4241".
    expect(JOE_KUO_DIRECTIONS[0]).toEqual([1, 0, 1]);
    expect(JOE_KUO_DIRECTIONS[510]).toEqual([13, 224, 1, 1, 1, 1, 25, 9, 23, 225, 385, 629, 603, 3747, 4241]);
    const v = directionNumbers(511);
    expect(Array.from(v.slice(0, 4))).toEqual([1, 1, 1, 1].map((mi, i) => (mi << (31 - i)) >>> 0));
  });
});
