import { EXIT } from './exitCodes.js';

/** Thrown after an interrupted run has written its partial result and checkpoint; the CLI exits with EXIT.interrupted. */
export class Interrupted extends Error {
  readonly exitCode = EXIT.interrupted;
}
