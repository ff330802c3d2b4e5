"""Reference quantiles of Beta(a, b) for one huge shape (b = 1e6, 1e7), where
mpmath's betainc does not converge: I_x(a, b) from the hypergeometric series
x^a (1 - x)^b / (a B(a, b)) * F(a + b, 1; a + 1; x) (DLMF 8.17.8; positive
terms, summed at 40 digits), inverted by Newton in ln x. Read by
test/distributions/quantileAccuracy.test.ts.

    python3 test/reference/make_beta_large_shape.py > test/reference/beta_large_shape.json
"""
import json

import mpmath as mp

mp.mp.dps = 40


def cdf(a, b, x):
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    total, term, k = mp.mpf(1), mp.mpf(1), 0
    while True:
        term *= (a + b + k) * x / (a + 1 + k)
        total += term
        k += 1
        if term < total * mp.mpf(10) ** -38:
            break
    log_b = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
    return mp.exp(a * mp.log(x) + b * mp.log1p(-x) - mp.log(a) - log_b) * total


def quantile(a, b, u):
    a, b, u = mp.mpf(a), mp.mpf(b), mp.mpf(u)
    log_b = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
    lx = mp.log(a / (a + b))
    for _ in range(200):
        x = mp.exp(lx)
        f = cdf(a, b, x)
        density = mp.exp((a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x) - log_b)
        step = (mp.log(f) - mp.log(u)) / (density * x / f)
        lx -= step
        if abs(step) < mp.mpf(10) ** -30:
            break
    return mp.exp(lx)


points = [(0.5, b, u) for b in (1e6, 1e7) for u in (0.92, 0.95, 0.99)]
print(json.dumps([{"alpha": a, "beta": b, "p": u, "x": mp.nstr(quantile(a, b, u), 20)} for a, b, u in points], indent=1))
