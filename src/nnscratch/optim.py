"""Optimizers: a small state plus a pure update rule.

Every update works in place on a parameter array and the state arrays it is
given, so the training loop allocates nothing per step. Settings such as the
learning rate and weight decay (L2) belong to parameter groups, as in
torch.optim: the trainer puts the weights theta(l) in one group (with weight
decay) and the biases b(l) in another (without it, and with their own rate if
``lr_bias`` is set).

The lecture's batch gradient descent is ``SGD`` fed the whole training set
as one batch: theta <- theta - mu/N sum dE/dtheta.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch.errors import ConfigError

Array = NDArray[Any]


def sgd_update(p: Array, g: Array, lr: float, tmp: Array | None = None) -> None:
    """p <- p - lr g

    ``tmp`` (shaped like p) receives lr g; without it NumPy allocates a temporary.
    """
    p -= np.multiply(g, lr, out=tmp)


def momentum_update(p: Array, g: Array, v: Array, lr: float, mu: float, nesterov: bool = False,
                    tmp: Array | None = None) -> None:
    """v <- mu v + g;  p <- p - lr v   (or p - lr (g + mu v) with Nesterov), PyTorch's convention."""
    v *= mu
    v += g
    if nesterov:
        step = np.multiply(v, mu, out=tmp)                   # mu v
        step += g                                            # g + mu v
        step *= lr
        p -= step
    else:
        p -= np.multiply(v, lr, out=tmp)


def adam_update(p: Array, g: Array, m: Array, v: Array, t: int, lr: float, beta1: float = 0.9, beta2: float = 0.999,
                eps: float = 1e-8, tmp: Array | None = None) -> None:
    """Adam (Kingma & Ba, Algorithm 1) with bias correction; t counts steps from 1.

    m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
    p <- p - lr m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t),
    computed as torch.optim.Adam does: (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
    ``tmp`` (shaped like p) is scratch.
    """
    tmp = np.empty_like(p) if tmp is None else tmp
    m *= beta1
    m += np.multiply(g, 1 - beta1, out=tmp)
    v *= beta2
    np.multiply(g, g, out=tmp)
    tmp *= 1 - beta2
    v += tmp
    np.sqrt(v, out=tmp)
    tmp /= math.sqrt(1 - beta2**t)                       # sqrt(v_hat)
    tmp += eps
    np.divide(m, tmp, out=tmp)
    tmp *= lr / (1 - beta1**t)
    p -= tmp


