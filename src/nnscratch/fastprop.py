"""The fast path of backpropagation, used by the trainer: the formulas of backprop.py, in place.

Same numbers as ``nnscratch.backprop.backprop`` (tests/test_fastprop.py checks every
activation x loss x architecture), computed without allocating:

- a ``Workspace`` holds every array one batch shape needs (z, a, delta, the
  gradients and scratch), allocated once; the gradients live in one flat buffer
  laid out like ``Network.parameter_groups()`` (all theta, then all b), so an
  optimizer updates them with one call per formula;
- the mean over the batch is folded in where it is cheapest: dE/dtheta(l) =
  (delta(l) / m)^T a(l-1) divides m x n_l numbers instead of n_l x n_{l-1}, and
  dE/db(l) = (1/m, ..., 1/m) delta(l) is one BLAS product (``mean_row``);
- E and delta(L) come from one fused kernel of the loss (they share the residual a(L) - y).

The element-wise parts (z += b with a = f(z), delta *= f'(z), the fused output delta, the
batch gather) go through one ``Kernels`` object chosen by name (``TrainConfig(engine=...)``):
"numpy" (NumPy ufuncs, the reference) or "compiled" (the same formulas fused into single passes
by Numba, ``nnscratch.compiled``, when the "fast" extra is installed); the matrix products stay
with BLAS either way. "auto" takes the compiled kernels when they are installed and already
compiled in the user cache, so a first run never waits for the compiler.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from nnscratch import compiled
from nnscratch.activations import Activation
from nnscratch.backprop import Dropout, Gradients, check_targets
from nnscratch.errors import ConfigError
from nnscratch.losses import Loss
from nnscratch.network import Array, Layered, Network, check_budget, pack


class Kernels(Protocol):
    """What a backend of the fast path provides: the element-wise parts, in place (arrays (m, n_l))."""

    name: str

    def forward(self, f: Activation, z: Array, out: Array) -> None: ...

    def bias_forward(self, f: Activation, z: Array, b: Array, out: Array) -> None: ...

    def backward(self, f: Activation, z: Array, a: Array, delta: Array, tmp: Array) -> None: ...

    def output_delta(self, loss: Loss, f: Activation, z: Array, a: Array, y: Array, delta: Array,
                     tmp: Array) -> float: ...


class NumpyKernels:
    """The element-wise kernels of the fast path, as NumPy ufuncs writing into given arrays.

    A backend implements these three methods with the same meaning (all arrays (m, n_l)).
    """

    name = "numpy"

    def forward(self, f: Activation, z: Array, out: Array) -> None:
        """out = f(z)."""
        f.forward_into(z, out)

    def bias_forward(self, f: Activation, z: Array, b: Array, out: Array) -> None:
        """z += b (each row); out = f(z)."""
        z += b
        f.forward_into(z, out)

    def backward(self, f: Activation, z: Array, a: Array, delta: Array, tmp: Array) -> None:
        """delta <- delta * f'(z) (for softmax, J^T delta); tmp is scratch."""
        f.backward_into(z, a, delta, tmp)

    def output_delta(self, loss: Loss, f: Activation, z: Array, a: Array, y: Array, delta: Array,
                     tmp: Array) -> float:
        """E (mean over the batch), with delta(L) written into ``delta``."""
        return loss.value_and_delta(z, a, y, f, delta, tmp)


ENGINES = ("auto", "numpy", "compiled")


def resolve_engine(name: str) -> str:
    """"numpy" or "compiled": what ``name`` means on this machine now.

    auto: compiled when Numba is installed and the kernels are already in the user cache (a first run
    uses NumPy and never waits for the compiler), else numpy. compiled: raises MissingExtraError
    without Numba (compiling on first use).
    """
    if name not in ENGINES:
        raise ConfigError("core.err.engine", param="engine", engine=repr(name), choices=", ".join(ENGINES))
    if name == "auto":
        return "compiled" if compiled.is_warm() else "numpy"
    if name == "compiled":
        compiled.import_numba()  # fails naming the extra without Numba; with it, the cache folder is set first
    return name


def get_engine(name: str) -> Kernels:
    """The kernels of engine ``name`` ("auto", "numpy" or "compiled")."""
    if resolve_engine(name) == "compiled":
        return compiled.CompiledKernels()
    return NumpyKernels()


