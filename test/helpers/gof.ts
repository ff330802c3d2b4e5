/**
 * Goodness-of-fit helpers for seeded statistical tests.
 *
 * Kolmogorov–Smirnov: D = sup |F_n(x) − F(x)|; the asymptotic critical value
 * at significance α is c(α)/√n with c(0.001) = 1.949 (Smirnov 1948; e.g.
 * Massey 1951, JASA 46:68, table 1). Seeds are fixed, so each test is
 * deterministic: a pass is reproducible, and a bug shows as D far above c.
 */
export const KS_C_0001 = 1.949;

export function ksStatistic(samples: Float64Array, cdf: (x: number) => number): number {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  return d;
}

/**
 * Pearson's chi-square statistic over categories with expected probabilities;
 * categories with expected count < 5 are pooled into one.
 * Returns the statistic and the degrees of freedom.
 */
export function chiSquare(observed: number[], expectedP: number[], n: number): { stat: number; df: number } {
  let stat = 0, df = -1, poolO = 0, poolE = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = expectedP[k] * n;
    if (e < 5) {
      poolO += observed[k];
      poolE += e;
      continue;
    }
    stat += ((observed[k] - e) ** 2) / e;
    df++;
  }
  if (poolE > 0) {
    stat += ((poolO - poolE) ** 2) / poolE;
    df++;
  }
  return { stat, df };
}

/** Upper 0.1% point of chi-square with df degrees of freedom (Wilson–Hilferty approximation; ample for a threshold). */
export function chiSquareCritical001(df: number): number {
  const z = 3.090232306167813;
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}

/** Sample mean and its standard error. */
export function meanAndSe(xs: Float64Array): { mean: number; se: number } {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  v /= xs.length - 1;
  return { mean: m, se: Math.sqrt(v / xs.length) };
}
