"""Maximum likelihood (极大似然估计): the lecture's urn pinned exactly, the Gaussian, homework I."""

import math

import numpy as np
import pytest

from nnscratch.errors import ConfigError, DataError
from nnscratch.mle import (
    estimate_gaussian,
    estimate_urn,
    gaussian_log_likelihood,
    gaussian_log_likelihood_grad,
    golden_section_max,
    homework_one,
    likelihood_curves,
    urn_likelihood,
    urn_likelihood_prime,
    urn_log_likelihood,
    urn_log_likelihood_prime,
    urn_probabilities,
    urn_stationary_points,
)


def central_difference(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


# ---- the lecture's urn: 70 white in 100 draws


def test_lecture_urn_estimate_is_0_7_with_stationary_points_0_1_0_7():
    est = estimate_urn(100, 70)
    assert est.estimate == 0.7
    assert [s.p for s in est.stationary_points] == [0.0, 1.0, 0.7]  # "得 p = 0, 1, 0.7, 取 p = 0.7"
    assert [s.kind for s in est.stationary_points] == ["minimum", "minimum", "maximum"]
    assert [s.likelihood for s in est.stationary_points[:2]] == [0.0, 0.0]


def test_lecture_urn_likelihood_matches_the_exact_binomial_formula():
    est = estimate_urn(100, 70)
    exact = math.comb(100, 70) * 0.7**70 * 0.3**30
    assert est.likelihood == pytest.approx(exact, rel=1e-12)
    assert est.log_likelihood == pytest.approx(math.log(exact), rel=1e-12)
    assert est.likelihood == pytest.approx(0.0867839, abs=5e-8)


def test_numeric_maximiser_agrees_with_the_closed_form():
    scipy_optimize = pytest.importorskip("scipy.optimize")
    for n, k in [(100, 70), (10, 3), (7, 1), (1000, 999), (5, 0), (5, 5), (1, 1)]:
        est = estimate_urn(n, k)
        assert est.numeric_estimate == pytest.approx(k / n, abs=1e-7)
        if 0 < k < n:
            found = scipy_optimize.minimize_scalar(lambda p, n=n, k=k: -float(urn_log_likelihood(p, n, k)),
                                                   bounds=(1e-12, 1 - 1e-12), method="bounded",
                                                   options={"xatol": 1e-10})
            assert found.x == pytest.approx(k / n, abs=1e-6)


def test_golden_section_finds_a_maximum_on_an_end_point():
    assert golden_section_max(lambda x: -x, 0.0, 1.0) == 0.0
    assert golden_section_max(lambda x: -(x - 0.25) ** 2, 0.0, 1.0) == pytest.approx(0.25, abs=1e-7)


def test_derivatives_match_finite_differences():
    for p in (0.2, 0.5, 0.7, 0.9):
        assert urn_likelihood_prime(p, 20, 14) == pytest.approx(
            central_difference(lambda q: urn_likelihood(q, 20, 14), p), rel=1e-6, abs=1e-12)
        assert urn_log_likelihood_prime(p, 20, 14) == pytest.approx(
            central_difference(lambda q: urn_log_likelihood(q, 20, 14), p), rel=1e-6)


def test_stationary_points_are_roots_of_the_derivative():
    for n, k in [(100, 70), (10, 1), (10, 9), (2, 1), (6, 6), (6, 0)]:
        for s in urn_stationary_points(n, k):
            assert abs(float(urn_likelihood_prime(s.p, n, k))) < 1e-12
            assert s.likelihood == pytest.approx(float(urn_likelihood(s.p, n, k)))


def test_boundary_estimates_are_not_stationary_points():
    # k = n: L = p^n is largest at p = 1, where dL/dp = n, not 0; p = 0 is a root (a minimum).
    est = estimate_urn(5, 5)
    assert est.estimate == 1.0 and est.likelihood == 1.0
    assert [(s.p, s.kind) for s in est.stationary_points] == [(0.0, "minimum")]
    assert float(urn_likelihood_prime(1.0, 5, 5)) == 5.0
    assert estimate_urn(1, 0).stationary_points == ()


def test_large_counts_stay_finite():
    est = estimate_urn(100_000, 70_000)
    assert est.estimate == 0.7
    assert math.isfinite(est.log_likelihood) and est.likelihood > 0


def test_curves_peak_at_the_estimate():
    curves = likelihood_curves(100, 70, num=101)
    assert curves.p.shape == curves.likelihood.shape == curves.log_likelihood.shape == (101,)
    assert curves.p[np.argmax(curves.likelihood)] == pytest.approx(0.7)
    assert curves.likelihood[0] == 0 and curves.log_likelihood[0] == -np.inf


def test_probability_function_sums_to_one_the_likelihood_does_not():
    assert urn_probabilities(100, 0.7).sum() == pytest.approx(1.0)
    # The likelihood is no distribution over p: its integral is 1 / (n + 1).
    curves = likelihood_curves(100, 70, num=20001)
    assert np.trapezoid(curves.likelihood, curves.p) == pytest.approx(1 / 101, rel=1e-6)


def test_homework_one_answers():
    first, second = homework_one()
    assert (first.answer, first.function, first.value) == ("B", "likelihood", 0.7)
    assert (second.answer, second.function, second.value) == ("A", "probability", 0.7)


@pytest.mark.parametrize("n, k, match", [
    (100, 120, "k = 120 exceeds"),
    (100, -1, "cannot be negative"),
    (0, 0, "at least 1"),
    (10.5, 3, "whole number"),
    (10, True, "whole number"),
])
def test_bad_urn_counts(n, k, match):
    with pytest.raises(ConfigError, match=match):
        estimate_urn(n, k)


def test_bad_curve_and_probability_arguments():
    with pytest.raises(ConfigError, match="at least 2 grid points"):
        likelihood_curves(10, 3, num=1)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        urn_probabilities(10, 1.5)


# ---- the Gaussian


def test_gaussian_estimate_and_its_unbiased_contrast():
    x = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    est = estimate_gaussian(x)
    assert est.mu == 5.0
    assert est.sigma == 2.0  # the textbook example: population standard deviation 2
    assert est.sigma_unbiased == pytest.approx(np.std(x, ddof=1))
    assert est.log_likelihood == pytest.approx(gaussian_log_likelihood(x, 5.0, 2.0))


def test_gaussian_estimate_is_where_the_gradient_vanishes():
    stats = pytest.importorskip("scipy.stats")
    x = np.random.default_rng(3).normal(1.5, 0.7, size=50)
    est = estimate_gaussian(x)
    d_mu, d_sigma = gaussian_log_likelihood_grad(x, est.mu, est.sigma)
    assert abs(d_mu) < 1e-9 and abs(d_sigma) < 1e-9
    assert est.log_likelihood == pytest.approx(np.sum(stats.norm.logpdf(x, est.mu, est.sigma)))
    # ... and a maximum: every nearby (mu, sigma) is less likely.
    for dm, ds in [(0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)]:
        assert gaussian_log_likelihood(x, est.mu + dm, est.sigma + ds) < est.log_likelihood


def test_gaussian_gradient_matches_finite_differences():
    x = np.array([0.3, -1.2, 2.5, 0.9])
    d_mu, d_sigma = gaussian_log_likelihood_grad(x, 0.4, 1.3)
    assert d_mu == pytest.approx(central_difference(lambda m: gaussian_log_likelihood(x, m, 1.3), 0.4), rel=1e-6)
    assert d_sigma == pytest.approx(central_difference(lambda s: gaussian_log_likelihood(x, 0.4, s), 1.3), rel=1e-6)


@pytest.mark.parametrize("values, match", [
    ([], "no values"),
    ([1.0, float("nan")], "finite"),
    ([3.0, 3.0, 3.0], r"all 3 values are equal \(3\)"),
    ([4.0], r"only one value \(4\)"),
])
def test_bad_gaussian_values(values, match):
    with pytest.raises(DataError, match=match):
        estimate_gaussian(values)


@pytest.mark.parametrize("scale", [1e200, 1e300, 1e-320, 1e-300])
def test_gaussian_estimate_stays_exact_at_the_ends_of_the_float_range(scale):
    # The textbook sum of squares overflows above 1e154 and underflows near 1e-160; the scaled form does not.
    x = np.array([1.0, 2.0, 3.0]) * scale
    est = estimate_gaussian(x)
    assert est.mu == pytest.approx(2 * scale, rel=1e-3 if scale < 1e-307 else 1e-12)
    assert est.sigma == pytest.approx(math.sqrt(2 / 3) * scale, rel=1e-3 if scale < 1e-307 else 1e-12)
    expected = -1.5 * (math.log(2 * math.pi) + 1) - 3 * math.log(math.sqrt(2 / 3) * scale)
    assert est.log_likelihood == pytest.approx(expected, rel=1e-3)
    assert est.log_likelihood == pytest.approx(gaussian_log_likelihood(x, est.mu, est.sigma), rel=1e-9)
    if scale > 1e-307:  # for subnormal sigma, 1/sigma itself is beyond the float range
        d_mu, d_sigma = gaussian_log_likelihood_grad(x, est.mu, est.sigma)
        assert abs(d_mu) < 1e-9 / scale and abs(d_sigma) < 1e-9 / scale


def test_gaussian_of_values_near_the_largest_float():
    est = estimate_gaussian([-1.7e308, 1.7e308])
    assert est.mu == 0 and est.sigma == 1.7e308 and math.isfinite(est.log_likelihood)


def test_bad_sigma_for_the_log_likelihood():
    for sigma in (0, -1.0, float("inf"), True):
        with pytest.raises(ConfigError, match="σ must be a positive finite number"):
            gaussian_log_likelihood([1.0, 2.0], 0.0, sigma)


def test_curves_and_tables_have_a_size_budget():
    from nnscratch.errors import BudgetError

    with pytest.raises(BudgetError, match="over the budget"):
        likelihood_curves(10, 3, num=10**9)
    with pytest.raises(BudgetError, match="over the budget"):
        urn_probabilities(10**9, 0.5)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        urn_probabilities(10, "0.5")
