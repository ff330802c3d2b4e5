/**
 * A small probability as text: 3 significant digits, in scientific notation
 * below 0.1% (where "<0.1%" would say nothing), as a percentage above.
 * @example smallProbability(2.87e-7) // '2.87e-7'
 * @example smallProbability(0.0157) // '1.57%'
 */
export function smallProbability(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'n/a';
  if (p === 0) return '0';
  if (p < 1e-3) return p.toExponential(2);
  return `${Number((p * 100).toPrecision(3))}%`;
}

/**
 * A quantile level as a percentile label: "your P3". In the tails, two significant
 * digits of the distance to the end, so an upper tail reads P99.997, not P100.
 * @example percentileLabel(0.03) // 'P3'
 * @example percentileLabel(0.00025) // 'P0.025'
 * @example percentileLabel(0.99997) // 'P99.997'
 */
export function percentileLabel(level: number): string {
  const q = level * 100;
  if (q >= 1 && q <= 99) return `P${Math.round(q)}`;
  if (q < 1) return `P${Number(q.toPrecision(2))}`;
  const c = Number((100 - q).toPrecision(2));
  return c > 0 ? `P${Number((100 - c).toFixed(Math.ceil(-Math.log10(c)) + 1))}` : 'P100';
}

/** One input of a rare claim's design point, as the scorecard shows it. */
export interface DecidingInput {
  input: string;
  unit: string;
  /** Its value at the design point. */
  value: number;
  /** Its quantile level under the scenario. */
  level: number;
  /** Its importance factor α² (share of β²). */
  alpha2: number;
}

/**
 * The inputs that jointly decide a rare claim, in one line: each with its value at
 * the design point, its quantile under the scenario and its share of β².
 * @example decidedByText([{ input: 'launchCostToday', unit: '$/kg', value: 810, level: 0.00024, alpha2: 0.286 }]) // 'launchCostToday 810 $/kg (P0.024, 29%)'
 */
export function decidedByText(inputs: readonly DecidingInput[]): string {
  return inputs
    .map((d) => {
      const v = Number(d.value.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 });
      return `${d.input} ${v}${d.unit === '1' ? '' : ` ${d.unit}`} (${percentileLabel(d.level)}, ${Math.round(d.alpha2 * 100)}%)`;
    })
    .join('; ');
}
