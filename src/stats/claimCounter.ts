/** Outcome of a claim for one trajectory. */
export const ClaimState = {
  False: 0,
  True: 1,
  /** An output it reads was NaN or ±Infinity: excluded from the denominator, counted. */
  Undefined: 2,
  /** Its `given:` condition was not true: excluded from the denominator, counted. */
  Excluded: 3,
} as const;
export type ClaimState = (typeof ClaimState)[keyof typeof ClaimState];

/**
 * Counts of one claim's outcomes; mergeable by addition (exact). For a first
 * passage claim, `passage[m]` counts trajectories whose first passage is
 * month m, and `never` those with none within the horizon.
 */
export class ClaimCounter {
  hits = 0;
  /** Trajectories where the claim is defined: the probability's denominator. */
  defined = 0;
  undefinedCount = 0;
  excluded = 0;
  never = 0;
  readonly passage: Float64Array | null;
  /** Hits and denominators per independent replicate (length 0 for plain Monte Carlo). */
  readonly replicateHits: Float64Array;
  readonly replicateDefined: Float64Array;

  constructor(horizon: number, firstPassage: boolean, replicates = 0) {
    this.passage = firstPassage ? new Float64Array(horizon + 1) : null;
    this.replicateHits = new Float64Array(replicates);
    this.replicateDefined = new Float64Array(replicates);
  }

  record(state: ClaimState, replicate = 0): void {
    if (state === ClaimState.True) {
      this.hits++;
      this.defined++;
      if (this.replicateHits.length > 0) {
        this.replicateHits[replicate]++;
        this.replicateDefined[replicate]++;
      }
    } else if (state === ClaimState.False) {
      this.defined++;
      if (this.replicateDefined.length > 0) this.replicateDefined[replicate]++;
    }
    else if (state === ClaimState.Undefined) this.undefinedCount++;
    else this.excluded++;
  }

  /** Records many outcomes at once (plain Monte Carlo: no replicates to split them by). */
  recordMany(hits: number, misses: number, undefinedCount: number, excluded: number): void {
    if (this.replicateHits.length > 0) throw new Error('recordMany: a counter split by replicates records trajectory by trajectory');
    this.hits += hits;
    this.defined += hits + misses;
    this.undefinedCount += undefinedCount;
    this.excluded += excluded;
  }

  /** Zeroes every count (for reuse). */
  reset(): void {
    this.hits = this.defined = this.undefinedCount = this.excluded = this.never = 0;
    this.passage?.fill(0);
    this.replicateHits.fill(0);
    this.replicateDefined.fill(0);
  }

  merge(o: ClaimCounter): void {
    this.hits += o.hits;
    this.defined += o.defined;
    this.undefinedCount += o.undefinedCount;
    this.excluded += o.excluded;
    this.never += o.never;
    if (this.passage && o.passage) for (let m = 0; m < this.passage.length; m++) this.passage[m] += o.passage[m];
    for (let r = 0; r < this.replicateHits.length; r++) {
      this.replicateHits[r] += o.replicateHits[r];
      this.replicateDefined[r] += o.replicateDefined[r];
    }
  }
}
