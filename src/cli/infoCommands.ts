import { z } from 'zod';
import { FAMILY_NAMES } from '../distributions/registry.js';
import { BUILTIN_MODELS } from '../models/index.js';
import { resultSchema } from '../result/resultSchema.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { scenarioFileSchema } from '../scenario/schema.js';
import { alignTable } from './claimTable.js';

/** `forecast validate <files…>`: resolve each file; print OK or the errors (thrown as InputError). */
export async function validateCommand(files: string[], flags: { set?: string[] }): Promise<void> {
  for (const file of files) {
    const { scenario, warnings } = await resolveScenarioFile(file, { set: flags.set ?? [] });
    for (const w of warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
    process.stdout.write(
      `${file}: OK (model ${scenario.modelName}, ${Object.keys(scenario.inputs).length} inputs, ${scenario.claims.length} claims, horizon ${scenario.horizon} months, sha256 ${scenario.sha256.slice(0, 12)})\n`,
    );
  }
}

/** `forecast list`: built-in models with their inputs and outputs, and the distribution families. */
export function listCommand(): void {
  const rows = [['model', 'inputs', 'series', 'scalars']];
  for (const m of Object.values(BUILTIN_MODELS)) rows.push([m.name, Object.keys(m.inputs).join(' '), Object.keys(m.series).join(' '), Object.keys(m.scalars).join(' ')]);
  process.stdout.write(`Built-in models:\n${alignTable(rows)}\n\nDistribution families: ${FAMILY_NAMES.join(', ')}\n`);
}

/** `forecast schema [--result]`: the JSON Schema generated from the zod schema. */
export function schemaCommand(flags: { result?: boolean }): void {
  const schema = z.toJSONSchema(flags.result ? resultSchema : scenarioFileSchema, { unrepresentable: 'any', io: 'input' });
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
}
