import type { ClaimSpec } from '../scenario/schema.js';

/** A claim's form: a scalar test, a series at a month, a first passage by a month, all/any of other claims. */
export const KIND_SCALAR = 0, KIND_AT = 1, KIND_BY = 2, KIND_ALL = 3, KIND_ANY = 4;
/** A threshold: below (strict), above (strict), between (closed). */
export const OP_BELOW = 0, OP_ABOVE = 1, OP_BETWEEN = 2;

/** A claim as plain numbers for a hot loop (no closures): what both the claim counters and the margins evaluate. */
export interface CompiledForm {
  kind: number;
  op: number;
  lo: number;
  hi: number;
  /** Index of the scalar or series it reads (−1 for all/any). */
  output: number;
  month: number;
  /** The claims an all/any combines, by index. */
  refs: Int32Array;
  /** The claim it is conditional on, by index (−1: none). */
  given: number;
}

/**
 * Compiles a scenario's claims to plain records, by index into `seriesNames`,
 * `scalarNames` and the claim list. One place for the mapping of a claim's
 * fields to its form, shared by CompiledClaims (states and counts) and
 * ClaimMargins (rare-event margins), so the two cannot disagree on a claim.
 */
export function compileClaimForms(claims: readonly ClaimSpec[], seriesNames: readonly string[], scalarNames: readonly string[]): CompiledForm[] {
  const ids = new Map(claims.map((c, i) => [c.id, i]));
  return claims.map((c) => {
    const op = c.below !== undefined ? OP_BELOW : c.above !== undefined ? OP_ABOVE : OP_BETWEEN;
    const lo = c.below ?? c.above ?? c.between?.[0] ?? 0;
    const hi = c.between?.[1] ?? lo;
    const kind = c.scalar !== undefined ? KIND_SCALAR : c.all ? KIND_ALL : c.any ? KIND_ANY : c.at !== undefined ? KIND_AT : KIND_BY;
    const output = c.scalar !== undefined ? scalarNames.indexOf(c.scalar) : c.series !== undefined ? seriesNames.indexOf(c.series) : -1;
    return {
      kind, op, lo, hi, output,
      month: c.at ?? c.by ?? 0,
      refs: Int32Array.from((c.all ?? c.any ?? []).map((r) => ids.get(r)!)),
      given: c.given !== undefined ? ids.get(c.given)! : -1,
    };
  });
}
