"""Reference quantiles for test/dist/quantiles.test.ts.

Run: python3 test/reference/make_reference.py > test/reference/quantiles.json

Sources:
- normal: Python's statistics.NormalDist.inv_cdf, which implements Wichura's
  AS241 (the algorithm of R's qnorm); spot values agree with R 4.3
  (qnorm(0.975) = 1.959963984540054, qnorm(1e-10) = -6.361340902404056).
- gamma with integer shape k: P(X <= x) = 1 - e^-x * sum_{j<k} x^j/j!
  (the Erlang CDF), inverted by bisection in decimal arithmetic at 60 digits.
  Cross-check: qchisq(0.95, 10) = 18.307038053275146 in R = 2 * Gamma(5, 1) quantile.
- beta with integer a, b: I_x(a, b) = sum_{j=a}^{a+b-1} C(n, j) x^j (1-x)^(n-j),
  n = a + b - 1, inverted the same way.
- Poisson: the smallest k with sum_{j<=k} e^-l l^j/j! >= p, exact in decimal.
Each p is the exact binary64 value written in the JSON, so references match
what the engine is asked.
"""
import json
from decimal import Decimal, getcontext
from math import comb
from statistics import NormalDist

getcontext().prec = 60
PS = [1e-12, 1e-9, 1e-6, 1e-3, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-6, 1 - 1e-9]

def erlang_cdf(x, k):
    x = Decimal(x)
    term, s = Decimal(1), Decimal(0)
    for j in range(k):
        if j > 0:
            term = term * x / j
        s += term
    return 1 - (-x).exp() * s

def beta_cdf(x, a, b):
    x = Decimal(x)
    n = a + b - 1
    return sum(Decimal(comb(n, j)) * x ** j * (1 - x) ** (n - j) for j in range(a, n + 1))

def invert(cdf, p, lo, hi):
    p = Decimal(p)
    for _ in range(400):
        mid = (lo + hi) / 2
        if cdf(mid) < p:
            lo = mid
        else:
            hi = mid
    return float((lo + hi) / 2)

def poisson_q(p, lam):
    lam, p = Decimal(lam), Decimal(p)
    k, term = 0, (-lam).exp()
    acc = term
    while acc < p:
        k += 1
        term = term * lam / k
        acc += term
    return k

out = {"normal": [], "gamma": [], "beta": [], "poisson": []}
for p in PS:
    out["normal"].append({"p": p, "x": NormalDist().inv_cdf(p)})
for k in (2, 5):
    for p in PS[2:]:
        out["gamma"].append({"shape": k, "scale": 1, "p": p, "x": invert(lambda x: erlang_cdf(x, k), p, Decimal(0), Decimal(200))})
for a, b in ((2, 3), (5, 1), (1, 4), (3, 7)):
    for p in PS[2:]:
        out["beta"].append({"alpha": a, "beta": b, "p": p, "x": invert(lambda x: beta_cdf(x, a, b), p, Decimal(0), Decimal(1))})
for lam in (0.5, 3, 40):
    for p in (0.001, 0.1, 0.5, 0.9, 0.999):
        out["poisson"].append({"lambda": lam, "p": p, "x": poisson_q(p, lam)})
print(json.dumps(out, indent=1))
