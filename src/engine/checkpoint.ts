import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { InputError } from '../errors.js';
import type { SummaryLayout } from '../stats/blockSummary.js';
import { decodeSummary, encodeSummary } from '../stats/summaryCodec.js';
import type { RunState } from './run.js';

const MAGIC = 'FCKP1\n';
export const CHECKPOINT_FILE = 'checkpoint.bin';

/**
 * Writes a run's state atomically to `checkpoint.bin` in the run folder: a
 * JSON header (next block, convergence history, retries, scenario hash, block
 * size) and the merged summary in the binary summary encoding, which keeps
 * NaN, ±Infinity and −0, so a resumed run merges exactly what it would have.
 */
export function writeCheckpoint(dir: string, state: RunState, sha256: string, blockSize: number): void {
  const header = Buffer.from(JSON.stringify({ nextBlock: state.nextBlock, history: state.history, retries: state.retries, sha256, blockSize }), 'utf8');
  const body = encodeSummary(state.summary);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  writeFileAtomic(path.join(dir, CHECKPOINT_FILE), Buffer.concat([Buffer.from(MAGIC), len, header, Buffer.from(body.buffer, body.byteOffset, body.byteLength)]));
}

/** Reads a checkpoint written for the same scenario (by hash) and block size. */
export function readCheckpoint(dir: string, layout: SummaryLayout, sha256: string, blockSize: number): RunState | null {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return null;
  const buf = readFileSync(file);
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new InputError(`${file} is not a forecast checkpoint`);
  const n = Number(buf.readBigUInt64LE(MAGIC.length));
  const header = JSON.parse(buf.subarray(MAGIC.length + 8, MAGIC.length + 8 + n).toString('utf8')) as { nextBlock: number; history: RunState['history']; retries: number; sha256: string; blockSize: number };
  if (header.sha256 !== sha256 || header.blockSize !== blockSize) throw new InputError(`${file} belongs to another scenario or block size; it cannot be resumed with this one`);
  const start = MAGIC.length + 8 + n;
  const body = new Float64Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
  return { nextBlock: header.nextBlock, history: header.history, retries: header.retries, summary: decodeSummary(body, layout) };
}

export function removeCheckpoint(dir: string): void {
  rmSync(path.join(dir, CHECKPOINT_FILE), { force: true });
}
