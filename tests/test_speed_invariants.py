"""The fast path computes the plain formulas' numbers (issue 5). No timings here.

The trainer writes into preallocated buffers (a Workspace per batch shape),
uses in-place kernels beside each activation and loss, and updates all
parameters as two flat arrays. These tests hold it to the lecture's formulas
written out plainly: one sample at a time, per layer, with the teaching pairs
f / f' of activations.py.
"""

import tracemalloc

import numpy as np
import pytest

import nnscratch as nn
from nnscratch import activations as act
from nnscratch.errors import ConfigError
from nnscratch.fastprop import Workspace
from nnscratch.fastprop import fast_backprop as backprop
from nnscratch.losses import get_loss
from nnscratch.network import Network
from nnscratch.optim import ParamGroup, lr_factor, make_optimizer
from nnscratch.presets import PRESETS
from nnscratch.train import TrainConfig, evaluate, fit

ELEMENTWISE = ["identity", "step", "sigmoid", "tanh", "relu", "leaky_relu"]
# (output activation, loss) pairs the engine trains
PAIRS = [("softmax", "cross_entropy"), ("sigmoid", "cross_entropy"), ("sigmoid", "quadratic"),
         ("softmax", "quadratic"), ("identity", "quadratic"), ("tanh", "quadratic")]


