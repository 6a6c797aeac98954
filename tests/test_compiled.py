"""The compiled kernels (Numba) equal the NumPy engine's formulas to round-off.

Tolerances: float64 to 1e-12 relative; float32 to a few units of round-off (1e-6 relative to the
values' scale) for one step, 1e-5 for Adam (which divides small gradients by their own size).
"""

from __future__ import annotations

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.activations import ACTIVATIONS
from nnscratch.backprop import backprop
from nnscratch.losses import get_loss
from nnscratch.optim import SGD, Adam, ParamGroup

compiled = pytest.importorskip("nnscratch.compiled")
if not compiled.available():
    pytest.skip("numba is not installed (pip install 'nnscratch[fast]')", allow_module_level=True)

TOL = {np.float32: 2e-6, np.float64: 1e-12}


@pytest.fixture(scope="module")
def kernels():
    return compiled.CompiledKernels()


def close(a, b, dtype, scale=1.0):
    return np.abs(np.asarray(a) - np.asarray(b)).max() <= TOL[dtype] * max(scale, np.abs(b).max(), 1.0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_bias_forward_and_backward_equal_the_activation(kernels, name, dtype):
    f = ACTIVATIONS[name]
    rng = np.random.default_rng(0)
    z = (rng.normal(size=(9, 6)) * 4).astype(dtype)
    z[0, :3] = [0, 80, -80]  # the kink, and saturation
    b = rng.normal(size=6).astype(dtype)
    z1, a1 = z.copy(), np.empty_like(z)
    kernels.bias_forward(f, z1, b, a1)
    z2 = z + b
    a2 = np.empty_like(z)
    f.forward_into(z2, a2)
    assert np.array_equal(z1, z2) and close(a1, a2, dtype)
    delta = rng.normal(size=z.shape).astype(dtype)
    d1, d2 = delta.copy(), delta.copy()
    kernels.backward(f, z2, a2, d1, None)
    f.backward_into(z2, a2, d2, np.empty_like(d2))
    assert close(d1, d2, dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("loss_name,output", [("quadratic", "sigmoid"), ("quadratic", "identity"),
                                              ("quadratic", "softmax"), ("quadratic", "tanh"),
                                              ("cross_entropy", "softmax"), ("cross_entropy", "sigmoid")])
def test_output_delta_equals_the_loss(kernels, loss_name, output, dtype):
    loss, f = get_loss(loss_name), ACTIVATIONS[output]
    rng = np.random.default_rng(1)
    z = (rng.normal(size=(8, 5)) * 3).astype(dtype)
    a = np.empty_like(z)
    f.forward_into(z, a)
    y = np.eye(5, dtype=dtype)[rng.integers(0, 5, 8)]
    d1, d2 = np.empty_like(z), np.empty_like(z)
    e1 = kernels.output_delta(loss, f, z, a, y, d1, None)
    e2 = loss.value_and_delta(z, a, y, f, d2, np.empty_like(z))
    assert abs(e1 - e2) <= TOL[dtype] * max(1, abs(e2)) * 10
    assert close(d1, d2, dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gather_converts_and_scales_rows(dtype):
    k = compiled.kernels()
    x = np.random.default_rng(2).integers(0, 256, (20, 7)).astype(np.uint8)
    idx = np.array([3, 0, 19, 3], np.int64)
    out = np.empty((4, 7), dtype)
    k.gather(x, idx, out, dtype(1 / 255))
    assert close(out, x[idx].astype(dtype) * dtype(1 / 255), dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("kind", ["sgd", "momentum", "nesterov", "adam"])
def test_optimizer_updates_equal_optim(kind, dtype):
    k = compiled.kernels()
    rng = np.random.default_rng(3)
    p0 = rng.normal(size=50).astype(dtype)
    grads = [rng.normal(size=50).astype(dtype) for _ in range(5)]
    ref = p0.copy()
    opt = Adam(lr=0.01, weight_decay=1e-3) if kind == "adam" else SGD(
        lr=0.1, momentum=0.0 if kind == "sgd" else 0.9, nesterov=kind == "nesterov", weight_decay=1e-3)
    for g in grads:
        opt.step([ParamGroup([ref])], [g])
    p, m1, m2 = p0.copy(), np.zeros_like(p0), np.zeros_like(p0)
    for t, g in enumerate(grads, 1):
        if kind == "sgd":
            k.sgd(p, g, dtype(0.1), dtype(1e-3))
        elif kind == "adam":
            k.adam(p, g, m1, m2, dtype(0.01 / (1 - 0.9**t)), dtype(0.9), dtype(0.999), dtype(np.sqrt(1 - 0.999**t)),
                   dtype(1e-8), dtype(1e-3))
        else:
            k.momentum(p, g, m1, dtype(0.1), dtype(0.9), dtype(1e-3), kind == "nesterov")
    assert close(p, ref, dtype, scale=10)


ARCHS = [[12, 7, 4], [12, 7, 6, 4]]
PAIRS = [("sigmoid", "sigmoid", "quadratic"), ("tanh", "identity", "quadratic"),
         ("relu", "softmax", "cross_entropy"), ("leaky_relu", "sigmoid", "cross_entropy"),
         ("tanh", "softmax", "quadratic"), ("identity", "tanh", "quadratic")]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("sizes", ARCHS, ids=["one-hidden", "two-hidden"])
@pytest.mark.parametrize("hidden,output,loss_name", PAIRS)
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "adam"])
def test_compiled_steps_equal_reference_backprop_and_optimizer(hidden, output, loss_name, optimizer, sizes, dtype):
    """Six mini-batch steps (uint8 inputs, weight decay on theta, another rate for b) from the same state."""
    k = compiled.kernels()
    rng = np.random.default_rng(4)
    n, batch, steps = 40, 7, 6  # the last batch of an epoch is smaller: 40 = 5 x 7 + 5
    x = rng.integers(0, 256, (n, sizes[0])).astype(np.uint8)
    y = np.eye(sizes[-1], dtype=dtype)[rng.integers(0, sizes[-1], n)]
    net = nn.Network(sizes, hidden=hidden, output=output, init="xavier", rng=np.random.default_rng(5), dtype=dtype)
    ref = net.copy()
    lr, lr_b = (0.01, 0.02) if optimizer == "adam" else (0.05, 0.08)
    idx = rng.permutation(n).astype(np.int64)
    scale = dtype(1 / 255)

    groups = ref.parameter_groups()
    opt = Adam(lr=lr) if optimizer == "adam" else SGD(lr=lr, momentum=0.0 if optimizer == "sgd" else 0.9,
                                                      nesterov=optimizer == "nesterov")
    pg = [ParamGroup([groups["theta"]], weight_decay=1e-3, name="theta"),
          ParamGroup([groups["b"]], lr=lr_b, weight_decay=0.0, name="b")]
    total_ref = 0.0
    for s in range(steps):
        rows = idx[s * batch:(s + 1) * batch]
        g = backprop(ref, x[rows].astype(dtype) * scale, y[rows], get_loss(loss_name))
        total_ref += g.loss * len(rows)
        opt.step(pg, [np.concatenate([g.grad_theta[l].ravel() for l in ref.layers]),
                      np.concatenate([g.grad_b[l] for l in ref.layers])])

    p = net.parameter_groups()
    arr, offs, zsize = compiled.small_layout(net.sizes, batch)
    codes = np.array([0] + [compiled.CODES[net.f(l).name] for l in net.layers], np.int64)
    flat = [np.zeros(zsize, dtype) for _ in range(3)]
    state = [np.zeros_like(p["theta"]), np.zeros_like(p["theta"]), np.zeros_like(p["b"]), np.zeros_like(p["b"])]
    outputs = np.zeros_like(y)
    c = dtype
    total, done, bad, _ = k.small_steps(
        x, scale, y, idx, 0, steps, batch, arr, codes, 0.01, compiled.LOSS_CODES[loss_name],
        p["theta"], offs[0], p["b"], offs[1], np.zeros((batch, sizes[0]), dtype), *flat, offs[2], outputs,
        np.zeros_like(p["theta"]), np.zeros_like(p["b"]), compiled.OPTIMIZER_CODES[optimizer], c(lr), c(lr_b),
        c(1e-3), c(0), c(0.9), c(0.9), c(0.999), 0, c(1e-8), *state, np.ones(steps, dtype), 0.0, 1e3)
    assert (done, bad) == (steps, 0.0)
    assert abs(total - total_ref) <= 1e-5 * abs(total_ref)
    tol = TOL[dtype] * (20 if optimizer == "adam" else 4)
    assert np.abs(p["theta"] - groups["theta"]).max() <= tol * max(1, np.abs(groups["theta"]).max())
    assert np.abs(p["b"] - groups["b"]).max() <= tol * max(1, np.abs(groups["b"]).max())


def test_compiled_steps_stop_before_applying_a_diverging_step():
    k = compiled.kernels()
    net = nn.Network([3, 4, 2], hidden="relu", output="identity", rng=np.random.default_rng(0), dtype="float64")
    x = np.full((4, 3), 1e200)
    y = np.zeros((4, 2))
    p = net.parameter_groups()
    before = p["theta"].copy()
    arr, offs, zsize = compiled.small_layout(net.sizes, 2)
    flat = [np.zeros(zsize) for _ in range(3)]
    z0 = np.zeros_like(p["theta"])
    total, done, bad, _ = k.small_steps(
        x, 1.0, y, np.arange(4, dtype=np.int64), 0, 2, 2, arr, np.array([0, 3, 0], np.int64), 0.01, 0,
        p["theta"], offs[0], p["b"], offs[1], np.zeros((2, 3)), *flat, offs[2], np.zeros((4, 2)), z0.copy(),
        np.zeros_like(p["b"]), 0, 0.1, 0.1, 0.0, 0.0, 0.9, 0.9, 0.999, 0, 1e-8, z0.copy(), z0.copy(),
        np.zeros_like(p["b"]), np.zeros_like(p["b"]), np.ones(2), 0.0, 1e3)
    assert done == 0 and not np.isfinite(bad)
    assert np.array_equal(p["theta"], before)


def test_warm_marks_the_cache_and_is_keyed_to_this_install(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert not compiled.is_warm()
    marker = compiled._marker()
    assert str(marker).startswith(str(tmp_path)) and marker.name.startswith("ready-")
    marker.parent.mkdir(parents=True)
    marker.write_text("1\n")
    assert compiled.is_warm()
    assert compiled.cache_dir({"XDG_CACHE_HOME": "relative/dir"}).is_absolute()
