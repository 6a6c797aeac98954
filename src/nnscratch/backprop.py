"""Backpropagation, the lecture's four formulas vectorised over a mini-batch.

    delta(L) = -(y - a(L)) * f'(z(L))                (quadratic cost; a(L) - y for cross-entropy)
    delta(l) = (theta(l+1)^T delta(l+1)) * f'(z(l))
    dE/dtheta(l) = delta(l) a(l-1)^T
    dE/db(l)     = delta(l)

Rows are samples, so delta(l) is (m, n_l) and the sum over the batch of
delta a^T is ``delta.T @ a_prev``; dividing by m gives the lecture's
mu/N-averaged update. Backprop returns gradients and never updates.

A ``Workspace`` holds every array one batch shape needs (z, a, delta, the
gradients and scratch). The trainer makes one per batch shape and passes it in,
so each step writes into the same buffers and allocates nothing; without one,
``backprop`` makes a fresh workspace and the result is independent of later calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnscratch.losses import Loss
from nnscratch.network import Cache, Network, pack


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


class Workspace:
    """The arrays backprop writes for batches of m samples of one network, allocated once.

    cache.z[l], cache.a[l], delta[l], tmp[l]: (m, n_l); grad_theta[l], grad_b[l]: shaped
    like theta(l), b(l) and laid out like the network's parameters (all theta, then
    all b, in one flat buffer), so ``grad_groups()`` matches ``Network.parameter_groups()``.
    """

    def __init__(self, net: Network, m: int):
        self.m, self.sizes, self.dtype = m, list(net.sizes), net.dtype
        self.cache = net.empty_cache(m)
        self.delta = [None, None] + [np.empty((m, net.n(l)), net.dtype) for l in net.layers]
        self.tmp = [None, None] + [np.empty((m, net.n(l)), net.dtype) for l in net.layers]
        self.grad, views = pack([net.theta[l] for l in net.layers] + [net.b[l] for l in net.layers], net.dtype,
                                copy=False)
        k = len(net.layers)
        self.grad_theta = [None, None] + views[:k]
        self.grad_b = [None, None] + views[k:]
        n_theta = sum(v.size for v in views[:k])
        self.mean_row = np.full(m, 1 / m, net.dtype)  # (m,): 1/m sum over the batch as one BLAS product
        self._groups = [self.grad[:n_theta].reshape(1, n_theta), self.grad[n_theta:]]

    def fits(self, net: Network, m: int) -> bool:
        return self.m == m and self.sizes == net.sizes and self.dtype == net.dtype

    def grad_groups(self) -> list[np.ndarray]:
        """[all dE/dtheta as (1, N_theta), all dE/db as (N_b,)]: the layout of Network.parameter_groups()."""
        return self._groups


def backprop(net: Network, x, y, loss: Loss, workspace: Workspace | None = None) -> Gradients:
    """Mean cost over the batch and its gradient for every theta(l), b(l).

    x: (m, n_1) inputs; y: (m, n_L) targets (one-hot for classification).
    workspace: buffers for this batch shape to write into (the returned arrays are
    its buffers, overwritten by the next call with it); None allocates new ones.
    """
    x = net.check_input(x)
    m, L = len(x), net.L
    ws = Workspace(net, m) if workspace is None else workspace
    if not ws.fits(net, m):
        raise ValueError(f"the workspace is for batches of {ws.m} samples of a {ws.sizes} network, "
                         f"got {m} samples of a {net.sizes} network")
    y = np.asarray(y, dtype=net.dtype)
    cache = net.forward_checked(x, ws.cache)
    z, a, delta, tmp = cache.z, cache.a, ws.delta, ws.tmp

    # delta(L) = -(y - a(L)) * f'(z(L)), or a(L) - y for cross-entropy, with E from the same residual
    value = loss.value_and_delta(z[L], a[L], y, net.f(L), delta[L], tmp[L])     # (m, n_L)
    for l in range(L, 1, -1):
        # The mean over the batch: dividing delta(l) by m touches m x n_l numbers, not n_l x n_{l-1}
        delta_mean = np.divide(delta[l], m, out=tmp[l])                          # (m, n_l)
        np.matmul(delta_mean.T, a[l - 1], out=ws.grad_theta[l])                  # dE/dtheta(l) = delta(l) a(l-1)^T, (n_l, n_{l-1})
        np.matmul(ws.mean_row, delta[l], out=ws.grad_b[l])                       # dE/db(l) = delta(l): (1/m, ..., 1/m) delta, (n_l,)
        if l > 2:
            # delta(l-1) = (theta(l)^T delta(l)) * f'(z(l-1)), rows are samples; never delta(1) for the input
            np.matmul(delta[l], net.theta[l], out=delta[l - 1])                  # (m, n_{l-1})
            net.f(l - 1).backward_into(z[l - 1], a[l - 1], delta[l - 1], tmp[l - 1])
    return Gradients(value, ws.grad_theta, ws.grad_b, delta, cache)
