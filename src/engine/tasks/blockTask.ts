import type { ResolvedScenario } from '../../scenario/resolve.js';
import { encodeSummary } from '../../stats/summaryCodec.js';
import { runBlock, type RunPlan } from '../runBlock.js';

/** A request to run one block. `keep`: how many of its first trajectories to return as rows. */
export interface BlockRequest {
  type: 'block';
  block: number;
  blockSize: number;
  keep: number;
  /** A variant of the pool's scenario to run instead (what-if analyses share one pool); plans are cached by its sha256. */
  scenario?: ResolvedScenario;
}

/** The worker side of a BlockRequest: runs the block and encodes its BlockSummary (then hands the summary back to the plan for the next block). */
export function blockTask(plan: RunPlan, req: BlockRequest): Float64Array {
  const summary = runBlock(plan, req.block, req.blockSize, req.keep);
  const data = encodeSummary(summary);
  plan.recycle(summary); // encoded: the plan may reuse it for the next block
  return data;
}