def _is_number(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _check_rate(lr: Any, param: str = "lr") -> None:
    if not (_is_number(lr) and math.isfinite(lr) and lr > 0):
        raise ConfigError("core.err.lr", param=param, lr=repr(lr))


def _check_decay(weight_decay: Any) -> None:
    if not (_is_number(weight_decay) and math.isfinite(weight_decay) and weight_decay >= 0):
        raise ConfigError("core.err.weight_decay", param="weight_decay", weight_decay=repr(weight_decay))


@dataclass
class ParamGroup:
    """Parameters that share settings, as torch.optim's parameter groups.

    params: arrays updated in place; lr: this group's learning rate (None: the optimizer's);
    weight_decay: L2 coefficient lambda for this group (None: the optimizer's). The trainer
    makes two: theta with the weight decay, b without it (and, optionally, its own rate).
    """

    params: list[Array] = field(default_factory=list)
    lr: float | None = None
    weight_decay: float | None = None
    name: str = ""

    def __post_init__(self) -> None:
        if self.lr is not None:
            _check_rate(self.lr, "lr_bias" if self.name == "b" else "lr")
        if self.weight_decay is not None:
            _check_decay(self.weight_decay)


def as_groups(params: Sequence[Array] | Sequence[ParamGroup]) -> list[ParamGroup]:
    """A list of ParamGroup as given, or a plain list of arrays as one group with the optimizer's settings."""
    items: list[Any] = list(params)
    if items and all(isinstance(p, ParamGroup) for p in items):
        return items
    return [ParamGroup(items)]


def _with_decay(p: Array, g: Array, weight_decay: float, out: Array | None) -> Array:
    # The L2 penalty lambda/2 ||p||^2 adds lambda p to the gradient.
    if not weight_decay or out is None:
        return g
    np.multiply(p, weight_decay, out=out)
    out += g
    return out


class _Optimizer:
    """What SGD and Adam share: parameter groups, per-parameter scratch, the rate of each group.

    ``step(params, grads, lr=None, *, lr_factor=1.0)``: params is a list of arrays (one group
    with the optimizer's settings) or of ParamGroup; grads are the gradients in the same order as
    the arrays (group by group). A group's rate is its own lr, else ``lr``, else the optimizer's,
    times ``lr_factor`` (the schedule). State and scratch are made on the first step and assume
    the same parameters every step, so later steps allocate nothing.
    """

    def __init__(self, lr: float, weight_decay: float) -> None:
        _check_rate(lr)
        _check_decay(weight_decay)
        self.lr, self.weight_decay = lr, weight_decay
        # The compiled engine's fused updates (nnscratch.compiled.CompiledKernels), or None for the NumPy
        # formulas above: the same update, weight decay included, in one pass over each array.
        self.fused: Any = None
        self.tmp: list[Array] = []
        self.decayed: list[Array | None] = []
        # the params list of the last step and what was worked out from it
        self._seen: tuple[Any, list[ParamGroup], list[Array], list[int], list[float]] | None = None

    def _prepare(self, params: Sequence[Array] | Sequence[ParamGroup], grads: Sequence[Array], lr: float | None,
                 lr_factor: float) -> list[tuple[Array, Array, float, float, Array, Array | None]]:
        """[(p, g, rate, decay, tmp, decayed)] for every array, making state and scratch on the first call.

        The grouping of a ``params`` list is worked out once and reused while the same list object comes
        back (the trainer passes the same one every step); each group's rate is computed every step.
        """
        if self._seen is None or self._seen[0] is not params:
            groups = as_groups(params)
            flat = [p for group in groups for p in group.params]
            group_of = [i for i, group in enumerate(groups) for _ in group.params]
            own = [groups[i].weight_decay for i in group_of]
            decays = [self.weight_decay if decay is None else decay for decay in own]
            if not self.tmp:
                self.tmp = [np.empty_like(p) for p in flat]
                self.decayed = [np.empty_like(p) if decay else None for p, decay in zip(flat, decays, strict=True)]
                self._init_state(flat)
            self._seen = (params, groups, flat, group_of, decays)
        _, groups, flat, group_of, decays = self._seen
        if len(grads) != len(flat):
            raise ConfigError("core.err.grads_count", param="grads", params=len(flat), grads=len(grads))
        base = self.lr if lr is None else lr
        rates = [(base if group.lr is None else group.lr) * lr_factor for group in groups]
        return [(p, g, rates[group_of[i]], decays[i], self.tmp[i], self.decayed[i])
                for i, (p, g) in enumerate(zip(flat, grads, strict=True))]

    def _init_state(self, params: list[Array]) -> None:
        pass


class SGD(_Optimizer):
    """Mini-batch (or full-batch) gradient descent, with optional (Nesterov) momentum."""

    def __init__(self, lr: float = 0.1, momentum: float = 0.0, nesterov: bool = False,
                 weight_decay: float = 0.0) -> None:
        super().__init__(lr, weight_decay)
        if not (_is_number(momentum) and 0 <= momentum < 1):
            raise ConfigError("core.err.momentum", param="momentum", momentum=repr(momentum))
        if nesterov and momentum == 0:
            raise ConfigError("core.err.nesterov", param="momentum")
        self.momentum, self.nesterov = momentum, nesterov
        self.velocity: list[Array] = []

    def _init_state(self, params: list[Array]) -> None:
        if self.momentum:
            self.velocity = [np.zeros_like(p) for p in params]

    def step(self, params: Sequence[Array] | Sequence[ParamGroup], grads: Sequence[Array], lr: float | None = None,
             *, lr_factor: float = 1.0) -> None:
        for i, (p, g, rate, decay, tmp, decayed) in enumerate(self._prepare(params, grads, lr, lr_factor)):
            if self.fused is not None:
                if self.momentum:
                    self.fused.momentum_update(p, g, self.velocity[i], rate, self.momentum, decay, self.nesterov)
                else:
                    self.fused.sgd_update(p, g, rate, decay)
                continue
            g = _with_decay(p, g, decay, decayed)
            if self.momentum:
                momentum_update(p, g, self.velocity[i], rate, self.momentum, self.nesterov, tmp)
            else:
                sgd_update(p, g, rate, tmp)


class Adam(_Optimizer):
    """Adam with bias correction and L2 weight decay added to the gradient (as torch.optim.Adam)."""

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
                 weight_decay: float = 0.0) -> None:
        super().__init__(lr, weight_decay)
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not (_is_number(beta) and 0 <= beta < 1):
                raise ConfigError("core.err.beta", param=name, name=name, beta=repr(beta))
        if not (_is_number(eps) and eps > 0):
            raise ConfigError("core.err.eps", param="eps", eps=repr(eps))
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m: list[Array] = []
        self.v: list[Array] = []
        self.t = 0

    def _init_state(self, params: list[Array]) -> None:
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, params: Sequence[Array] | Sequence[ParamGroup], grads: Sequence[Array], lr: float | None = None,
             *, lr_factor: float = 1.0) -> None:
        prepared = self._prepare(params, grads, lr, lr_factor)
        self.t += 1
        for i, (p, g, rate, decay, tmp, decayed) in enumerate(prepared):
            if self.fused is not None:
                self.fused.adam_update(p, g, self.m[i], self.v[i], self.t, rate, self.beta1, self.beta2, self.eps,
                                       decay)
                continue
            g = _with_decay(p, g, decay, decayed)
            adam_update(p, g, self.m[i], self.v[i], self.t, rate, self.beta1, self.beta2, self.eps, tmp)


OPTIMIZERS = ("gd", "sgd", "momentum", "nesterov", "adam")


def make_optimizer(name: str, lr: float, momentum: float = 0.9, weight_decay: float = 0.0) -> SGD | Adam:
    """The optimizer called ``name``: gd and sgd differ only in batch size, chosen by the trainer."""
    if name in ("gd", "sgd"):
        return SGD(lr, weight_decay=weight_decay)
    if name in ("momentum", "nesterov"):
        return SGD(lr, momentum=momentum, nesterov=name == "nesterov", weight_decay=weight_decay)
    if name == "adam":
        return Adam(lr, weight_decay=weight_decay)
    raise ConfigError("core.err.optimizer", param="optimizer", name=repr(name), choices=", ".join(OPTIMIZERS))


SCHEDULES = ("constant", "step", "cosine")


def lr_factor(schedule: str, progress: float) -> float:
    """Learning-rate multiplier at ``progress`` in [0, 1) of training.

    step: x0.1 at 50% and again at 75%; cosine: 1/2 (1 + cos(pi progress)), per step.
    """
    if schedule == "constant":
        return 1.0
    if schedule == "step":
        return 0.1 ** ((progress >= 0.5) + (progress >= 0.75))
    if schedule == "cosine":
        return 0.5 * (1 + math.cos(math.pi * progress))
    raise ConfigError("core.err.schedule", param="schedule", name=repr(schedule), choices=", ".join(SCHEDULES))
