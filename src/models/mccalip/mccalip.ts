import { defineModel } from '../../model/defineModel.js';

/**
 * A. McCalip's "Economics of orbital vs terrestrial data centers" calculator,
 * exactly as restated in config/peers/PEERS.md (totals in $B).
 * Orbit: ρ = (1/Y)Σ_{y<Y}(1 − d)^y; P₀ = P/(ρf); S = ⌈P₀/p_s⌉; M = S·p_s/w; P₁ = S·p_s;
 *   H = c_s·P₁; launch = L·M; ops = 0.01·H·Y; replacement = g·H·Y; total = H + launch + ops + replacement + N.
 * Ground: capex/W = t·u/1000 + e + m + v + n; E = P·8760·Y·k; fuel = (h·G/1000)·E·u; total = capex·P + fuel.
 */
export const mccalip = defineModel({
  name: 'mccalip',
  description: "McCalip's orbital vs on-site gas calculator (PEERS.md), 1 GW",
  inputs: {
    years: { unit: 'yr' },
    targetPowerGw: { unit: 'GW' },
    launchCostPerKg: { unit: '$/kg' },
    satelliteCostPerW: { unit: '$/W' },
    satelliteSpecificPower: { unit: 'W/kg' },
    satelliteSizeKw: { unit: 'kW' },
    sunlitFraction: { unit: '1' },
    cellDegradation: { unit: '1/yr' },
    gpuFailureRate: { unit: '1/yr' },
    nreMillions: { unit: '$M' },
    turbineCapexPerKw: { unit: '$/kW' },
    electricalPerW: { unit: '$/W' },
    mechanicalPerW: { unit: '$/W' },
    civilPerW: { unit: '$/W' },
    networkPerW: { unit: '$/W' },
    pue: { unit: '1' },
    gasPrice: { unit: '$/MMBtu' },
    heatRate: { unit: 'Btu/kWh' },
    capacityFactor: { unit: '1' },
  },
  series: {},
  scalars: {
    orbitTotal: { unit: '$B' },
    groundTotal: { unit: '$B' },
    ratio: { unit: '1', description: 'orbit ÷ ground' },
    orbitMassKt: { unit: 'kt' },
    starshipLaunches: { unit: 'launches', description: 'at 100 t per launch' },
    orbitPerMWh: { unit: '$/MWh' },
    groundPerMWh: { unit: '$/MWh' },
  },
  simulate(t) {
    const x = t.input;
    const P = x.targetPowerGw * 1e9; // W
    const Y = Math.round(x.years);
    let rho = 0;
    for (let y = 0; y < Y; y++) rho += Math.pow(1 - x.cellDegradation, y);
    rho /= Y;
    const P0 = P / (rho * x.sunlitFraction);
    const size = x.satelliteSizeKw * 1000;
    const S = Math.ceil(P0 / size);
    const mass = (S * size) / x.satelliteSpecificPower; // kg
    const H = x.satelliteCostPerW * S * size;
    const orbit = H + x.launchCostPerKg * mass + 0.01 * H * Y + x.gpuFailureRate * H * Y + x.nreMillions * 1e6;
    const capexPerW = (x.turbineCapexPerKw * x.pue) / 1000 + x.electricalPerW + x.mechanicalPerW + x.civilPerW + x.networkPerW;
    const energyMWh = (P / 1e6) * 8760 * Y * x.capacityFactor;
    const fuel = ((x.heatRate * x.gasPrice) / 1000) * energyMWh * x.pue;
    const ground = capexPerW * P + fuel;
    t.scalars.orbitTotal = orbit / 1e9;
    t.scalars.groundTotal = ground / 1e9;
    t.scalars.ratio = orbit / ground;
    t.scalars.orbitMassKt = mass / 1e6;
    t.scalars.starshipLaunches = mass / 100_000;
    t.scalars.orbitPerMWh = orbit / ((P / 1e6) * 8760 * Y);
    t.scalars.groundPerMWh = ground / energyMWh;
  },
});
