"""Optimizers: a small state plus a pure update rule.

Every update works in place on a parameter array and the state arrays it is
given, so the training loop allocates nothing per step. Weight decay (L2) is
applied to the weight matrices theta(l) only, never to the biases.

The lecture's batch gradient descent is ``SGD`` fed the whole training set
as one batch: theta <- theta - mu/N sum dE/dtheta.
"""

from __future__ import annotations

import math

import numpy as np

from nnscratch.errors import ConfigError


def sgd_update(p, g, lr, tmp=None):
    """p <- p - lr g

    ``tmp`` (shaped like p) receives lr g; without it NumPy allocates a temporary.
    """
    p -= np.multiply(g, lr, out=tmp)


def momentum_update(p, g, v, lr, mu, nesterov=False, tmp=None):
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


def adam_update(p, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8, tmp=None):
    """Adam (Kingma & Ba) with bias correction; t counts steps from 1.

    m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;  p <- p - lr_t m / (sqrt(v) + eps),
    lr_t = lr sqrt(1 - b2^t) / (1 - b1^t). ``tmp`` (shaped like p) is scratch.
    """
    tmp = np.empty_like(p) if tmp is None else tmp
    m *= beta1
    m += np.multiply(g, 1 - beta1, out=tmp)
    v *= beta2
    np.multiply(g, g, out=tmp)
    tmp *= 1 - beta2
    v += tmp
    step = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
    np.sqrt(v, out=tmp)
    tmp += eps
    np.divide(m, tmp, out=tmp)
    tmp *= step
    p -= tmp


def _check_rate(lr):
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0):
        raise ConfigError(f"learning rate must be a positive number, got {lr!r}")


def _check_decay(weight_decay):
    if not (isinstance(weight_decay, (int, float)) and math.isfinite(weight_decay) and weight_decay >= 0):
        raise ConfigError(f"weight decay must be zero or a positive number, got {weight_decay!r}")


def _with_decay(p, g, weight_decay, out):
    # L2 penalty lambda/2 ||theta||^2 adds lambda theta to the gradient of weight matrices.
    if not (weight_decay and p.ndim == 2):
        return g
    np.multiply(p, weight_decay, out=out)
    out += g
    return out


class _Scratch:
    """Per-parameter scratch arrays, made on the first step like the optimizer's state, so that
    later steps allocate nothing. Like the state, they assume the same parameters every step."""

    def __init__(self, weight_decay):
        self.weight_decay = weight_decay
        self.tmp = self.decayed = None

    def ensure(self, params):
        if self.tmp is None:
            self.tmp = [np.empty_like(p) for p in params]
            self.decayed = [np.empty_like(p) if self.weight_decay else None for p in params]


class SGD:
    """Mini-batch (or full-batch) gradient descent, with optional (Nesterov) momentum."""

    def __init__(self, lr=0.1, momentum=0.0, nesterov=False, weight_decay=0.0):
        _check_rate(lr)
        _check_decay(weight_decay)
        if not 0 <= momentum < 1:
            raise ConfigError(f"momentum must be in [0, 1), got {momentum!r}")
        if nesterov and momentum == 0:
            raise ConfigError("Nesterov momentum needs a momentum > 0")
        self.lr, self.momentum, self.nesterov, self.weight_decay = lr, momentum, nesterov, weight_decay
        self.velocity = None
        self._scratch = _Scratch(weight_decay)

    def step(self, params, grads, lr=None):
        lr = self.lr if lr is None else lr
        if self.momentum and self.velocity is None:
            self.velocity = [np.zeros_like(p) for p in params]
        self._scratch.ensure(params)
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            g = _with_decay(p, g, self.weight_decay, self._scratch.decayed[i])
            if self.momentum:
                momentum_update(p, g, self.velocity[i], lr, self.momentum, self.nesterov, self._scratch.tmp[i])
            else:
                sgd_update(p, g, lr, self._scratch.tmp[i])


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
        _check_rate(lr)
        _check_decay(weight_decay)
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= beta < 1:
                raise ConfigError(f"{name} must be in [0, 1), got {beta!r}")
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, beta1, beta2, eps, weight_decay
        self.m = self.v = None
        self.t = 0
        self._scratch = _Scratch(weight_decay)

    def step(self, params, grads, lr=None):
        lr = self.lr if lr is None else lr
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self._scratch.ensure(params)
        self.t += 1
        for i, (p, g, m, v) in enumerate(zip(params, grads, self.m, self.v, strict=True)):
            g = _with_decay(p, g, self.weight_decay, self._scratch.decayed[i])
            adam_update(p, g, m, v, self.t, lr, self.beta1, self.beta2, self.eps, self._scratch.tmp[i])


OPTIMIZERS = ("gd", "sgd", "momentum", "nesterov", "adam")


def make_optimizer(name, lr, momentum=0.9, weight_decay=0.0):
    """The optimizer called ``name``: gd and sgd differ only in batch size, chosen by the trainer."""
    if name in ("gd", "sgd"):
        return SGD(lr, weight_decay=weight_decay)
    if name in ("momentum", "nesterov"):
        return SGD(lr, momentum=momentum, nesterov=name == "nesterov", weight_decay=weight_decay)
    if name == "adam":
        return Adam(lr, weight_decay=weight_decay)
    raise ConfigError(f"unknown optimizer {name!r}: choose one of {', '.join(OPTIMIZERS)}")


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
    raise ConfigError(f"unknown learning-rate schedule {schedule!r}: choose one of {', '.join(SCHEDULES)}")
