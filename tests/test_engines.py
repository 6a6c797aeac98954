"""The engines of the one training loop: "compiled" (Numba) trains as "numpy" does, "auto" picks safely.

Tolerance: float32 parameters after whole epochs agree to 1e-4 relative (round-off of different
summation orders grows over steps); accuracies within 1 point.
"""

from __future__ import annotations

import numpy as np
import pytest

import nnscratch as nn
from nnscratch import compiled, fastprop, train
from nnscratch.data import make_toy
from nnscratch.errors import ConfigError, DivergenceError, MissingExtraError

needs_numba = pytest.mark.skipif(not compiled.available(), reason="numba is not installed (the 'fast' extra)")

PAIRS = [("sigmoid", "sigmoid", "quadratic"), ("tanh", "softmax", "cross_entropy"),
         ("relu", "softmax", "cross_entropy"), ("leaky_relu", "sigmoid", "cross_entropy"),
         ("tanh", "identity", "quadratic")]
OPTIMIZERS = ["gd", "sgd", "momentum", "nesterov", "adam"]


@pytest.fixture(scope="module")
def spiral():
    x, y = make_toy("spiral", 240, 0.05, np.random.default_rng(0))
    return (x * 40 + 128).clip(0, 255).astype(np.uint8), y  # uint8 inputs, scaled per batch as MNIST is


def trained(engine, hidden, output, loss, optimizer, sizes, data, epochs=3, **extra):
    x, y = data
    net = nn.Network(sizes, hidden=hidden, output=output, init="xavier", rng=np.random.default_rng(1))
    lr = 0.01 if optimizer == "adam" else 0.1
    cfg = nn.TrainConfig(epochs=epochs, batch_size=16, optimizer=optimizer, lr=lr, weight_decay=1e-4,
                         schedule="cosine", engine=engine, lr_bias=None if optimizer == "adam" else 0.05, **extra)
    trainer = train.Trainer(net, x, y, loss, cfg, x_scale=1 / 255)
    history = trainer.fit()
    return net, history, trainer


@needs_numba
@pytest.mark.parametrize("path", ["small", "fused"])
@pytest.mark.parametrize("sizes", [[2, 12, 2], [2, 10, 8, 2]], ids=["one-hidden", "two-hidden"])
@pytest.mark.parametrize("hidden,output,loss", PAIRS)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_compiled_training_equals_numpy_training(spiral, monkeypatch, path, sizes, hidden, output, loss, optimizer):
    if output == "identity":
        sizes = sizes[:-1] + [1]
        data = (spiral[0], spiral[1].reshape(-1, 1).astype(np.float32))
    else:
        data = spiral
    # "small": whole compiled steps; "fused": BLAS products with the compiled element-wise kernels
    monkeypatch.setattr(train, "SMALL_STEP_WORK", 10**9 if path == "small" else 0)
    ref_net, ref_hist, ref_trainer = trained("numpy", hidden, output, loss, optimizer, sizes, data)
    net, hist, trainer = trained("compiled", hidden, output, loss, optimizer, sizes, data)
    assert trainer.small == (path == "small") and not ref_trainer.small
    for a, b in zip(net.parameters(), ref_net.parameters(), strict=True):
        assert np.abs(a - b).max() <= 1e-4 * max(1.0, np.abs(b).max())
    for r, s in zip(hist.epochs, ref_hist.epochs, strict=True):
        assert r["train_loss"] == pytest.approx(s["train_loss"], rel=1e-4)
        if s["train_accuracy"] is not None:
            assert abs(r["train_accuracy"] - s["train_accuracy"]) <= 0.01


