import type { Model } from '../model/defineModel.js';
import { demoGrowth } from './demoGrowth.js';

/** The built-in models, by the name a scenario's `model:` field uses. */
export const BUILTIN_MODELS: Readonly<Record<string, Model>> = Object.freeze({
  [demoGrowth.name]: demoGrowth as unknown as Model,
});
