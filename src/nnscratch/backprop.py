"""Backpropagation as the lecture writes it: the readable reference.

For a mini-batch of m samples (rows), with E the mean cost over the batch:

    delta(L)     = dE/dz(L)  = -(y - a(L)) * f'(z(L))     (quadratic cost; a(L) - y for cross-entropy)
    delta(l)     = (theta(l+1)^T delta(l+1)) * f'(z(l))   for l = L-1, ..., 2
    dE/dtheta(l) = delta(l) a(l-1)^T, averaged over the batch
    dE/db(l)     = delta(l), averaged over the batch

Rows are samples, so delta(l) is (m, n_l), theta(l+1)^T delta(l+1) reads
``delta[l + 1] @ theta[l + 1]`` and the sum over the batch of delta a^T is
``delta[l].T @ a[l - 1]``. Backprop returns gradients and never updates.

This module is what ``nnscratch backprop``, ``explain_backprop``, the
notebooks and the web lab show. The trainer runs the same formulas through
``nnscratch.fastprop`` (in place, into preallocated buffers), which
tests/test_fastprop.py proves equal to this on every activation x loss x
architecture.

Training with dropout (``Dropout``) multiplies each hidden a(l) by a 0/1 mask
divided by 1 - p, so the same mask / (1 - p) multiplies f'(z(l)) in delta(l).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnscratch.errors import ConfigError
from nnscratch.losses import Loss
from nnscratch.network import Array, Cache, Layered, Network, check_budget


@dataclass
class Gradients:
    """E and its gradients, indexed like the network: grad_theta[l] (n_l, n_{l-1}), grad_b[l] (n_l,)."""

    loss: float
    grad_theta: Layered
    grad_b: Layered
    delta: Layered  # delta[l] (m, n_l), kept for teaching output
    cache: Cache  # z[l], a[l] (m, n_l) of the forward pass

    def as_list(self) -> list[Array]:
        """[grad theta(2), grad b(2), ...] in the order of Network.parameters()."""
        return [g for l in range(2, len(self.grad_theta)) for g in (self.grad_theta[l], self.grad_b[l])]


@dataclass
class Dropout:
    """Inverted dropout for one batch, in the lecture's notation: a(l) = f(z(l)) * mask(l) / (1 - p).

    p: the probability of dropping a hidden neuron; mask[l]: (m, n_l) of 0 (dropped) and 1 (kept)
    for the hidden layers l = 2..L-1, None elsewhere (index l as in the network). Training draws a
    new mask for every batch; evaluation and prediction use none (dividing by 1 - p in training
    keeps the expected a(l) the same, so nothing is rescaled afterwards).
    """

    p: float
    mask: Layered

    @classmethod
    def draw(cls, net: Network, m: int, p: float, rng: np.random.Generator) -> Dropout:
        """Masks for m samples: each hidden neuron kept with probability 1 - p (uniforms in the net's dtype)."""
        mask: Layered = [None] * (net.L + 1)
        for l in range(2, net.L):
            mask[l] = (rng.random((m, net.n(l)), dtype=net.dtype) >= p).astype(net.dtype)
        return cls(p, mask)


def forward(net: Network, x: Array, dropout: Dropout | None = None) -> Cache:
    """z(l) = theta(l) a(l-1) + b(l), a(l) = f(z(l)) for l = 2..L, from a(1) = x. x: (m, n_1).

    With ``dropout``, hidden layers keep a(l) = f(z(l)) * mask(l) / (1 - p).
    """
    L = net.L
    z: Layered = [None] * (L + 1)
    a: Layered = [None] * (L + 1)
    a[1] = x
    for l in range(2, L + 1):
        z[l] = a[l - 1] @ net.theta[l].T + net.b[l]          # (m, n_l): rows are samples
        a[l] = net.f(l).f(z[l])                              # (m, n_l)
        if dropout is not None and dropout.mask[l] is not None:
            a[l] = a[l] * dropout.mask[l] / (1 - dropout.p)  # inverted dropout
    return Cache(z, a)


def check_targets(net: Network, y: Any, m: int) -> Array:
    """y as an (m, n_L) array of the network's dtype; one value per sample is accepted for n_L = 1."""
    y = np.asarray(y)
    n = net.sizes[-1]
    if y.shape != (m, n) and not (n == 1 and y.shape == (m,)):
        raise ConfigError("core.err.target_shape", param="y", m=m, n=n, shape=y.shape)
    out: Array = y.astype(net.dtype, copy=False).reshape(m, n)
    return out


def backprop(net: Network, x: Any, y: Any, loss: Loss, dropout: Dropout | None = None) -> Gradients:
    """Mean cost over the batch and its gradient for every theta(l), b(l).

    x: (m, n_1) inputs; y: (m, n_L) targets (one-hot rows for classification); dropout: the
    batch's masks (training with dropout), which multiply f'(z(l)) as they multiply f(z(l)).
    """
    x = net.check_input(x)
    y = check_targets(net, y, len(x))
    check_budget(net.sizes, net.dtype, net.memory_budget, parameter_copies=2, batch=len(x), purpose="batch")
    m, L = len(x), net.L
    cache = forward(net, x, dropout)
    z, a, theta, f = cache.z, cache.a, net.theta, net.f
    delta: Layered = [None] * (L + 1)
    grad_theta: Layered = [None] * (L + 1)
    grad_b: Layered = [None] * (L + 1)

    f_prime: Layered = [None] * (L + 1)    # f' of each hidden layer (hidden activations are element-wise)
    for l in range(2, L):
        f_prime[l] = f(l).f_prime

    E = loss.value(z[L], a[L], y, f(L))
    # 1. delta(L) = -(y - a(L)) * f'(z(L))   (a(L) - y for cross-entropy)
    delta[L] = loss.delta(z[L], a[L], y, f(L))                          # (m, n_L)
    # 2. delta(l) = (theta(l+1)^T delta(l+1)) * f'(z(l)), from l = L-1 down to 2
    for l in range(L - 1, 1, -1):
        delta[l] = (delta[l + 1] @ theta[l + 1]) * f_prime[l](z[l])     # (m, n_l)
        if dropout is not None and dropout.mask[l] is not None:
            delta[l] = delta[l] * dropout.mask[l] / (1 - dropout.p)     # da(l)/dz(l) = f'(z(l)) mask(l) / (1 - p)
    # 3. dE/dtheta(l) = delta(l) a(l-1)^T and 4. dE/db(l) = delta(l), each averaged over the m samples
    for l in range(2, L + 1):
        grad_theta[l] = delta[l].T @ a[l - 1] / m                       # (n_l, n_{l-1})
        grad_b[l] = delta[l].mean(axis=0)                               # (n_l,)
    return Gradients(E, grad_theta, grad_b, delta, cache)
