/** Hard limits on scenario sizes, enforced at the edge with clear errors. */
export const LIMITS = {
  /** Largest scenario file read, in bytes. */
  fileBytes: 1024 * 1024,
  /** Largest model file read, in bytes. */
  modelBytes: 16 * 1024 * 1024,
  /** Longest horizon, in months (100 years). */
  horizon: 1200,
  /** Most trajectories in one run. */
  trajectories: 1_000_000_000,
  inputs: 512,
  claims: 500,
  /** Deepest `extends` chain. */
  extendsDepth: 16,
  /** YAML aliases allowed in one file (guards against alias bombs). */
  yamlAliases: 100,
  /** Most trajectories kept for audit with --keep-trajectories. */
  keepTrajectories: 100_000,
} as const;
