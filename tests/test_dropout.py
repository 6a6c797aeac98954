"""Inverted dropout in the engine (issue 16): a(l) = f(z(l)) * mask(l) / (1 - p) in training only."""

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.activations import HIDDEN_ACTIVATIONS
from nnscratch.backprop import Dropout, backprop, forward
from nnscratch.errors import ConfigError
from nnscratch.fastprop import Workspace, drop_inputs, fast_backprop
from nnscratch.gradcheck import numerical_gradient, relative_error
from nnscratch.losses import get_loss
from nnscratch.network import Network
from nnscratch.train import TrainConfig, Trainer, fit

PAIRS = [("softmax", "cross_entropy"), ("sigmoid", "quadratic"), ("identity", "quadratic")]


def case(hidden, output, dtype=np.float64, sizes=(5, 7, 6, 3), m=8, p=0.4, seed=0):
    rng = np.random.default_rng(seed)
    net = Network(list(sizes), hidden, output, init="xavier", rng=rng, dtype=dtype)
    for l in net.layers:
        net.b[l][...] = rng.normal(0, 0.3, net.b[l].shape)
    x = rng.standard_normal((m, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], m)]
    return net, x, y, Dropout.draw(net, m, p, rng)


def test_masks_are_zero_one_on_hidden_layers_only_and_keep_about_1_minus_p():
    net, _, _, drop = case("relu", "softmax", m=4000, p=0.3)
    assert drop.mask[0] is None and drop.mask[1] is None and drop.mask[net.L] is None
    for l in range(2, net.L):
        assert set(np.unique(drop.mask[l])) <= {0.0, 1.0}
        assert drop.mask[l].mean() == pytest.approx(0.7, abs=0.02)


def test_the_reference_forward_is_the_lecture_formula():
    net, x, _, drop = case("tanh", "softmax")
    cache = forward(net, x, drop)
    z2 = x @ net.theta[2].T + net.b[2]
    np.testing.assert_allclose(cache.a[2], np.tanh(z2) * drop.mask[2] / (1 - 0.4), rtol=1e-14)
    plain = forward(net, x)
    np.testing.assert_allclose(plain.a[2], np.tanh(z2), rtol=1e-14)


