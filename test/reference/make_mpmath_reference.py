"""High-precision reference quantiles for test/distributions/quantileAccuracy.test.ts.

Run: python3 test/reference/make_mpmath_reference.py > test/reference/mpmath_quantiles.json
(mpmath 1.3.0, as packaged by Debian as python3-mpmath; about three minutes.)

Every value is computed at 50 significant digits, independently of the
engine's algorithms:
- gamma and beta: the CDF from mpmath's regularized incomplete gamma/beta
  (hypergeometric series), or, for shapes of 1e4 and more where those series
  do not converge, tanh-sinh quadrature of the density around its peak;
  inverted by bracketed Newton in ln x (gamma) or logit x (beta), on the
  lower tail for p < 1/2 and the upper tail otherwise, to 1e-40 relative.
- PERT: the beta quantile with alpha = 1 + lam (mode - min)/(max - min),
  beta = 1 + lam (max - mode)/(max - min), exact in rationals.
- Weibull: scale * (-ln(1 - p))^(1/shape), the closed form, at 50 digits.
- Poisson: the smallest k with P(X <= k) >= p, where P(X <= k) = Q(k+1, lam)
  (upper) and P(X > k) = P(k+1, lam) (lower), each by quadrature of
  t^k e^-t / k!; the search starts from the normal approximation and is
  checked at k and k - 1. `gap` is the relative distance of p from the
  nearer of the two CDF values (a tie within rounding would show as ~1e-15).
Each p is the exact binary64 value written in the JSON.
"""
import json
import mpmath as mp

mp.mp.dps = 50
PS = [2.0**-53, 1e-12, 1e-9, 1e-6, 1e-3, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999,
      1 - 1e-6, 1 - 1e-9, 1 - 1e-12, 1 - 2.0**-53]


def gamma_tails_quad(a, x):
    """P(a, x), Q(a, x) by quadrature of t^(a-1) e^-t / Gamma(a), split at the peak +- k sd."""
    lg = mp.loggamma(a)
    f = lambda t: mp.exp((a - 1) * mp.log(t) - t - lg) if t > 0 else mp.mpf(0)
    m, s = max(a - 1, mp.mpf(0)), mp.sqrt(max(a, 1))
    pts = sorted(set(m + k * s for k in range(-40, 41) if m + k * s > 0))
    if x <= m:
        P = mp.quad(f, [mp.mpf(0)] + [p for p in pts if p < x] + [x])
        return P, 1 - P
    Q = mp.quad(f, [x] + [p for p in pts if p > x] + [mp.inf])
    return 1 - Q, Q


def gamma_tails(a, x):
    if a >= 1e4:
        return gamma_tails_quad(a, x)
    P = mp.gammainc(a, 0, x, regularized=True)
    Q = mp.gammainc(a, x, mp.inf, regularized=True)
    return P, Q


def invert(logtail, lower, target, t0):
    """Root of ln F(t) = ln target for the lower (increasing) or upper (decreasing) tail F,
    by bisection-guarded secant on ln F, in the variable t (ln x or logit x)."""
    lt = mp.log(target)
    r = lambda t: (logtail(t) - lt) if lower else (lt - logtail(t))
    lo, hi = t0 - 1, t0 + 1
    while r(lo) > 0:
        lo -= 2 * (hi - lo)
    while r(hi) < 0:
        hi += 2 * (hi - lo)
    rlo, rhi = r(lo), r(hi)
    for _ in range(2000):
        t = lo - rlo * (hi - lo) / (rhi - rlo)
        if not (lo < t < hi) or _ % 3 == 2:
            t = (lo + hi) / 2
        rt = r(t)
        if rt < 0:
            lo, rlo = t, rt
        else:
            hi, rhi = t, rt
        if hi - lo < mp.mpf(10) ** -42 * max(1, abs(t)):
            break
    return (lo + hi) / 2


