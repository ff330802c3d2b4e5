import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditScenario, DEFAULT_TAIL_BUDGET, type AuditReport } from '../analysis/audit.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { InputError } from '../errors.js';
import { alignTable, pct } from './claimTable.js';
import { parseFlags, wholeNumber } from './flags.js';
import { z } from 'zod';
import { EXIT } from './exitCodes.js';

/** Flags of `forecast audit`. */
export interface AuditFlags {
  trajectories?: string;
  workers?: string;
  tailBudget?: string;
  json?: boolean;
}

const flagsSchema = z.object({
  trajectories: wholeNumber(100, 100_000).default(20_000),
  workers: wholeNumber(0, 1024).default(0),
  // 0 turns the probe off; a probe needs enough runs for a few levels of subset simulation.
  tailBudget: wholeNumber(0, 10_000_000).refine((v) => v === 0 || v >= 1000, 'must be 0 (no probe of the far tails) or a whole number of model runs from 1,000 to 10,000,000').default(DEFAULT_TAIL_BUDGET),
  json: z.boolean().default(false),
});

/** Scenario files of a folder (its .yaml/.yml/.json files that declare a model), or the one file. */
function scenarioFiles(target: string): string[] {
  let st;
  try {
    st = statSync(target);
  } catch {
    throw new InputError(`audit: ${target} not found`);
  }
  if (!st.isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(target, f));
}

/**
 * `forecast audit <scenario|folder>`: an exploratory Latin hypercube over each
 * input's 0.1–99.9% quantile range; prints every claim decided by construction
 * (its indicator never varies) or an identity of one input, and whether the
 * scenario labels it. Exits with EXIT.findings when a finding is unlabelled or a
 * labelled claim varies.
 */
export async function auditCommand(target: string, flags: AuditFlags): Promise<void> {
  const { trajectories: n, workers, tailBudget } = parseFlags(flagsSchema, { ...flags });
  const reports: AuditReport[] = [];
  for (const file of scenarioFiles(target)) {
    let resolved;
    try {
      resolved = await resolveScenarioFile(file);
    } catch (e) {
      // A folder also holds input libraries and other non-scenario YAML; skip what does not resolve as a scenario.
      if (statSync(target).isDirectory() && e instanceof InputError) continue;
      throw e;
    }
    if (resolved.scenario.claims.length === 0) continue;
    reports.push(await auditScenario(resolved.scenario, resolved.model, { trajectories: n, workers, tailBudget }));
  }
  const unlabelled = reports.flatMap((r) => r.findings.filter((f) => f.unlabelled).map((f) => ({ scenario: r.scenario, ...f })));
  const mislabelled = reports.flatMap((r) => r.findings.filter((f) => f.mislabelled).map((f) => ({ scenario: r.scenario, ...f })));
  if (flags.json) {
    process.stdout.write(JSON.stringify({ schemaVersion: 1, trajectories: n, reports }, null, 2) + '\n');
  } else {
    const rows = [['scenario', 'claim', 'finding', 'label', 'share', 'detail']];
    for (const r of reports) {
      for (const f of r.findings) {
        if (f.status === 'varies' && !f.mislabelled) continue;
        if (f.status === 'tail' && !f.mislabelled) {
          rows.push([r.scenario, f.id, 'rare: far tails only', '', pct(f.share), f.message]);
          continue;
        }
        const finding = f.status === 'construction' ? 'decided by construction' : f.status === 'identity' ? 'identity of the inputs' : f.status === 'tail' ? 'far tails: MISLABELLED' : 'varies: MISLABELLED';
        rows.push([r.scenario, f.id, finding, f.label ?? 'UNLABELLED', pct(f.share), f.message]);
      }
    }
    const total = reports.reduce((a, r) => a + r.findings.length, 0);
    process.stdout.write(`audit: ${reports.length} scenario(s), ${total} claim(s), a Latin hypercube of ${n.toLocaleString('en-US')} trajectories over each input's 0.1–99.9% range${tailBudget ? ` and its own distribution, then up to ${tailBudget.toLocaleString('en-US')} model runs of the rare-event methods (as forecast rare) into the far tails of each claim that never varies` : ''}\n`);
    process.stdout.write(rows.length > 1 ? `\n${alignTable(rows)}\n\n` : '\nevery claim varies with more than one input\n\n');
    process.stdout.write(unlabelled.length ? `${unlabelled.length} finding(s) without a label: add label: construction or label: identity to the claim, or fix the mechanism\n` : 'nothing unlabelled\n');
    if (mislabelled.length) process.stdout.write(`${mislabelled.length} labelled claim(s) that vary, within the ranges or in the far tails: remove the label (they are forecasts, perhaps rare ones)\n`);
  }
  if (unlabelled.length || mislabelled.length) process.exitCode = EXIT.findings;
}
