"""Backpropagation, the lecture's four formulas vectorised over a mini-batch.

    delta(L) = -(y - a(L)) * f'(z(L))                (quadratic cost; a(L) - y for cross-entropy)
    delta(l) = (theta(l+1)^T delta(l+1)) * f'(z(l))
    dE/dtheta(l) = delta(l) a(l-1)^T
    dE/db(l)     = delta(l)

Rows are samples, so delta(l) is (m, n_l) and the sum over the batch of
delta a^T is ``delta.T @ a_prev``; dividing by m gives the lecture's
mu/N-averaged update. Backprop returns gradients and never updates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnscratch.losses import Loss
from nnscratch.network import Cache, Network


@dataclass
class Gradients:
    """E and its gradients, indexed like the network: grad_theta[l] (n_l, n_{l-1}), grad_b[l] (n_l,)."""

    loss: float
    grad_theta: list
    grad_b: list
    delta: list  # delta[l] (m, n_l), kept for teaching output
    cache: Cache

    def as_list(self) -> list[np.ndarray]:
        """[grad theta(2), grad b(2), ...] in the order of Network.parameters()."""
        return [g for l in range(2, len(self.grad_theta)) for g in (self.grad_theta[l], self.grad_b[l])]


def backprop(net: Network, x, y, loss: Loss) -> Gradients:
    """Mean cost over the batch and its gradient for every theta(l), b(l).

    x: (m, n_1) inputs; y: (m, n_L) targets (one-hot for classification).
    """
    cache = net.forward(x)
    z, a = cache.z, cache.a
    y = np.asarray(y, dtype=net.dtype)
    m, L = len(y), net.L
    delta = [None] * (L + 1)
    grad_theta = [None] * (L + 1)
    grad_b = [None] * (L + 1)

    delta[L] = loss.delta(z[L], a[L], y, net.f(L))                          # (m, n_L)
    for l in range(L, 1, -1):
        grad_theta[l] = delta[l].T @ a[l - 1] / m                            # (n_l, n_{l-1})
        grad_b[l] = delta[l].sum(axis=0) / m                                 # (n_l,)
        if l > 2:
            # delta(l-1) = (theta(l)^T delta(l)) * f'(z(l-1)), rows are samples
            delta[l - 1] = net.f(l - 1).backward(z[l - 1], a[l - 1], delta[l] @ net.theta[l])
    return Gradients(loss.value(z[L], a[L], y, net.f(L)), grad_theta, grad_b, delta, cache)
