"""Cost functions E and the output-layer error delta(L) = dE/dz(L).

The lecture's quadratic cost is E = 1/2 ||y - a(L)||^2, whose delta is
delta(L) = -(y - a(L)) * f'(z(L)). Cross-entropy pairs with a softmax (or
sigmoid) output and is computed from the logits z(L), so it never takes the
log of a rounded-to-zero probability; its delta collapses to a(L) - y.

Values are averaged over the batch (the lecture's E_total = 1/N sum E);
deltas are per sample, shape (m, n_L): backprop does the averaging.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch.activations import Activation
from nnscratch.activations import canonical_name as canonical_activation
from nnscratch.errors import ConfigError

Array = NDArray[Any]


def logsumexp(z: Array) -> Array:
    """log(sum(exp(z))) per row, shifted by the row maximum. (m, n) -> (m,)"""
    zmax = z.max(axis=1, keepdims=True)
    out: Array = (zmax + np.log(np.exp(z - zmax).sum(axis=1, keepdims=True)))[:, 0]
    return out


def softplus(z: Array) -> Array:
    """log(1 + e^z) without overflow."""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def quadratic(z: Array, a: Array, y: Array, f: Activation) -> float:
    """E = 1/2 ||y - a||^2, averaged over the batch."""
    return 0.5 * float(np.sum((y - a) ** 2)) / len(y)


def quadratic_delta(z: Array, a: Array, y: Array, f: Activation) -> Array:
    # delta(L) = -(y - a(L)) * f'(z(L)); for softmax the product with f' becomes J^T (a - y).
    return f.backward(z, a, a - y)


def cross_entropy(z: Array, a: Array, y: Array, f: Activation) -> float:
    """-sum y ln a (softmax) or -sum [y ln a + (1-y) ln(1-a)] (sigmoid), from the logits z."""
    if f.name == "softmax":
        # -sum_k y_k (z_k - logsumexp(z)), valid for any y whose rows sum to 1
        per_sample = logsumexp(z) * y.sum(axis=1) - np.sum(y * z, axis=1)
    else:
        # -[y ln s(z) + (1-y) ln(1-s(z))] = softplus(z) - y z
        per_sample = np.sum(softplus(z) - y * z, axis=1)
    return float(np.sum(per_sample)) / len(y)


def cross_entropy_delta(z: Array, a: Array, y: Array, f: Activation) -> Array:
    # The f'(z) of softmax/sigmoid cancels against d(-ln a)/da: delta(L) = a(L) - y.
    return a - y


# -- fused kernels: E and delta(L) in one pass, delta written into a preallocated array --


def quadratic_into(z: Array, a: Array, y: Array, f: Activation, delta: Array, tmp: Array) -> float:
    # E = 1/2 ||y - a(L)||^2 and delta(L) = -(y - a(L)) * f'(z(L)) share the residual a(L) - y.
    np.subtract(a, y, out=delta)                                            # (m, n_L)
    value = 0.5 * float(np.vdot(delta, delta)) / len(y)
    f.backward_into(z, a, delta, tmp)
    return value


def cross_entropy_into(z: Array, a: Array, y: Array, f: Activation, delta: Array, tmp: Array) -> float:
    np.subtract(a, y, out=delta)                                            # delta(L) = a(L) - y
    if f.name != "softmax":
        return cross_entropy(z, a, y, f)
    # E = 1/m sum_i [logsumexp(z_i) sum_k y_ik - sum_k y_ik z_ik], the formula of cross_entropy,
    # with the two sums over the batch done as dot products
    return (float(np.dot(logsumexp(z), y.sum(axis=1))) - float(np.vdot(y, z))) / len(y)


@dataclass(frozen=True)
class Loss:
    """A cost E with its output error delta(L), and the output activations it is defined for."""

    name: str
    value: Callable[[Array, Array, Array, Activation], float]  # (z, a, y, f) -> float, mean over the batch
    delta: Callable[[Array, Array, Array, Activation], Array]  # (z, a, y, f) -> (m, n_L) per-sample dE/dz(L)
    outputs: tuple[str, ...] | None  # output activations it is defined for (None: any)
    # (z, a, y, f, delta, tmp) -> value, delta written in place
    fused: Callable[[Array, Array, Array, Activation, Array, Array], float] | None = None

    def value_and_delta(self, z: Array, a: Array, y: Array, f: Activation, delta: Array, tmp: Array) -> float:
        """E (mean over the batch), with delta(L) written into ``delta``; tmp is scratch like delta."""
        if self.fused is not None:
            return self.fused(z, a, y, f, delta, tmp)
        delta[...] = self.delta(z, a, y, f)
        return self.value(z, a, y, f)

    def allows_output(self, output: str) -> bool:
        """Whether the output activation called ``output`` suits this loss."""
        return self.outputs is None or canonical_activation(output) in self.outputs

    def check_output(self, output: str) -> None:
        """Raise ConfigError (param "output") unless ``output`` suits this loss."""
        if not self.allows_output(output):
            assert self.outputs is not None
            raise ConfigError("loss.err.needs_output", param="output", loss=self.name,
                              outputs=" or ".join(self.outputs), choices=", ".join(self.outputs), output=output,
                              suggestion=self.outputs[0])


# Keys are the canonical spellings, the one every output prints; '-' is accepted for '_' on input.
LOSSES: dict[str, Loss] = {
    "quadratic": Loss("quadratic", quadratic, quadratic_delta, None, quadratic_into),
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_delta, ("softmax", "sigmoid"),
                          cross_entropy_into),
}


def names() -> tuple[str, ...]:
    """The canonical loss names: ('quadratic', 'cross_entropy')."""
    return tuple(LOSSES)


def canonical_name(name: object) -> str:
    """The canonical spelling of a loss name: 'cross-entropy' and 'Cross_Entropy' -> 'cross_entropy'.

    Unknown names come back normalised but unchecked; an argparse ``type=`` can use it with
    ``choices=names()`` to accept both spellings and list one.
    """
    return str(name).strip().replace("-", "_").lower()


def get_loss(name: str) -> Loss:
    """The loss called ``name`` ('cross-entropy' is accepted for 'cross_entropy')."""
    key = canonical_name(name)
    if key not in LOSSES:
        raise ConfigError("loss.err.unknown", param="loss", name=name, choices=", ".join(LOSSES))
    return LOSSES[key]
