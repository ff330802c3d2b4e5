import type { Variant } from '../../src/analysis/overrideVariants.js';

/**
 * What the flagship model counts that Starcloud's white paper leaves out (or
 * assumes away), each as overrides that put our median assumption back into
 * config/peers/orbital-starcloud-assumptions.yaml. Medians are those of
 * config/interview/inputs.yaml (lognormal: √(p5·p95); uniform: midpoint).
 */
export const STARCLOUD_OMISSIONS: readonly Variant[] = [
  { label: 'compute hardware on both sides ($26.5k/kW, 8.5 kg/kW)', set: ['gpuCapexPerKw=26458', 'computeMassPerKw=8.5'] },
  { label: 'radiator mass (6 kg/m², 322 K panel, 230 K sink, ε 0.86, fin 0.83)', set: ['radiatorArealMass=6', 'radiatorTemperature=322.5', 'radiatorSinkTemperature=230', 'radiatorEmissivity=0.86', 'radiatorFinEfficiency=0.825'] },
  { label: 'bus and structure (+52.5% mass)', set: ['busOverhead=0.525'] },
  { label: 'array at 89 W/kg instead of 1,000 W/kg', set: ['arraySpecificPower=89'] },
  { label: "today's launch price ($2,600/kg) on our reuse path", set: ['launchCostToday=2598', 'launchPreReuseDecline=0.06', 'starshipReuseMonth=36', 'launchCostFloor=77.5', 'launchLearningRate=0.4', 'starshipPriceAtReuse=490', 'launchFailureProbability=0.03'] },
  { label: 'satellite at $14/W instead of $0.05/W', set: ['satelliteCostPerW=14.1', 'satelliteCostFloorPerW=2.8', 'satelliteCostLearning=0.15'] },
  { label: 'GPU failures (4.8%/yr on the ground, ×1.7 in orbit) and 5-yr life', set: ['gpuFailureGround=0.048', 'radiationFailureFactor=1.73', 'gpuLifeYears=5'] },
  { label: 'operations (2%/yr) and communications ($224/kW-yr)', set: ['orbitOpsFraction=0.02', 'commsCostPerKwYear=224'] },
  { label: 'discounting at 9%/yr', set: ['discountRate=0.09'] },
  { label: 'ground operations (2%/yr of the facility)', set: ['groundOpsFraction=0.02', 'facilityCapexPerKw=13416', 'facilityLifeYears=17.5'] },
  { label: 'ground facility ($13.4k/kW) and build time (12 months)', set: ['facilityCapexPerKw=13416', 'facilityLifeYears=17.5', 'facilityBuildMonths=12'] },
];
