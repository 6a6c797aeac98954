"""Finite-difference check of backprop, used by the tests and `nnscratch gradcheck`.

Each parameter is nudged by +-eps and the central difference
(E(p + eps) - E(p - eps)) / 2 eps compared with backprop's value by the
relative error ||g - n|| / (||g|| + ||n||) of each parameter array (per entry, tiny
gradients would turn harmless rounding into large ratios). Run it in float64:
float32 rounding alone gives errors near 1e-3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnscratch.backprop import backprop
from nnscratch.losses import Loss
from nnscratch.network import Network


def relative_error(g, n, tiny=1e-12) -> float:
    """||g - n|| / max(||g|| + ||n||, tiny) for two arrays of the same shape."""
    return float(np.linalg.norm(g - n) / max(np.linalg.norm(g) + np.linalg.norm(n), tiny))


def numerical_gradients(net: Network, x, y, loss: Loss, eps=1e-6) -> list[np.ndarray]:
    """Central differences of the mean cost for every entry of [theta(2), b(2), ...]."""
    x = net.check_input(x)
    y = np.asarray(y, net.dtype)

    def cost():
        cache = net.forward(x)
        return loss.value(cache.z[net.L], cache.a[net.L], y, net.f(net.L))

    out = []
    for p in net.parameters():
        g = np.zeros_like(p)
        flat, gflat = p.reshape(-1), g.reshape(-1)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps
            plus = cost()
            flat[i] = keep - eps
            minus = cost()
            flat[i] = keep
            gflat[i] = (plus - minus) / (2 * eps)
        out.append(g)
    return out


@dataclass
class GradCheck:
    """Backprop's and the finite-difference gradients, layer-indexed, with their relative errors."""

    backprop: list
    numerical: list
    errors: list

    @property
    def max_error(self) -> float:
        return max(self.errors)


def check_gradients(net: Network, x, y, loss: Loss, eps=1e-6) -> GradCheck:
    analytic = backprop(net, x, y, loss).as_list()
    numeric = numerical_gradients(net, x, y, loss, eps)
    return GradCheck(analytic, numeric, [relative_error(a, n) for a, n in zip(analytic, numeric)])
