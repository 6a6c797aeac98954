"""Activation functions f, each beside its derivative f'.

The lecture writes a(l) = f(z(l)) and uses f'(z(l)) in every delta. Every
elementwise activation here is a pair ``(f, f_prime)``; softmax, whose
Jacobian is not diagonal, instead provides the vector-Jacobian product that
backprop needs. All functions take arrays of shape (m, n_l) and keep dtype.
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


def softmax(z):
    """Row-wise softmax, shifted by the row maximum so exp never overflows. (m, n) -> (m, n)"""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_vjp(a, grad_a):
    """dE/dz from dE/da for a = softmax(z): J^T g = a * (g - sum(g * a)). Rows are samples."""
    return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))


@dataclass(frozen=True)
class Activation:
    """An activation f with what backprop needs: f' (elementwise) or a vector-Jacobian product."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    f_prime: Callable[[np.ndarray], np.ndarray] | None

    @property
    def elementwise(self) -> bool:
        return self.f_prime is not None

    def backward(self, z, a, grad_a):
        """dE/dz given dE/da: grad_a * f'(z) for elementwise f, J^T grad_a for softmax."""
        if self.f_prime is not None:
            return grad_a * self.f_prime(z)
        return softmax_vjp(a, grad_a)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("identity", identity, identity_prime),
        Activation("step", step, step_prime),
        Activation("sigmoid", sigmoid, sigmoid_prime),
        Activation("tanh", tanh, tanh_prime),
        Activation("relu", relu, relu_prime),
        Activation("leaky_relu", leaky_relu, leaky_relu_prime),
        Activation("softmax", softmax, None),
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
