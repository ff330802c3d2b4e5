import type { Model } from '../model/defineModel.js';

/**
 * The built-in models by name, each imported on first use. A worker thread
 * runs one model; importing all of them (models/index.ts, the public
 * BUILTIN_MODELS) cost every thread ~6 ms at start-up. The names must match
 * BUILTIN_MODELS (test/models/builtinModels.test.ts checks both lists).
 */
const LOADERS: Readonly<Record<string, () => Promise<Model>>> = {
  'orbital-vs-ground': async () => (await import('./orbitalVsGround/orbitalVsGround.js')).orbitalVsGround,
  'space-solar': async () => (await import('./spaceSolar/spaceSolar.js')).spaceSolar,
  'chips-vs-power': async () => (await import('./chipsVsPower/chipsVsPower.js')).chipsVsPower,
  'turbine-blades': async () => (await import('./turbineBlades/turbineBlades.js')).turbineBlades,
  'gb300-power': async () => (await import('./gb300Power/gb300Power.js')).gb300Power,
  'space-buildout': async () => (await import('./spaceBuildout/spaceBuildout.js')).spaceBuildout,
  terafab: async () => (await import('./terafab/terafab.js')).terafab,
  'china-power': async () => (await import('./chinaPower/chinaPower.js')).chinaPower,
  'steel-vs-carbon': async () => (await import('./steelVsCarbon/steelVsCarbon.js')).steelVsCarbon,
  'gov-waste': async () => (await import('./govWaste/govWaste.js')).govWaste,
  mccalip: async () => (await import('./mccalip/mccalip.js')).mccalip,
  starcloud: async () => (await import('./starcloud/starcloud.js')).starcloud,
  'demo-growth': async () => (await import('./demoGrowth/demoGrowth.js')).demoGrowth,
  'launch-price': async () => (await import('./launchPrice/launchPrice.js')).launchPrice,
};

/** The names a scenario's `model:` field may give for a built-in model. */
export const BUILTIN_MODEL_NAMES: readonly string[] = Object.freeze(Object.keys(LOADERS));

/** The built-in model of that name, imported on first use; undefined for a name that is not one. */
export async function loadBuiltinModel(name: string): Promise<Model | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}
