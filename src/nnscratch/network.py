"""A multilayer network in the lecture's notation.

Layers are numbered 1..L; layer 1 is the input, a(1) = x. For 2 <= l <= L:

    z(l) = theta(l) a(l-1) + b(l),    a(l) = f(z(l))

with theta(l) of shape (n_l, n_{l-1}) and b(l) of shape (n_l,). Batches are
rows, so in code the same line reads ``Z = A_prev @ theta.T + b``. The lists
``theta``, ``b``, ``z`` and ``a`` are indexed by the lecture's l; the unused
slots (0, and 1 for parameters) hold None so that ``theta[l]`` means theta(l).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnscratch.activations import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_ACTIVATIONS,
    Activation,
    get_activation,
)
from nnscratch.errors import ConfigError

INITS = ("normal", "xavier", "he")
DTYPES = {"float32": np.float32, "float64": np.float64}


def check_sizes(sizes) -> list[int]:
    """Validated layer sizes [n_1, ..., n_L]: at least two positive integers."""
    try:
        out = [int(n) for n in sizes]
    except (TypeError, ValueError):
        raise ConfigError(f"layer sizes must be positive integers, got {sizes!r}") from None
    if len(out) < 2:
        raise ConfigError(f"a network needs at least an input and an output layer, got sizes {out}")
    if any(n <= 0 or n != s for n, s in zip(out, sizes)):
        raise ConfigError(f"layer sizes must be positive integers, got {list(sizes)}")
    return out


def check_dtype(dtype) -> np.dtype:
    dt = np.dtype(dtype)
    if dt not in (np.float32, np.float64):
        raise ConfigError(f"dtype must be float32 or float64, got {dtype!r}")
    return dt


def init_layer(n_out, n_in, scheme, rng, dtype):
    """theta (n_out, n_in) and b (n_out,) for one layer.

    normal: the lecture's/Nielsen's standard normal for theta and b;
    xavier: Glorot-normal N(0, 2/(n_in+n_out)) for theta, b = 0 (sigmoid, tanh);
    he: N(0, 2/n_in) for theta, b = 0 (ReLU keeps the signal's variance).
    """
    if scheme == "normal":
        return rng.standard_normal((n_out, n_in)).astype(dtype), rng.standard_normal(n_out).astype(dtype)
    std = np.sqrt(2.0 / (n_in + n_out)) if scheme == "xavier" else np.sqrt(2.0 / n_in)
    return (rng.standard_normal((n_out, n_in)) * std).astype(dtype), np.zeros(n_out, dtype)


def pack(arrays, dtype, copy=True) -> tuple[np.ndarray, list]:
    """One flat buffer with room for ``arrays`` back to back (their values copied in unless
    ``copy`` is False), and a view of it shaped like each.

    Parameters and gradients live this way so that an optimizer can update all of
    them with one NumPy call per formula instead of one per layer.
    """
    flat = np.empty(sum(a.size for a in arrays), dtype)
    views, start = [], 0
    for arr in arrays:
        view = flat[start:start + arr.size].reshape(arr.shape)
        if copy:
            view[...] = arr
        views.append(view)
        start += arr.size
    return flat, views


@dataclass
class Cache:
    """What the forward pass remembers for backprop: z[l] and a[l] (m, n_l), a[1] = x."""

    z: list
    a: list

    @property
    def m(self) -> int:
        """Rows (samples) the buffers hold."""
        return len(self.z[-1])


class Network:
    """theta(l), b(l) for l = 2..L, hidden activation f for 2..L-1 and an output activation for L."""

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", *, init="normal", rng=None,
                 dtype=np.float32, theta=None, b=None):
        self.sizes = check_sizes(sizes)
        self.dtype = check_dtype(dtype)
        hidden_f, output_f = get_activation(hidden), get_activation(output)
        if hidden_f.name not in HIDDEN_ACTIVATIONS:
            raise ConfigError(f"{hidden!r} cannot be a hidden activation: choose one of {', '.join(HIDDEN_ACTIVATIONS)}")
        if output_f.name not in OUTPUT_ACTIVATIONS:
            raise ConfigError(f"{output!r} cannot be an output activation: choose one of {', '.join(OUTPUT_ACTIVATIONS)}")
        self.hidden, self.output = hidden_f, output_f
        if theta is None:
            if init not in INITS:
                raise ConfigError(f"unknown initialisation {init!r}: choose one of {', '.join(INITS)}")
            rng = np.random.default_rng() if rng is None else rng
            layers = [init_layer(n, m, init, rng, self.dtype) for m, n in zip(self.sizes, self.sizes[1:])]
            theta = [None, None] + [t for t, _ in layers]
            b = [None, None] + [bb for _, bb in layers]
        self.theta = [None if t is None else np.ascontiguousarray(t, self.dtype) for t in theta]
        self.b = [None if v is None else np.ascontiguousarray(v, self.dtype) for v in b]
        for l in self.layers:
            assert self.theta[l].shape == (self.sizes[l - 1], self.sizes[l - 2]), l
            assert self.b[l].shape == (self.sizes[l - 1],), l
        self._pack()

    def _pack(self) -> None:
        # All theta(l), then all b(l), as views of one flat buffer (see parameter_groups).
        self._flat, views = pack([self.theta[l] for l in self.layers] + [self.b[l] for l in self.layers], self.dtype)
        k = len(self.layers)
        self.theta = [None, None] + views[:k]
        self.b = [None, None] + views[k:]
        self._views = views

    # -- structure ---------------------------------------------------------------

    @property
    def L(self) -> int:
        """Number of layers, counting the input layer as the lecture does."""
        return len(self.sizes)

    @property
    def layers(self) -> range:
        """The layers with parameters: 2..L."""
        return range(2, self.L + 1)

    def n(self, l: int) -> int:
        """n_l, the number of neurons in layer l (1-based)."""
        return self.sizes[l - 1]

    def f(self, l: int) -> Activation:
        return self.output if l == self.L else self.hidden

    def parameters(self) -> list[np.ndarray]:
        """[theta(2), b(2), ..., theta(L), b(L)]: the order optimizers and gradients use."""
        return [p for l in self.layers for p in (self.theta[l], self.b[l])]

    @property
    def n_parameters(self) -> int:
        return sum(p.size for p in self.parameters())

    def parameter_groups(self) -> list[np.ndarray]:
        """[every theta(l) as one (1, N_theta) matrix, every b(l) as one (N_b,) vector], views of the parameters.

        The trainer hands these two arrays to the optimizer, so each update formula is
        one NumPy call per step, not one per layer; theta stays 2-D so weight decay,
        which applies to weight matrices only, still tells the two apart. If a theta[l]
        or b[l] was replaced by a new array since (or the network was deep-copied or
        unpickled), the parameters are first gathered into a new buffer, values kept.
        """
        current = [self.theta[l] for l in self.layers] + [self.b[l] for l in self.layers]
        # A replaced array is not one of the views; copy.deepcopy and pickle keep the views but turn
        # them into arrays of their own, which no longer share the flat buffer.
        if any(p is not v or p.base is not self._flat for p, v in zip(current, self._views)):
            self.theta = [None if t is None else np.ascontiguousarray(t, self.dtype) for t in self.theta]
            self.b = [None if v is None else np.ascontiguousarray(v, self.dtype) for v in self.b]
            self._pack()
        n_theta = sum(self.theta[l].size for l in self.layers)
        return [self._flat[:n_theta].reshape(1, n_theta), self._flat[n_theta:]]

    def copy(self, dtype=None) -> "Network":
        return Network(self.sizes, self.hidden.name, self.output.name, dtype=dtype or self.dtype,
                       theta=[None if t is None else t.copy() for t in self.theta],
                       b=[None if v is None else v.copy() for v in self.b])

    def set_parameters(self, params) -> None:
        """Copy values in the order of ``parameters()`` into this network, in place."""
        for mine, theirs in zip(self.parameters(), params, strict=True):
            mine[...] = theirs

    # -- forward -----------------------------------------------------------------

    def empty_cache(self, m: int) -> Cache:
        """Uninitialised z[l], a[l] buffers (m, n_l) for a forward pass over m samples."""
        z = [None, None] + [np.empty((m, self.n(l)), self.dtype) for l in self.layers]
        a = [None, None] + [np.empty((m, self.n(l)), self.dtype) for l in self.layers]
        return Cache(z, a)

    def forward(self, x, cache: Cache | None = None) -> Cache:
        """The lecture's forward pass x = a(1) -> z(2) -> a(2) ... -> z(L) -> a(L). x: (m, n_1).

        With ``cache`` (from ``empty_cache(m)``) the results are written into its
        buffers, so a training loop allocates nothing per batch.
        """
        x = self.check_input(x)
        if cache is None:
            cache = self.empty_cache(len(x))
        elif cache.m != len(x):
            raise ValueError(f"the cache holds {cache.m} rows, the batch has {len(x)}")
        return self.forward_checked(x, cache)

    def forward_checked(self, x, cache: Cache) -> Cache:
        """``forward`` for an x already through ``check_input`` and a cache of its rows (backprop's path)."""
        z, a = cache.z, cache.a
        a[1] = x
        for l in self.layers:
            # z(l) = theta(l) a(l-1) + b(l); rows are samples: Z = A_prev @ theta.T + b
            np.matmul(a[l - 1], self.theta[l].T, out=z[l])                  # (m, n_l)
            z[l] += self.b[l]
            self.f(l).forward_into(z[l], a[l])                              # a(l) = f(z(l))
        return cache

    def predict_proba(self, x) -> np.ndarray:
        """a(L) for each row of x: (m, n_1) -> (m, n_L)."""
        return self.forward(x).a[self.L]

    def predict(self, x) -> np.ndarray:
        """The predicted class of each row of x. (m,)"""
        return self.decide(self.predict_proba(x))

    def decide(self, out) -> np.ndarray:
        """Class per row of outputs a(L) (m, n_L): the largest output; for a single output unit,
        a(L) > 0.5 (sigmoid, step) or a(L) > 0 (outputs centred on 0). (m,)"""
        if out.shape[1] == 1:
            return (out[:, 0] > (0.5 if self.output.name in ("sigmoid", "step") else 0)).astype(np.int64)
        return out.argmax(axis=1)

    def check_input(self, x) -> np.ndarray:
        x = np.asarray(x)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != self.sizes[0]:
            raise ConfigError(f"the network takes inputs of {self.sizes[0]} values per sample, got an array of shape {x.shape}")
        return x.astype(self.dtype, copy=False)

    def __repr__(self):
        return (f"Network(sizes={self.sizes}, hidden={self.hidden.name!r}, output={self.output.name!r}, "
                f"dtype={self.dtype.name})")