class Workspace:
    """The arrays backprop writes for batches of m samples of one network, allocated once.

    cache.z[l], cache.a[l], delta[l], tmp[l]: (m, n_l); grad_theta[l], grad_b[l]: shaped
    like theta(l), b(l) and laid out like the network's parameters (all theta, then
    all b, in one flat buffer), so ``grad_groups()`` matches ``Network.parameter_groups()``.
    """

    def __init__(self, net: Network, m: int, dropout: bool = False) -> None:
        extra = 2 * sum(net.sizes[1:-1]) if dropout else 0  # keep and dropped: (m, n_l) per hidden layer
        check_budget(net.sizes, net.dtype, net.memory_budget, parameter_copies=2, batch=m, purpose="batch",
                     batch_extra=extra)
        self.m, self.sizes, self.dtype = m, list(net.sizes), net.dtype
        self.cache = net.empty_cache(m)
        self.delta: Layered = [None, None] + [np.empty((m, net.n(l)), net.dtype) for l in net.layers]
        self.tmp: Layered = [None, None] + [np.empty((m, net.n(l)), net.dtype) for l in net.layers]
        # Dropout: keep[l] = mask(l) / (1 - p) and the dropped activations f(z(l)) * keep[l], hidden layers only;
        # a[l] keeps f(z(l)) itself, which the activations' backward kernels read (sigmoid's f' = a (1 - a)).
        hidden_layers = range(2, net.L) if dropout else ()
        self.keep: Layered = [np.empty((m, net.n(l)), net.dtype) if l in hidden_layers else None
                              for l in range(net.L + 1)]
        self.dropped: Layered = [np.empty((m, net.n(l)), net.dtype) if l in hidden_layers else None
                                 for l in range(net.L + 1)]
        self.dropout_on = False
        # What layer l+1 reads as a(l) (index 1 is the batch x, set per call): f(z(l)), or with dropout
        # the dropped activations; and the keep factors, None where there is no dropout. Made once, not per step.
        self.inputs: dict[bool, Layered] = {False: [None, None] + [self.cache.a[l] for l in net.layers],
                       True: [None, None] + [self.dropped[l] if self.dropped[l] is not None else self.cache.a[l]
                                             for l in net.layers]}
        self.no_keep: Layered = [None] * (net.L + 1)
        self.grad, views = pack([net.theta[l] for l in net.layers] + [net.b[l] for l in net.layers], net.dtype,
                                copy=False)
        k = len(net.layers)
        self.grad_theta: Layered = [None, None] + views[:k]
        self.grad_b: Layered = [None, None] + views[k:]
        n_theta = sum(v.size for v in views[:k])
        self.mean_row = np.full(m, 1 / m, net.dtype)  # (m,): 1/m sum over the batch as one BLAS product
        self._groups = {"theta": self.grad[:n_theta], "b": self.grad[n_theta:]}

    def fits(self, net: Network, m: int) -> bool:
        return self.m == m and self.sizes == net.sizes and self.dtype == net.dtype

    def draw_dropout(self, p: float, rng: np.random.Generator) -> None:
        """New masks for the next backprop_into: the same draws as ``Dropout.draw(net, m, p, rng)``, in place."""
        for keep in self.keep:
            if keep is not None:
                draw_keep(keep, p, rng)
        self.dropout_on = True

    def set_dropout(self, dropout: Dropout | None) -> None:
        """Use the masks of a ``backprop.Dropout`` (None: no dropout) for the next backprop_into."""
        self.dropout_on = dropout is not None
        if dropout is not None:
            for l, keep in enumerate(self.keep):
                if keep is not None:
                    np.divide(dropout.mask[l], 1 - dropout.p, out=keep)

    def grad_groups(self) -> dict[str, Array]:
        """{"theta": all dE/dtheta (N_theta,), "b": all dE/db (N_b,)}: the layout of Network.parameter_groups()."""
        return self._groups


def draw_keep(keep: Array, p: float, rng: np.random.Generator) -> None:
    """keep <- mask / (1 - p) in place, mask 1 (kept, probability 1 - p) or 0 (dropped): one draw per entry,
    uniforms in keep's dtype, so the same rng gives the same masks as ``backprop.Dropout.draw``."""
    rng.random(out=keep, dtype=keep.dtype)                    # uniforms in [0, 1)
    np.greater_equal(keep, p, out=keep)                       # mask: 1 kept, 0 dropped
    keep *= keep.dtype.type(1 / (1 - p))


