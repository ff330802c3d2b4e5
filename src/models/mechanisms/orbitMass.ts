/** Stefan–Boltzmann constant, W/(m²·K⁴) (CODATA 2018). */
export const SIGMA = 5.670374419e-8;

/** The inputs that set the mass of an orbital compute satellite per kW of IT. */
export interface OrbitMassInputs {
  arraySpecificPower: number;
  sunlitFraction: number;
  radiatorTemperature: number;
  radiatorSinkTemperature: number;
  radiatorEmissivity: number;
  radiatorFinEfficiency: number;
  radiatorArealMass: number;
  computeMassPerKw: number;
  shieldingMassPerKw: number;
  busOverhead: number;
}

/**
 * Radiator mass per kW of heat, kg: two-sided panels rejecting
 * q = 2·ε·σ·(T⁴ − T_sink⁴)·η_fin W/m², so area = 1000/q m² and mass = area × areal mass.
 * @example radiatorKgPerKw(320, 250, 0.85, 0.85, 7) // ≈ 13.8
 */
export function radiatorKgPerKw(temperature: number, sink: number, emissivity: number, finEfficiency: number, arealMass: number): number {
  const flux = 2 * emissivity * SIGMA * (temperature ** 4 - sink ** 4) * finEfficiency;
  return (1000 / flux) * arealMass;
}

/**
 * Mass launched per kW of IT, kg: (array + radiator + compute + shielding) × (1 + bus overhead),
 * with the array sized for the sunlit fraction: array W per kW = 1000/f, array kg = that / specific power.
 * All IT power is rejected as heat.
 */
export function orbitMassPerKw(x: OrbitMassInputs): number {
  const array = 1000 / x.sunlitFraction / x.arraySpecificPower;
  const radiator = radiatorKgPerKw(x.radiatorTemperature, x.radiatorSinkTemperature, x.radiatorEmissivity, x.radiatorFinEfficiency, x.radiatorArealMass);
  return (array + radiator + x.computeMassPerKw + x.shieldingMassPerKw) * (1 + x.busOverhead);
}
