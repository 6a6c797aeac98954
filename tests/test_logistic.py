"""Logistic regression (逻辑回归): the lecture's loss and gradient, and agreement with the maximum-likelihood
optimum that independent implementations (scikit-learn, scipy) find on freshly drawn data."""

import numpy as np
import pytest

from nnscratch.errors import ConfigError, DataError
from nnscratch.gradcheck import numerical_gradient
from nnscratch.logistic import (
    LogisticRegression,
    binary_cross_entropy,
    descent_path,
    encode_labels,
    loss,
    loss_grad,
    loss_grid,
    probabilities,
    softmax_cross_entropy,
    targets,
    taylor_check,
)


def draw_binary(rng, m=300, w=(1.0, -2.0, 0.5), b=0.3):
    """Samples of the model itself, so the classes overlap and a finite optimum exists."""
    X = rng.normal(size=(m, len(w)))
    p = 1 / (1 + np.exp(-(X @ np.asarray(w) + b)))
    return X, (rng.random(m) < p).astype(int)


def draw_multiclass(rng, m=400, k=4, n=3):
    X = rng.normal(size=(m, n))
    P = probabilities(X, rng.normal(size=(k, n)), rng.normal(size=k))
    return X, np.array([rng.choice(k, p=p) for p in P])


# ---- the math


def test_loss_from_logits_equals_the_lectures_formula():
    z = np.array([[-3.0], [-0.5], [0.0], [2.0]])
    t = np.array([[0.0], [1.0], [1.0], [0.0]])
    p = 1 / (1 + np.exp(-z))
    lecture = -np.sum(t * np.log(p) + (1 - t) * np.log(1 - p))
    assert binary_cross_entropy(z, t) == pytest.approx(lecture, rel=1e-12)


def test_loss_is_finite_for_confident_mistakes():
    z = np.array([[1000.0], [-1000.0]])
    assert binary_cross_entropy(z, np.array([[0.0], [1.0]])) == pytest.approx(2000.0)
    assert softmax_cross_entropy(np.array([[1000.0, -1000.0]]), np.array([[0.0, 1.0]])) == pytest.approx(2000.0)


@pytest.mark.parametrize("n_out", [1, 3])
def test_gradient_matches_finite_differences(n_out):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 4))
    T = targets(rng.integers(0, max(2, n_out), size=7), n_out)
    theta, b = rng.normal(size=(n_out, 4)), rng.normal(size=n_out)
    g_theta, g_b = loss_grad(X, T, theta, b)
    assert np.allclose(g_theta, numerical_gradient(lambda: loss(X, T, theta, b), theta), atol=1e-6)
    assert np.allclose(g_b, numerical_gradient(lambda: loss(X, T, theta, b), b), atol=1e-6)


def test_one_sample_gradient_is_p_minus_y_times_x():
    x, y = np.array([[2.0, -1.0]]), 1.0
    theta, b = np.array([[0.3, 0.4]]), np.array([-0.2])
    p = 1 / (1 + np.exp(-(x @ theta.T + b)))[0, 0]
    g_theta, g_b = loss_grad(x, np.array([[y]]), theta, b)
    assert np.allclose(g_theta[0], (p - y) * x[0])
    assert np.allclose(g_b, p - y)


# ---- agreement with the maximum-likelihood optimum


def test_binary_fit_matches_scikit_learn_and_scipy_on_fresh_data():
    sklearn = pytest.importorskip("sklearn.linear_model")
    optimize = pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(20240601)
    X, y = draw_binary(rng)
    X_new, _ = draw_binary(rng, m=100)
    ours = LogisticRegression(lr=1.0, epochs=20000, tol=1e-9).fit(X, y)
    assert ours.converged_
    ref = sklearn.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10000).fit(X, y)
    assert np.allclose(ours.coef_, ref.coef_, atol=1e-5)
    assert np.allclose(ours.intercept_, ref.intercept_, atol=1e-5)
    assert np.allclose(ours.predict_proba(X_new), ref.predict_proba(X_new), atol=1e-6)

    T = targets(y, 1)

    def J(v):
        return loss(X, T, v[None, :3], v[3:])

    def dJ(v):
        g_theta, g_b = loss_grad(X, T, v[None, :3], v[3:])
        return np.concatenate([g_theta[0], g_b])

    found = optimize.minimize(J, np.zeros(4), jac=dJ, method="BFGS", options={"gtol": 1e-10})
    assert np.allclose(np.concatenate([ours.coef_[0], ours.intercept_]), found.x, atol=1e-5)


