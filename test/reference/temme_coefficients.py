"""Temme's coefficients C_k(eta) for the uniform asymptotic expansion of the
regularized incomplete gamma function, as exact power series in eta.

  Q(a, x) = erfc(eta*sqrt(a/2))/2 + exp(-a eta^2/2)/sqrt(2 pi a) * sum_k C_k(eta) a^-k
  lambda = x/a, eta^2/2 = lambda - 1 - ln(lambda), sign(eta) = sign(lambda - 1)
  C_0 = 1/(lambda-1) - 1/eta,  C_k = (1/eta) C_{k-1}'(eta) + (-1)^k g_k/(lambda-1)
  where Gamma*(a) = sum g_k a^-k (Stirling's series).

Temme, N.M. (1979) "The asymptotic expansion of the incomplete gamma functions",
SIAM J. Math. Anal. 10(4), 757-766, eq. 3.8 on; DiDonato & Morris (1986), ACM TOMS 12(4), eq. 17-18.
Exact rational arithmetic; the leading values agree with the tables of DiDonato and Morris.

Run: python3 test/reference/temme_coefficients.py   (prints the TypeScript table
pasted into src/distributions/regularizedGamma.ts)
"""
from fractions import Fraction as F
N=32
def mul(a,b):
    r=[F(0)]*N
    for i,x in enumerate(a):
        if x==0: continue
        for j,y in enumerate(b[:N-i]): r[i+j]+=x*y
    return r
def inv(a):  # 1/a, a[0]!=0
    r=[F(0)]*N; r[0]=1/a[0]
    for n in range(1,N):
        r[n]=-sum(a[k]*r[n-k] for k in range(1,n+1) if k<len(a))/a[0]
    return r
def sqrt_(a):  # a[0]=1
    r=[F(0)]*N; r[0]=F(1)
    for n in range(1,N):
        s=a[n]-sum(r[k]*r[n-k] for k in range(1,n))
        r[n]=s/2
    return r
def compose(a,b):  # a(b(x)), b[0]=0
    r=[F(0)]*N; p=[F(1)]+[F(0)]*(N-1)
    for k in range(N):
        if k>0: p=mul(p,b)
        if a[k]!=0:
            for i in range(N): r[i]+=a[k]*p[i]
    return r
# s(mu) = 2 phi / mu^2
s=[F(2*(-1)**n,n) for n in range(2,N+2)]
h=sqrt_(s)                 # eta = mu*h(mu)
eta_of_mu=[F(0)]+h[:N-1]
# reversion by fixed point: mu = eta / h(mu)
mu=[F(0),F(1)]+[F(0)]*(N-2)
hinv=inv(h)
for it in range(N):
    mu=[F(0)]+compose(hinv,mu)[:N-1]
# mu = eta*(m0 + m1 eta + ...); 1/mu = (1/eta)*inv(mu/eta)
mq=mu[1:]+[F(0)]
im=inv(mq)   # 1/mu = sum im[k] eta^(k-1)
g=[F(1),F(1,12),F(1,288),F(-139,51840),F(-571,2488320),F(163879,209018880),F(5246819,75246796800),F(-534703531,902961561600)]
# represent Laurent series as dict power->coef
C0={k-1:im[k] for k in range(1,N)}   # 1/mu - 1/eta (drop the eta^-1 term im[0])
C=[C0]
for k in range(1,8):
    prev=C[-1]
    d={}
    for p,c in prev.items():
        if p!=0: d[p-2]=d.get(p-2,0)+p*c
    for j in range(N):
        d[j-1]=d.get(j-1,0)+(-1)**k*g[k]*im[j]
    assert d.get(-1,0)==0, d.get(-1)
    d={p:c for p,c in d.items() if p>=0 and p<N-2-2*k}
    C.append(d)
print('const TEMME: readonly Float64Array[] = [')
for k,c in enumerate(C):
    print('  Float64Array.of(' + ', '.join(repr(float(c.get(j,0))) for j in range(max(c)+1)) + '),')
print('];')
