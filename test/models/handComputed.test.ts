import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runData } from '../helpers/run.js';

// Each built-in model with every input fixed, against the model's equations done by hand.
const here = path.resolve('config/interview/x.yaml');
const point = (value: number) => ({ dist: 'point', value, unit: 'x', source: 'test', rationale: 'hand-computed case' });
const fixed = (model: string, values: Record<string, number>, horizon = 0) =>
  runData({ model, start: '2026-02', horizon, trajectories: 3, seed: 1, inputs: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, point(v)])) }, { workers: 0 }, here);
const scalar = (r: Awaited<ReturnType<typeof runData>>, name: string) => r.scalars[name].mean!;

describe('models against hand-computed cases', () => {
  it('gb300-power', async () => {
    const r = await fixed('gb300-power', { rackKw: 130, networkStorageOverhead: 0.15, peakCoolingOverhead: 0.4, maintenanceReserve: 0.225 });
    expect(scalar(r, 'itPower110k')).toBeCloseTo((110_000 / 72) * 130 * 1.15 / 1000, 9); // 228.4 MW
    expect(scalar(r, 'generation330k')).toBeCloseTo((330_000 / 72) * 130 * 1.15 * 1.4 * 1.225 / 1e6, 9); // 1.18 GW
  });

  it('china-power', async () => {
    const r = await fixed('china-power', { china2024: 9.5, us2024: 4, chinaGrowth: 0.06, usGrowth: 0.02 });
    expect(scalar(r, 'ratio2026')).toBeCloseTo((9.5 * 1.06 ** 2) / (4 * 1.02 ** 2), 12); // 2.565
  });

  it('steel-vs-carbon and gov-waste', async () => {
    const s = await fixed('steel-vs-carbon', { steelPricePerKg: 4, carbonPricePerKg: 30, steelCryoStrength: 1800, steelDensity: 7.9, carbonStrength: 700, carbonDensity: 1.55 });
    expect(scalar(s, 'costRatio')).toBeCloseTo(7.5, 12);
    expect(scalar(s, 'specificStrengthRatio')).toBeCloseTo(1800 / 7.9 / (700 / 1.55), 12);
    const g = await fixed('gov-waste', { federalSpending: 7.5, efficiency: 0.9 });
    expect(scalar(g, 'waste')).toBeCloseTo(750, 9);
  });

  it('terafab: 100 GW/yr at 1 kW per chip with no overhead is 8.33M chips a month', async () => {
    const r = await fixed('terafab', { targetGwPerYear: 100, chipKw: 1, nonChipShare: 0, diesPerWafer: 64, dieYield: 0.5, packagingYield: 1 });
    expect(scalar(r, 'chipsPerMonth')).toBeCloseTo(100e6 / 12 / 1e6, 9);
    expect(scalar(r, 'waferStartsPerMonth')).toBeCloseTo(100e6 / 12 / 32 / 1000, 9);
  });

  it('space-solar: energy ratio 1361/1000 × 0.98 / 0.24; costs levelized by hand', async () => {
    const r = await fixed('space-solar', {
      sunlitFraction: 0.98, groundCapacityFactor: 0.24, cellDegradation: 0, arraySpecificPower: 100, spaceArrayCostPerW: 1,
      launchCostToday: 1000, launchPreReuseDecline: 0, starshipReuseMonth: 9999, launchCostFloor: 100, launchLearningRate: 0.5,
      groundPanelCostPerW: 1, solarOverbuild: 1.2, storageHours: 14, batteryCostPerKwh: 200, groundOmPerMWh: 10, assetLifeYears: 10, discountRate: 0,
    }, 12);
    expect(scalar(r, 'energyRatio')).toBeCloseTo((1.361 * 0.98) / 0.24, 12);
    const orbit = (1000 / (1.361 * 0.98)) * (1 + 1000 / 100) * 0.1 / 8.76; // CRF(0, 10) = 0.1
    const ground = ((1000 * 1.2 * 1) / 0.24 + 14 * 200) * 0.1 / 8.76 + 10;
    expect(r.series.orbitCostPerMWh.mean[12]!).toBeCloseTo(orbit, 9);
    expect(r.series.groundCostPerMWh.mean[12]!).toBeCloseTo(ground, 9);
  });

  it('turbine-blades: a 4-year backlog with orders equal to capacity stays 48 months; deliveries equal capacity', async () => {
    const r = await fixed('turbine-blades', {
      bladeCapacity: 30, bladeCapacityGrowth: 0, turbineOrders: 30, turbineOrderGrowth: 0, turbineBacklogYears: 4, turbineOtherPartsMonths: 15, bladeExpansionResponse: 0, bladeExpansionLagMonths: 12, turbineOrderElasticity: 0,
      turbineShareToDatacenters: 0.5, peakCoolingOverhead: 0.4, maintenanceReserve: 0.25,
    }, 24);
    expect(r.series.turbineWait.mean).toEqual(Array(25).fill(48));
    expect(r.series.deliveriesPerYear.mean[10]!).toBeCloseTo(30, 12);
    expect(r.series.datacenterPowerPerYear.mean[10]!).toBeCloseTo((30 * 0.5) / (1.4 * 1.25), 12);
    // Months 0…24 (horizon) of 2.5 GW/month × 0.5 / 1.75.
    expect(scalar(r, 'datacenterPowerTo2030')).toBeCloseTo((25 * 2.5 * 0.5) / 1.75, 9);
  });

  it('turbine-blades: casters expand when the wait exceeds the rest of the turbine, and orders respond to the wait (issue 12 §5)', async () => {
    const base = {
      bladeCapacity: 30, bladeCapacityGrowth: 0, turbineOrders: 30, turbineOrderGrowth: 0, turbineBacklogYears: 4, turbineOtherPartsMonths: 12,
      turbineShareToDatacenters: 0.5, peakCoolingOverhead: 0.4, maintenanceReserve: 0.25,
    };
    // Response 0.1 a year per year of excess wait, no lag: month 0 sees 48 − 12 = 36 months = 3 years,
    // so capacity grows at 30%/yr for the first month; the backlog (orders = capacity at month 0) stays 120 GW.
    const r = await fixed('turbine-blades', { ...base, bladeExpansionResponse: 0.1, bladeExpansionLagMonths: 0, turbineOrderElasticity: 0 }, 2);
    const cap1 = 30 * 1.3 ** (1 / 12);
    expect(r.series.turbineWait.mean[0]!).toBeCloseTo(48, 12);
    expect(r.series.turbineWait.mean[1]!).toBeCloseTo((12 * 120) / cap1, 9);
    // Month 1's backlog: 120 + (30 − cap1)/12; its capacity grows at 0.1·(wait(1) − 12)/12.
    const b2 = 120 + (30 - cap1) / 12, w1 = (12 * 120) / cap1;
    const cap2 = cap1 * (1 + (0.1 * (w1 - 12)) / 12) ** (1 / 12);
    expect(r.series.turbineWait.mean[2]!).toBeCloseTo((12 * b2) / cap2, 9);
    // Elasticity 0.5, no expansion: orders at month 1 are 30·(4/q(1))^0.5 with q(1) = 4 years: the wait holds at 48.
    const e = await fixed('turbine-blades', { ...base, bladeExpansionResponse: 0, bladeExpansionLagMonths: 12, turbineOrderElasticity: 0.5, turbineOrders: 45 }, 2);
    const b1 = 120 + (45 - 30) / 12; // month 0: q = q(0), so orders are 45
    expect(e.series.turbineWait.mean[1]!).toBeCloseTo((12 * b1) / 30, 9);
    const o1 = 45 * Math.sqrt(4 / (b1 / 30));
    expect(e.series.turbineWait.mean[2]!).toBeCloseTo((12 * (b1 + (o1 - 30) / 12)) / 30, 9);
  });

  it('chips-vs-power: 1 GW/month of chips against 1 GW/month of grid at PUE 1.2, 1 GW of empty halls, no turbines', async () => {
    const r = await fixed('chips-vs-power', {
      chipPowerShipped: 1, chipGrowth: 0, pue: 1.2, gridPowerForDatacenters: 1, gridPowerGrowth: 0, turbineShareToDatacenters: 0,
      peakCoolingOverhead: 0.4, maintenanceReserve: 0.2, emptyPoweredCapacity: 1,
      bladeCapacity: 30, bladeCapacityGrowth: 0, turbineOrders: 30, turbineOrderGrowth: 0, turbineBacklogYears: 4, turbineOtherPartsMonths: 15, bladeExpansionResponse: 0, bladeExpansionLagMonths: 12, turbineOrderElasticity: 0,
    }, 12);
    // Both sides in IT power (issue 12 §5): 1 GW of chips against 1/1.2 GW of grid power for IT,
    // unpowered(m) = −1 + (1 − 1/1.2)·(m + 1): crosses 0 after month 5.
    for (let m = 0; m <= 12; m++) expect(r.series.unpowered.mean[m]!).toBeCloseTo(-1 + (1 - 1 / 1.2) * (m + 1), 9);
  });

  it('space-buildout: before reuse launches equal ship production; after it, the pad limit binds', async () => {
    const mass = { arraySpecificPower: 100, sunlitFraction: 1, radiatorTemperature: 300, radiatorSinkTemperature: 0, radiatorEmissivity: 1, radiatorFinEfficiency: 1, radiatorArealMass: 0, computeMassPerKw: 10, shieldingMassPerKw: 0, busOverhead: 0 };
    const r = await fixed('space-buildout', {
      starshipReuseMonth: 6, shipsToday: 100, shipProduction: 12, shipProductionGrowth: 0, turnaroundHours: 30, padsToday: 2, padsAddedPerYear: 0,
      padTurnaroundHours: 8.76, launchFailureProbability: 0, payloadTonnes: 100, aiLaunchShare: 1, earthAiPowerToday: 20, earthAiGrowth: 0, ...mass,
    }, 12);
    expect(scalar(r, 'kgPerKw')).toBeCloseTo(20, 12); // 10 kg/kW of array + 10 of compute
    expect(r.series.launchesPerYear.mean[5]).toBe(12);
    expect(r.series.launchesPerYear.mean[6]!).toBeCloseTo(2000, 9); // 2 pads × 8760 / 8.76 h
    expect(r.series.gwLaunchedPerYear.mean[6]!).toBeCloseTo((2000 * 100_000) / 20 / 1e6, 9); // 10 GW/yr
    expect(r.series.spaceToEarth.mean[6]!).toBeCloseTo(0.5, 12);
  });
});

describe('the flagship moves in the right direction (common random numbers)', () => {
  const flagship = path.resolve('config/interview/space-cheapest-36m.yaml');
  const meanRatio = async (set: string[], m: number) => {
    const { runFile } = await import('../helpers/run.js');
    const r = await runFile(flagship, { trajectories: 2000, workers: 0, set });
    return r.series.costRatio.mean[m]!;
  };
  for (const [name, lo, hi] of [['launchCostToday', 1000, 4000], ['radiatorArealMass', 3, 12], ['gpuFailureGround', 0.02, 0.09]] as const) {
    it(`the cost ratio rises when ${name} goes up`, async () => {
      expect(await meanRatio([`${name}=${hi}`], 36)).toBeGreaterThan(await meanRatio([`${name}=${lo}`], 36));
    }); // timeout: vitest.config.ts
  }
});
