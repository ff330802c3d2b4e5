import { defineModel } from '../../model/defineModel.js';
import { discountedYears } from '../../model/processes/finance.js';
import { gbmPath } from '../../model/processes/noise.js';
import { launchCostPath, type LaunchPath } from '../mechanisms/launchCost.js';
import { simulateTurbineSupply, turbineSupplyFrom, TURBINE_INPUTS } from '../mechanisms/turbineBacklog.js';
import { orbitMassPerKw, radiatorKgPerKw } from '../mechanisms/orbitMass.js';
import { capacityDecayRate, longLivedShare, usefulYearsFromSwitchOn } from './capacity.js';

const HOURS_PER_YEAR = 8760;

/**
 * The flagship: cost per useful kW-year of IT load for a deployment decided in
 * month m, in orbit and on the ground, with the same compute hardware on both
 * sides. Every equation is in README.md beside this file.
 */
export const orbitalVsGround = defineModel({
  name: 'orbital-vs-ground',
  description: 'Cost per useful kW-year of AI compute in orbit vs on the ground, for a deployment decided in month m',
  inputs: {
    // Launch
    launchCostToday: { unit: '$/kg', description: 'price to LEO today' },
    launchPreReuseDecline: { unit: '1/yr', description: 'annual price decline before full reuse' },
    starshipReuseMonth: { unit: 'month', description: 'month Starship is fully reusable (beyond the horizon: never)' },
    launchCostFloor: { unit: '$/kg', description: 'price floor approached after full reuse' },
    launchLearningRate: { unit: '1/yr', description: 'fraction of the gap to the floor closed per year after reuse' },
    launchFailureProbability: { unit: '1', description: 'probability a launch loses its payload' },
    starshipPriceAtReuse: { unit: '$/kg', description: 'price of a fully reusable Starship when full reuse arrives (the path steps down to it)' },
    launchPriceFactor: { unit: '1', description: 'what the constellation owner pays per kg as a fraction of the market price (SpaceX pays its internal cost)' },
    // Mass per kW in orbit
    arraySpecificPower: { unit: 'W/kg', description: 'solar array specific power' },
    sunlitFraction: { unit: '1', description: 'fraction of the orbit in sunlight' },
    cellDegradation: { unit: '1/yr', description: 'solar cell output lost per year' },
    radiatorTemperature: { unit: 'K' },
    radiatorSinkTemperature: { unit: 'K', description: 'effective sink temperature seen by the radiator' },
    radiatorEmissivity: { unit: '1' },
    radiatorFinEfficiency: { unit: '1', description: 'radiator effectiveness vs an isothermal panel' },
    radiatorArealMass: { unit: 'kg/m²' },
    computeMassPerKw: { unit: 'kg/kW', description: 'compute hardware mass per kW of IT' },
    shieldingMassPerKw: { unit: 'kg/kW' },
    busOverhead: { unit: '1', description: 'bus and structure mass as a fraction of the rest' },
    // Orbit hardware and operations
    gpuCapexPerKw: { unit: '$/kW', description: 'compute hardware per kW of IT (same on both sides)' },
    spaceComputePremium: { unit: '1', description: 'extra cost of flight-ready compute, fraction' },
    satelliteCostPerW: { unit: '$/W', description: 'satellite (array, radiator, bus) per W of array, excluding compute, today' },
    satelliteCostFloorPerW: { unit: '$/W', description: 'floor the satellite cost approaches' },
    satelliteCostLearning: { unit: '1/yr', description: 'fraction of the gap to the floor closed per year' },
    orbitOpsFraction: { unit: '1/yr', description: 'operations and insurance per year, fraction of the satellite hardware excluding compute' },
    busLifeYears: { unit: 'yr', description: 'life of the satellite bus (array, radiator, structure); at or below the compute life the satellite is disposable, above it the compute is refreshed on a long-lived bus' },
    commsCostPerKwYear: { unit: '$/kW/yr', description: 'ground stations and optical links' },
    orbitBuildMonths: { unit: 'months', description: 'decision to operation in orbit' },
    // Failures
    gpuFailureGround: { unit: '1/yr', description: 'permanent GPU failure rate on the ground' },
    radiationFailureFactor: { unit: '1', description: 'orbit failure rate / ground failure rate' },
    gpuLifeYears: { unit: 'yr', description: 'economic life of the compute, both sides' },
    // Ground
    facilityCapexPerKw: { unit: '$/kW', description: 'datacenter construction per kW of IT, excluding compute and power plant' },
    facilityLifeYears: { unit: 'yr' },
    groundOpsFraction: { unit: '1/yr', description: 'staff, maintenance and insurance per year, fraction of the facility construction cost (excluding compute)' },
    facilityBuildMonths: { unit: 'months' },
    facilityCapexGrowth: { unit: '1/yr', description: 'annual change of datacenter construction cost per kW' },
    pue: { unit: '1', description: 'average power usage effectiveness' },
    peakCoolingOverhead: { unit: '1', description: 'extra generation for cooling at peak, fraction of IT' },
    maintenanceReserve: { unit: '1', description: 'extra generation held for maintenance, fraction' },
    turbineCostPerKw: { unit: '$/kW' },
    turbineCostGrowth: { unit: '1/yr', description: 'annual change of installed gas-turbine cost' },
    gasPrice: { unit: '$/MMBtu', description: 'gas price today' },
    gasPriceVolatility: { unit: '1/√yr', description: 'annual volatility of the gas price (geometric Brownian motion)' },
    heatRate: { unit: 'Btu/kWh' },
    gasOmPerMWh: { unit: '$/MWh', description: 'gas plant operation and maintenance' },
    ...TURBINE_INPUTS,
    gridPricePerMWh: { unit: '$/MWh' },
    gridPriceGrowth: { unit: '1/yr', description: 'annual change of the grid/PPA price as AI demand grows' },
    gridWaitMonths: { unit: 'months', description: 'wait for a grid connection of this size, decided today' },
    gridWaitGrowth: { unit: 'months/yr', description: 'months added to the grid wait per year of build-out' },
    firmSolarPerMWh: { unit: '$/MWh', description: 'solar with storage, firmed to run around the clock, today' },
    firmSolarDecline: { unit: '1/yr', description: 'annual decline of the firmed-solar price (negative: a rise)' },
    solarBuildMonths: { unit: 'months' },
    discountRate: { unit: '1/yr' },
  },
  series: {
    costOrbit: { unit: '$/kW-yr', description: 'cost per useful kW-year of IT in orbit, deployment decided in month m', logScale: true },
    costGround: { unit: '$/kW-yr', description: 'cost per useful kW-year of IT on the ground (cheapest power source)', logScale: true },
    costRatio: { unit: '1', description: 'orbit / ground; below 1 means orbit is cheaper', logScale: true },
    launchCost: { unit: '$/kg', description: 'price the constellation pays per kg to LEO in month m (market price × launchPriceFactor)', logScale: true },
    orbitMassPerKw: { unit: 'kg/kW', description: 'mass launched per kW of IT' },
    groundPowerDelay: { unit: 'months', description: 'decision to power-on on the ground (cheapest source)' },
    turbineWait: { unit: 'months', description: 'wait for a gas turbine ordered in month m' },
  },
  scalars: {
    radiatorKgPerKw: { unit: 'kg/kW', description: 'radiator mass per kW of heat' },
    ratioAt36: { unit: '1', description: 'orbit / ground for a deployment decided in month 36' },
  },
  simulate(t) {
    const x = t.input, H = t.months;
    const s = t.series;
    const r = x.discountRate, life = x.gpuLifeYears;
    const launch: LaunchPath = {
      today: x.launchCostToday, preReuseDecline: x.launchPreReuseDecline, reuseMonth: x.starshipReuseMonth,
      floor: x.launchCostFloor, learningRate: x.launchLearningRate, atReuse: x.starshipPriceAtReuse,
    };
    // The delivered GW are not needed here; the delay series is used as scratch for them,
    // then for the gas price path (month m is read before the delay overwrites it).
    simulateTurbineSupply(turbineSupplyFrom(x), H, s.turbineWait, s.groundPowerDelay);
    const gasPath = s.groundPowerDelay;
    gbmPath(gasPath, x.gasPrice, 0, x.gasPriceVolatility, t, H);
    // The market launch price of every month; times launchPriceFactor below.
    launchCostPath(launch, H, s.launchCost);

    // Orbit: time-independent parts (per kW of IT).
    const arrayW = 1000 / x.sunlitFraction;
    const radKg = radiatorKgPerKw(x.radiatorTemperature, x.radiatorSinkTemperature, x.radiatorEmissivity, x.radiatorFinEfficiency, x.radiatorArealMass);
    const massPerKw = orbitMassPerKw(x);
    // The compute module (compute and its shielding, with its share of structure) is what a
    // refresh replaces; the rest is the bus.
    const computeMass = (x.computeMassPerKw + x.shieldingMassPerKw) * (1 + x.busOverhead);
    const busMass = massPerKw - computeMass;
    const gpuOrbit = x.gpuCapexPerKw * (1 + x.spaceComputePremium);
    // Capacity is limited by whichever runs out first: live GPUs or array power (README).
    const orbitDecay = capacityDecayRate(x.gpuFailureGround * x.radiationFailureFactor, x.cellDegradation);
    const orbitStart = x.orbitBuildMonths / 12;
    const orbitUseful = usefulYearsFromSwitchOn(r, orbitStart, life, orbitDecay);
    const orbitOperating = discountedYears(r, orbitStart, life, 0);
    const busShare = longLivedShare(r, life, x.busLifeYears);
    const lossFactor = 1 / (1 - x.launchFailureProbability);

    // Ground: time-independent parts. Long-lived assets are charged by the same rule as the bus.
    const mwhPerKwYear = (HOURS_PER_YEAR / 1000) * x.pue;
    const facilityShare = longLivedShare(r, life, x.facilityLifeYears);
    const generationPerKw = (1 + x.peakCoolingOverhead) * (1 + x.maintenanceReserve);
    const turbineShare = generationPerKw * longLivedShare(r, life, TURBINE_LIFE_YEARS);
    const solarDelay = Math.max(x.facilityBuildMonths, x.solarBuildMonths);
    // Discounted years of power from a delay of d months: A(d/12, L, 0) (discountedYears,
    // the same operations), its month-independent factor taken once.
    const rho = Math.log1p(r);
    const flat = Math.abs(rho) < 1e-12;
    const lifeWindow = -Math.expm1(-rho * life);
    const usefulSolar = discountedYears(r, solarDelay / 12, life, 0);
    const usefulBuild = discountedYears(r, x.facilityBuildMonths / 12, life, 0);
    let lastGasDelay = NaN, usefulGas = NaN;

    // Prices that move with the build-out, by recurrence: (1 + g)^(m/12) is one multiply a
    // month by (1 + g)^(1/12), and so is the learning curve's gap to its floor (README).
    const satStep = Math.pow(1 - x.satelliteCostLearning, 1 / 12);
    const facilityStep = Math.pow(1 + x.facilityCapexGrowth, 1 / 12);
    const turbineStep = Math.pow(1 + x.turbineCostGrowth, 1 / 12);
    const gridStep = Math.pow(1 + x.gridPriceGrowth, 1 / 12);
    const solarStep = Math.pow(1 - x.firmSolarDecline, 1 / 12);
    // The grid wait grows linearly, so its discount factor e^(−ρ·wait/12) is geometric.
    const gridDiscountStep = Math.exp(-rho * (x.gridWaitGrowth / 144));
    let satGap = x.satelliteCostPerW - x.satelliteCostFloorPerW;
    let facility = x.facilityCapexPerKw, turbineCost = x.turbineCostPerKw, gridPrice = x.gridPricePerMWh, solarPrice = x.firmSolarPerMWh;
    let gridDiscount = Math.exp(-rho * (x.gridWaitMonths / 12));

    for (let m = 0; m <= H; m++) {
      // Orbit, deployment decided in month m.
      const pricePerKg = s.launchCost[m] * x.launchPriceFactor;
      const satPerW = x.satelliteCostFloorPerW + satGap;
      const busHardware = satPerW * arrayW;
      const computeCapex = (gpuOrbit + computeMass * pricePerKg) * lossFactor;
      const busCapex = (busHardware + busMass * pricePerKg) * lossFactor;
      const opexOrbit = (x.orbitOpsFraction * busHardware + x.commsCostPerKwYear) * orbitOperating;
      const costOrbit = (computeCapex + busCapex * busShare + opexOrbit) / orbitUseful;

      // Ground, decided in month m: construction, turbines, grid and solar prices and the
      // grid wait move with the build-out; the cheapest of gas, grid and firmed solar is
      // taken, each with its own delay to power-on.
      const years = m / 12;
      const gas = gasPath[m];
      const fixedGround = x.gpuCapexPerKw + facility * facilityShare;
      const runningGround = x.gpuFailureGround * x.gpuCapexPerKw + x.groundOpsFraction * facility;
      const turbineCharge = turbineCost * turbineShare;
      const gridAnnual = gridPrice * mwhPerKwYear;
      const solarAnnual = solarPrice * mwhPerKwYear;
      const gridWait = x.gridWaitMonths + x.gridWaitGrowth * years;
      const gridDelay = Math.max(x.facilityBuildMonths, gridWait);
      const usefulGrid = flat ? life : gridWait > x.facilityBuildMonths ? (gridDiscount * lifeWindow) / rho : usefulBuild;
      const gasDelay = Math.max(x.facilityBuildMonths, s.turbineWait[m]);
      // The turbine wait often stays put (at the rest of the turbine's lead time): then so does A.
      if (gasDelay !== lastGasDelay) (lastGasDelay = gasDelay), (usefulGas = flat ? life : (Math.exp(-rho * (gasDelay / 12)) * lifeWindow) / rho);
      const gasAnnual = mwhPerKwYear * ((x.heatRate / 1000) * gas + x.gasOmPerMWh);
      const cGas = (fixedGround + turbineCharge + (runningGround + gasAnnual) * usefulGas) / usefulGas;
      const cGrid = (fixedGround + (runningGround + gridAnnual) * usefulGrid) / usefulGrid;
      const cSolar = (fixedGround + (runningGround + solarAnnual) * usefulSolar) / usefulSolar;
      let costGround = cGas, delay = gasDelay;
      if (cGrid < costGround) (costGround = cGrid), (delay = gridDelay);
      if (cSolar < costGround) (costGround = cSolar), (delay = solarDelay);

      s.costOrbit[m] = costOrbit;
      s.costGround[m] = costGround;
      s.costRatio[m] = costOrbit / costGround;
      s.launchCost[m] = pricePerKg;
      s.orbitMassPerKw[m] = massPerKw;
      s.groundPowerDelay[m] = delay;
      satGap *= satStep;
      facility *= facilityStep;
      turbineCost *= turbineStep;
      gridPrice *= gridStep;
      solarPrice *= solarStep;
      gridDiscount *= gridDiscountStep;
    }
    t.scalars.radiatorKgPerKw = radKg;
    t.scalars.ratioAt36 = H >= 36 ? s.costRatio[36] : NaN;
  },
});

/** Economic life of an on-site gas plant, years (the CRF horizon the model has always used). */
const TURBINE_LIFE_YEARS = 25;
