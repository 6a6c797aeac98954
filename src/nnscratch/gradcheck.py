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


def numerical_gradient(cost, p: np.ndarray, eps=1e-6) -> np.ndarray:
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


def numerical_gradients(net: Network, x, y, loss: Loss, eps=1e-6) -> list[np.ndarray]:
    """Central differences of the mean cost for every entry of [theta(2), b(2), ...]."""
    x = net.check_input(x)
    y = np.asarray(y, net.dtype)

    def cost():
        cache = net.forward(x)
        return loss.value(cache.z[net.L], cache.a[net.L], y, net.f(net.L))

    return [numerical_gradient(cost, p, eps) for p in net.parameters()]


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


def _layered(net: Network, flat: list) -> tuple[list, list]:
    """[g theta(2), g b(2), ...] -> (theta-like list, b-like list) indexed by l."""
    theta, b = [None, None], [None, None]
    for i in range(0, len(flat), 2):
        theta.append(flat[i])
        b.append(flat[i + 1])
    return theta, b


def explain_backprop(net: Network, x, y, loss: Loss, eps=1e-6) -> dict:
    """Everything the lecture computes by hand for one sample, as plain layer-indexed data.

    Lists are indexed by the lecture's l (index 0 and, for parameters and z, 1 are None),
    so ``report["delta"][3]`` is delta(3). Gradients come with their central-difference
    values and the relative error of each layer's array.
    """
    x = net.check_input(x)
    y = np.asarray(y, net.dtype).reshape(len(x), -1)
    grads = backprop(net, x, y, loss)
    numeric_theta, numeric_b = _layered(net, numerical_gradients(net, x, y, loss, eps))
    rows = lambda arrays: [None if v is None else v[0] for v in arrays]  # one sample: drop the batch axis
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
        "z": rows(grads.cache.z),
        "a": rows(grads.cache.a),
        "delta": rows(grads.delta),
        "grad_theta": grads.grad_theta,
        "grad_b": grads.grad_b,
        "numerical_grad_theta": numeric_theta,
        "numerical_grad_b": numeric_b,
        "relative_error_theta": [None, None] + [relative_error(grads.grad_theta[l], numeric_theta[l]) for l in net.layers],
        "relative_error_b": [None, None] + [relative_error(grads.grad_b[l], numeric_b[l]) for l in net.layers],
    }


# (output activation, loss) pairs whose gradient backprop must get right, and the hidden activations
# they are combined with. step is left out: its derivative is zero wherever it exists.
GRADCHECK_HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "identity")
GRADCHECK_OUTPUTS = (("sigmoid", "quadratic"), ("softmax", "quadratic"), ("identity", "quadratic"),
                     ("tanh", "quadratic"), ("softmax", "cross_entropy"), ("sigmoid", "cross_entropy"))
GRADCHECK_ARCHITECTURES = ((3, 4, 2), (2, 5, 3, 3), (4, 3, 3, 2, 2))


def gradcheck_suite(seed: int = 0, batch: int = 5, eps: float = 1e-6):
    """Check backprop against finite differences for every activation x loss x architecture, in float64.

    Yields dicts: hidden, output, loss, sizes, max_error.
    """
    from nnscratch.losses import get_loss

    rng = np.random.default_rng(seed)
    for hidden in GRADCHECK_HIDDEN:
        for output, loss_name in GRADCHECK_OUTPUTS:
            for sizes in GRADCHECK_ARCHITECTURES:
                net = Network(sizes, hidden, output, init="xavier", rng=rng, dtype=np.float64)
                for l in net.layers:
                    # Non-zero biases keep z off ReLU's kink at 0, where the derivative does not exist
                    # (a unit whose inputs are all zero would otherwise sit exactly on it).
                    net.b[l][:] = rng.normal(0, 0.5, net.b[l].shape)
                x = rng.standard_normal((batch, sizes[0]))
                if output == "identity":
                    y = rng.standard_normal((batch, sizes[-1]))
                elif output == "softmax":
                    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], batch)]
                else:  # sigmoid/tanh targets in their range
                    y = rng.uniform(0.05, 0.95, (batch, sizes[-1]))
                result = check_gradients(net, x, y, get_loss(loss_name), eps)
                yield {"hidden": hidden, "output": output, "loss": loss_name, "sizes": list(sizes),
                       "max_error": result.max_error}
