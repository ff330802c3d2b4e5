/**
 * The public API of the forecast engine: one place decides what is public.
 *
 * @example
 * import { defineModel, forecastFile } from 'forecast-engine';
 */
export { defineModel, type Model, type ModelSpec, type Trajectory, type Chunk, type QuantityDeclaration, type SeriesDeclaration } from './model/defineModel.js';
export { forecastFile, type ForecastOutput } from './result/forecastFile.js';
export { runScenario, BLOCK_SIZE, type RunOptions, type RunOutcome } from './engine/run.js';
export { resolveScenarioFile, resolveScenarioData, resolveScenarioSource, type ResolvedScenario, type ResolveOptions, type ScenarioSource } from './scenario/resolve.js';
export {
  sensitivity, compare, sweep,
  type CommonOptions, type SensitivityOptions, type CompareOptions, type SweepOptions, type SweepResult,
  type SensitivityReport, type SensitivityMethod, type Comparison, type ClaimComparison, type SweepRow,
} from './library.js';
export { compileFormulaModel, FormulaModelError, type FormulaInputs } from './model/formula/formulaModel.js';
export { formulaModelSchema, type FormulaModelSpec } from './model/formula/formulaSchema.js';
export { scenarioSchema, scenarioFileSchema, type ScenarioSpec, type ClaimSpec, type InputSpec } from './scenario/schema.js';
export { InputError, type Issue } from './errors.js';
export { ModelError } from './model/modelError.js';
export { createDistribution, FAMILY_NAMES, type DistributionSpec } from './distributions/registry.js';
export { ParameterError, type Distribution } from './distributions/distribution.js';
export { buildResult } from './result/buildResult.js';
export { resultSchema, RESULT_SCHEMA_VERSION, type Result, type ClaimResult } from './result/resultSchema.js';
export { writeRunFiles, resultJson } from './report/writeRun.js';
export { SeededStream, type UniformSource } from './rng/streams.js';
export { QuantileSketch } from './stats/quantileSketch.js';
export { BUILTIN_MODELS } from './models/index.js';
export { ENGINE_VERSION } from './version.js';
export { approachFloor, wrightsLaw } from './model/processes/learningCurve.js';
export { standardNormal, ar1Step, gbmStep } from './model/processes/noise.js';
export { stepAt, monthsSince } from './model/processes/stepAt.js';
export { discountedYears, capitalRecoveryFactor } from './model/processes/finance.js';
export { runVariants, type Variant } from './analysis/overrideVariants.js';
export { ClaimMargins, claimScale } from './engine/margins.js';
export { runRare, type RareOptions, type RareReport, type DesignPointInput } from './analysis/rare/runRare.js';
export { runDiscover, type DiscoverOptions, type DiscoverReport, type Restriction } from './analysis/discovery/runDiscover.js';
export { prim, type PrimOptions, type PrimResult } from './analysis/discovery/prim.js';
