import type { Model } from '../model/defineModel.js';
import { chinaPower } from './chinaPower/chinaPower.js';
import { chipsVsPower } from './chipsVsPower/chipsVsPower.js';
import { demoGrowth } from './demoGrowth/demoGrowth.js';
import { gb300Power } from './gb300Power/gb300Power.js';
import { govWaste } from './govWaste/govWaste.js';
import { launchPrice } from './launchPrice/launchPrice.js';
import { mccalip } from './mccalip/mccalip.js';
import { orbitalVsGround } from './orbitalVsGround/orbitalVsGround.js';
import { spaceBuildout } from './spaceBuildout/spaceBuildout.js';
import { spaceSolar } from './spaceSolar/spaceSolar.js';
import { starcloud } from './starcloud/starcloud.js';
import { steelVsCarbon } from './steelVsCarbon/steelVsCarbon.js';
import { terafab } from './terafab/terafab.js';
import { turbineBlades } from './turbineBlades/turbineBlades.js';

const all = [
  orbitalVsGround, spaceSolar, chipsVsPower, turbineBlades, gb300Power, spaceBuildout, terafab,
  chinaPower, steelVsCarbon, govWaste, mccalip, starcloud, demoGrowth, launchPrice,
] as unknown as Model[];

/** The built-in models, by the name a scenario's `model:` field uses. */
export const BUILTIN_MODELS: Readonly<Record<string, Model>> = Object.freeze(Object.fromEntries(all.map((m) => [m.name, m])));
