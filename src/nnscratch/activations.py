"""Activation functions f, each beside its derivative f', and the one registry that says what each may be.

The lecture writes a(l) = f(z(l)) and uses f'(z(l)) in every delta. Every
elementwise activation here is a pair ``(f, f_prime)``; softmax, whose
Jacobian is not diagonal, instead provides the vector-Jacobian product that
backprop needs. All functions take arrays of shape (m, n_l) and keep dtype.

Beside each pair sits an in-place kernel of the same formula for the trainer:
``*_into(z, out)`` writes a = f(z) into ``out`` and ``*_backward_into(z, a,
delta, tmp)`` multiplies delta by f'(z) in place (``tmp`` is scratch of the same
shape), so a training step allocates no arrays. The pairs stay the reference:
the tests check every kernel against them.

``ACTIVATIONS`` is the registry: each ``Activation`` record says where the
function may sit (hidden and/or output layer), whether backprop can train
through it, and how it is written in ONNX and in ``torch.nn``. Adding an
activation means adding its functions and one record here; the network, the
exporters, the gradient check, the CLI and the web lab read the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from nnscratch.errors import ConfigError

Array = NDArray[Any]
Role = Literal["hidden", "output"]


def identity(z: Array) -> Array:
    return z


def identity_prime(z: Array) -> Array:
    return np.ones_like(z)


def step(z: Array) -> Array:
    """The perceptron's threshold: 1 where z > 0, else 0 (sign, shifted to {0, 1})."""
    return (z > 0).astype(z.dtype)


def step_prime(z: Array) -> Array:
    # Zero almost everywhere: why the perceptron is trained by its own rule, not backprop.
    return np.zeros_like(z)


