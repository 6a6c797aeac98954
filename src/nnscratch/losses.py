"""Cost functions E and the output-layer error delta(L) = dE/dz(L).

The lecture's quadratic cost is E = 1/2 ||y - a(L)||^2, whose delta is
delta(L) = -(y - a(L)) * f'(z(L)). Cross-entropy pairs with a softmax (or
sigmoid) output and is computed from the logits z(L), so it never takes the
log of a rounded-to-zero probability; its delta collapses to a(L) - y.

Values are averaged over the batch (the lecture's E_total = 1/N sum E);
deltas are per sample, shape (m, n_L): backprop does the averaging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from nnscratch.activations import Activation
from nnscratch.errors import ConfigError


def logsumexp(z):
    """log(sum(exp(z))) per row, shifted by the row maximum. (m, n) -> (m,)"""
    zmax = z.max(axis=1, keepdims=True)
    return (zmax + np.log(np.exp(z - zmax).sum(axis=1, keepdims=True)))[:, 0]


def softplus(z):
    """log(1 + e^z) without overflow."""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def quadratic(z, a, y, f: Activation):
    """E = 1/2 ||y - a||^2, averaged over the batch."""
    return 0.5 * float(np.sum((y - a) ** 2)) / len(y)


def quadratic_delta(z, a, y, f: Activation):
    # delta(L) = -(y - a(L)) * f'(z(L)); for softmax the product with f' becomes J^T (a - y).
    return f.backward(z, a, a - y)


def cross_entropy(z, a, y, f: Activation):
    """-sum y ln a (softmax) or -sum [y ln a + (1-y) ln(1-a)] (sigmoid), from the logits z."""
    if f.name == "softmax":
        # -sum_k y_k (z_k - logsumexp(z)), valid for any y whose rows sum to 1
        per_sample = logsumexp(z) * y.sum(axis=1) - np.sum(y * z, axis=1)
    else:
        # -[y ln s(z) + (1-y) ln(1-s(z))] = softplus(z) - y z
        per_sample = np.sum(softplus(z) - y * z, axis=1)
    return float(np.sum(per_sample)) / len(y)


def cross_entropy_delta(z, a, y, f: Activation):
    # The f'(z) of softmax/sigmoid cancels against d(-ln a)/da: delta(L) = a(L) - y.
    return a - y


# -- fused kernels: E and delta(L) in one pass, delta written into a preallocated array --


def quadratic_into(z, a, y, f: Activation, delta, tmp) -> float:
    # E = 1/2 ||y - a(L)||^2 and delta(L) = -(y - a(L)) * f'(z(L)) share the residual a(L) - y.
    np.subtract(a, y, out=delta)                                            # (m, n_L)
    value = 0.5 * float(np.vdot(delta, delta)) / len(y)
    f.backward_into(z, a, delta, tmp)
    return value


def cross_entropy_into(z, a, y, f: Activation, delta, tmp) -> float:
    np.subtract(a, y, out=delta)                                            # delta(L) = a(L) - y
    if f.name != "softmax":
        return cross_entropy(z, a, y, f)
    # E = 1/m sum_i [logsumexp(z_i) sum_k y_ik - sum_k y_ik z_ik], the formula of cross_entropy,
    # with the two sums over the batch done as dot products
    return (float(np.dot(logsumexp(z), y.sum(axis=1))) - float(np.vdot(y, z))) / len(y)


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable  # (z, a, y, f) -> float, mean over the batch
    delta: Callable  # (z, a, y, f) -> (m, n_L) per-sample dE/dz(L)
    outputs: tuple[str, ...] | None  # output activations it is defined for (None: any)
    fused: Callable | None = None  # (z, a, y, f, delta, tmp) -> value, delta written in place

    def value_and_delta(self, z, a, y, f: Activation, delta, tmp) -> float:
        """E (mean over the batch), with delta(L) written into ``delta``; tmp is scratch like delta."""
        if self.fused is not None:
            return self.fused(z, a, y, f, delta, tmp)
        delta[...] = self.delta(z, a, y, f)
        return self.value(z, a, y, f)

    def check_output(self, output: str) -> None:
        if self.outputs is not None and output not in self.outputs:
            raise ConfigError(
                f"the {self.name} loss needs a {' or '.join(self.outputs)} output layer, got {output!r}: "
                f"use --output-activation {self.outputs[0]} or --loss quadratic"
            )


LOSSES: dict[str, Loss] = {
    "quadratic": Loss("quadratic", quadratic, quadratic_delta, None, quadratic_into),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_delta, ("softmax", "sigmoid"), cross_entropy_into),
}


def get_loss(name: str) -> Loss:
    """The loss called ``name`` ('cross-entropy' is accepted for 'cross_entropy')."""
    key = str(name).replace("-", "_").lower()
    if key not in LOSSES:
        raise ConfigError(f"unknown loss {name!r}: choose one of quadratic, cross-entropy")
    return LOSSES[key]
