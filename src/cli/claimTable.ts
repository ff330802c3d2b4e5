import type { ClaimResult } from '../result/resultSchema.js';

import { EXTREME_NOTE, extremeBound, percent as pct, probabilityLabel } from '../report/format.js';

import { alignTable } from '../report/alignTable.js';

export { pct, alignTable };

const shorten = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The claim table printed after a run: id, claim, probability, 95% interval, median month, denominator. */
export function claimTable(claims: readonly ClaimResult[], scenario?: string): string {
  const rows = [[...(scenario ? ['scenario'] : []), 'claim', 'statement', 'P', '95% CI', 'median month', 'n']];
  for (const c of claims) {
    rows.push([
      ...(scenario ? [scenario] : []),
      typeof c.definition.label === 'string' ? `${c.id} [${c.definition.label === 'identity' ? 'identity of the inputs' : 'decided by construction'}]` : c.id,
      shorten(c.statement, 56),
      probabilityLabel(c.probability, c.hits, c.denominator),
      `${pct(c.ci95[0])}–${pct(c.ci95[1])}`,
      c.medianLabel ?? '',
      c.denominator.toLocaleString('en-US'),
    ]);
  }
  const extreme = claims.some((c) => extremeBound(c.hits, c.denominator) !== null);
  return alignTable(rows) + (extreme ? `\n${EXTREME_NOTE}` : '');
}