def test_softmax_fit_matches_scikit_learn_on_fresh_data():
    sklearn = pytest.importorskip("sklearn.linear_model")
    rng = np.random.default_rng(777)
    X, y = draw_multiclass(rng)
    X_new, _ = draw_multiclass(rng, m=50)
    ours = LogisticRegression(lr=1.0, epochs=20000, tol=1e-9).fit(X, y)
    assert ours.converged_ and ours.coef_.shape == (4, 3)
    ref = sklearn.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10000).fit(X, y)
    # Softmax is unchanged by adding one vector to every class's weights: compare the centred solutions.
    centred = lambda a: a - a.mean(axis=0)  # noqa: E731
    assert np.allclose(centred(ours.coef_), centred(ref.coef_), atol=1e-5)
    assert np.allclose(centred(ours.intercept_), centred(ref.intercept_), atol=1e-5)
    assert np.allclose(ours.predict_proba(X_new), ref.predict_proba(X_new), atol=1e-6)


def test_sgd_and_momentum_reach_the_same_optimum_approximately():
    rng = np.random.default_rng(11)
    X, y = draw_binary(rng)
    best = LogisticRegression(lr=1.0, epochs=20000, tol=1e-9).fit(X, y).loss(X, y)
    sgd = LogisticRegression(lr=0.02, epochs=60, batch_size=1, seed=1).fit(X, y)
    momentum = LogisticRegression(lr=0.5, epochs=3000, momentum=0.9, tol=1e-9).fit(X, y)
    assert sgd.loss(X, y) == pytest.approx(best, rel=5e-3)
    assert momentum.loss(X, y) == pytest.approx(best, rel=1e-9)
    assert momentum.n_iter_ < LogisticRegression(lr=0.5, epochs=20000, tol=1e-9).fit(X, y).n_iter_


def test_sgd_is_reproducible_from_its_seed():
    X, y = draw_binary(np.random.default_rng(5), m=60)
    a = LogisticRegression(lr=0.1, epochs=3, batch_size=7, seed=42).fit(X, y)
    b = LogisticRegression(lr=0.1, epochs=3, batch_size=7, seed=np.random.default_rng(42)).fit(X, y)
    assert np.array_equal(a.coef_, b.coef_)


# ---- the estimator interface


def test_estimator_interface_with_string_labels():
    X, codes = draw_binary(np.random.default_rng(2), m=100)
    y = np.where(codes == 1, "dog", "cat")
    model = LogisticRegression(epochs=200).fit(X, y)
    assert model.classes_.tolist() == ["cat", "dog"]
    assert model.n_features_in_ == 3 and model.coef_.shape == (1, 3) and model.intercept_.shape == (1,)
    proba = model.predict_proba(X)
    assert proba.shape == (100, 2) and np.allclose(proba.sum(axis=1), 1)
    assert set(model.predict(X)) <= {"cat", "dog"}
    assert model.score(X, y) == np.mean(model.predict(X) == y) > 0.7
    assert len(model.loss_curve_) == model.n_iter_ <= 200


def test_partial_fit_continues_and_needs_every_class_up_front():
    X, y = draw_multiclass(np.random.default_rng(9))
    model = LogisticRegression(lr=0.5)
    model.partial_fit(X[:50], y[:50], classes=[0, 1, 2, 3])
    first = model.loss(X, y)
    for _ in range(20):
        model.partial_fit(X, y)
    assert model.loss(X, y) < first and model.n_iter_ == 21
    with pytest.raises(DataError, match="label 7 is not one of the classes"):
        model.partial_fit(X[:2], np.array([7, 0]))


def test_float32_stays_float32():
    X, y = draw_binary(np.random.default_rng(4), m=50)
    model = LogisticRegression(epochs=5).fit(X.astype(np.float32), y)
    assert model.coef_.dtype == np.float32 and model.intercept_.dtype == np.float32


def test_separable_data_never_converges_but_stays_finite():
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    model = LogisticRegression(lr=1.0, epochs=2000).fit(X, [0, 0, 1, 1])
    assert not model.converged_ and model.score(X, [0, 0, 1, 1]) == 1.0
    assert np.all(np.isfinite(model.coef_))


# ---- homework II: the negative gradient is a descent direction


