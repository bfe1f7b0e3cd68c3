"""Reference values for Tests/LossCoreTests/CurvatureTests.swift, computed exactly (no Keras needed).

The Hessian of MSE(w, b) = mean((w*x + b - y)^2) is (2/N) [[sum x^2, sum x], [sum x, N]]. Its entries are
computed as exact fractions, then the eigenvalues with 40-digit decimals:
lambda_max = (t + sqrt(t^2 - 4 d)) / 2, lambda_min = d / lambda_max (t = trace, d = determinant).

Run: python3 Tests/KerasScripts/mse_curvature.py
"""
import decimal
from fractions import Fraction

decimal.getcontext().prec = 40
D = decimal.Decimal


def dec(f):
    return D(f.numerator) / D(f.denominator)


def report(name, xs):
    n = len(xs)
    a = 2 * sum(x * x for x in xs) / n
    b = 2 * sum(xs) / n
    c = Fraction(2)
    t, d = dec(a + c), dec(a * c - b * b)
    lmax = (t + (t * t - 4 * d).sqrt()) / 2
    lmin = d / lmax
    print(f"{name}: lambda_max={lmax} lambda_min={lmin} limit={2 / lmax} condition={lmax / lmin}")


# The tutorial data: 50 x values evenly spaced on [0, 1].
report("tutorial", [Fraction(i, 49) for i in range(50)])
# Far from zero and narrow: x = 10^4 + i/10, i = 0..9 (condition number about 1.2e17).
report("x near 1e4", [Fraction(10**4) + Fraction(i, 10) for i in range(10)])
