import type { ClaimSpec } from './schema.js';

/**
 * Orders claims so each comes after the claims it refers to (`all`, `any`,
 * `given`): a depth-first topological sort. Returns the order as indices into
 * `claims`, or the cycle found.
 */
export function claimOrder(claims: readonly ClaimSpec[]): { order: number[]; cycle?: string[] } {
  const index = new Map(claims.map((c, i) => [c.id, i]));
  const state = new Uint8Array(claims.length); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const stack: string[] = [];
  let cycle: string[] | undefined;
  const visit = (i: number): void => {
    if (cycle || state[i] === 2) return;
    const c = claims[i];
    if (state[i] === 1) {
      cycle = [...stack.slice(stack.indexOf(c.id)), c.id];
      return;
    }
    state[i] = 1;
    stack.push(c.id);
    for (const r of [...(c.all ?? []), ...(c.any ?? []), ...(c.given ? [c.given] : [])]) {
      const j = index.get(r);
      if (j !== undefined) visit(j);
    }
    stack.pop();
    state[i] = 2;
    order.push(i);
  };
  claims.forEach((_, i) => visit(i));
  return cycle ? { order, cycle } : { order };
}