def sigmoid(z: Array) -> Array:
    """Logistic function 1 / (1 + e^-z), computed without overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z.dtype, copy=False)


def sigmoid_prime(z: Array) -> Array:
    s = sigmoid(z)
    out: Array = s * (1 - s)
    return out


def tanh(z: Array) -> Array:
    out: Array = np.tanh(z)
    return out


def tanh_prime(z: Array) -> Array:
    out: Array = 1 - np.tanh(z) ** 2
    return out


def relu(z: Array) -> Array:
    out: Array = np.maximum(z, 0)
    return out


def relu_prime(z: Array) -> Array:
    return (z > 0).astype(z.dtype)


# The slope of leaky ReLU for z <= 0. The registry's record carries it (params["slope"]), and the
# exporters read it from there: ONNX LeakyRelu(alpha=slope), torch.nn.LeakyReLU(negative_slope=slope).
LEAKY_SLOPE = 0.01


def leaky_relu(z: Array) -> Array:
    return np.where(z > 0, z, LEAKY_SLOPE * z).astype(z.dtype, copy=False)


def leaky_relu_prime(z: Array) -> Array:
    return np.where(z > 0, 1, LEAKY_SLOPE).astype(z.dtype)


# -- in-place kernels: the same formulas, written into preallocated arrays ----------


def identity_into(z: Array, out: Array) -> None:
    np.copyto(out, z)


def identity_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    pass  # f'(z) = 1


def step_into(z: Array, out: Array) -> None:
    np.greater(z, 0, out=out)


def step_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    delta *= 0  # f'(z) = 0 (a multiplication, so NaN and inf propagate as in grad_a * f'(z))


def sigmoid_into(z: Array, out: Array) -> None:
    # a = 1 / (1 + e^-z). For z << 0, e^-z overflows to inf and a becomes exactly 0,
    # which is the correctly rounded value, so the overflow warning is silenced.
    np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1
    np.reciprocal(out, out=out)


def sigmoid_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    # f'(z) = a (1 - a): the sigmoid's derivative from its output, no second exp
    np.subtract(1, a, out=tmp)
    tmp *= a
    delta *= tmp


def tanh_into(z: Array, out: Array) -> None:
    np.tanh(z, out=out)


def tanh_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    # f'(z) = 1 - tanh(z)^2 = 1 - a^2
    np.multiply(a, a, out=tmp)
    np.subtract(1, tmp, out=tmp)
    delta *= tmp


def relu_into(z: Array, out: Array) -> None:
    np.maximum(z, 0, out=out)


def relu_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    # f'(z) = 1 where z > 0, else 0: a 0/1 mask in tmp, then one multiplication
    np.greater(z, 0, out=tmp)
    delta *= tmp


def leaky_relu_into(z: Array, out: Array) -> None:
    # max(z, 0.01 z) is z for z > 0 and 0.01 z otherwise
    np.multiply(z, LEAKY_SLOPE, out=out)
    np.maximum(z, out, out=out)


def leaky_relu_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    # f'(z) = 1 where z > 0, else 0.01
    np.multiply(delta, LEAKY_SLOPE, out=tmp)
    np.copyto(delta, tmp, where=z <= 0)


def softmax(z: Array) -> Array:
    """Row-wise softmax, shifted by the row maximum so exp never overflows. (m, n) -> (m, n)"""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    out: Array = e / e.sum(axis=1, keepdims=True)
    return out


def softmax_vjp(a: Array, grad_a: Array) -> Array:
    """dE/dz from dE/da for a = softmax(z): J^T g = a * (g - sum(g * a)). Rows are samples."""
    out: Array = a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))
    return out


def softmax_into(z: Array, out: Array) -> None:
    # a_k = e^(z_k - max z) / sum_j e^(z_j - max z), row by row
    np.subtract(z, np.maximum.reduce(z, axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= np.add.reduce(out, axis=1, keepdims=True)


def softmax_backward_into(z: Array, a: Array, delta: Array, tmp: Array) -> None:
    # J^T g = a * (g - sum(g * a)), with g = delta on entry
    np.multiply(delta, a, out=tmp)
    delta -= np.add.reduce(tmp, axis=1, keepdims=True)
    delta *= a


# -- how an activation leaves nnscratch: one ONNX node chain and one torch.nn module ----------


@dataclass(frozen=True)
class OnnxOp:
    """One ONNX node of an activation: ``op`` with ``attrs``; ``constant`` is a second input, if any.

    step is ``Greater(z, 0)`` then ``Cast(to=FLOAT)``: two nodes, the first with the constant 0.
    """

    op: str
    attrs: Mapping[str, Any] = field(default_factory=dict)
    constant: float | None = None


@dataclass(frozen=True)
class TorchLayer:
    """The ``torch.nn`` module computing an activation: ``nn.<name>(**kwargs)``."""

    name: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """Python source building the module, e.g. ``nn.Softmax(dim=1)``."""
        return f"nn.{self.name}({', '.join(f'{k}={v!r}' for k, v in self.kwargs.items())})"

    def build(self, nn: Any) -> Any:
        """The module, given the ``torch.nn`` package."""
        return getattr(nn, self.name)(**self.kwargs)


@dataclass(frozen=True)
class Activation:
    """An activation f with what backprop needs (f' elementwise, or a vector-Jacobian product)
    and what the rest of nnscratch needs to know about it.

    hidden, output: whether it may be the activation of the hidden layers / of the output layer L.
    trainable: whether backprop can train through it (False for step, whose f' is 0 wherever it exists).
    params: its constants (leaky ReLU's ``slope``), read by the exporters.
    threshold: the class decision of a single output unit with this activation is a(L) > threshold:
    0.5 where a(L) is a probability (sigmoid, step), 0 where outputs are centred on 0.
    onnx: the ONNX nodes computing it; torch: the ``torch.nn`` module, or None when PyTorch has none.
    """

    name: str
    f: Callable[[Array], Array]
    f_prime: Callable[[Array], Array] | None
    into: Callable[[Array, Array], None] | None = None  # (z, out): out = f(z), in place
    # (z, a, delta, tmp): delta <- dE/dz from dE/da, in place
    backward_in_place: Callable[[Array, Array, Array, Array], None] | None = None
    hidden: bool = True
    output: bool = True
    trainable: bool = True
    params: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.0
    onnx: tuple[OnnxOp, ...] = ()
    torch: TorchLayer | None = None

    def backward(self, z: Array, a: Array, grad_a: Array) -> Array:
        """dE/dz given dE/da: grad_a * f'(z) for elementwise f, J^T grad_a for softmax."""
        if self.f_prime is not None:
            out: Array = grad_a * self.f_prime(z)
            return out
        return softmax_vjp(a, grad_a)

    def forward_into(self, z: Array, out: Array) -> None:
        """out = f(z) without allocating, through the in-place kernel when there is one."""
        if self.into is not None:
            self.into(z, out)
        else:
            out[...] = self.f(z)

    def backward_into(self, z: Array, a: Array, delta: Array, tmp: Array) -> None:
        """delta <- backward(z, a, delta) in place; tmp is scratch shaped like delta."""
        if self.backward_in_place is not None:
            self.backward_in_place(z, a, delta, tmp)
        else:
            delta[...] = self.backward(z, a, delta)

    def allows(self, role: Role) -> bool:
        """Whether this activation may be the one of the hidden layers ("hidden") or of layer L ("output")."""
        return self.hidden if role == "hidden" else self.output


# Order: as the CLI and the web lab list the choices.
ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_into, sigmoid_backward_into, threshold=0.5,
                   onnx=(OnnxOp("Sigmoid"),), torch=TorchLayer("Sigmoid")),
        Activation("tanh", tanh, tanh_prime, tanh_into, tanh_backward_into,
                   onnx=(OnnxOp("Tanh"),), torch=TorchLayer("Tanh")),
        Activation("relu", relu, relu_prime, relu_into, relu_backward_into,
                   onnx=(OnnxOp("Relu"),), torch=TorchLayer("ReLU")),
        Activation("leaky_relu", leaky_relu, leaky_relu_prime, leaky_relu_into, leaky_relu_backward_into,
                   params={"slope": LEAKY_SLOPE}, onnx=(OnnxOp("LeakyRelu", {"alpha": LEAKY_SLOPE}),),
                   torch=TorchLayer("LeakyReLU", {"negative_slope": LEAKY_SLOPE})),
        Activation("identity", identity, identity_prime, identity_into, identity_backward_into,
                   onnx=(OnnxOp("Identity"),), torch=TorchLayer("Identity")),
        # The perceptron's threshold: no ONNX operator of its own (Greater then Cast to FLOAT = 1), and no
        # torch.nn layer, since PyTorch trains by gradients and f' is 0 wherever it exists.
        Activation("step", step, step_prime, step_into, step_backward_into, trainable=False, threshold=0.5,
                   onnx=(OnnxOp("Greater", constant=0.0), OnnxOp("Cast", {"to": 1})), torch=None),
        # Softmax normalises across a layer's units: a probability distribution, meaningful only at the output.
        Activation("softmax", softmax, None, softmax_into, softmax_backward_into, hidden=False,
                   onnx=(OnnxOp("Softmax", {"axis": 1}),), torch=TorchLayer("Softmax", {"dim": 1})),
    )
}


