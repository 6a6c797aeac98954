"""Activation functions f, each beside its derivative f'.

The lecture writes a(l) = f(z(l)) and uses f'(z(l)) in every delta. Every
elementwise activation here is a pair ``(f, f_prime)``; softmax, whose
Jacobian is not diagonal, instead provides the vector-Jacobian product that
backprop needs. All functions take arrays of shape (m, n_l) and keep dtype.

Beside each pair sits an in-place kernel of the same formula for the trainer:
``*_into(z, out)`` writes a = f(z) into ``out`` and ``*_backward_into(z, a,
delta, tmp)`` multiplies delta by f'(z) in place (``tmp`` is scratch of the same
shape), so a training step allocates no arrays. The pairs stay the reference:
the tests check every kernel against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from nnscratch.errors import ConfigError


def identity(z):
    return z


def identity_prime(z):
    return np.ones_like(z)


def step(z):
    """The perceptron's threshold: 1 where z > 0, else 0 (sign, shifted to {0, 1})."""
    return (z > 0).astype(z.dtype)


def step_prime(z):
    # Zero almost everywhere: why the perceptron is trained by its own rule, not backprop.
    return np.zeros_like(z)


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), computed without overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype, copy=False)


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0)


def relu_prime(z):
    return (z > 0).astype(z.dtype)


LEAKY_SLOPE = 0.01


def leaky_relu(z):
    return np.where(z > 0, z, LEAKY_SLOPE * z).astype(z.dtype, copy=False)


def leaky_relu_prime(z):
    return np.where(z > 0, 1, LEAKY_SLOPE).astype(z.dtype)


# -- in-place kernels: the same formulas, written into preallocated arrays ----------


def identity_into(z, out):
    np.copyto(out, z)


def identity_backward_into(z, a, delta, tmp):
    pass  # f'(z) = 1


def step_into(z, out):
    np.greater(z, 0, out=out)


def step_backward_into(z, a, delta, tmp):
    delta *= 0  # f'(z) = 0 (a multiplication, so NaN and inf propagate as in grad_a * f'(z))


def sigmoid_into(z, out):
    # a = 1 / (1 + e^-z). For z << 0, e^-z overflows to inf and a becomes exactly 0,
    # which is the correctly rounded value, so the overflow warning is silenced.
    np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1
    np.reciprocal(out, out=out)


def sigmoid_backward_into(z, a, delta, tmp):
    # f'(z) = a (1 - a): the sigmoid's derivative from its output, no second exp
    np.subtract(1, a, out=tmp)
    tmp *= a
    delta *= tmp


def tanh_into(z, out):
    np.tanh(z, out=out)


def tanh_backward_into(z, a, delta, tmp):
    # f'(z) = 1 - tanh(z)^2 = 1 - a^2
    np.multiply(a, a, out=tmp)
    np.subtract(1, tmp, out=tmp)
    delta *= tmp


def relu_into(z, out):
    np.maximum(z, 0, out=out)


def relu_backward_into(z, a, delta, tmp):
    # f'(z) = 1 where z > 0, else 0: a 0/1 mask in tmp, then one multiplication
    np.greater(z, 0, out=tmp)
    delta *= tmp


def leaky_relu_into(z, out):
    # max(z, 0.01 z) is z for z > 0 and 0.01 z otherwise
    np.multiply(z, LEAKY_SLOPE, out=out)
    np.maximum(z, out, out=out)


def leaky_relu_backward_into(z, a, delta, tmp):
    # f'(z) = 1 where z > 0, else 0.01
    np.multiply(delta, LEAKY_SLOPE, out=tmp)
    np.copyto(delta, tmp, where=z <= 0)


def softmax(z):
    """Row-wise softmax, shifted by the row maximum so exp never overflows. (m, n) -> (m, n)"""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_vjp(a, grad_a):
    """dE/dz from dE/da for a = softmax(z): J^T g = a * (g - sum(g * a)). Rows are samples."""
    return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))


def softmax_into(z, out):
    # a_k = e^(z_k - max z) / sum_j e^(z_j - max z), row by row
    np.subtract(z, np.maximum.reduce(z, axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= np.add.reduce(out, axis=1, keepdims=True)


def softmax_backward_into(z, a, delta, tmp):
    # J^T g = a * (g - sum(g * a)), with g = delta on entry
    np.multiply(delta, a, out=tmp)
    delta -= np.add.reduce(tmp, axis=1, keepdims=True)
    delta *= a


@dataclass(frozen=True)
class Activation:
    """An activation f with what backprop needs: f' (elementwise) or a vector-Jacobian product."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    f_prime: Callable[[np.ndarray], np.ndarray] | None
    into: Callable | None = None  # (z, out): out = f(z), in place
    backward_in_place: Callable | None = None  # (z, a, delta, tmp): delta <- dE/dz from dE/da

    @property
    def elementwise(self) -> bool:
        return self.f_prime is not None

    def backward(self, z, a, grad_a):
        """dE/dz given dE/da: grad_a * f'(z) for elementwise f, J^T grad_a for softmax."""
        if self.f_prime is not None:
            return grad_a * self.f_prime(z)
        return softmax_vjp(a, grad_a)

    def forward_into(self, z, out) -> None:
        """out = f(z) without allocating, through the in-place kernel when there is one."""
        if self.into is not None:
            self.into(z, out)
        else:
            out[...] = self.f(z)

    def backward_into(self, z, a, delta, tmp) -> None:
        """delta <- backward(z, a, delta) in place; tmp is scratch shaped like delta."""
        if self.backward_in_place is not None:
            self.backward_in_place(z, a, delta, tmp)
        else:
            delta[...] = self.backward(z, a, delta)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("identity", identity, identity_prime, identity_into, identity_backward_into),
        Activation("step", step, step_prime, step_into, step_backward_into),
        Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_into, sigmoid_backward_into),
        Activation("tanh", tanh, tanh_prime, tanh_into, tanh_backward_into),
        Activation("relu", relu, relu_prime, relu_into, relu_backward_into),
        Activation("leaky_relu", leaky_relu, leaky_relu_prime, leaky_relu_into, leaky_relu_backward_into),
        Activation("softmax", softmax, None, softmax_into, softmax_backward_into),
    )
}

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "identity", "step")
OUTPUT_ACTIVATIONS = ("softmax", "sigmoid", "identity", "tanh", "relu", "leaky_relu", "step")


def get_activation(name: str) -> Activation:
    """The activation called ``name`` ('leaky-relu' is accepted for 'leaky_relu')."""
    key = str(name).replace("-", "_").lower()
    if key not in ACTIVATIONS:
        raise ConfigError(f"unknown activation {name!r}: choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[key]
