import { describe, expect, it } from 'vitest';
import { METHODS, SENSITIVITY_METHODS, CSV_ORDER, REPORT_ORDER, sensitivityCsvRows, printedSummary, driversHtml, type SensitivityReport } from '../../src/analysis/registry.js';

describe('sensitivity method registry', () => {
  it('names are unique, every name is in the CSV and report orders, and no two methods take the same flag', () => {
    expect(new Set(SENSITIVITY_METHODS).size).toBe(METHODS.length);
    expect([...CSV_ORDER].sort()).toEqual([...SENSITIVITY_METHODS].sort());
    expect([...REPORT_ORDER].sort()).toEqual([...SENSITIVITY_METHODS].sort());
    const flags = METHODS.flatMap((m) => m.options.map((o) => o.flag.split(' ')[0]));
    expect(new Set(flags).size).toBe(flags.length);
    for (const m of METHODS) expect(m.description.length).toBeGreaterThan(10);
  });

  it('writes nothing for a report with no sections, and each section through its own method', () => {
    const head = { schemaVersion: 2 as const, scenario: { name: 's', model: 'm', sha256: 'x', seed: 1 }, engineVersion: '0', methods: [], outputs: [] };
    expect(sensitivityCsvRows(head)).toEqual([]);
    expect(printedSummary(head, 5)).toBe('');
    const be: SensitivityReport = { ...head, methods: ['breakeven'], breakeven: { input: 'a', output: 'p', target: 0.5, range: [0, 1], atRange: [0.2, 0.8], reached: true, value: 0.5, interval: [0.4, 0.6], evaluations: 10, message: 'p crosses 0.5 at a ≈ 0.5000' } };
    expect(sensitivityCsvRows(be)).toEqual([['breakeven', 'p', 'a', 'crossing 0.5', 0.5, 0.4, 0.6]]);
    expect(printedSummary(be, 5)).toBe('breakeven: p crosses 0.5 at a ≈ 0.5000');
    expect(driversHtml(be)).toBe('<p><strong>Breakeven:</strong> p crosses 0.5 at a ≈ 0.5000.</p>');
  });
});