def names(role: Role | None = None, *, trainable: bool | None = None, exportable: str | None = None) -> tuple[str, ...]:
    """Names of the registered activations, in registry order.

    role: only those allowed in the "hidden" layers or at the "output";
    trainable: only those backprop can (True) or cannot (False) train through;
    exportable: only those the exporter "torch" (or "onnx") can write.
    """
    if role not in (None, "hidden", "output"):
        raise ConfigError("activation.err.unknown_role", param="role", role=role, choices="hidden, output")
    if exportable not in (None, "onnx", "torch"):
        raise ConfigError("activation.err.unknown_exporter", param="exportable", exporter=exportable,
                          choices="onnx, torch")
    return tuple(
        a.name for a in ACTIVATIONS.values()
        if (role is None or a.allows(role))
        and (trainable is None or a.trainable == trainable)
        and (exportable is None or (bool(a.onnx) if exportable == "onnx" else a.torch is not None))
    )


def canonical_name(name: object) -> str:
    """The registry's spelling of an activation name: 'Leaky-ReLU' -> 'leaky_relu'. No check."""
    return str(name).replace("-", "_").lower()


def get_activation(name: str, role: Role | None = None) -> Activation:
    """The activation called ``name`` ('leaky-relu' is accepted for 'leaky_relu').

    With ``role``, it must also be allowed there ("hidden" or "output"); the error names the choices.
    """
    key = canonical_name(name)
    if key not in ACTIVATIONS:
        raise ConfigError("activation.err.unknown", param="name", name=name, choices=", ".join(ACTIVATIONS))
    found = ACTIVATIONS[key]
    if role == "hidden" and not found.hidden:
        raise ConfigError("activation.err.not_hidden", param="hidden", name=name, choices=", ".join(names("hidden")))
    if role == "output" and not found.output:
        raise ConfigError("activation.err.not_output", param="output", name=name, choices=", ".join(names("output")))
    return found


# The choices of each layer, for code that wants a tuple (argparse choices, the network's checks).
HIDDEN_ACTIVATIONS = names("hidden")
OUTPUT_ACTIVATIONS = names("output")