def gamma_q(a, p):
    a, p = mp.mpf(a), mp.mpf(p)
    lower = p <= mp.mpf(0.5)
    tail = (lambda t: mp.log(gamma_tails(a, mp.exp(t))[0 if lower else 1]))
    t0 = mp.log(a) if a >= 1 else mp.log(p * mp.gamma(a + 1)) / a if lower else mp.mpf(1)
    return mp.exp(invert(tail, lower, p if lower else 1 - p, t0))


def beta_q(a, b, p):
    a, b, p = mp.mpf(a), mp.mpf(b), mp.mpf(p)
    lower = p <= mp.mpf(0.5)
    def tail(g):
        x = 1 / (1 + mp.exp(-g))
        i = mp.betainc(a, b, 0, x, regularized=True) if lower else mp.betainc(a, b, x, 1, regularized=True)
        return mp.log(i)
    t0 = mp.log(a / b)
    return 1 / (1 + mp.exp(-invert(tail, lower, p if lower else 1 - p, t0)))


def poisson_q(lam, p):
    lam, pm = mp.mpf(lam), mp.mpf(p)
    cdf = lambda k: gamma_tails_quad(mp.mpf(k + 1), lam)[1]      # P(X <= k) = Q(k+1, lam)
    sf = lambda k: gamma_tails_quad(mp.mpf(k + 1), lam)[0]       # P(X > k)  = P(k+1, lam)
    reaches = (lambda k: k >= 0 and cdf(k) >= pm) if pm <= 0.5 else (lambda k: k >= 0 and sf(k) <= 1 - pm)
    z = mp.sqrt(2) * mp.erfinv(2 * pm - 1)
    k = max(0, int(mp.floor(lam + mp.sqrt(lam) * z + (z * z - 1) / 6)))
    step = 1
    if reaches(k):
        while reaches(k - step):
            k -= step
            step *= 2
        lo, hi = k - step, k
    else:
        while not reaches(k + step):
            k += step
            step *= 2
        lo, hi = k + step // 2 if step > 1 else k, k + step
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if reaches(mid):
            hi = mid
        else:
            lo = mid
    assert reaches(hi) and not reaches(hi - 1)
    if pm <= 0.5:
        gap = min(abs(cdf(hi) - pm), abs(pm - cdf(hi - 1))) / pm
    else:
        gap = min(abs(sf(hi) - (1 - pm)), abs(sf(hi - 1) - (1 - pm))) / (1 - pm)
    return hi, float(gap)


out = {"gamma": [], "beta": [], "pert": [], "weibull": [], "poisson": []}
for a in (0.05, 0.3, 0.7, 60, 250, 1000, 1e5):
    for p in PS:
        out["gamma"].append({"shape": a, "p": p, "x": float(gamma_q(a, p))})
for a, b in ((0.1, 0.3), (0.5, 0.5), (0.3, 2), (2, 38), (60, 80), (200, 0.5), (0.5, 200), (1000, 3000)):
    for p in PS:
        out["beta"].append({"alpha": a, "beta": b, "p": p, "x": float(beta_q(a, b, p))})
for mn, mode, mx, lam in ((0, 1, 3, 4), (10, 12, 50, 4), (0, 0.1, 1, 8), (-5, 5, 6, 4), (100, 100, 200, 4)):
    w = mp.mpf(mx) - mn
    a = 1 + lam * (mp.mpf(mode) - mn) / w
    b = 1 + lam * (mx - mp.mpf(mode)) / w
    for p in PS:
        out["pert"].append({"min": mn, "mode": mode, "max": mx, "lambda": lam, "p": p, "x": float(mn + w * beta_q(a, b, p))})
for k, s in ((0.5, 1), (1.5, 3), (3, 2), (12, 100)):
    for p in PS:
        pm = mp.mpf(p)
        out["weibull"].append({"shape": k, "scale": s, "p": p, "x": float(s * (-mp.log(1 - pm)) ** (1 / mp.mpf(k)))})
for lam in (1e3, 1e6, 1e9, 1e12, 1e15):
    for p in PS:
        k, gap = poisson_q(lam, p)
        out["poisson"].append({"lambda": lam, "p": p, "x": k, "gap": gap})
print(json.dumps(out, indent=1))