def test_taylor_check_descends_and_its_remainder_is_second_order():
    rng = np.random.default_rng(8)
    X, y = draw_binary(rng)
    big = taylor_check(X, y, 1e-3, np.random.default_rng(0))
    small = taylor_check(X, y, 1e-4, np.random.default_rng(0))
    for check in (big, small):
        assert check.decreased and check.loss_after < check.loss
        assert check.loss == pytest.approx(len(y) * np.log(2))  # w = 0: p = 1/2 everywhere
    ratio = (big.loss_after - big.predicted) / (small.loss_after - small.predicted)
    assert 80 < ratio < 120  # O(eps^2): a 10x smaller step, a 100x smaller remainder
    assert abs(small.direction_loss - small.direction_predicted) < 1e-6 * small.loss


def test_taylor_check_at_given_weights_and_too_large_a_step():
    X, y = draw_binary(np.random.default_rng(8))
    theta, b = np.array([[0.5, -0.5, 0.2]]), np.array([0.1])
    assert taylor_check(X, y, 1e-4, np.random.default_rng(0), theta, b).decreased
    assert not taylor_check(X, y, 10.0, np.random.default_rng(0)).decreased
    with pytest.raises(ConfigError, match="shapes"):
        taylor_check(X, y, 1e-3, np.random.default_rng(0), np.zeros((1, 2)), b)
    with pytest.raises(ConfigError, match="positive"):
        taylor_check(X, y, 0.0, np.random.default_rng(0))


# ---- paths over two weights, for the web lab


def test_descent_paths_and_the_loss_grid():
    X, y = draw_binary(np.random.default_rng(6), w=(1.5, -1.0), b=0.0)
    start = np.array([-2.0, 2.0])
    thetas, bs = descent_path(X, y, start, 0.0, lr=0.5, steps=30, update_b=False)
    assert thetas.shape == (31, 2) and bs.shape == (31,)
    assert np.array_equal(thetas[0], start) and np.all(bs == 0)
    grid = loss_grid(X, y, thetas[:, 0], thetas[:, 1])
    along = np.diag(grid)  # grid[i, i] = J(w1_i, w2_i)
    assert np.all(np.diff(along) < 0)  # a small full-batch step always descends
    assert along[5] == pytest.approx(loss(X, targets(y, 1), thetas[5][None, :], np.zeros(1)))
    sgd, _ = descent_path(X, y, start, 0.0, lr=0.5, steps=30, batch_size=1, rng=np.random.default_rng(0))
    heavy, _ = descent_path(X, y, start, 0.0, lr=0.5, steps=30, momentum=0.9)
    assert sgd.shape == heavy.shape == (31, 2) and not np.allclose(sgd, thetas)


# ---- bad inputs


@pytest.mark.parametrize("kwargs, match", [
    ({"lr": 0}, "learning rate"),
    ({"lr": float("nan")}, "learning rate"),
    ({"epochs": 0}, "epochs"),
    ({"batch_size": 0}, "batch size"),
    ({"momentum": 1.0}, "momentum"),
    ({"tol": -1}, "tol"),
])
def test_bad_hyperparameters(kwargs, match):
    X, y = draw_binary(np.random.default_rng(1), m=20)
    with pytest.raises(ConfigError, match=match):
        LogisticRegression(**kwargs).fit(X, y)


@pytest.mark.parametrize("X, y, match", [
    (np.zeros(5), [0, 1, 0, 1, 0], "2-D"),
    (np.zeros((0, 2)), [], "non-empty"),
    ([[1.0, np.inf], [0.0, 1.0]], [0, 1], "finite"),
    ([["a", "b"], ["c", "d"]], [0, 1], "must be numbers"),
    (np.zeros((3, 2)), [0, 1], r"expected shape \(3,\)"),
    (np.zeros((3, 2)), [1, 1, 1], "at least two classes"),
])
def test_bad_data(X, y, match):
    with pytest.raises(DataError, match=match):
        LogisticRegression().fit(X, y)


def test_unfitted_and_mismatched_models():
    with pytest.raises(ConfigError, match="not fitted"):
        LogisticRegression().predict(np.zeros((1, 2)))
    model = LogisticRegression(epochs=1).fit(np.eye(2), [0, 1])
    with pytest.raises(DataError, match="3 features but the model was fitted with 2"):
        model.predict(np.zeros((1, 3)))
    with pytest.raises(DataError, match="not one of the classes"):
        encode_labels(np.array([0, 5]), np.array([0, 1]))
