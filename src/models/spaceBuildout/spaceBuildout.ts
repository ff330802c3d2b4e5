import { defineModel } from '../../model/defineModel.js';
import { orbitMassPerKw } from '../mechanisms/orbitMass.js';

/**
 * Starship launch cadence and the AI compute it can lift, against AI compute on Earth.
 * Ship production P(m) = P₀·(1 + g)^(m/12) ships/yr. Before full reuse (month R) every
 * flight expends a ship: launches/yr = P(m). After R the fleet accumulates,
 * fleet(m + 1) = fleet(m) + P(m)/12 − launches(m)/12·p_loss, and
 * launches/yr = min(fleet·8760/turnaround h, pads(m)·8760/pad turnaround h),
 * pads(m) = pads₀ + added/yr·m/12.
 * GW lifted per year = launches/yr × payload t × 1000 × AI share ÷ kg per kW ÷ 10⁶.
 * Earth's cumulative AI IT power E(m) = E₀·(1 + g_E)^(m/12) GW.
 */
export const spaceBuildout = defineModel({
  name: 'space-buildout',
  description: 'Starship launches per year, GW of AI compute lifted per year, and cumulative AI compute on Earth',
  inputs: {
    starshipReuseMonth: { unit: 'month' },
    shipsToday: { unit: 'ships' },
    shipProduction: { unit: 'ships/yr', description: 'Starship upper stages built per year, today' },
    shipProductionGrowth: { unit: '1/yr' },
    turnaroundHours: { unit: 'h', description: 'ship turnaround between flights after full reuse' },
    padsToday: { unit: 'pads' },
    padsAddedPerYear: { unit: 'pads/yr' },
    padTurnaroundHours: { unit: 'h' },
    launchFailureProbability: { unit: '1', description: 'probability a flight loses the ship' },
    payloadTonnes: { unit: 't' },
    aiLaunchShare: { unit: '1', description: 'share of launches carrying AI compute' },
    earthAiPowerToday: { unit: 'GW', description: 'AI datacenter IT power on Earth, Feb 2026' },
    earthAiGrowth: { unit: '1/yr' },
    arraySpecificPower: { unit: 'W/kg' },
    sunlitFraction: { unit: '1' },
    radiatorTemperature: { unit: 'K' },
    radiatorSinkTemperature: { unit: 'K' },
    radiatorEmissivity: { unit: '1' },
    radiatorFinEfficiency: { unit: '1' },
    radiatorArealMass: { unit: 'kg/m²' },
    computeMassPerKw: { unit: 'kg/kW' },
    shieldingMassPerKw: { unit: 'kg/kW' },
    busOverhead: { unit: '1' },
  },
  series: {
    launchesPerYear: { unit: 'launches/yr', logScale: true },
    gwLaunchedPerYear: { unit: 'GW/yr', description: 'AI compute IT power lifted per year', logScale: true },
    earthAiPower: { unit: 'GW', description: 'cumulative AI IT power on Earth', logScale: true },
    spaceToEarth: { unit: '1', description: 'GW lifted per year ÷ cumulative GW on Earth', logScale: true },
  },
  scalars: { kgPerKw: { unit: 'kg/kW', description: 'mass launched per kW of IT' } },
  simulate(t) {
    const x = t.input, s = t.series;
    const kgPerKw = orbitMassPerKw(x);
    t.scalars.kgPerKw = kgPerKw;
    const gp = Math.log1p(x.shipProductionGrowth) / 12, ge = Math.log1p(x.earthAiGrowth) / 12;
    let fleet = x.shipsToday;
    for (let m = 0; m <= t.months; m++) {
      const production = x.shipProduction * Math.exp(gp * m);
      let launches: number;
      if (m < x.starshipReuseMonth) launches = production;
      else {
        const pads = x.padsToday + (x.padsAddedPerYear * m) / 12;
        launches = Math.min((fleet * 8760) / x.turnaroundHours, (pads * 8760) / x.padTurnaroundHours);
        fleet = Math.max(0, fleet + production / 12 - (launches / 12) * x.launchFailureProbability);
      }
      const gw = (launches * x.payloadTonnes * 1000 * x.aiLaunchShare) / kgPerKw / 1e6;
      const earth = x.earthAiPowerToday * Math.exp(ge * m);
      s.launchesPerYear[m] = launches;
      s.gwLaunchedPerYear[m] = gw;
      s.earthAiPower[m] = earth;
      s.spaceToEarth[m] = gw / earth;
    }
  },
});
