"""Reference quantiles of Beta(a, b) for one huge shape (b = 1e6, 1e7), where
mpmath's betainc does not converge: I_x(a, b) from the hypergeometric series
x^a (1 - x)^b / (a B(a, b)) * F(a + b, 1; a + 1; x) (DLMF 8.17.8; positive
terms, summed at 110 digits, so that upper tails far below 1e-40 keep their
digits), inverted by Newton in ln x; and the CDF's two tails at points of
the series region (x up to 100/(a + b)). Read by
test/distributions/quantileAccuracy.test.ts.

    python3 test/reference/make_beta_large_shape.py > test/reference/beta_large_shape.json
"""
import json

import mpmath as mp

mp.mp.dps = 110


def cdf(a, b, x):
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    total, term, k = mp.mpf(1), mp.mpf(1), 0
    while True:
        term *= (a + b + k) * x / (a + 1 + k)
        total += term
        k += 1
        if term < total * mp.mpf(10) ** -105 and (a + b + k) * x < a + 1 + k:
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


quantile_points = [(0.5, b, u) for b in (1e6, 1e7) for u in (0.92, 0.95, 0.99)] + [(0.001, 1e7, 1 - 3.1622776601683795e-5)]
cdf_points = [(a, b, bx) for a, b in ((0.001, 1e7), (0.5, 1e7), (2, 1e5), (10, 1e6), (50, 1e6)) for bx in (1, 5, 20, 60)]
# A large shape of only 1000 (where the expansion's correction terms matter), tiny (a + b)x (where
# its terms once overflowed), a small shape near 0.08 with (a + b)x near 2, and small shapes past
# the expansion's 50 (the other tail from the series, or the continued fraction).
cdf_points += [(a, b, bx) for a, b in ((20, 1e3), (50, 1e3), (50, 1e4)) for bx in (1e-4, 1e-2, 1, 20, 60)]
cdf_points += [(0.08, 1e4, 1.975), (0.08, 1e7, 1.975), (80, 1e7, 60), (80, 1e7, 80), (80, 1e7, 97.5), (60, 1e6, 70)]
tails = []
for a, b, bx in cdf_points:
    x = float(mp.mpf(bx) / (a + b))
    lower = cdf(a, b, x)
    tails.append({"alpha": a, "beta": b, "x": x, "lower": mp.nstr(lower, 20), "upper": mp.nstr(1 - lower, 20)})
print(json.dumps({
    "quantiles": [{"alpha": a, "beta": b, "p": u, "x": mp.nstr(quantile(a, b, u), 20)} for a, b, u in quantile_points],
    "tails": tails,
}, indent=1))
