"""Maximum likelihood estimation (极大似然估计), lecture section 1.

The lecture's urn: n draws with replacement, k of them white. The formula

    P(k | n, p) = C(n, k) p^k (1 - p)^(n - k)

read as a function of the parameter p with the data (n, k) fixed is the
likelihood function (似然函数) L(p); the estimate is the p that maximises it.
Read as a function of the data with p fixed, the same formula is the
probability function (概率函数) -- the distinction homework I asks about.

Everything here returns plain data (dataclasses of floats and arrays) so the
CLI can print it and the web lab can draw it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnscratch.errors import BudgetError, ConfigError, DataError

# Arrays whose length the caller chooses (grid points of a curve, the n + 1 values of P(k | n, p)).
MAX_POINTS = 1_000_000

Array = NDArray[Any]

# ---- the urn (Bernoulli draws, binomial count) ----------------------------


def _xlogy(a, x):
    """a * ln(x), with 0 * ln(0) = 0 (so p^0 = 1 even at p = 0)."""
    if a == 0:
        return np.zeros_like(x)
    with np.errstate(divide="ignore"):
        return a * np.log(x)


def log_binomial(n: int, k: int) -> float:
    """ln C(n, k), finite for any n (C(n, k) itself overflows a float beyond n ~ 1000)."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def urn_log_likelihood(p: ArrayLike, n: int, k: int) -> Array:
    """ln L(p) = ln C(n,k) + k ln p + (n-k) ln(1-p); -inf where L(p) = 0."""
    p = np.asarray(p, dtype=float)
    return log_binomial(n, k) + _xlogy(k, p) + _xlogy(n - k, 1 - p)


def urn_log_likelihood_prime(p: ArrayLike, n: int, k: int) -> Array:
    """d ln L / dp = k/p - (n-k)/(1-p): zero only at p = k/n."""
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore"):
        up = k / p if k else np.zeros_like(p)
        down = (n - k) / (1 - p) if n - k else np.zeros_like(p)
    return up - down


def urn_likelihood(p: ArrayLike, n: int, k: int) -> Array:
    """L(p) = C(n,k) p^k (1-p)^(n-k), evaluated through its logarithm so large n neither overflows
    nor underflows early."""
    return np.exp(urn_log_likelihood(p, n, k))


def urn_likelihood_prime(p: ArrayLike, n: int, k: int) -> Array:
    """dL/dp = C(n,k) [k p^(k-1) (1-p)^(n-k) - (n-k) p^k (1-p)^(n-k-1)].

    The lecture factors it as C p^(k-1) (1-p)^(n-k-1) [k(1-p) - (n-k)p]; a term
    whose count is zero vanishes, which keeps p = 0 and p = 1 finite.
    """
    p = np.asarray(p, dtype=float)
    c = log_binomial(n, k)
    up = k * np.exp(c + _xlogy(k - 1, p) + _xlogy(n - k, 1 - p)) if k else np.zeros_like(p)
    down = (n - k) * np.exp(c + _xlogy(k, p) + _xlogy(n - k - 1, 1 - p)) if n - k else np.zeros_like(p)
    return up - down


@dataclass(frozen=True)
class StationaryPoint:
    """A root of dL/dp. ``kind`` is "maximum" or "minimum" (L = 0 there, the data impossible)."""

    p: float
    likelihood: float
    kind: str


@dataclass(frozen=True)
class UrnEstimate:
    n: int
    k: int
    estimate: float  # the closed form k / n
    likelihood: float  # L(estimate)
    log_likelihood: float  # ln L(estimate), including ln C(n, k)
    stationary_points: tuple[StationaryPoint, ...]  # in the lecture's order: 0, 1, k/n
    numeric_estimate: float  # golden-section search on ln L, independent of the closed form


@dataclass(frozen=True)
class LikelihoodCurves:
    """L(p) and ln L(p) on a grid of p in [0, 1]; ln L is -inf where L is 0."""

    p: np.ndarray
    likelihood: np.ndarray
    log_likelihood: np.ndarray


def check_urn(n: int, k: int) -> None:
    """Raise ConfigError unless n >= 1 draws and 0 <= k <= n white balls, both integers."""
    for name, value in (("n", n), ("k", k)):
        if isinstance(value, bool) or not isinstance(value, Integral):
            raise ConfigError("mle.err.not_whole", param=name, name=name, value=repr(value))
    if n < 1:
        raise ConfigError("mle.err.draws_min", param="n", n=n)
    if k < 0:
        raise ConfigError("mle.err.white_negative", param="k", k=k)
    if k > n:
        raise ConfigError("mle.err.white_exceeds", param="k", n=n, k=k)


