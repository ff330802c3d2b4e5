import { describe, expect, it } from 'vitest';
import { decidedByText, percentileLabel, smallProbability } from '../../src/report/rareFormat.js';

describe('rare-event text', () => {
  it('small probabilities: scientific below 0.1%, a percentage above', () => {
    expect(smallProbability(2.87e-7)).toBe('2.87e-7');
    expect(smallProbability(0.0157)).toBe('1.57%');
    expect(smallProbability(0)).toBe('0');
    expect(smallProbability(null)).toBe('n/a');
  });

  it('percentile labels keep two significant digits of the distance to either end', () => {
    expect(percentileLabel(0.03)).toBe('P3');
    expect(percentileLabel(0.5)).toBe('P50');
    expect(percentileLabel(0.00025)).toBe('P0.025');
    expect(percentileLabel(0.995)).toBe('P99.5');
    // An upper tail is not "P100": 1 − level = 3e−5.
    expect(percentileLabel(0.99997)).toBe('P99.997');
    expect(percentileLabel(1 - 2.4e-7)).toBe('P99.999976');
  });

  it('the inputs that decide a claim, in one line: value, unit (none for "1"), quantile, share of β²', () => {
    const line = decidedByText([
      { input: 'launchCostToday', unit: '$/kg', value: 806.4, level: 0.00023, alpha2: 0.286 },
      { input: 'firmSolarPerMWh', unit: '$/MWh', value: 1012.7, level: 0.99997, alpha2: 0.18 },
      { input: 'radiationFailureFactor', unit: '1', value: 1.364, level: 0.07, alpha2: 0.053 },
    ]);
    expect(line).toBe('launchCostToday 806 $/kg (P0.023, 29%); firmSolarPerMWh 1,010 $/MWh (P99.997, 18%); radiationFailureFactor 1.36 (P7, 5%)');
  });
});
