"""Our optimizers against torch.optim fed the same gradients, step after step (issue 14 item 7)."""

import numpy as np
import pytest

from nnscratch.optim import SGD, Adam, ParamGroup

torch = pytest.importorskip("torch", reason="torch is not installed: the comparison with torch.optim is skipped")

STEPS = 300


def gradients(shapes, seed):
    """A fixed sequence of gradients for each parameter, some steps large, some tiny (Adam's v spans scales)."""
    rng = np.random.default_rng(seed)
    return [[rng.standard_normal(s) * rng.choice([1e-3, 1.0, 10.0]) for s in shapes] for _ in range(STEPS)]


def run_both(ours, make_torch, groups_settings, seed=0):
    shapes = [(4, 3), (4,), (2, 4), (2,)]
    rng = np.random.default_rng(seed + 1)
    start = [rng.standard_normal(s) for s in shapes]
    mine = [p.copy() for p in start]
    theirs = [torch.tensor(p, requires_grad=True) for p in start]
    # two groups as the trainer makes them: the weights theta (matrices) and the biases b
    my_groups = [ParamGroup([mine[0], mine[2]], **groups_settings[0]),
                 ParamGroup([mine[1], mine[3]], **groups_settings[1])]
    torch_groups = [{"params": [theirs[0], theirs[2]], **groups_settings[0]},
                    {"params": [theirs[1], theirs[3]], **groups_settings[1]}]
    opt = make_torch(torch_groups)
    for g in gradients(shapes, seed):
        ours.step(my_groups, [g[0], g[2], g[1], g[3]])
        for p, gi in zip(theirs, g, strict=False):
            p.grad = torch.tensor(gi)
        opt.step()
    return mine, [p.detach().numpy() for p in theirs]


@pytest.mark.parametrize("weight_decay", [0.0, 0.05])
def test_nesterov_equals_torch_sgd_nesterov(weight_decay):
    settings = [{"weight_decay": weight_decay}, {"weight_decay": 0.0, "lr": 0.003}]
    mine, theirs = run_both(SGD(lr=0.01, momentum=0.9, nesterov=True),
                            lambda groups: torch.optim.SGD(groups, lr=0.01, momentum=0.9, nesterov=True), settings)
    for a, b in zip(mine, theirs, strict=False):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


def test_momentum_equals_torch_sgd_momentum():
    settings = [{"weight_decay": 0.01}, {"weight_decay": 0.0}]
    mine, theirs = run_both(SGD(lr=0.02, momentum=0.5),
                            lambda groups: torch.optim.SGD(groups, lr=0.02, momentum=0.5), settings)
    for a, b in zip(mine, theirs, strict=False):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("weight_decay", [0.0, 0.1])
@pytest.mark.parametrize("betas", [(0.9, 0.999), (0.5, 0.9)])
def test_adam_equals_torch_adam_with_bias_correction(weight_decay, betas):
    settings = [{"weight_decay": weight_decay}, {"weight_decay": 0.0, "lr": 0.02}]
    mine, theirs = run_both(Adam(lr=0.01, beta1=betas[0], beta2=betas[1], eps=1e-8),
                            lambda groups: torch.optim.Adam(groups, lr=0.01, betas=betas, eps=1e-8,
                                                            foreach=False), settings, seed=3)
    for a, b in zip(mine, theirs, strict=False):
        # torch updates m with lerp (m + (1 - b1)(g - m)), we with b1 m + (1 - b1) g: equal up to round-off
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-11)


def test_the_first_adam_steps_are_bias_corrected():
    """Without bias correction the first step would be lr (1 - b1) / sqrt(1 - b2) = 3.16 lr, not lr."""
    p, g = np.array([1.0]), np.array([0.5])
    Adam(lr=0.1).step([p], [g])
    assert p[0] == pytest.approx(0.9, abs=1e-7)
