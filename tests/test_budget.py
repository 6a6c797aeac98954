"""One size budget for networks (issue 11 item 5): checked before anything is allocated, overridable."""

import tracemalloc

import numpy as np
import pytest

from nnscratch.backprop import backprop
from nnscratch.errors import BudgetError, ConfigError
from nnscratch.fastprop import Workspace
from nnscratch.losses import get_loss
from nnscratch.network import DEFAULT_MEMORY_BUDGET, Network, human_bytes, init_layer, parameter_count
from nnscratch.train import TrainConfig, Trainer, check_training_budget


def refused_without_allocating(make):
    """Run ``make``, expect BudgetError, and return it with the peak bytes Python allocated meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(BudgetError) as info:
            make()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return info.value, peak


def test_a_huge_network_is_refused_with_what_it_needs_and_how_to_change_it():
    err, peak = refused_without_allocating(lambda: Network([784, 100_000_000, 10]))
    assert peak < 1_000_000
    assert str(err).startswith("a 784-100000000-10 network needs 318 GB of float32 weights, over the memory "
                               "budget of 4.29 GB")
    assert "memory_budget" in str(err) and err.param == "memory_budget"
    assert err.values["need_bytes"] == parameter_count([784, 100_000_000, 10]) * 4
    assert "内存预算" in err.message("zh")
    err64, _ = refused_without_allocating(lambda: Network([100_000, 100_000, 2], dtype="float64"))
    assert "of float64 weights" in str(err64)


def test_the_budget_is_an_explicit_parameter():
    with pytest.raises(BudgetError, match="needs 4.04 kB"):
        Network([100, 10], memory_budget=4000)
    net = Network([100, 10], memory_budget=10_000)  # given parameters (copy) count twice: 8.08 kB
    assert net.memory_budget == 10_000 and net.copy().memory_budget == 10_000
    assert Network([2, 2]).memory_budget == DEFAULT_MEMORY_BUDGET == 4 * 2**30


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "4GB", True])
def test_a_bad_budget_is_named(bad):
    with pytest.raises(ConfigError, match="memory_budget must be a positive number of bytes") as info:
        Network([2, 2], memory_budget=bad)
    assert info.value.param == "memory_budget"


def test_training_counts_gradients_state_and_batches_before_allocating():
    net = Network([50, 40, 10], memory_budget=100_000, rng=np.random.default_rng(0))  # 2,450 parameters: 9.8 kB
    x, y = np.zeros((1000, 50), np.float32), np.zeros(1000, int)
    with pytest.raises(BudgetError, match="training a 50-40-10 network with batches of 32 rows needs") as info:
        Trainer(net, x, y, "cross_entropy", TrainConfig(epochs=1, batch_size=32, optimizer="adam"))
    assert info.value.values["batch"] == 32
    Trainer(net, x[:10], y[:10], "cross_entropy", TrainConfig(epochs=1, batch_size=2, optimizer="sgd")).fit()
    with pytest.raises(BudgetError):
        check_training_budget([784, 100_000, 10], "float32", TrainConfig(), 60_000)
    check_training_budget([784, 100_000, 10], "float32", TrainConfig(), 60_000, memory_budget=2**40)


def test_backprop_forward_and_workspaces_check_the_batch():
    net = Network([50, 40, 10], memory_budget=100_000, rng=np.random.default_rng(0), dtype=np.float64)
    x, y = np.zeros((1000, 50)), np.zeros((1000, 10))
    for make in (lambda: backprop(net, x, y, get_loss("quadratic")), lambda: net.forward(x),
                 lambda: Workspace(net, 1000)):
        err, _ = refused_without_allocating(make)
        assert "a batch of 1000 samples through a 50-40-10 network" in str(err)
    backprop(net, x[:10], y[:10], get_loss("quadratic"))


def test_float32_initialisation_needs_no_float64_copy_of_the_weights():
    """The weights are drawn into the network's own buffer; float64 only in chunks of a million values."""
    sizes = [1000, 4000, 10]
    tracemalloc.start()
    try:
        net = Network(sizes, init="he", rng=np.random.default_rng(0), dtype=np.float32)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    weights = parameter_count(sizes) * 4                      # 16 MB
    assert peak < weights + 8.5e6, peak                       # the weights + one 8 MB chunk, never 2x or 3x
    assert net.theta[2].dtype == np.float32 and net.theta[2].std() == pytest.approx(np.sqrt(2 / 1000), rel=0.01)


def test_chunked_draws_are_the_plain_float64_draws_rounded():
    import nnscratch.network as network

    for scheme in ("normal", "xavier", "he"):
        plain = np.random.default_rng(3).standard_normal((700, 30))
        if scheme != "normal":
            plain = plain * (np.sqrt(2 / 730) if scheme == "xavier" else np.sqrt(2 / 30))
        old = network.INIT_CHUNK
        network.INIT_CHUNK = 1000  # many chunks
        try:
            theta, _ = init_layer(700, 30, scheme, np.random.default_rng(3), np.float32)
        finally:
            network.INIT_CHUNK = old
        np.testing.assert_array_equal(theta, plain.astype(np.float32))


def test_human_bytes():
    assert [human_bytes(n) for n in (512, 4040, 313.6e9, 4 * 2**30, 2.5e15)] == [
        "512 B", "4.04 kB", "314 GB", "4.29 GB", "2.5 PB"]


def test_cli_train_refuses_a_huge_network_before_building_it(capsys, tmp_path):
    from cli_helpers import assert_one_line_error

    tracemalloc.start()
    try:
        err = assert_one_line_error(capsys, "train", "--dataset", "xor", "--layers", "2,100000000,2",
                                    "--out", tmp_path / "m.npz", text="training a 2-100000000-2 network")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "memory budget of 4.29 GB" in err and peak < 50e6
    assert not (tmp_path / "m.npz").exists()
