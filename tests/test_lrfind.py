"""The learning-rate range test: a curve that falls then rises, a suggestion below its bottom, bad ranges refused."""

from __future__ import annotations

import numpy as np
import pytest

import nnscratch as nn
from nnscratch.data import make_toy
from nnscratch.errors import ConfigError
from nnscratch.lrfind import find_lr


@pytest.fixture
def task():
    x, y = make_toy("spiral", 400, 0.05, np.random.default_rng(0))
    net = nn.Network([2, 32, 32, 2], hidden="tanh", output="softmax", init="xavier", rng=np.random.default_rng(1))
    return net, x, y


def test_the_range_test_finds_a_rate_below_the_bottom_and_leaves_the_net_alone(task):
    net, x, y = task
    before = [p.copy() for p in net.parameters()]
    result = find_lr(net, x, y, "cross_entropy", nn.TrainConfig(batch_size=32, optimizer="sgd"), steps=300)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.parameters(), strict=False))
    rates = np.array(result.rates)
    assert np.all(np.diff(rates) > 0) and rates[0] == pytest.approx(1e-5)
    assert result.lowest is not None and result.suggested == pytest.approx(result.lowest / 10)
    # the curve falls: the lowest smoothed loss is well below the start
    assert min(result.smoothed) < 0.9 * result.smoothed[0]
    assert result.steepest is None or result.steepest <= result.lowest
    # and training at the suggestion learns
    trained = net.copy()
    history = nn.fit(trained, x, y, "cross_entropy",
                     nn.TrainConfig(epochs=30, batch_size=32, optimizer="sgd", lr=result.suggested))
    assert history.epochs[-1]["train_loss"] < history.epochs[0]["train_loss"]


def test_same_seed_same_curve(task):
    net, x, y = task
    cfg = nn.TrainConfig(batch_size=32, optimizer="adam", seed=3)
    a = find_lr(net, x, y, "cross_entropy", cfg, steps=50)
    b = find_lr(net, x, y, "cross_entropy", cfg, steps=50)
    assert a.losses == b.losses


@pytest.mark.parametrize("kwargs,param", [({"lr_min": 0}, "lr_min"), ({"lr_max": float("inf")}, "lr_max"),
                                          ({"lr_min": 1.0, "lr_max": 0.5}, "lr_max"), ({"steps": 3}, "steps")])
def test_bad_ranges_name_the_parameter(task, kwargs, param):
    net, x, y = task
    with pytest.raises(ConfigError) as info:
        find_lr(net, x, y, "cross_entropy", nn.TrainConfig(), **kwargs)
    assert info.value.param == param
