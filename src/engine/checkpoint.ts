import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { InputError } from '../errors.js';
import type { SummaryLayout } from '../stats/blockSummary.js';
import { decodeSummary, encodeSummary } from '../stats/summaryCodec.js';
import type { RunState } from './run.js';
import { ENGINE_VERSION } from '../version.js';

const MAGIC = 'FCKP4\n'; // 4: summary format 3 (bucket counts packed as 16- or 32-bit integers); 3: format 2 (indexMapping.ts's sketch mapping)

/** The JSON header of a checkpoint, validated when read back (never cast). */
const headerSchema = z.strictObject({
  nextBlock: z.number().int().min(0),
  history: z.array(z.strictObject({ trajectories: z.number().int().min(0), claims: z.array(z.strictObject({ id: z.string(), probability: z.number().nullable(), halfWidth: z.number().nullable() })) })),
  retries: z.number().int().min(0),
  sha256: z.string(),
  blockSize: z.number().int().min(1),
  /** SHA-256 of the binary summary that follows the header. */
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The engine version that wrote it (absent in checkpoints from before it was recorded). */
  engine: z.string().optional(),
});
export const CHECKPOINT_FILE = 'checkpoint.bin';

/**
 * Writes a run's state atomically to `checkpoint.bin` in the run folder: a
 * JSON header (next block, convergence history, retries, scenario hash, block
 * size) and the merged summary in the binary summary encoding, which keeps
 * NaN, ±Infinity and −0, so a resumed run merges exactly what it would have.
 */
export function writeCheckpoint(dir: string, state: RunState, sha256: string, blockSize: number): void {
  const body = encodeSummary(state.summary);
  const bodyBytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const bodySha256 = createHash('sha256').update(bodyBytes).digest('hex');
  const header = Buffer.from(JSON.stringify({ nextBlock: state.nextBlock, history: state.history, retries: state.retries, sha256, blockSize, bodySha256, engine: ENGINE_VERSION }), 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  writeFileAtomic(path.join(dir, CHECKPOINT_FILE), Buffer.concat([Buffer.from(MAGIC), len, header, bodyBytes]));
}

/** Reads a checkpoint written for the same scenario (by hash) and block size. */
export function readCheckpoint(dir: string, layout: SummaryLayout, sha256: string, blockSize: number): RunState | null {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return null;
  const buf = readFileSync(file);
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) {
    if (buf.subarray(0, 4).toString() === 'FCKP') throw new InputError(`${file} was written by another engine version (${JSON.stringify(buf.subarray(0, MAGIC.length - 1).toString())}, this one reads ${JSON.stringify(MAGIC.trim())}); remove it and start the run again`);
    throw new InputError(`${file} is not a forecast checkpoint`);
  }
  const damaged = (why: string): InputError => new InputError(`${file} is damaged (${why}); remove it and start the run again`);
  if (buf.length < MAGIC.length + 8) throw damaged('truncated header');
  const n = Number(buf.readBigUInt64LE(MAGIC.length));
  if (n <= 0 || MAGIC.length + 8 + n > buf.length) throw damaged('truncated header');
  let raw: unknown;
  try {
    raw = JSON.parse(buf.subarray(MAGIC.length + 8, MAGIC.length + 8 + n).toString('utf8'));
  } catch {
    throw damaged('unreadable header');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw damaged(`header: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'} ${i.message}`).join('; ')}`);
  const header = parsed.data;
  if (header.engine !== undefined && header.engine !== ENGINE_VERSION) {
    throw new InputError(`${file} was written by engine ${header.engine}, this is ${ENGINE_VERSION}; a resumed run could mix two engines' results, so start the run again`);
  }
  if (header.sha256 !== sha256 || header.blockSize !== blockSize) throw new InputError(`${file} belongs to another scenario or block size; it cannot be resumed with this one`);
  const start = MAGIC.length + 8 + n;
  const bodyBytes = buf.subarray(start);
  if (createHash('sha256').update(bodyBytes).digest('hex') !== header.bodySha256) throw damaged('its summary does not match the checksum in its header');
  if (bodyBytes.length % 8 !== 0) throw damaged('summary length');
  const body = new Float64Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
  let summary;
  try {
    summary = decodeSummary(body, layout);
  } catch (e) {
    throw damaged(`summary: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (summary.trajectories > header.nextBlock * blockSize || summary.trajectories <= (header.nextBlock - 1) * blockSize) throw damaged(`next block ${header.nextBlock} does not match the ${summary.trajectories} trajectories merged`);
  return { nextBlock: header.nextBlock, history: header.history, retries: header.retries, summary };
}

export function removeCheckpoint(dir: string): void {
  rmSync(path.join(dir, CHECKPOINT_FILE), { force: true });
}
