import { z } from 'zod';

/**
 * `correlations:` in a scenario: target rank (Spearman) correlations between
 * inputs, either as a list of pairs (`- [launchCostFloor, starshipReuseMonth, 0.4]`
 * or `- {a: x, b: y, rho: 0.4}`) or as a full matrix (`{names: [...], matrix: [[...]]}`).
 */
const pair = z.union([
  z.tuple([z.string(), z.string(), z.number()]),
  z.strictObject({ a: z.string(), b: z.string(), rho: z.number() }),
]);
export const correlationsSchema = z.union([
  z.array(pair).min(1),
  z.strictObject({ names: z.array(z.string()).min(2), matrix: z.array(z.array(z.number())) }),
]);
export type CorrelationsSpec = z.infer<typeof correlationsSchema>;
