import { normalQuantile } from '../../distributions/normalQuantile.js';

/**
 * A standard normal draw from a uniform in (0, 1) (the trajectory's event
 * stream: pass `t.random()`), by the AS241 quantile function.
 * @example standardNormal(t.random())
 */
export function standardNormal(u: number): number {
  return normalQuantile(u);
}

/**
 * One step of an AR(1) process around a mean: x' = μ + φ(x − μ) + σ·z.
 * Stationary standard deviation σ/√(1 − φ²) for |φ| < 1.
 * @example x = ar1Step(x, 0, 0.9, 0.05, standardNormal(t.random()))
 */
export function ar1Step(x: number, mean: number, phi: number, sigma: number, z: number): number {
  return mean + phi * (x - mean) + sigma * z;
}

/**
 * One monthly step of geometric Brownian motion with annual drift μ and
 * volatility σ: x' = x·exp((μ − σ²/2)·Δ + σ·√Δ·z), Δ = 1/12 year.
 * @example price = gbmStep(price, 0.02, 0.3, standardNormal(t.random()))
 */
export function gbmStep(x: number, annualDrift: number, annualVolatility: number, z: number): number {
  const dt = 1 / 12;
  return x * Math.exp((annualDrift - 0.5 * annualVolatility * annualVolatility) * dt + annualVolatility * Math.sqrt(dt) * z);
}