def random_net(sizes, hidden, output, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    net = Network(sizes, hidden, output, init="xavier", rng=rng, dtype=dtype)
    for l in net.layers:
        net.b[l][...] = rng.normal(0, 0.3, net.b[l].shape)  # non-zero biases, so b's gradient is tested too
    return net


def one_hot(labels, k):
    return np.eye(k)[labels]


# ---------------------------------------------------------------- kernels against the teaching pairs


@pytest.mark.parametrize("name", ELEMENTWISE + ["softmax"])
def test_in_place_kernels_equal_the_teaching_formulas(name):
    f = act.get_activation(name)
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, (7, 5))
    z[0, :3] = [-800.0, 800.0, 0.0]  # far tails (e^-z overflows) and the kink
    g = rng.standard_normal(z.shape)
    a = np.empty_like(z)
    with np.errstate(over="raise", invalid="raise"):
        f.forward_into(z, a)
    np.testing.assert_allclose(a, f.f(z), rtol=1e-15, atol=1e-300)
    delta, tmp = g.copy(), np.empty_like(z)
    f.backward_into(z, a, delta, tmp)
    np.testing.assert_allclose(delta, f.backward(z, f.f(z), g), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize("output, loss_name", PAIRS)
def test_fused_loss_equals_value_and_delta(output, loss_name):
    rng = np.random.default_rng(2)
    f, loss = act.get_activation(output), get_loss(loss_name)
    z = rng.normal(0, 4, (9, 4))
    a = f.f(z)
    y = one_hot(rng.integers(0, 4, 9), 4)
    delta, tmp = np.empty_like(z), np.empty_like(z)
    value = loss.value_and_delta(z, a, y, f, delta, tmp)
    assert value == pytest.approx(loss.value(z, a, y, f), rel=1e-13)
    np.testing.assert_allclose(delta, loss.delta(z, a, y, f), rtol=1e-13, atol=1e-300)


# ---------------------------------------------------------------- backprop against a per-sample loop


def per_sample_gradients(net, x, y, loss):
    """The lecture's four formulas for one sample at a time, with f and f' of the teaching pairs, averaged."""
    L = net.L
    grad_theta = {l: np.zeros_like(net.theta[l]) for l in net.layers}
    grad_b = {l: np.zeros_like(net.b[l]) for l in net.layers}
    for xi, yi in zip(x, y, strict=False):
        z, a = {}, {1: xi[None, :]}
        for l in net.layers:
            z[l] = a[l - 1] @ net.theta[l].T + net.b[l]          # z(l) = theta(l) a(l-1) + b(l)
            a[l] = net.f(l).f(z[l])                              # a(l) = f(z(l))
        delta = loss.delta(z[L], a[L], yi[None, :], net.f(L))    # delta(L)
        for l in range(L, 1, -1):
            grad_theta[l] += delta.T @ a[l - 1]                  # delta(l) a(l-1)^T
            grad_b[l] += delta[0]                                # delta(l)
            if l > 2:
                delta = net.f(l - 1).backward(z[l - 1], a[l - 1], delta @ net.theta[l])
    m = len(x)
    return [g / m for l in net.layers for g in (grad_theta[l], grad_b[l])]


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu", "identity"])
@pytest.mark.parametrize("output, loss_name", PAIRS)
def test_backprop_equals_the_per_sample_loop_in_float64(hidden, output, loss_name):
    net = random_net([6, 5, 4, 3], hidden, output, seed=3)
    rng = np.random.default_rng(4)
    x, y = rng.standard_normal((11, 6)), one_hot(rng.integers(0, 3, 11), 3)
    loss = get_loss(loss_name)
    fast = backprop(net, x, y, loss, Workspace(net, 11)).as_list()
    for got, want in zip(fast, per_sample_gradients(net, x, y, loss), strict=False):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


def test_workspace_results_equal_a_fresh_backprop_bit_for_bit():
    net = random_net([8, 7, 6, 4], "relu", "softmax", seed=5)
    rng = np.random.default_rng(6)
    loss, ws = get_loss("cross_entropy"), Workspace(net, 5)
    for _ in range(3):  # reused buffers hold nothing over from the previous batch
        x, y = rng.standard_normal((5, 8)), one_hot(rng.integers(0, 4, 5), 4)
        fast, fresh = backprop(net, x, y, loss, ws), backprop(net, x, y, loss)
        assert fast.loss == fresh.loss
        for got, want in zip(fast.as_list() + fast.delta[2:], fresh.as_list() + fresh.delta[2:], strict=False):
            np.testing.assert_array_equal(got, want)


def test_workspace_of_another_shape_is_refused():
    net = random_net([3, 2, 2], "tanh", "softmax", seed=0)
    with pytest.raises(ConfigError, match="workspace is for batches of 4"):
        backprop(net, np.zeros((5, 3)), np.zeros((5, 2)), get_loss("quadratic"), Workspace(net, 4))


# ---------------------------------------------------------------- the trainer against plain steps


@pytest.mark.parametrize("optimizer, lr, weight_decay, schedule", [
    ("sgd", 0.5, 0.0, "constant"),
    ("momentum", 0.1, 0.0, "cosine"),
    ("nesterov", 0.1, 1e-3, "step"),
    ("adam", 0.01, 1e-3, "cosine"),
])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fit_equals_plain_steps_bit_for_bit(optimizer, lr, weight_decay, schedule, dtype):
    """fit() (flat parameter groups, workspaces, uint8 gathered and scaled in place) against the
    teaching API step by step: backprop -> Gradients.as_list() -> optimizer.step per layer, with
    the weights and the biases in two parameter groups (weight decay on theta only)."""
    rng = np.random.default_rng(7)
    x = rng.integers(0, 256, (50, 12), dtype=np.uint8)  # 50 = 3 batches of 16 and one of 2
    y = x[:, :3].argmax(axis=1)  # learnable, so the run passes the trainer's divergence rule
    net = random_net([12, 9, 7, 3], "relu", "softmax", seed=8, dtype=dtype)
    plain = net.copy()
    config = TrainConfig(epochs=2, batch_size=16, optimizer=optimizer, lr=lr, weight_decay=weight_decay,
                         schedule=schedule, seed=9)
    fit(net, x, y, "cross_entropy", config, x_scale=1 / 255)

    loss, opt = get_loss("cross_entropy"), make_optimizer(optimizer, lr, config.momentum, weight_decay)
    order_rng, steps, scale = np.random.default_rng(9), 4, plain.dtype.type(1 / 255)
    for epoch in range(2):
        order = order_rng.permutation(50)
        for step in range(steps):
            idx = order[step * 16:(step + 1) * 16]
            grads = backprop(plain, x[idx].astype(plain.dtype) * scale, one_hot(y[idx], 3), loss)
            step_lr = lr * lr_factor(schedule, (epoch * steps + step) / (2 * steps))
            groups = [ParamGroup([plain.theta[l] for l in plain.layers]),
                      ParamGroup([plain.b[l] for l in plain.layers], weight_decay=0.0)]
            as_list = grads.as_list()
            opt.step(groups, as_list[0::2] + as_list[1::2], step_lr)
    for got, want in zip(net.parameters(), plain.parameters(), strict=False):
        np.testing.assert_array_equal(got, want)


def test_replaced_parameter_arrays_are_still_trained():
    net = random_net([4, 3, 2], "tanh", "softmax", seed=10)
    mine = np.full((3, 4), 0.1)
    net.theta[2] = mine  # a new array, outside the network's flat buffer
    x, y = np.random.default_rng(11).standard_normal((8, 4)), np.arange(8) % 2
    fit(net, x, y, "cross_entropy", TrainConfig(epochs=3, batch_size=4, lr=0.5))
    assert not np.allclose(net.theta[2], 0.1)          # trained
    np.testing.assert_array_equal(mine, 0.1)            # the caller's array was copied, not written
    assert np.shares_memory(net.theta[2], net.parameter_groups()["theta"])


def test_copied_and_unpickled_networks_train_like_the_original():
    import copy
    import pickle

    net = random_net([4, 3, 2], "tanh", "softmax", seed=15)
    x, y = np.random.default_rng(16).standard_normal((8, 4)), np.arange(8) % 2
    config = TrainConfig(epochs=2, batch_size=4, lr=0.5)
    copies = [copy.deepcopy(net), pickle.loads(pickle.dumps(net)), net.copy()]
    fit(net, x, y, "cross_entropy", config)
    for other in copies:
        fit(other, x, y, "cross_entropy", config)
        for got, want in zip(other.parameters(), net.parameters(), strict=False):
            np.testing.assert_array_equal(got, want)


def test_evaluate_in_batches_equals_one_pass():
    net = random_net([5, 4, 3], "relu", "softmax", seed=12)
    rng = np.random.default_rng(13)
    x, y = rng.integers(0, 256, (23, 5), dtype=np.uint8), rng.integers(0, 3, 23)
    whole = evaluate(net, x, y, "cross_entropy", x_scale=1 / 255, batch_size=1000)
    pieces = evaluate(net, x, y, "cross_entropy", x_scale=1 / 255, batch_size=5)
    assert pieces["accuracy"] == whole["accuracy"]
    assert pieces["loss"] == pytest.approx(whole["loss"], rel=1e-12)
    cache = net.forward(x / 255)
    assert whole["accuracy"] == np.mean(cache.a[net.L].argmax(axis=1) == y)


@pytest.mark.parametrize("dropout, input_dropout", [(0.0, 0.0), (0.2, 0.0), (0.5, 0.2)])
def test_a_training_step_allocates_no_large_arrays(dropout, input_dropout):
    """After the first steps, memory stays flat and no step allocates an array the size of a layer.

    (NumPy's ufunc machinery may allocate its own small buffers, at most 8192 elements per
    operand; the layers here are large enough to tell those from a (m, n_l) temporary.)
    """
    rng = np.random.default_rng(14)
    m = 256
    x, y = rng.integers(0, 256, (m * 12, 300), dtype=np.uint8), rng.integers(0, 10, m * 12)
    net = Network([300, 256, 128, 10], "relu", "softmax", init="he", rng=rng, dtype=np.float32)
    half_a_layer = m * 256 * 4 // 2  # bytes: half of z(2), a(2) or delta(2)

    class Probe(nn.Callback):
        def __init__(self):
            self.current, self.transient = [], []

        def on_batch_end(self, step, steps, loss):
            current, peak = tracemalloc.get_traced_memory()
            self.current.append(current)
            self.transient.append(peak - current)
            tracemalloc.reset_peak()

    probe = Probe()
    tracemalloc.start()
    try:
        fit(net, x, y, "cross_entropy", TrainConfig(epochs=1, batch_size=m, optimizer="momentum", lr=0.05,
                                                    dropout=dropout, input_dropout=input_dropout),
            x_scale=1 / 255, callback=probe)
    finally:
        tracemalloc.stop()
    settled = probe.current[3:]
    assert max(settled) - min(settled) < 4096, "memory grows from step to step"
    assert max(probe.transient[3:]) < half_a_layer, "a step allocates a layer-sized temporary"


# ---------------------------------------------------------------- presets


@pytest.mark.parametrize("name", ["default", "lecture", "best"])
def test_presets_are_complete_and_build(name):
    keys = {"layers", "hidden", "output", "loss", "init", "optimizer", "lr", "momentum", "batch_size", "epochs",
            "schedule", "weight_decay"}
    preset = PRESETS[name]
    assert keys <= set(preset)
    Network(preset["layers"], preset["hidden"], preset["output"], init=preset["init"], rng=np.random.default_rng(0))
    TrainConfig(epochs=preset["epochs"], batch_size=preset["batch_size"], optimizer=preset["optimizer"],
                lr=preset["lr"], momentum=preset["momentum"], weight_decay=preset["weight_decay"],
                schedule=preset["schedule"])
    get_loss(preset["loss"]).check_output(preset["output"])
