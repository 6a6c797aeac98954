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


def sgd_update(p, g, lr):
    """p <- p - lr g"""
    p -= lr * g


def momentum_update(p, g, v, lr, mu, nesterov=False):
    """v <- mu v + g;  p <- p - lr v   (or p - lr (g + mu v) with Nesterov), PyTorch's convention."""
    v *= mu
    v += g
    if nesterov:
        p -= lr * (g + mu * v)
    else:
        p -= lr * v


def adam_update(p, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam (Kingma & Ba) with bias correction; t counts steps from 1."""
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * (g * g)
    step = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
    p -= step * m / (np.sqrt(v) + eps)


def _check_rate(lr):
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0):
        raise ConfigError(f"learning rate must be a positive number, got {lr!r}")


def _check_decay(weight_decay):
    if not (isinstance(weight_decay, (int, float)) and math.isfinite(weight_decay) and weight_decay >= 0):
        raise ConfigError(f"weight decay must be zero or a positive number, got {weight_decay!r}")


def _with_decay(p, g, weight_decay):
    # L2 penalty lambda/2 ||theta||^2 adds lambda theta to the gradient of weight matrices.
    return g + weight_decay * p if weight_decay and p.ndim == 2 else g


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

    def step(self, params, grads, lr=None):
        lr = self.lr if lr is None else lr
        if self.momentum and self.velocity is None:
            self.velocity = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            g = _with_decay(p, g, self.weight_decay)
            if self.momentum:
                momentum_update(p, g, self.velocity[i], lr, self.momentum, self.nesterov)
            else:
                sgd_update(p, g, lr)


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

    def step(self, params, grads, lr=None):
        lr = self.lr if lr is None else lr
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            adam_update(p, _with_decay(p, g, self.weight_decay), m, v, self.t, lr, self.beta1, self.beta2, self.eps)


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
