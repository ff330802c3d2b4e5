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

/**
 * A whole monthly geometric Brownian motion path: out[0] = start and
 * out[m + 1] = gbmStep(out[m], annualDrift, annualVolatility, standardNormal(random()))
 * for m = 0 … horizon − 1, drawing one uniform a month from `random` (pass
 * `() => t.random()`, or `t` itself: anything with a `random()` method), in
 * month order: the same values, to the bit, as calling gbmStep month by month.
 * Drawing the path in its own loop keeps the model's month loop free of calls,
 * which V8 then compiles without boxing its numbers (measured: ~6 heap numbers
 * a month on the flagship when gbmStep sat in its month loop).
 * @example gbmPath(t.series.gasPrice, x.gasPrice, 0, x.gasVolatility, t, t.months)
 */
export function gbmPath(out: Float64Array, start: number, annualDrift: number, annualVolatility: number, events: { random(): number }, horizon: number): void {
  const dt = 1 / 12;
  const drift = (annualDrift - 0.5 * annualVolatility * annualVolatility) * dt, scale = annualVolatility * Math.sqrt(dt);
  out[0] = start;
  let x = out[0]; // read back: an unboxed double for V8, whatever the caller passed
  for (let m = 1; m <= horizon; m++) {
    x = x * Math.exp(drift + scale * normalQuantile(events.random()));
    out[m] = x;
  }
}
