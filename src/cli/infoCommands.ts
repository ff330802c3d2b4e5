import { z } from 'zod';
import { FAMILY_NAMES } from '../distributions/registry.js';
import { BUILTIN_MODELS } from '../models/index.js';
import { resultSchema } from '../result/resultSchema.js';
import { resolveScenarioFile } from '../scenario/resolve.js';
import { scenarioFileSchema } from '../scenario/schema.js';
import { alignTable } from './claimTable.js';
import { InputError } from '../errors.js';

/** `forecast validate <files…>`: resolve every file, print OK or its errors; if any file is invalid, fail (exit 2) after checking them all. */
export async function validateCommand(files: string[], flags: { set?: string[] }): Promise<void> {
  let failed = 0;
  for (const file of files) {
    try {
      const { scenario, warnings } = await resolveScenarioFile(file, { set: flags.set ?? [] });
      for (const w of warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      process.stdout.write(
        `${file}: OK (model ${scenario.modelName}, ${Object.keys(scenario.inputs).length} inputs, ${scenario.claims.length} claims, horizon ${scenario.horizon} months, sha256 ${scenario.sha256.slice(0, 12)})\n`,
      );
    } catch (e) {
      if (!(e instanceof InputError) || files.length === 1) throw e;
      failed++;
      // Each message names its file ("scenario <file> is invalid: …"); the summary follows the last.
      process.stderr.write(`error: ${e.message}\n`);
    }
  }
  if (failed > 0) throw new InputError(`${failed} of ${files.length} scenario file${files.length === 1 ? ' is' : 's are'} invalid (see above)`);
}

/** Words joined with `sep` into lines of at most `width` characters, each after `indent`. */
export function wrap(words: readonly string[], width: number, indent = '', sep = ', '): string {
  const lines: string[] = [];
  let line = '';
  words.forEach((w, i) => {
    const piece = w + (i < words.length - 1 ? sep.trimEnd() : '');
    if (line !== '' && indent.length + line.length + 1 + piece.length > width) {
      lines.push(indent + line);
      line = piece;
    } else line = line === '' ? piece : `${line} ${piece}`;
  });
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** `forecast list`: built-in models (with counts of inputs and outputs and a description) and the distribution families, in 80 columns. */
export function listCommand(flags: { model?: string } = {}): void {
  const width = 80;
  if (flags.model) {
    const m = Object.values(BUILTIN_MODELS).find((x) => x.name === flags.model);
    if (!m) throw new InputError(`forecast list --model ${flags.model}: no built-in model of that name (models: ${Object.values(BUILTIN_MODELS).map((x) => x.name).join(', ')})`);
    process.stdout.write(`${wrap(`${m.name}: ${m.description}`.split(' '), width, '', ' ')}\n\ninputs:\n${wrap(Object.keys(m.inputs), width, '  ')}\nseries:\n${wrap(Object.keys(m.series), width, '  ')}\nscalars:\n${wrap(Object.keys(m.scalars), width, '  ') || '  none'}\n`);
    return;
  }
  const rows = [['model', 'in', 'out', 'description']];
  for (const m of Object.values(BUILTIN_MODELS)) rows.push([m.name, String(Object.keys(m.inputs).length), String(Object.keys(m.series).length + Object.keys(m.scalars).length), m.description]);
  const fixed = Math.max(...rows.map((r) => r[0].length)) + 2 + 3 + 2 + 3 + 2;
  const room = width - fixed;
  const clipped = rows.map((r) => [r[0], r[1], r[2], r[3].length > room ? `${r[3].slice(0, room - 1)}…` : r[3]]);
  process.stdout.write(
    `Built-in models (in: inputs, out: series and scalars; details:\nforecast list --model <name>):\n${alignTable(clipped)}\n\n${wrap(FAMILY_NAMES.map((f, i) => (i === 0 ? `Distribution families: ${f}` : f)), width, '', ', ').replace(/\n/g, '\n  ')}\n`,
  );
}

/** `forecast schema [--result]`: the JSON Schema generated from the zod schema. */
export function schemaCommand(flags: { result?: boolean }): void {
  const schema = z.toJSONSchema(flags.result ? resultSchema : scenarioFileSchema, { unrepresentable: 'any', io: 'input' });
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
}
