import { COLOURS } from './charts.js';
import { escapeHtml as h } from './escape.js';

// sensitivity.json holds non-finite numbers as null, and the report reads them back from it.
export const f3 = (x: number | null): string => (x !== null && Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** An index (0…1) as a bar with its 95% interval whisker; flagged when the interval includes zero. */
export function indexBar(value: number, ci: [number, number], includesZero: boolean): string {
  const [lo, hi] = ci;
  const w = 140, x = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(1, v)) * w : 0);
  const label = includesZero ? `not distinguishable from 0 (95% interval ${f3(lo)} to ${f3(hi)})` : `${f3(value)} (95% interval ${f3(lo)} to ${f3(hi)})`;
  return `<svg class="bar" width="${w}" height="16" viewBox="0 0 ${w} 16" role="img" aria-label="${h(label)}"><title>${h(label)}</title>` +
    `<rect x="0" y="3" width="${w}" height="10" fill="#e6e6e6"/><rect x="0" y="3" width="${includesZero ? 0 : x(value).toFixed(1)}" height="10" fill="${COLOURS.green}"/>` +
    `<line x1="${x(ci[0]).toFixed(1)}" x2="${x(ci[1]).toFixed(1)}" y1="8" y2="8" stroke="${COLOURS.vermillion}" stroke-width="2"/></svg>`;
}
