"""The trainer's fast path (fastprop.py) computes what the readable reference (backprop.py) computes.

Every hidden activation x every (output activation, loss) pair the engine accepts x several
architectures, in float64 (to 1e-12 relative, round-off of a different summation order) and
float32 (to 1e-4 relative / 1e-6 absolute: float32 round-off through a few layers).
"""

import numpy as np
import pytest

from nnscratch.activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnscratch.backprop import backprop
from nnscratch.errors import ConfigError
from nnscratch.fastprop import ENGINES, NumpyKernels, Workspace, backprop_into, fast_backprop, get_engine
from nnscratch.losses import get_loss
from nnscratch.network import Network

PAIRS = [(output, "quadratic") for output in OUTPUT_ACTIVATIONS] + [("softmax", "cross_entropy"),
                                                                     ("sigmoid", "cross_entropy")]
ARCHITECTURES = [[5, 3], [6, 5, 3], [5, 7, 4, 6, 3]]
TOLERANCE = {np.float64: dict(rtol=1e-12, atol=1e-14), np.float32: dict(rtol=1e-4, atol=1e-6)}


def random_case(sizes, hidden, output, dtype, seed=0, m=9):
    rng = np.random.default_rng(seed)
    net = Network(sizes, hidden, output, init="xavier", rng=rng, dtype=dtype)
    for l in net.layers:
        net.b[l][...] = rng.normal(0, 0.3, net.b[l].shape)  # non-zero biases
    x = rng.standard_normal((m, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], m)]
    return net, x, y


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("output, loss_name", PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_fast_path_equals_the_reference(hidden, output, loss_name, sizes, dtype):
    net, x, y = random_case(sizes, hidden, output, dtype)
    loss = get_loss(loss_name)
    ref = backprop(net, x, y, loss)
    fast = fast_backprop(net, x, y, loss, Workspace(net, len(x)))
    tol = TOLERANCE[dtype]
    assert fast.loss == pytest.approx(ref.loss, rel=tol["rtol"], abs=tol["atol"])
    for l in net.layers:
        np.testing.assert_allclose(fast.cache.a[l], ref.cache.a[l], **tol)
        np.testing.assert_allclose(fast.delta[l], ref.delta[l], **tol)
        np.testing.assert_allclose(fast.grad_theta[l], ref.grad_theta[l], **tol)
        np.testing.assert_allclose(fast.grad_b[l], ref.grad_b[l], **tol)
        assert fast.grad_theta[l].dtype == ref.grad_theta[l].dtype == dtype


def test_the_reference_is_the_lectures_four_lines():
    """delta(L), delta(l) = (delta(l+1) theta(l+1)) * f'(z(l)), grad theta = delta^T a / m, grad b = mean delta."""
    net, x, y = random_case([4, 5, 3], "tanh", "sigmoid", np.float64)
    g = backprop(net, x, y, get_loss("quadratic"))
    z, a, m = g.cache.z, g.cache.a, len(x)
    fp = lambda v: 1 - np.tanh(v) ** 2  # noqa: E731
    sp = lambda v: a[3] * (1 - a[3])  # noqa: E731
    np.testing.assert_allclose(g.delta[3], -(y - a[3]) * sp(z[3]), rtol=1e-14)
    np.testing.assert_allclose(g.delta[2], (g.delta[3] @ net.theta[3]) * fp(z[2]), rtol=1e-14)
    for l in (2, 3):
        np.testing.assert_allclose(g.grad_theta[l], g.delta[l].T @ a[l - 1] / m, rtol=1e-14)
        np.testing.assert_allclose(g.grad_b[l], g.delta[l].mean(axis=0), rtol=1e-14)


def test_kernels_are_one_replaceable_interface():
    """A backend that implements the element-wise methods drives the whole fast path."""
    calls = []

    class Counting(NumpyKernels):
        name = "counting"

        def bias_forward(self, f, z, b, out):
            calls.append("forward")
            super().bias_forward(f, z, b, out)

        def backward(self, f, z, a, delta, tmp):
            calls.append("backward")
            super().backward(f, z, a, delta, tmp)

        def output_delta(self, loss, f, z, a, y, delta, tmp):
            calls.append("output_delta")
            return super().output_delta(loss, f, z, a, y, delta, tmp)

    net, x, y = random_case([5, 7, 4, 3], "relu", "softmax", np.float64)
    loss, ws = get_loss("cross_entropy"), Workspace(net, len(x))
    value = backprop_into(net, x, y, loss, ws, Counting())
    assert calls == ["forward"] * 3 + ["output_delta"] + ["backward"] * 2
    assert value == pytest.approx(backprop(net, x, y, loss).loss, rel=1e-12)


def test_the_engines_are_named_and_others_are_refused():
    assert set(ENGINES) == {"auto", "numpy", "compiled"} and get_engine("numpy").name == "numpy"
    with pytest.raises(ConfigError, match="unknown engine 'numba': choose one of auto, numpy, compiled") as info:
        get_engine("numba")
    assert info.value.param == "engine"


@pytest.mark.parametrize("y_shape", [(9, 2), (9,), (3, 9)])
def test_targets_of_the_wrong_shape_are_named(y_shape):
    net, x, _ = random_case([4, 3], "tanh", "softmax", np.float64)
    for run in (lambda y: backprop(net, x, y, get_loss("quadratic")),
                lambda y: fast_backprop(net, x, y, get_loss("quadratic"))):
        with pytest.raises(ConfigError, match=r"targets y must have shape \(9, 3\)") as info:
            run(np.zeros(y_shape))
        assert info.value.param == "y"
