"""2-D toy sets: right shapes, balanced classes, the intended geometry, the same points for the same seed."""

import numpy as np
import pytest

from nnscratch.data import TOY_DATASETS, make_toy, xor_points
from nnscratch.data.toy import make_circles, make_gaussians, make_linear, make_moons, make_spiral, make_xor
from nnscratch.errors import ConfigError


@pytest.mark.parametrize("name", list(TOY_DATASETS))
def test_shapes_balance_and_determinism(name):
    X, y = make_toy(name, n=101, rng=7)
    assert X.shape == (101, 2) and X.dtype == np.float64 and np.isfinite(X).all()
    assert y.shape == (101,) and y.dtype.kind == "i" and set(y.tolist()) == {0, 1}
    assert abs(int(np.sum(y == 1)) - int(np.sum(y == 0))) <= 1 or name == "xor"
    X2, y2 = make_toy(name, n=101, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make_toy(name, n=101, rng=8)
    assert not np.array_equal(X, X3)


def test_xor_is_the_lecture_table():
    X, y = xor_points()
    assert X.tolist() == [[0, 0], [1, 0], [0, 1], [1, 1]] and y.tolist() == [0, 1, 1, 0]
    np.testing.assert_array_equal(make_xor(4, 0.0)[0], X)
    X, y = make_xor(400, 0.1, rng=0)
    assert np.bincount(y).tolist() == [200, 200]
    corner = np.rint(X).clip(0, 1).astype(int)
    assert np.mean((corner[:, 0] ^ corner[:, 1]) == y) > 0.99  # noise rarely crosses the middle


def test_circles_gaussians_moons_spiral_geometry():
    X, y = make_circles(200, 0.0, rng=1)
    np.testing.assert_allclose(np.hypot(*X.T), np.where(y == 0, 1.0, 0.5))
    X, y = make_gaussians(200, 0.0, rng=1)
    np.testing.assert_allclose(X, np.where(y[:, None] == 0, -1.0, 1.0) * np.ones(2))
    X, y = make_moons(200, 0.0, rng=1)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    assert (X[y == 0, 1] >= 0).all() and (X[y == 1, 1] <= 0.5).all()
    X, y = make_spiral(200, 0.0, rng=1)
    assert np.hypot(*X.T).max() <= 1.0
    # the two arms are each other turned by 180 degrees: mirror class 0 through the origin -> near class 1
    a, b = -X[y == 0], X[y == 1]
    assert np.min(np.linalg.norm(a[:, None] - b[None], axis=2), axis=1).mean() < 0.05


def test_linear_is_separable_with_a_margin():
    X, y = make_linear(300, 0.0, rng=5)
    # the perceptron converges on separable data (Novikoff): count passes until no 误分类点 remains
    w, b = np.zeros(2), 0.0
    signs = np.where(y == 1, 1.0, -1.0)
    for _ in range(1000):
        wrong = np.flatnonzero(signs * (X @ w + b) <= 0)
        if not wrong.size:
            break
        w, b = w + signs[wrong[0]] * X[wrong[0]], b + signs[wrong[0]]
    assert not wrong.size


def test_noise_only_jitters():
    X0, y0 = make_circles(50, 0.0, rng=3)
    X1, y1 = make_circles(50, 0.2, rng=3)
    np.testing.assert_array_equal(y0, y1)
    assert 0.1 < np.std(X1 - X0) < 0.3


def test_default_noise_from_registry():
    np.testing.assert_array_equal(make_toy("moons", 30, rng=2)[0], make_moons(30, TOY_DATASETS["moons"].noise, 2)[0])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "donut"}, "unknown toy dataset 'donut'.*xor, circles"),
    ({"name": "xor", "n": 0}, "positive integer, got 0"),
    ({"name": "xor", "n": 2.5}, "positive integer, got 2.5"),
    ({"name": "xor", "noise": -1}, "zero or a positive number"),
    ({"name": "xor", "noise": float("nan")}, "zero or a positive number"),
    ({"name": "xor", "noise": "lots"}, "noise must be a number"),
    ({"name": "xor", "rng": "seed"}, "rng must be a numpy Generator or an integer seed"),
])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        make_toy(**kwargs)
