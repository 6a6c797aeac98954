"""Finite-difference check of backprop, used by the tests and `nnscratch gradcheck`.

Each parameter is nudged by +-eps and the central difference
(E(p + eps) - E(p - eps)) / 2 eps compared with backprop's value by the
relative error ||g - n|| / (||g|| + ||n||) of each parameter array (per entry, tiny
gradients would turn harmless rounding into large ratios). Run it in float64:
float32 rounding alone gives errors near 1e-3.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch.activations import names
from nnscratch.backprop import backprop
from nnscratch.losses import LOSSES, Loss, get_loss
from nnscratch.network import Network

Array = NDArray[Any]


def relative_error(g: Array, n: Array, tiny: float = 1e-12) -> float:
    """||g - n|| / max(||g|| + ||n||, tiny) for two arrays of the same shape."""
    return float(np.linalg.norm(g - n)) / max(float(np.linalg.norm(g) + np.linalg.norm(n)), tiny)


def numerical_gradient(cost: Callable[[], float], p: Array, eps: float = 1e-6) -> Array:
    """Central differences (cost(p + eps) - cost(p - eps)) / 2 eps for every entry of the array ``p``.

    ``cost()`` is called with ``p`` nudged in place; each entry is restored afterwards.
    """
    g = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        keep = p[i]
        p[i] = keep + eps
        plus = cost()
        p[i] = keep - eps
        minus = cost()
        p[i] = keep
        g[i] = (plus - minus) / (2 * eps)
    return g


def numerical_gradients(net: Network, x: Array, y: Array, loss: Loss, eps: float = 1e-6) -> list[Array]:
    """Central differences of the mean cost for every entry of [theta(2), b(2), ...]."""
    x = net.check_input(x)
    y = np.asarray(y, net.dtype)

    def cost() -> float:
        cache = net.forward(x)
        return loss.value(cache.z[net.L], cache.a[net.L], y, net.f(net.L))

    return [numerical_gradient(cost, p, eps) for p in net.parameters()]


@dataclass
class GradCheck:
    """Backprop's and the finite-difference gradients, layer-indexed, with their relative errors."""

    backprop: list[Array]
    numerical: list[Array]
    errors: list[float]

    @property
    def max_error(self) -> float:
        return max(self.errors)


def check_gradients(net: Network, x: Array, y: Array, loss: Loss, eps: float = 1e-6) -> GradCheck:
    """Backprop's gradients beside their central differences, with the relative error of each array."""
    analytic = backprop(net, x, y, loss).as_list()
    numeric = numerical_gradients(net, x, y, loss, eps)
    return GradCheck(analytic, numeric, [relative_error(a, n) for a, n in zip(analytic, numeric, strict=True)])


def _layered(flat: list[Array]) -> tuple[list[Array | None], list[Array | None]]:
    """[g theta(2), g b(2), ...] -> (theta-like list, b-like list) indexed by l."""
    theta: list[Array | None] = [None, None]
    b: list[Array | None] = [None, None]
    for i in range(0, len(flat), 2):
        theta.append(flat[i])
        b.append(flat[i + 1])
    return theta, b


def _some(v: Array | None) -> Array:
    """A layer slot that holds an array (l >= 2)."""
    assert v is not None
    return v


def _rows(arrays: list[Any]) -> list[Any]:
    """The first row of each array (None kept): one sample's values without the batch axis."""
    return [None if v is None else v[0] for v in arrays]


def explain_backprop(net: Network, x: Array, y: Array, loss: Loss, eps: float = 1e-6) -> dict[str, Any]:
    """Everything the lecture computes by hand for one sample, as plain layer-indexed data.

    Lists are indexed by the lecture's l (index 0 and, for parameters and z, 1 are None),
    so ``report["delta"][3]`` is delta(3). Gradients come with their central-difference
    values and the relative error of each layer's array.
    """
    x = net.check_input(x)
    y = np.asarray(y, net.dtype).reshape(len(x), -1)
    grads = backprop(net, x, y, loss)
    numeric_theta, numeric_b = _layered(numerical_gradients(net, x, y, loss, eps))
    return {
        "sizes": net.sizes,
        "activation": net.hidden.name,
        "output_activation": net.output.name,
        "loss": loss.name,
        "E": grads.loss,
        "x": x[0],
        "y": y[0],
        "theta": net.theta,
        "b": net.b,
        "z": _rows(grads.cache.z),
        "a": _rows(grads.cache.a),
        "delta": _rows(grads.delta),
        "grad_theta": grads.grad_theta,
        "grad_b": grads.grad_b,
        "numerical_grad_theta": numeric_theta,
        "numerical_grad_b": numeric_b,
        "relative_error_theta": [None, None] + [relative_error(grads.grad_theta[l], _some(numeric_theta[l]))
                                                for l in net.layers],
        "relative_error_b": [None, None] + [relative_error(grads.grad_b[l], _some(numeric_b[l])) for l in net.layers],
    }


# The architectures every (hidden, output, loss) case is checked on: one, two and three hidden layers.
GRADCHECK_ARCHITECTURES = ((3, 4, 2), (2, 5, 3, 3), (4, 3, 3, 2, 2))


def gradcheck_cases() -> list[tuple[str, str, str]]:
    """Every (hidden, output, loss) that backprop must get right, read from the registries.

    Hidden and output activations that backprop trains through (step is left out: its derivative is
    zero wherever it exists), each output with every loss defined for it.
    """
    return [(hidden, output, loss.name)
            for hidden in names("hidden", trainable=True)
            for output in names("output", trainable=True)
            for loss in LOSSES.values() if loss.allows_output(output)]


def _targets(output: str, rng: np.random.Generator, batch: int, n_out: int) -> Array:
    """Targets y a network with this output activation can reach: one-hot for softmax, (0, 1) for the
    squashing and rectifying units, any real for identity."""
    if output == "identity":
        return rng.standard_normal((batch, n_out))
    if output == "softmax":
        out: Array = np.eye(n_out)[rng.integers(0, n_out, batch)]
        return out
    return rng.uniform(0.05, 0.95, (batch, n_out))


def gradcheck_suite(seed: int = 0, batch: int = 5, eps: float = 1e-6) -> Iterator[dict[str, Any]]:
    """Check backprop against finite differences for every case of ``gradcheck_cases`` x architecture, in float64.

    Yields dicts: hidden, output, loss, sizes, max_error.
    """
    rng = np.random.default_rng(seed)
    for hidden, output, loss_name in gradcheck_cases():
        for sizes in GRADCHECK_ARCHITECTURES:
            net = Network(sizes, hidden, output, init="xavier", rng=rng, dtype=np.float64)
            for l in net.layers:
                # Non-zero biases keep z off ReLU's kink at 0, where the derivative does not exist
                # (a unit whose inputs are all zero would otherwise sit exactly on it).
                bias = _some(net.b[l])
                bias[:] = rng.normal(0, 0.5, bias.shape)
            x = rng.standard_normal((batch, sizes[0]))
            y = _targets(output, rng, batch, sizes[-1])
            result = check_gradients(net, x, y, get_loss(loss_name), eps)
            yield {"hidden": hidden, "output": output, "loss": loss_name, "sizes": list(sizes),
                   "max_error": result.max_error}
