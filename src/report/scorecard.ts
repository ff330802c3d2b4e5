import { csvField } from './csv.js';
import type { ClaimResult, Result } from '../result/resultSchema.js';
import { extremeBound } from './format.js';
import type { DecidingInput } from './rareFormat.js';

/** One row of the scorecard: a claim of one scenario. */
export interface ScorecardRow {
  scenario: string;
  id: string;
  statement: string;
  probability: number | null;
  ci95: [number | null, number | null];
  medianMonth: string | null;
  denominator: number;
  trajectories: number;
  /** With `forecast run <folder> --rare`: the rare-event estimate of a claim with under 10 hits. */
  rare?: {
    method: string;
    probability: number | null;
    interval: [number, number] | null;
    upperBound: number | null;
    modelRuns: number;
    /** FORM's β, how its design point was found, and the design point's top inputs by importance. */
    beta?: number | null;
    designSource?: string;
    decidedBy?: DecidingInput[];
  };
  /** Trajectories in which the claim held. */
  hits: number;
  /** Where hits are 0 or n: the one-sided 95% bound (3/n or 1 − 3/n), conditional on the model; else null. */
  bound95: number | null;
  /** The claim's `label:` (construction or identity: not a forecast), or null for a forecast. */
  label: string | null;
}

/** Rows for every claim of every scenario's result, in run order. */
export function scorecardRows(results: readonly Result[]): ScorecardRow[] {
  return results.flatMap((r) =>
    r.claims.map((c: ClaimResult) => ({
      scenario: r.scenario.name,
      id: c.id,
      statement: c.statement,
      probability: c.probability,
      ci95: c.ci95,
      medianMonth: c.medianLabel ?? null,
      denominator: c.denominator,
      trajectories: r.manifest.trajectories,
      hits: c.hits,
      bound95: extremeBound(c.hits, c.denominator)?.value ?? null,
      label: typeof c.definition.label === 'string' ? c.definition.label : null,
    })),
  );
}

/** scorecard.csv */
export function scorecardCsv(rows: readonly ScorecardRow[]): string {
  const head = ['scenario', 'id', 'statement', 'probability', 'ci95Low', 'ci95High', 'medianMonth', 'denominator', 'trajectories', 'hits', 'bound95', 'label'];
  // Rare-event columns only when some row has one.
  const rare = rows.some((r) => r.rare);
  if (rare) head.push('rareMethod', 'rareProbability', 'rareLow', 'rareHigh', 'rareUpperBound', 'rareModelRuns');
  const lines = rows.map((r) => [r.scenario, r.id, r.statement, r.probability, r.ci95[0], r.ci95[1], r.medianMonth, r.denominator, r.trajectories, r.hits, r.bound95, r.label,
    ...(rare ? [r.rare?.method ?? null, r.rare?.probability ?? null, r.rare?.interval?.[0] ?? null, r.rare?.interval?.[1] ?? null, r.rare?.upperBound ?? null, r.rare?.modelRuns ?? null] : [])].map(csvField).join(','));
  return [head.join(','), ...lines].join('\n') + '\n';
}

/**
 * scorecard.json: the rows plus, per scenario, the scenario of the same folder
 * it extends (`extends`, when it does: the report draws such named assumption
 * sets side by side) and its manifest (the run blocks stay in each result.json).
 */
export function scorecardJson(rows: readonly ScorecardRow[], results: readonly Result[], folder: string, bases: Readonly<Record<string, string>> = {}): string {
  const scenarios = results.map((r) => ({ name: r.scenario.name, ...(bases[r.scenario.name] !== undefined ? { extends: bases[r.scenario.name] } : {}), manifest: r.manifest }));
  return JSON.stringify({ schemaVersion: 1, folder, claims: rows, scenarios }, null, 2) + '\n';
}
