"""The experiments that follow the lecture: each runs, its numbers say what the lecture predicts
(asserted loosely), its figure draws, and the command prints text or JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nnscratch.cli import main
from nnscratch.errors import ConfigError
from nnscratch.experiments import EXPERIMENTS, plot_experiment, public, run_experiment, summarize
from nnscratch.experiments.conv import ConvNet, train
from nnscratch.experiments.weight_sharing import parameter_counts


@pytest.fixture(scope="module")
def mnist(mnist_dir):
    from nnscratch.data import load_dataset

    return load_dataset("mnist", mnist_dir)


def drawn(result, lang="en"):
    fig = plot_experiment(result, lang)
    assert fig.axes, "no axes drawn"
    return fig


@pytest.fixture(scope="module")
def slowdown():
    return run_experiment("slowdown")


def test_slowdown_cross_entropy_reaches_90_percent_at_least_3x_sooner(slowdown):
    q = slowdown["runs"]["quadratic"]["epochs_to_90"]
    c = slowdown["runs"]["cross_entropy"]["epochs_to_90"]
    assert c is not None and c <= 3
    assert q is None or q >= 3 * c
    # the reason, in numbers: at the saturated start f'(z(L)) ~ 0, so the quadratic delta(L) is tiny
    start = slowdown["start"]
    assert start["fprime_z_L"] < 0.01 and start["delta_quadratic"] < 0.01 < 0.9 < start["delta_cross_entropy"]
    text = summarize(slowdown, "zh")
    assert "二次代价函数" in text and "交叉熵" in text and "f'(z)" in text
    drawn(slowdown, "zh")


def test_init_shows_saturation_and_vanishing_or_exploding_gradients(mnist):
    result = run_experiment("init", data=mnist, n_train=400, n_validation=500, epochs=2)
    find = {(r["hidden"], r["init"]): r for r in result["runs"]}
    assert len(find) == 6
    # N(0, 1) saturates the first sigmoid layer (784 inputs); Xavier does not
    assert find["sigmoid", "normal"]["saturated"][0] > 0.3
    assert find["sigmoid", "xavier"]["saturated"][0] < 0.05
    # vanishing: with sigmoid, the first layer's gradient is much smaller than the last layer's
    g = find["sigmoid", "xavier"]["grad_norm"]
    assert g[0] < 0.1 * g[-1]
    # with ReLU and He it does not vanish; with ReLU and N(0, 1) it explodes
    g_he, g_normal = find["relu", "he"]["grad_norm"], find["relu", "normal"]["grad_norm"]
    assert g_he[0] > 0.3 * g_he[-1]
    assert min(g_normal) > 100 * max(g_he)
    assert find["relu", "he"]["validation_accuracy"][-1] > 0.5
    json.dumps(public(result), allow_nan=False)
    drawn(result)
    assert "Xavier" in summarize(result, "en")


def test_overfit_gap_and_what_closes_it(mnist):
    result = run_experiment("overfit", data=mnist, n_train=300, n_validation=500, epochs=30, patience=5)
    runs = result["runs"]
    assert runs["none"]["train_accuracy"] > 0.97
    assert runs["none"]["gap"] > 0.1                     # overfitting
    assert runs["l2"]["gap"] < runs["none"]["gap"]       # weight decay narrows it
    assert runs["early_stopping"]["stopped_early"] and runs["early_stopping"]["epochs_run"] < 30
    assert "dropout" in runs                             # inverted dropout in the hidden layer narrows it too
    assert runs["dropout"]["gap"] < runs["none"]["gap"]
    drawn(result, "zh")


@pytest.mark.slow
def test_overfit_on_the_issues_1000_images(mnist):
    result = run_experiment("overfit", data=mnist)
    runs = result["runs"]
    assert result["n_train"] == 1000
    assert runs["none"]["gap"] > 0.1
    assert runs["l2"]["validation_accuracy"] > runs["none"]["validation_accuracy"]
    assert runs["dropout"]["validation_accuracy"] > runs["none"]["validation_accuracy"]


def test_hidden_units_top_images_match_the_weight_images(mnist):
    result = run_experiment("hidden-units", data=mnist, n_train=2000, n_test=500, epochs=2, units=6, top=4)
    assert result["test_accuracy"] > 0.8
    assert len(result["units"]) == 6
    for unit in result["units"]:
        assert len(unit["top_images"]) == 4
        assert min(unit["top_activations"]) >= unit["mean_activation"]
        assert unit["alignment"] > 0                     # the top images look like the weight image
    assert "_weights" not in public(result)
    drawn(result)


def test_weight_sharing_parameter_counts():
    counts = parameter_counts()
    assert (counts["784-30-10"], counts["784-256-128-10"], counts["65536-30-10"]) == (23_860, 235_146, 1_966_420)
    assert counts["conv_layer"] == 8 * (25 + 1) == 208 and counts["conv_outputs"] == 8 * 24 * 24
    assert counts["conv"] == 208 + 8 * 12 * 12 * 10 + 10 < counts["784-30-10"]
    assert counts["dense_equivalent"] == 784 * 4608 + 4608


def test_the_convolution_network_learns_digits(mnist):
    rng = np.random.default_rng(0)
    net = ConvNet(rng=rng)
    assert net.n_parameters == parameter_counts()["conv"]
    X, y = mnist.x_train[:1000].reshape(-1, 28, 28) / 255.0, mnist.y_train[:1000]
    train(net, X, y, epochs=1, lr=0.1, batch_size=20, rng=rng)
    assert np.mean(net.predict(mnist.x_test[:500].reshape(-1, 28, 28) / 255.0) == mnist.y_test[:500]) > 0.6


@pytest.mark.slow
def test_weight_sharing_counts_and_accuracy(mnist):
    result = run_experiment("weight-sharing", data=mnist, n_train=1000, n_test=500, epochs=1)
    conv, small, big = result["models"]
    assert (small["parameters"], big["parameters"]) == (23_860, 235_146)
    assert conv["conv_layer_parameters"] == 8 * (25 + 1) and conv["parameters"] == 208 + 8 * 12 * 12 * 10 + 10
    assert conv["parameters"] < small["parameters"] < big["parameters"]
    assert conv["dense_equivalent"] == 784 * 4608 + 4608
    assert result["at_256x256"]["65536-30-10"] == 1_966_420 and result["at_256x256"]["conv_layer"] == 208
    assert conv["test_accuracy"] > 0.6
    drawn(result, "zh")


def test_weight_sharing_can_give_every_model_the_same_time(mnist):
    result = run_experiment("weight-sharing", data=mnist, n_train=200, n_test=200, seconds=0.001)
    assert result["budget"] == {"seconds": 0.001}
    assert all(m["epochs"] == 1 for m in result["models"])   # at least one epoch each, then the time is up


def test_the_convolution_layer_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    net = ConvNet(k=2, r=3, image=8, classes=3, rng=rng)
    net.b[:] = rng.uniform(0.1, 0.3, 2)                 # away from ReLU's kink at z = 0
    X = rng.uniform(0, 1, (2, 8, 8))
    Y = np.eye(3)[[0, 2]]
    grads, _ = net.gradients(X, Y)
    for p, g in zip(net.params(), grads, strict=False):
        for idx in list(np.ndindex(p.shape))[:12]:
            saved = p[idx]
            p[idx] = saved + 1e-6
            plus = net.gradients(X, Y)[1]
            p[idx] = saved - 1e-6
            minus = net.gradients(X, Y)[1]
            p[idx] = saved
            assert g[idx] == pytest.approx((plus - minus) / 2e-6, rel=1e-4, abs=1e-8)


def test_unknown_experiment_and_too_many_images(mnist):
    with pytest.raises(ConfigError, match="unknown experiment"):
        run_experiment("dropout")
    with pytest.raises(ConfigError, match="fewer"):
        run_experiment("overfit", data=mnist, n_train=70_000)


def test_the_command_prints_text_json_and_a_plot(tmp_path, capsys):
    assert set(EXPERIMENTS) == {"slowdown", "init", "overfit", "hidden-units", "weight-sharing"}
    assert main(["experiment", "slowdown", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["experiment"] == "slowdown" and doc["speedup"] >= 3
    out = tmp_path / "slow.png"
    assert main(["--lang", "zh", "experiment", "slowdown", "--plot", str(out)]) == 0
    assert out.stat().st_size > 1000 and "交叉熵" in capsys.readouterr().out
    assert main(["experiment", "slowdown", "--plot", str(tmp_path / "x.txt")]) == 1   # refused before running
    assert main(["experiment", "overfit", "--data-dir", str(tmp_path / "no-mnist")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err and "no-mnist" in err
    with pytest.raises(SystemExit) as exit_:
        main(["experiment", "nope"])
    assert exit_.value.code == 2