def urn_stationary_points(n: int, k: int) -> tuple[StationaryPoint, ...]:
    """The roots of dL/dp in [0, 1], read off the factorisation p^(k-1) (1-p)^(n-k-1) [k(1-p) - (n-k)p].

    p = 0 is a root when its power k-1 >= 1, p = 1 when n-k-1 >= 1, and the
    bracket vanishes at k/n; for k = 0 or k = n the maximum sits on the
    boundary, where dL/dp is not zero, so it is no stationary point.
    """
    check_urn(n, k)
    points = []
    if k >= 2:
        points.append(StationaryPoint(0.0, float(urn_likelihood(0.0, n, k)), "minimum"))
    if n - k >= 2:
        points.append(StationaryPoint(1.0, float(urn_likelihood(1.0, n, k)), "minimum"))
    if 0 < k < n:
        points.append(StationaryPoint(k / n, float(urn_likelihood(k / n, n, k)), "maximum"))
    return tuple(points)


def golden_section_max(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-12) -> float:
    """The argmax of a unimodal f on [lo, hi], by shrinking the bracket by 1/phi each step."""
    inv_phi = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    c, d = b - inv_phi * (b - a), a + inv_phi * (b - a)
    fc, fd = f(c), f(d)
    while b - a > tol:
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - inv_phi * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + inv_phi * (b - a)
            fd = f(d)
    # The maximum of a monotone f lies on an end point, which the interior probes never reach.
    return max((lo, hi, (a + b) / 2), key=f)


def estimate_urn(n: int, k: int) -> UrnEstimate:
    """The maximum-likelihood proportion of white balls after k white in n draws (lecture: 70 of 100 -> 0.7)."""
    check_urn(n, k)
    p_hat = k / n
    log_l = float(urn_log_likelihood(p_hat, n, k))
    return UrnEstimate(
        n=n,
        k=k,
        estimate=p_hat,
        likelihood=math.exp(log_l),
        log_likelihood=log_l,
        stationary_points=urn_stationary_points(n, k),
        numeric_estimate=golden_section_max(lambda p: float(urn_log_likelihood(p, n, k)), 0.0, 1.0),
    )


def likelihood_curves(n: int, k: int, num: int = 201) -> LikelihoodCurves:
    check_urn(n, k)
    if isinstance(num, bool) or not isinstance(num, Integral) or num < 2:
        raise ConfigError("mle.err.grid_points", param="num", num=repr(num))
    if num > MAX_POINTS:
        raise BudgetError("mle.err.too_many_points", param="num", count=num, budget=MAX_POINTS)
    p = np.linspace(0.0, 1.0, num)
    return LikelihoodCurves(p, urn_likelihood(p, n, k), urn_log_likelihood(p, n, k))


def urn_probabilities(n: int, p: float) -> np.ndarray:
    """The probability function: P(k | n, p) for k = 0..n with p fixed. Sums to 1 over k."""
    check_urn(n, 0)
    if isinstance(p, bool) or not isinstance(p, Real) or not 0 <= p <= 1:
        raise ConfigError("mle.err.proportion", param="p", p=repr(p))
    if n + 1 > MAX_POINTS:
        raise BudgetError("mle.err.too_many_points", param="n", count=n + 1, budget=MAX_POINTS)
    return np.array([float(urn_likelihood(p, n, k)) for k in range(n + 1)])


# ---- homework I: probability function or likelihood function? -------------


@dataclass(frozen=True)
class HomeworkAnswer:
    question: int
    answer: str  # "A" (概率函数, probability function) or "B" (似然函数, likelihood function)
    function: str  # "probability" or "likelihood"
    value: float  # what the tool computes for the question


def homework_one(n: int = 100, k: int = 70, p: float = 0.7) -> tuple[HomeworkAnswer, HomeworkAnswer]:
    """Question 1: k of n draws white, most likely proportion? The data are known, p is sought:
    the likelihood function (B), maximised at k/n. Question 2: proportion p known, chance the next
    ball is white? The parameter is known, the data vary: the probability function (A), P(1 | 1, p) = p.
    """
    estimate = estimate_urn(n, k).estimate
    one_white = float(urn_probabilities(1, p)[1])
    return HomeworkAnswer(1, "B", "likelihood", estimate), HomeworkAnswer(2, "A", "probability", one_white)


# ---- the Gaussian of the lecture's first slide ----------------------------