@needs_numba
def test_compiled_small_steps_report_progress_and_divergence(spiral):
    steps = []

    class Count(nn.Callback):
        def on_batch_end(self, step, steps_per_epoch, loss):
            steps.append(step)

    x, y = spiral
    net = nn.Network([2, 12, 2], hidden="relu", output="softmax", rng=np.random.default_rng(0))
    trainer = train.Trainer(net, x, y, "cross_entropy", nn.TrainConfig(epochs=2, batch_size=16, engine="compiled"),
                            x_scale=1 / 255, callback=Count())
    assert trainer.small
    trainer.fit()
    assert steps == list(range(1, trainer.steps_per_epoch + 1)) * 2
    net = nn.Network([2, 12, 2], hidden="relu", output="identity", rng=np.random.default_rng(0))
    before = [p.copy() for p in net.parameters()]
    bad = train.Trainer(net, x, np.full((len(x), 2), 1e30, np.float32), "quadratic",
                        nn.TrainConfig(epochs=2, batch_size=16, engine="compiled", lr=1e3), x_scale=1 / 255)
    with pytest.raises(DivergenceError) as info:
        bad.fit()
    assert info.value.values["epoch"] == 1 and info.value.param == "lr"
    assert all(np.array_equal(a, b) for a, b in zip(net.parameters(), before, strict=True))


@needs_numba
def test_a_seeded_mnist_epoch_reaches_the_same_accuracy(mnist_dir):
    from nnscratch.data import load_dataset

    ds = load_dataset("mnist", mnist_dir)
    x, y = ds.x_train[:12_000], ds.y_train[:12_000]
    accs = {}
    for engine in ("numpy", "compiled"):
        net = nn.Network([784, 30, 10], hidden="sigmoid", output="sigmoid", init="normal", rng=np.random.default_rng(0))
        nn.fit(net, x, y, "quadratic", nn.TrainConfig(epochs=2, batch_size=10, lr=3.0, momentum=0.0, engine=engine),
               x_scale=1 / 255)
        accs[engine] = float(np.mean(net.predict(ds.x_test[:2000] / 255) == ds.y_test[:2000]))
    assert accs["numpy"] > 0.85 and abs(accs["compiled"] - accs["numpy"]) <= 0.01, accs


def test_auto_uses_numpy_until_the_kernels_are_compiled(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fastprop.resolve_engine("numpy") == "numpy"
    assert fastprop.resolve_engine("auto") == "numpy"  # a cold cache: never wait for the compiler
    if compiled.available():
        marker = compiled._marker()
        marker.parent.mkdir(parents=True)
        marker.write_text("1\n")
        assert fastprop.resolve_engine("auto") == "compiled"


def test_engine_names_are_checked_and_a_missing_extra_is_named(monkeypatch):
    with pytest.raises(ConfigError) as info:
        nn.TrainConfig(engine="numba")
    assert info.value.param == "engine"
    import importlib

    real = importlib.import_module

    def no_numba(name, *args, **kwargs):
        if name == "numba":
            raise ImportError("no numba here")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", no_numba)
    with pytest.raises(MissingExtraError, match="fast"):
        fastprop.resolve_engine("compiled")


def test_a_cold_cache_is_filled_in_the_background_once(monkeypatch, tmp_path):
    import subprocess

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda argv, **kw: started.append((argv, kw)))
    env = {"XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path)}
    assert compiled.warm_in_background({**env, compiled.NO_BACKGROUND: "1"}) is False
    if not compiled.available():
        assert compiled.warm_in_background(env) is False
        return
    assert compiled.warm_in_background(env) is True
    argv, kw = started[0]
    assert argv[1:3] == ["-m", "nnscratch.warmup"] and kw["start_new_session"] is True
    assert compiled.warm_in_background(env) is False  # the lock of the running warmer
    assert len(started) == 1


@needs_numba
def test_auto_takes_compiled_steps_only_for_small_networks(monkeypatch, tmp_path, spiral):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    marker = compiled._marker()
    marker.parent.mkdir(parents=True)
    marker.write_text("1\n")
    x, y = spiral
    small = train.Trainer(nn.Network([2, 12, 2], rng=np.random.default_rng(0)), x, y, "quadratic",
                          nn.TrainConfig(engine="auto", batch_size=10))
    assert small.engine == "compiled" and small.small
    monkeypatch.setattr(train, "SMALL_STEP_WORK", 10)
    large = train.Trainer(nn.Network([2, 12, 2], rng=np.random.default_rng(0)), x, y, "quadratic",
                          nn.TrainConfig(engine="auto", batch_size=10))
    assert large.engine == "numpy"
    forced = train.Trainer(nn.Network([2, 12, 2], rng=np.random.default_rng(0)), x, y, "quadratic",
                           nn.TrainConfig(engine="compiled", batch_size=10))
    assert forced.engine == "compiled" and not forced.small
