"""The stepwise Trainer: its API, fit() as its driver, the one divergence rule, lr_bias, default_init."""

import json

import numpy as np
import pytest

import nnscratch as nn
from cli_helpers import assert_one_line_error, run_cli
from nnscratch.errors import ConfigError, DivergenceError
from nnscratch.losses import get_loss
from nnscratch.network import Network, default_init
from nnscratch.train import TrainConfig, Trainer, baseline_loss, fit

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])


def blobs(n=60, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3))
    return x, (x[:, 0] + x[:, 1] > 0).astype(int)


def small_net(seed=1, dtype=np.float64):
    return Network([3, 5, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(seed), dtype=dtype)


# ---------------------------------------------------------------- the API


def test_step_run_epoch_and_fit_drive_the_same_run_bit_for_bit():
    x, y = blobs()
    config = TrainConfig(epochs=3, batch_size=16, optimizer="nesterov", lr=0.1, schedule="cosine", seed=4)
    by_fit, by_step, by_epoch = small_net(), small_net(), small_net()
    history = fit(by_fit, x, y, "cross_entropy", config)

    stepper = Trainer(by_step, x, y, "cross_entropy", config)
    assert stepper.steps_per_epoch == 4 and stepper.epoch == 0 and not stepper.done
    losses = [stepper.step() for _ in range(3 * 4)]
    assert stepper.done and stepper.epoch == 3 and all(np.isfinite(losses))

    epochs = Trainer(by_epoch, x, y, "cross_entropy", config)
    records = [epochs.run_epoch() for _ in range(3)]
    assert records == epochs.history.epochs and [r["epoch"] for r in records] == [1, 2, 3]

    for net in (by_step, by_epoch):
        for p, q in zip(net.parameters(), by_fit.parameters(), strict=False):
            np.testing.assert_array_equal(p, q)
    assert [r["train_loss"] for r in stepper.history.epochs] == [r["train_loss"] for r in history.epochs]
    assert history.best_epoch == stepper.best_epoch


def test_step_returns_the_batch_loss_before_the_update():
    x, y = blobs(8)
    net = small_net()
    before = nn.backprop(net.copy(), x, np.eye(2)[y], get_loss("cross_entropy")).loss
    trainer = Trainer(net, x, y, "cross_entropy", TrainConfig(epochs=1, optimizer="gd", lr=0.1))
    assert trainer.step() == pytest.approx(before, rel=1e-12)


def test_a_finished_trainer_refuses_more_steps():
    x, y = blobs(8)
    trainer = Trainer(small_net(), x, y, "cross_entropy", TrainConfig(epochs=1, batch_size=8))
    trainer.fit()
    with pytest.raises(ConfigError, match="finished after 1 epochs"):
        trainer.step()
    with pytest.raises(ConfigError, match="finished"):
        trainer.run_epoch()


@pytest.mark.parametrize("kwargs, message, param", [
    ({"config": {"epochs": 1}}, "config must be a TrainConfig", "config"),
    ({"x_scale": 0}, "x_scale must be a positive finite number", "x_scale"),
    ({"x_scale": float("nan")}, "x_scale must be a positive finite number", "x_scale"),
    ({"validation": (np.zeros((3, 4)), np.zeros(3, int))}, "validation: inputs must have shape", "validation"),
    ({"validation": (np.zeros((3, 3)), np.zeros(2, int))}, "3 inputs but 2 targets", "validation"),
])
def test_bad_trainer_arguments_are_named(kwargs, message, param):
    x, y = blobs(8)
    args = {"config": TrainConfig(epochs=1), **kwargs}
    config = args.pop("config")
    with pytest.raises(ConfigError, match=message) as info:
        Trainer(small_net(), x, y, "cross_entropy", config, **args)
    assert info.value.param == param


def test_targets_of_the_wrong_width_are_named():
    with pytest.raises(ConfigError, match=r"targets must be labels \(m,\) or rows \(m, 2\).*\(8, 3\)"):
        Trainer(small_net(), blobs(8)[0], np.zeros((8, 3)), "quadratic", TrainConfig(epochs=1))


# ---------------------------------------------------------------- one divergence rule


def test_an_exploding_loss_keeps_the_parameters_of_the_last_finite_epoch():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((64, 3)) * 10, rng.standard_normal((64, 1)) * 10
    net = Network([3, 16, 1], "relu", "identity", init="he", rng=rng, dtype=np.float64)
    ends = []

    class Keep(nn.Callback):
        def on_epoch_end(self, record):
            ends.append([p.copy() for p in net.parameters()])

    with pytest.raises(DivergenceError) as info:
        fit(net, x, y, "quadratic", TrainConfig(epochs=50, batch_size=8, lr=0.02), callback=Keep())
    err = info.value
    assert err.key == "core.err.diverged" and err.param == "lr" and err.values["lr"] == 0.02
    assert err.epoch == len(ends) + 1 and (not np.isfinite(err.loss) or err.loss > 1e3)
    assert f"epoch {err.epoch}" in str(err) and "0.02" in str(err) and "学习率" in err.message("zh")
    want = ends[-1] if ends else None
    if want is not None:
        for p, q in zip(net.parameters(), want, strict=False):
            np.testing.assert_array_equal(p, q)


def test_xor_with_adam_at_lr_100_never_learns_and_is_refused():
    """issue 11 item 9: `train --dataset xor --optimizer adam --lr 100` ended at loss 68.7 and was saved."""
    net = Network([2, 4, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(0), dtype=np.float32)
    config = TrainConfig(epochs=1000, batch_size=4, optimizer="adam", lr=100.0, seed=0)
    with pytest.raises(DivergenceError) as info:
        fit(net, XOR_X, XOR_Y, "cross_entropy", config)
    err = info.value
    assert err.key == "core.err.stuck" and err.epoch == 1000 and err.loss > 1 and err.values["lr"] == 100
    assert "learning rate 100" in str(err) and "after 1000 epochs" in str(err)
    assert all(np.all(np.isfinite(p)) for p in net.parameters())


def test_saturated_sigmoid_network_that_sits_at_chance_is_refused():
    """The shape of `train --preset lecture --lr 1e6`: every sigmoid saturates, the loss never moves."""
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (300, 20))
    y = (x @ rng.standard_normal((20, 10))).argmax(axis=1)
    net = Network([20, 30, 10], "sigmoid", "sigmoid", init="normal", rng=rng, dtype=np.float32)
    with pytest.raises(DivergenceError, match="did not learn.*learning rate 1e\\+06") as info:
        fit(net, x, y, "quadratic", TrainConfig(epochs=5, batch_size=10, lr=1e6))
    assert info.value.values["baseline"] < info.value.loss


def test_xor_without_a_hidden_layer_finishes_normally():
    """The lecture's teaching point: 2-2 stays at ln 2, no better than guessing, and that is the lesson."""
    net = Network([2, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(0), dtype=np.float32)
    history = fit(net, XOR_X, XOR_Y, "cross_entropy", TrainConfig(epochs=1000, batch_size=4, optimizer="gd", lr=1.0))
    assert history.epochs[-1]["train_loss"] == pytest.approx(np.log(2), abs=1e-3)


def test_a_short_or_caller_stopped_run_is_not_judged():
    x, y = blobs(8)
    fit(small_net(), x, np.zeros(8, int), "cross_entropy", TrainConfig(epochs=3, batch_size=8, lr=1e-9))


def test_baseline_is_the_loss_of_always_predicting_the_class_frequencies():
    y = np.eye(3)[[0, 0, 1, 2]]
    assert baseline_loss(get_loss("cross_entropy"), "softmax", y) == pytest.approx(
        -(0.5 * np.log(0.5) + 2 * 0.25 * np.log(0.25)))
    assert baseline_loss(get_loss("quadratic"), "sigmoid", y) == pytest.approx(0.5 * (0.25 + 2 * 0.1875))
    y1 = np.array([[1.0], [0.0], [0.0], [0.0]])
    assert baseline_loss(get_loss("cross_entropy"), "sigmoid", y1) == pytest.approx(
        -(0.25 * np.log(0.25) + 0.75 * np.log(0.75)))


# ---------------------------------------------------------------- one initialisation rule, lr_bias


@pytest.mark.parametrize("hidden, init", [("relu", "he"), ("leaky-relu", "he"), ("leaky_relu", "he"),
                                          ("tanh", "xavier"), ("sigmoid", "xavier"), ("identity", "xavier")])
def test_default_init_is_he_for_the_relu_family_and_xavier_otherwise(hidden, init):
    assert default_init(hidden) == init


def test_default_init_names_an_unknown_activation():
    with pytest.raises(ConfigError, match="unknown activation 'swish'"):
        default_init("swish")


def test_lr_bias_alone_changes_only_the_biases_rate():
    x, y = blobs()
    same, other = small_net(), small_net()
    fit(same, x, y, "cross_entropy", TrainConfig(epochs=2, batch_size=16, lr=0.1, seed=1))
    fit(other, x, y, "cross_entropy", TrainConfig(epochs=2, batch_size=16, lr=0.1, lr_bias=0.1, seed=1))
    for p, q in zip(same.parameters(), other.parameters(), strict=False):
        np.testing.assert_array_equal(p, q)  # lr_bias equal to lr is the default run, bit for bit
    frozen = small_net()
    b_before = [frozen.b[l].copy() for l in frozen.layers]
    fit(frozen, x, y, "cross_entropy", TrainConfig(epochs=2, batch_size=16, lr=0.1, lr_bias=1e-300, seed=1))
    for l, b in zip(frozen.layers, b_before, strict=False):
        np.testing.assert_allclose(frozen.b[l], b, atol=1e-290)
        assert not np.array_equal(frozen.theta[l], small_net().theta[l])


def test_bad_lr_bias_is_named_by_its_parameter():
    with pytest.raises(ConfigError, match="learning rate must be a positive number, got -1") as info:
        TrainConfig(lr_bias=-1)
    assert info.value.param == "lr_bias"


def test_cli_lr_bias_reaches_the_training_config(capsys, tmp_path):
    out = tmp_path / "xor.npz"
    code, stdout, _ = run_cli(capsys, "train", "--dataset", "xor", "--lr-bias", "0.5", "--epochs", "300",
                              "--json", "--out", out)
    assert code == 0
    report = json.loads(stdout)
    assert report["config"]["train"]["lr_bias"] == 0.5 and report["config"]["train"]["lr"] == 1.0
    assert_one_line_error(capsys, "train", "--dataset", "xor", "--lr-bias", "0", "--out", out, text="--lr-bias")


def test_cli_train_refuses_a_run_that_never_learns(capsys, tmp_path):
    out = tmp_path / "xor.npz"
    err = assert_one_line_error(capsys, "train", "--dataset", "xor", "--optimizer", "adam", "--lr", "100",
                                "--out", out, text="learning rate 100")
    assert not out.exists(), err


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")
def test_early_stopping_with_a_validation_loss_that_is_never_finite_does_not_crash():
    x, y = blobs()
    x_val = np.full((4, 3), 1e30)  # overflows to inf in the validation loss, not in training
    net = Network([3, 5, 2], "identity", "identity", init="xavier", rng=np.random.default_rng(0), dtype=np.float32)
    history = fit(net, x, np.eye(2)[y], "quadratic", TrainConfig(epochs=10, batch_size=16, lr=0.01, patience=2),
                  validation=(x_val, np.zeros((4, 2))))
    assert history.stopped_early and len(history.epochs) == 2 and history.best_epoch is None