@pytest.mark.parametrize("output, loss_name", PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_backprop_with_a_fixed_mask_matches_finite_differences(hidden, output, loss_name):
    if hidden == "step":
        pytest.skip("step's derivative is 0 almost everywhere and its jump breaks finite differences")
    net, x, y, drop = case(hidden, output, sizes=(4, 5, 4, 3), m=5)
    loss = get_loss(loss_name)
    grads = backprop(net, x, y, loss, dropout=drop).as_list()

    def cost():
        cache = forward(net, x, drop)
        return loss.value(cache.z[net.L], cache.a[net.L], y, net.f(net.L))

    for g, p in zip(grads, net.parameters(), strict=False):
        assert relative_error(g, numerical_gradient(cost, p, 1e-6)) < 1e-6


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("output, loss_name", PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_the_fast_path_equals_the_reference_with_the_same_mask(hidden, output, loss_name, dtype):
    net, x, y, drop = case(hidden, output, dtype=dtype)
    loss = get_loss(loss_name)
    ref = backprop(net, x, y, loss, dropout=drop)
    ws = Workspace(net, len(x), dropout=True)
    fast = fast_backprop(net, x, y, loss, ws, dropout=drop)
    tol = dict(rtol=1e-12, atol=1e-14) if dtype == np.float64 else dict(rtol=1e-4, atol=1e-6)
    assert fast.loss == pytest.approx(ref.loss, rel=tol["rtol"], abs=tol["atol"])
    for l in net.layers:
        np.testing.assert_allclose(ws.dropped[l] if ws.dropped[l] is not None else fast.cache.a[l], ref.cache.a[l],
                                   **tol)
        np.testing.assert_allclose(fast.delta[l], ref.delta[l], **tol)
        np.testing.assert_allclose(fast.grad_theta[l], ref.grad_theta[l], **tol)
        np.testing.assert_allclose(fast.grad_b[l], ref.grad_b[l], **tol)


def test_the_trainer_draws_the_masks_that_dropout_draw_would():
    net, _, _, _ = case("relu", "softmax", m=6)
    ws = Workspace(net, 6, dropout=True)
    ws.draw_dropout(0.25, np.random.default_rng(9))
    drop = Dropout.draw(net, 6, 0.25, np.random.default_rng(9))
    for l in range(2, net.L):
        np.testing.assert_array_equal(ws.keep[l], drop.mask[l] / 0.75)


def test_dropout_is_off_in_evaluation_and_prediction_and_zero_changes_nothing():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    make = lambda: Network([2, 16, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(1))  # noqa: E731
    net = make()
    history = fit(net, x, y, "cross_entropy", TrainConfig(epochs=60, batch_size=20, optimizer="adam", lr=0.02,
                                                         dropout=0.2))
    assert history.epochs[-1]["train_loss"] < history.epochs[0]["train_loss"]
    np.testing.assert_array_equal(net.predict_proba(x), net.predict_proba(x))  # no mask: deterministic
    assert nn.evaluate(net, x, y, "cross_entropy")["accuracy"] > 0.85
    a, b = make(), make()
    fit(a, x, y, "cross_entropy", TrainConfig(epochs=2, batch_size=20, seed=3))
    fit(b, x, y, "cross_entropy", TrainConfig(epochs=2, batch_size=20, seed=3, dropout=0.0))
    for p, q in zip(a.parameters(), b.parameters(), strict=False):
        np.testing.assert_array_equal(p, q)
    assert not hasattr(net, "dropout")  # the network (what a model file saves) carries no dropout


def assert_one_step_is_reference_gd(net, x, config, x_seen, drop=None):
    """One full-batch Trainer step (lr 0.5) on x equals theta - 0.5 * reference backprop of x_seen, the batch in the
    trainer's order (seed 4) as the network saw it, with the hidden masks ``drop``."""
    labels = np.arange(len(x)) % 3
    before = net.copy()
    trainer = Trainer(net, x, labels, "cross_entropy", config)
    order = np.random.default_rng(4).permutation(len(x))
    grads = backprop(before, x_seen(x[order]), np.eye(3)[labels[order]], get_loss("cross_entropy"), dropout=drop)
    trainer.step()
    for l in net.layers:
        np.testing.assert_allclose(net.theta[l], before.theta[l] - 0.5 * grads.grad_theta[l], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(net.b[l], before.b[l] - 0.5 * grads.grad_b[l], rtol=1e-12, atol=1e-14)


def test_a_dropout_step_equals_reference_backprop_and_sgd_with_its_mask():
    net, x, _, _ = case("sigmoid", "softmax", m=8)
    drop = Dropout.draw(net, 8, 0.5, np.random.default_rng([4, 1]))
    config = TrainConfig(epochs=1, batch_size=8, optimizer="gd", lr=0.5, dropout=0.5, seed=4)
    assert_one_step_is_reference_gd(net, x, config, lambda rows: rows, drop)


@pytest.mark.parametrize("bad", [1.0, -0.1, "half", True, float("nan")])
def test_bad_dropout_is_named(bad):
    with pytest.raises(ConfigError, match="dropout must be a probability p in \\[0, 1\\)") as info:
        TrainConfig(dropout=bad)
    assert info.value.param == "dropout"


def test_input_dropout_is_inverted_dropout_of_a1_in_place():
    rng = np.random.default_rng(5)
    x = rng.random((4000, 30)).astype(np.float32) + 0.5
    original = x.copy()
    keep = np.empty_like(x)
    drop_inputs(x, 0.2, np.random.default_rng(6), keep)
    kept = x != 0
    assert kept.mean() == pytest.approx(0.8, abs=0.01)
    np.testing.assert_allclose(x[kept], original[kept] / np.float32(0.8), rtol=1e-6)
    np.testing.assert_array_equal(keep, np.where(kept, np.float32(1 / 0.8), 0))
    again = original.copy()
    drop_inputs(again, 0.2, np.random.default_rng(6), np.empty_like(x))
    np.testing.assert_array_equal(again, x)  # the same seed draws the same mask


def test_an_input_dropout_step_is_reference_backprop_of_the_dropped_inputs():
    net, x, _, _ = case("tanh", "softmax", m=8)

    def dropped(rows):
        rows = rows.copy()
        drop_inputs(rows, 0.3, np.random.default_rng([4, 3]), np.empty_like(rows))
        assert (rows == 0).any() and (rows != 0).any()
        return rows

    config = TrainConfig(epochs=1, batch_size=8, optimizer="gd", lr=0.5, input_dropout=0.3, seed=4)
    assert_one_step_is_reference_gd(net, x, config, dropped)


def test_input_dropout_trains_and_leaves_the_data_and_prediction_alone():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    x_before = x.copy()
    net = Network([2, 16, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(1))
    fit(net, x, y, "cross_entropy", TrainConfig(epochs=40, batch_size=20, optimizer="adam", lr=0.02,
                                                input_dropout=0.1))
    np.testing.assert_array_equal(x, x_before)  # the masks fall on the batch's copy, never on the user's array
    np.testing.assert_array_equal(net.predict_proba(x), net.predict_proba(x))
    assert nn.evaluate(net, x, y, "cross_entropy")["accuracy"] > 0.8


@pytest.mark.parametrize("bad", [1.0, -0.1, "half", True, float("nan")])
def test_bad_input_dropout_is_named(bad):
    with pytest.raises(ConfigError, match="input_dropout must be a probability p in \\[0, 1\\)") as info:
        TrainConfig(input_dropout=bad)
    assert info.value.param == "input_dropout"
    assert "输入层" in info.value.message("zh")


@pytest.mark.parametrize("flag", ["--dropout", "--input-dropout"])
def test_the_cli_refuses_a_dropout_rate_outside_0_1_in_one_line(capsys, flag):
    from cli_helpers import assert_one_line_error

    assert_one_line_error(capsys, "train", flag, "1.5", text=f"argument {flag}: must be in [0, 1), got '1.5'")
    assert_one_line_error(capsys, "--lang", "zh", "train", flag, "abc", text=f"参数 {flag}：'abc' 不是数")
