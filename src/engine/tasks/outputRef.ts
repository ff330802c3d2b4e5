/**
 * An output of a run that an analysis measures or decomposes: a claim's
 * indicator, a scalar, or a series at one month. `index` is the position in the
 * plan's claims, scalarNames or seriesNames.
 *
 * @example { kind: 'series', index: 0, month: 36, label: 'ratio@36' }
 */
export type OutputRef = { kind: 'claim'; index: number; label: string } | { kind: 'scalar'; index: number; label: string } | { kind: 'series'; index: number; month: number; label: string };