def _power_of_two_scale(value: float) -> float:
    """The largest power of two <= ``value`` (> 0): dividing by it is exact, so scaling loses no digit,
    and it exists for every positive float (the next power up, 2^1024, would not)."""
    return math.ldexp(1.0, math.frexp(value)[1] - 1)


def _standardised(x, mu: float, sigma: float) -> np.ndarray:
    """z = (x - mu) / sigma, computed on x / s with s a power of two near max(|x|, |mu|, sigma).

    Written directly, x - mu overflows for values near 1e308 and (x - mu)^2 already
    above 1e154; in the scaled form every intermediate stays within [-4, 4] * s.
    """
    s = _power_of_two_scale(max(float(np.max(np.abs(x))), abs(mu), sigma))
    return (x / s - mu / s) / (sigma / s)


def _shortest(value) -> str:
    """The shortest text that reads back as ``value``: 3.0 -> '3', 1e-320 -> '1e-320' (not 9.99989e-321)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _check_sigma(sigma) -> None:
    # cast: typeshed's numbers.Real has no `>`; every registered real number type has one
    if isinstance(sigma, bool) or not isinstance(sigma, Real) or not (math.isfinite(sigma) and cast(float, sigma) > 0):
        raise ConfigError("mle.err.sigma_positive", param="sigma", sigma=repr(sigma))


def gaussian_log_likelihood(x: ArrayLike, mu: float, sigma: float) -> float:
    """ln prod f(x_i) for f(x) = exp(-(x - mu)^2 / (2 sigma^2)) / (sqrt(2 pi) sigma), finite for any finite floats."""
    _check_sigma(sigma)
    x = np.asarray(x, dtype=float)
    z = _standardised(x, float(mu), float(sigma))
    return float(x.size * (-0.5 * math.log(2 * math.pi) - math.log(sigma)) - np.sum(z**2) / 2)


def gaussian_log_likelihood_grad(x: ArrayLike, mu: float, sigma: float) -> tuple[float, float]:
    """(d/dmu, d/dsigma) of the log-likelihood: (sum(x - mu) / sigma^2, -n/sigma + sum((x - mu)^2) / sigma^3),
    written with z = (x - mu) / sigma as (sum z / sigma, (sum z^2 - n) / sigma)."""
    _check_sigma(sigma)
    x = np.asarray(x, dtype=float)
    z = _standardised(x, float(mu), float(sigma))
    return float(np.sum(z) / sigma), float((np.sum(z**2) - x.size) / sigma)


@dataclass(frozen=True)
class GaussianEstimate:
    n: int
    mu: float  # mean of the values
    sigma: float  # the MLE: sqrt(sum((x - mu)^2) / n), biased low
    sigma_unbiased: float  # sqrt(sum((x - mu)^2) / (n - 1)), for contrast
    log_likelihood: float  # at (mu, sigma)


def estimate_gaussian(values: ArrayLike) -> GaussianEstimate:
    """mu-hat and sigma-hat maximising the Gaussian likelihood of ``values`` (setting its gradient to zero).

    Computed on the values divided by a power of two s near their largest magnitude
    (u = x / s lies in [-2, 2]; mu = s mean(u), sigma = s std(u)), so values of
    1e200 or 1e-320 give finite, exact-to-rounding estimates where the textbook
    sum of squares would overflow to inf or underflow to 0.
    """
    try:
        x = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise DataError("mle.err.not_numbers", param="values") from None
    if x.size == 0:
        raise DataError("mle.err.no_values", param="values")
    bad = x[~np.isfinite(x)]
    if bad.size:
        raise DataError("mle.err.not_finite", param="values", value=_shortest(bad[0]))
    if x.size == 1:
        raise DataError("mle.err.one_value", param="values", value=_shortest(x[0]))
    if np.all(x == x[0]):
        raise DataError("mle.err.all_equal", param="values", n=int(x.size), value=_shortest(x[0]))
    s = _power_of_two_scale(float(np.max(np.abs(x))))
    u = x / s  # exact: s is a power of two
    mu_u = float(np.mean(u))
    var_u = float(np.mean((u - mu_u) ** 2))
    n = int(x.size)
    mu, sigma = s * mu_u, s * math.sqrt(var_u)
    # The log-likelihood at its maximum: sum z^2 = n there, so ln L = -n/2 (ln 2 pi + 1) - n ln sigma.
    log_l = -0.5 * n * (math.log(2 * math.pi) + 1) - n * (math.log(s) + 0.5 * math.log(var_u))
    return GaussianEstimate(
        n=n,
        mu=mu,
        sigma=sigma,
        sigma_unbiased=s * math.sqrt(var_u * n / (n - 1)),
        log_likelihood=log_l,
    )
