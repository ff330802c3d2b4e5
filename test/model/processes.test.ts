import { describe, expect, it } from 'vitest';
import { approachFloor, wrightsLaw } from '../../src/model/processes/learningCurve.js';
import { ar1Step, gbmPath, gbmStep, standardNormal } from '../../src/model/processes/noise.js';
import { monthsSince, stepAt } from '../../src/model/processes/stepAt.js';
import { capitalRecoveryFactor, discountedYears } from '../../src/model/processes/finance.js';
import { SeededStream } from '../../src/rng/streams.js';

describe('process helpers', () => {
  it('learning curves', () => {
    expect(approachFloor(3000, 100, 0.5, 12)).toBe(1550);
    expect(approachFloor(3000, 100, 0.5, 0)).toBe(3000);
    expect(wrightsLaw(100, 1, 4, 0.2)).toBeCloseTo(64, 12);
  });

  it('finance: CRF and discounted years against closed forms', () => {
    // CRF(8%, 20) = 0.08/(1 − 1.08^−20) = 0.101852 (standard annuity tables).
    expect(capitalRecoveryFactor(0.08, 20)).toBeCloseTo(0.10185221, 8);
    expect(capitalRecoveryFactor(0, 10)).toBe(0.1);
    expect(discountedYears(0, 0, 5, 0)).toBe(5);
    const rho = Math.log(1.08);
    expect(discountedYears(0.08, 1, 5, 0.1)).toBeCloseTo((Math.exp(-(rho + 0.1)) * (1 - Math.exp(-(rho + 0.1) * 5))) / (rho + 0.1), 14);
  });

  it('gbmPath: the same values, to the bit, as gbmStep month by month on the same draws', () => {
    const a = new SeededStream('gbm-path'), b = new SeededStream('gbm-path');
    const out = new Float64Array(121);
    gbmPath(out, 3.5, 0.02, 0.45, { random: () => a.next() }, 120);
    let x = 3.5;
    for (let m = 0; m <= 120; m++) {
      expect(out[m]).toBe(x);
      x = gbmStep(x, 0.02, 0.45, standardNormal(b.next()));
    }
  });

  it('steps at an uncertain month', () => {
    expect(stepAt(5, 6, 1, 2)).toBe(1);
    expect(stepAt(6, 6, 1, 2)).toBe(2);
    expect(monthsSince(10, 6)).toBe(4);
    expect(monthsSince(3, 6)).toBe(0);
  });

  it('AR(1) reaches its stationary spread and GBM its mean, within 5 standard errors', () => {
    const s = new SeededStream('processes');
    const n = 20_000;
    let x = 0, sumSq = 0;
    for (let i = 0; i < 1000; i++) x = ar1Step(x, 0, 0.9, 0.1, standardNormal(s.next()));
    for (let i = 0; i < n; i++) {
      x = ar1Step(x, 0, 0.9, 0.1, standardNormal(s.next()));
      sumSq += x * x;
    }
    const variance = 0.01 / (1 - 0.81); // σ²/(1 − φ²)
    // Autocorrelated samples: the effective sample size is n(1 − φ)/(1 + φ).
    const se = variance * Math.sqrt(2 / ((n * 0.1) / 1.9));
    expect(Math.abs(sumSq / n - variance)).toBeLessThan(5 * se);
    // GBM: E[x after 12 monthly steps] = x₀·e^μ.
    let total = 0;
    const m = 20_000;
    const finals = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      let p = 1;
      for (let j = 0; j < 12; j++) p = gbmStep(p, 0.05, 0.3, standardNormal(s.next()));
      finals[k] = p;
      total += p;
    }
    const mean = total / m;
    const sd = Math.sqrt(finals.reduce((a, v) => a + (v - mean) ** 2, 0) / (m - 1));
    expect(Math.abs(mean - Math.exp(0.05))).toBeLessThan((5 * sd) / Math.sqrt(m));
  });
});
