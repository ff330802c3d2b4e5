/**
 * Independent replicates for the samplers whose draws are not independent
 * (lhs, sobol, antithetic): every trajectory belongs to replicate t mod R (or
 * its pair's, for antithetic), each replicate is an independent randomized
 * design, and the standard error comes from the spread of the R replicate
 * estimates instead of the Wilson formula.
 */
export const REPLICATES = 32;