def drop_inputs(x: Array, p: float, rng: np.random.Generator, keep: Array) -> None:
    """Inverted dropout of the inputs, in place: a(1) = x * mask(1) / (1 - p), each input kept with
    probability 1 - p (Hinton et al. 2012 dropped 20% of the pixels besides half the hidden neurons).

    x: (m, n_1) the batch a(1), float; keep: (m, n_1) scratch of x's dtype, left holding mask(1) / (1 - p).
    Nothing is differentiated with respect to a(1), so backprop needs no mask of its own for it:
    the gradient of theta(2) reads the dropped a(1) as it reads any a(l-1).
    """
    draw_keep(keep, p, rng)
    x *= keep


def backprop_into(net: Network, x: Array, y: Array, loss: Loss, ws: Workspace, kernels: Kernels | None = None) -> float:
    """E of the batch; z, a, delta and the gradients are written into ``ws``.

    x: (m, n_1) of the network's dtype; y: (m, n_L) targets of the network's dtype (the trainer's
    batch arrays; ``fast_backprop`` checks and converts arbitrary input).
    """
    kernels = _NUMPY if kernels is None else kernels
    m, L = len(x), net.L
    z, a, delta, tmp = ws.cache.z, ws.cache.a, ws.delta, ws.tmp
    # what layer l+1 reads as a(l): f(z(l)), or f(z(l)) * mask(l) / (1 - p) with dropout
    keep = ws.keep if ws.dropout_on else ws.no_keep
    inputs = ws.inputs[ws.dropout_on]
    a[1] = inputs[1] = x
    for l in net.layers:
        np.matmul(inputs[l - 1], net.theta[l].T, out=z[l])           # z(l) = theta(l) a(l-1) + b(l), (m, n_l)
        kernels.bias_forward(net.f(l), z[l], net.b[l], a[l])         # z(l) += b(l); a(l) = f(z(l))
        if keep[l] is not None:
            np.multiply(a[l], keep[l], out=inputs[l])                # inverted dropout

    # delta(L) = -(y - a(L)) * f'(z(L)), or a(L) - y for cross-entropy, with E from the same residual
    value = kernels.output_delta(loss, net.f(L), z[L], a[L], y, delta[L], tmp[L])     # (m, n_L)
    for l in range(L, 1, -1):
        delta_mean = np.divide(delta[l], m, out=tmp[l])                          # delta(l) / m, (m, n_l)
        np.matmul(delta_mean.T, inputs[l - 1], out=ws.grad_theta[l])             # dE/dtheta(l), (n_l, n_{l-1})
        np.matmul(ws.mean_row, delta[l], out=ws.grad_b[l])                       # dE/db(l), (n_l,)
        if l > 2:
            # delta(l-1) = (theta(l)^T delta(l)) * f'(z(l-1)), rows are samples; never delta(1) for the input
            np.matmul(delta[l], net.theta[l], out=delta[l - 1])                  # (m, n_{l-1})
            kernels.backward(net.f(l - 1), z[l - 1], a[l - 1], delta[l - 1], tmp[l - 1])
            if keep[l - 1] is not None:
                delta[l - 1] *= keep[l - 1]                                      # times mask(l-1) / (1 - p)
    return value


def fast_backprop(net: Network, x: Any, y: Any, loss: Loss, workspace: Workspace | None = None,
                  kernels: Kernels | None = None,
                  dropout: Dropout | None = None) -> Gradients:
    """``backprop`` through the fast path, as Gradients whose arrays are the workspace's buffers
    (overwritten by the next call with the same workspace); None makes a fresh workspace.
    With ``dropout`` the workspace must have been made with dropout=True; cache.a[l] then holds
    f(z(l)) and ``workspace.dropped[l]`` the dropped activations that backprop's a[l] holds."""
    x = net.check_input(x)
    m = len(x)
    ws = Workspace(net, m, dropout=dropout is not None) if workspace is None else workspace
    if not ws.fits(net, m):
        raise ConfigError("core.err.workspace", param="workspace", rows=ws.m, sizes=ws.sizes, m=m, net_sizes=net.sizes)
    y = check_targets(net, y, m)
    ws.set_dropout(dropout)
    value = backprop_into(net, x, y, loss, ws, kernels)
    return Gradients(value, ws.grad_theta, ws.grad_b, ws.delta, ws.cache)


_NUMPY: Kernels = NumpyKernels()
