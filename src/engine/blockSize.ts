/**
 * Trajectories per block. A constant (never derived from N or the worker
 * count) so that block k's random streams, and hence the result bytes, are
 * the same however the run is spread. Recorded in every result's manifest.
 */
export const BLOCK_SIZE = 8192;
/** Attempts per block before a failing worker aborts the run. */
export const MAX_BLOCK_ATTEMPTS = 3;
