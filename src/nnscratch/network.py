"""A multilayer network in the lecture's notation.

Layers are numbered 1..L; layer 1 is the input, a(1) = x. For 2 <= l <= L:

    z(l) = theta(l) a(l-1) + b(l),    a(l) = f(z(l))

with theta(l) of shape (n_l, n_{l-1}) and b(l) of shape (n_l,). Batches are
rows, so in code the same line reads ``Z = A_prev @ theta.T + b``. The lists
``theta``, ``b``, ``z`` and ``a`` are indexed by the lecture's l; the unused
slots (0, and 1 for parameters) hold None so that ``theta[l]`` means theta(l).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from nnscratch.activations import (
    HIDDEN_ACTIVATIONS,
    OUTPUT_ACTIVATIONS,
    Activation,
    get_activation,
)
from nnscratch.errors import BudgetError, ConfigError

Array = NDArray[Any]
# theta, b, z, a, delta: lists indexed by the lecture's l, None in the unused slots 0 (and 1)
Layered = list[Any]

INITS = ("normal", "xavier", "he")
DTYPES = {"float32": np.float32, "float64": np.float64}

# What a network may take unless told otherwise: parameters plus the arrays one batch needs.
# 4 GiB fits the machines the course runs on; pass memory_budget= (bytes) for larger ones.
DEFAULT_MEMORY_BUDGET = 4 * 2**30


def default_init(hidden: str) -> str:
    """The initialisation that keeps the signal's variance through ``hidden``: He for the ReLU
    family (half the units are cut to 0), Xavier for the rest. The one rule every caller uses."""
    return "he" if get_activation(hidden).name in ("relu", "leaky_relu") else "xavier"


def check_sizes(sizes: Any) -> list[int]:
    """Validated layer sizes [n_1, ..., n_L]: at least two positive integers."""
    try:
        out = [int(n) for n in sizes]
        ok = all(n > 0 and n == s for n, s in zip(out, sizes, strict=False))
    except (TypeError, ValueError):
        raise ConfigError("core.err.sizes_integers", param="sizes", sizes=repr(sizes)) from None
    if len(out) < 2:
        raise ConfigError("core.err.sizes_too_few", param="sizes", sizes=out)
    if not ok:
        raise ConfigError("core.err.sizes_integers", param="sizes", sizes=repr(list(sizes)))
    return out


def check_dtype(dtype: Any) -> np.dtype[Any]:
    try:
        dt: np.dtype[Any] | None = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt not in (np.float32, np.float64):
        raise ConfigError("core.err.dtype", param="dtype", dtype=repr(dtype))
    return dt


def check_memory_budget(memory_budget: Any) -> int:
    """Bytes a network may use: ``None`` is DEFAULT_MEMORY_BUDGET, else a positive number."""
    if memory_budget is None:
        return DEFAULT_MEMORY_BUDGET
    if isinstance(memory_budget, bool) or not isinstance(memory_budget, (int, float, np.integer, np.floating)) \
            or not memory_budget > 0 or not np.isfinite(memory_budget):
        raise ConfigError("core.err.memory_budget", param="memory_budget", memory_budget=repr(memory_budget))
    return int(memory_budget)


def human_bytes(n: float) -> str:
    """1234567 -> '1.23 MB' (decimal units, as disks and RAM are sold)."""
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.0f} {unit}" if unit == "B" or n >= 100 else f"{n:.3g} {unit}"
        n /= 1000
    raise AssertionError  # pragma: no cover


def parameter_count(sizes: Sequence[int]) -> int:
    """Number of theta and b entries: sum over l of n_l (n_{l-1} + 1)."""
    return sum(n * (m + 1) for m, n in zip(sizes, sizes[1:], strict=False))


def batch_bytes(sizes: Sequence[int], m: int, dtype: DTypeLike) -> int:
    """Bytes of what one batch of m samples needs: z, a, delta and scratch for layers 2..L, and the inputs."""
    return (4 * sum(sizes[1:]) + 2 * sizes[0]) * int(m) * np.dtype(dtype).itemsize


def check_budget(sizes: Sequence[int], dtype: DTypeLike, memory_budget: int, *, parameter_copies: int = 1,
                 batch: int = 0, purpose: str = "weights", batch_size: int | None = None,
                 batch_extra: int = 0) -> None:
    """Refuse, before anything is allocated, a network whose arrays would need more than ``memory_budget`` bytes.

    parameter_copies: arrays shaped like all the parameters (1: the weights; training adds gradients,
    optimizer state, scratch); batch: rows of batch arrays counted (0: none); purpose: "weights", "training"
    or "batch"; batch_size: the batch size the message names (default: batch); batch_extra: more values
    per batch row (e.g. dropout masks).
    """
    dtype = np.dtype(dtype)
    weights = parameter_count(sizes) * dtype.itemsize * parameter_copies
    need = weights + (batch_bytes(sizes, batch, dtype) + batch_extra * batch * dtype.itemsize if batch else 0)
    if need <= memory_budget:
        return
    values = dict(param="memory_budget", layout="-".join(map(str, sizes)), need=human_bytes(need), dtype=dtype.name,
                  budget=human_bytes(memory_budget), need_bytes=int(need), budget_bytes=int(memory_budget),
                  batch=int(batch if batch_size is None else batch_size))
    if purpose == "training":
        raise BudgetError("core.err.budget_training", **values)
    if purpose == "batch":
        raise BudgetError("core.err.budget_batch", **values)
    raise BudgetError("core.err.budget_weights", **values)


# float64 values drawn at a time for a float32 model: 8 MB, whatever the layer's size
INIT_CHUNK = 1 << 20


def draw_normal(rng: np.random.Generator, shape: int | tuple[int, ...], dtype: DTypeLike, std: float = 1.0,
                out: Array | None = None) -> Array:
    """N(0, std^2) values of ``shape`` in ``dtype``, without a float64 temporary the size of the array.

    The values are the float64 draws of ``rng.standard_normal(shape) * std`` rounded to ``dtype``
    (drawn in chunks of INIT_CHUNK, which continue one stream), so a seed gives the same network
    in float32 and float64, and the same as before this was chunked. ``out``: an array of that
    shape and dtype to write into instead of a new one.
    """
    out = np.empty(shape, dtype) if out is None else out
    flat = out.reshape(-1)
    if out.dtype == np.float64:
        rng.standard_normal(out=flat)
        if std != 1.0:
            flat *= std
        return out
    buf = np.empty(min(INIT_CHUNK, flat.size), np.float64)
    for start in range(0, flat.size, INIT_CHUNK):
        piece = buf[:min(INIT_CHUNK, flat.size - start)]
        rng.standard_normal(out=piece)
        if std != 1.0:
            piece *= std
        flat[start:start + len(piece)] = piece
    return out


def init_layer(n_out: int, n_in: int, scheme: str, rng: np.random.Generator, dtype: DTypeLike,
               out: tuple[Array, Array] | None = None) -> tuple[Array, Array]:
    """theta (n_out, n_in) and b (n_out,) for one layer, in ``dtype`` (see draw_normal); ``out``: the
    (theta, b) arrays to fill instead of new ones.

    normal: the lecture's/Nielsen's standard normal for theta and b;
    xavier: Glorot-normal N(0, 2/(n_in+n_out)) for theta, b = 0 (sigmoid, tanh);
    he: N(0, 2/n_in) for theta, b = 0 (ReLU keeps the signal's variance).
    """
    theta_out, b_out = (None, None) if out is None else out
    if scheme == "normal":
        theta = draw_normal(rng, (n_out, n_in), dtype, out=theta_out)
        return theta, draw_normal(rng, n_out, dtype, out=b_out)
    std = np.sqrt(2.0 / (n_in + n_out)) if scheme == "xavier" else np.sqrt(2.0 / n_in)
    b = np.zeros(n_out, dtype) if b_out is None else b_out
    b[...] = 0
    return draw_normal(rng, (n_out, n_in), dtype, std, out=theta_out), b


def pack(arrays: Sequence[Array], dtype: DTypeLike, copy: bool = True) -> tuple[Array, list[Array]]:
    """One flat buffer with room for ``arrays`` back to back (their values copied in unless
    ``copy`` is False), and a view of it shaped like each.

    Parameters and gradients live this way so that an optimizer can update all of
    them with one NumPy call per formula instead of one per layer.
    """
    flat, views = flat_views([a.shape for a in arrays], dtype)
    if copy:
        for view, arr in zip(views, arrays, strict=False):
            view[...] = arr
    return flat, views


def flat_views(shapes: Sequence[tuple[int, ...]], dtype: DTypeLike) -> tuple[Array, list[Array]]:
    """One uninitialised flat buffer and a view of it for each of ``shapes``, back to back."""
    sizes = [int(np.prod(shape)) for shape in shapes]
    flat = np.empty(sum(sizes), dtype)
    views, start = [], 0
    for shape, size in zip(shapes, sizes, strict=False):
        views.append(flat[start:start + size].reshape(shape))
        start += size
    return flat, views


@dataclass
class Cache:
    """What the forward pass remembers for backprop: z[l] and a[l] (m, n_l), a[1] = x."""

    z: Layered
    a: Layered

    @property
    def m(self) -> int:
        """Rows (samples) the buffers hold."""
        return len(self.z[-1])


class Network:
    """theta(l), b(l) for l = 2..L, hidden activation f for 2..L-1 and an output activation for L.

    sizes: [n_1, ..., n_L]; init: "normal", "xavier" or "he" (``default_init(hidden)`` picks
    the usual one); rng: the np.random.Generator that draws the initial parameters; dtype:
    float32 or float64; theta, b: given parameters instead (lists indexed by l, slots 0 and 1
    None), checked against ``sizes``; memory_budget: bytes the network may use (parameters
    here, plus a batch's arrays in training and backprop), None for DEFAULT_MEMORY_BUDGET.
    A network over the budget is refused with a BudgetError before anything is allocated.
    """

    def __init__(self, sizes: Sequence[int], hidden: str = "sigmoid", output: str = "sigmoid", *, init: str = "normal",
                 rng: np.random.Generator | None = None, dtype: DTypeLike = np.float32,
                 theta: Sequence[Any] | None = None, b: Sequence[Any] | None = None,
                 memory_budget: int | None = None) -> None:
        self.theta: Layered
        self.b: Layered
        self._flat: Array | None
        self._views: list[Array]
        self.sizes = check_sizes(sizes)
        self.dtype = check_dtype(dtype)
        self.memory_budget = check_memory_budget(memory_budget)
        hidden_f, output_f = get_activation(hidden), get_activation(output)
        if hidden_f.name not in HIDDEN_ACTIVATIONS:
            raise ConfigError("core.err.hidden_activation", param="hidden", name=repr(hidden),
                              choices=", ".join(HIDDEN_ACTIVATIONS))
        if output_f.name not in OUTPUT_ACTIVATIONS:
            raise ConfigError("core.err.output_activation", param="output", name=repr(output),
                              choices=", ".join(OUTPUT_ACTIVATIONS))
        self.hidden, self.output = hidden_f, output_f
        # The weights and the flat copy pack() makes of given arrays: checked before either exists.
        check_budget(self.sizes, self.dtype, self.memory_budget, parameter_copies=1 if theta is None else 2)
        if theta is None:
            if init not in INITS:
                raise ConfigError("core.err.init", param="init", init=repr(init), choices=", ".join(INITS))
            rng = np.random.default_rng() if rng is None else rng
            # Drawn straight into the flat buffer that pack() would make: no second copy of the weights.
            shapes = [(n, m) for m, n in zip(self.sizes, self.sizes[1:], strict=False)]
            self._flat, self._views = flat_views(shapes + [(n,) for n, _ in shapes], self.dtype)
            k = len(shapes)
            for i, (n, m) in enumerate(shapes):
                init_layer(n, m, init, rng, self.dtype, out=(self._views[i], self._views[k + i]))
            self.theta = [None, None] + self._views[:k]
            self.b = [None, None] + self._views[k:]
            return
        theta, b = self._check_given(theta, b)
        self.theta = [None if t is None else np.ascontiguousarray(t, self.dtype) for t in theta]
        self.b = [None if v is None else np.ascontiguousarray(v, self.dtype) for v in b]
        self._flat = None
        self.pack()

    def _check_given(self, theta: Sequence[Any] | None, b: Sequence[Any] | None) -> tuple[Layered, Layered]:
        """theta[l] must be (n_l, n_{l-1}) and b[l] (n_l,) for every l = 2..L, with slots 0 and 1 unused."""
        checked = []
        for name, arrays in (("theta", theta), ("b", b)):
            if arrays is None or len(arrays) != self.L + 1:
                got = None if arrays is None else len(arrays)
                raise ConfigError("core.err.given_length", param=name, name=name, want=self.L + 1, got=got,
                                  sizes=self.sizes)
            checked.append(list(arrays))
        theta_list, b_list = checked
        for l in self.layers:
            for name, arr, want in (("theta", theta_list[l], (self.n(l), self.n(l - 1))),
                                    ("b", b_list[l], (self.n(l),))):
                shape = None if arr is None else np.shape(arr)
                if shape != want:
                    raise ConfigError("core.err.given_shape", param=name, name=name, l=l, want=want, got=shape,
                                      sizes=self.sizes)
        return theta_list, b_list

    def pack(self) -> None:
        """Gather every theta(l), then every b(l), into one flat buffer and make theta[l], b[l] views of it.

        Values are kept. Networks are packed when made; after a theta[l] or b[l] was replaced by a
        new array, or the network was deep-copied or unpickled (which turns the views into arrays of
        their own), call this before ``parameter_groups()``. Does nothing if already packed.
        """
        if self.is_packed:
            return
        arrays = [np.ascontiguousarray(self.theta[l], self.dtype) for l in self.layers] + \
                 [np.ascontiguousarray(self.b[l], self.dtype) for l in self.layers]
        self._flat, views = pack(arrays, self.dtype)
        k = len(self.layers)
        self.theta = [None, None] + views[:k]
        self.b = [None, None] + views[k:]
        self._views = views

    @property
    def is_packed(self) -> bool:
        """True while every theta[l], b[l] is still the view of the flat buffer that pack() made."""
        if getattr(self, "_flat", None) is None:
            return False
        current = [self.theta[l] for l in self.layers] + [self.b[l] for l in self.layers]
        return all(p is v and p.base is self._flat for p, v in zip(current, self._views, strict=False))

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

    def parameters(self) -> list[Array]:
        """[theta(2), b(2), ..., theta(L), b(L)]: the order optimizers and gradients use."""
        return [p for l in self.layers for p in (self.theta[l], self.b[l])]

    @property
    def n_parameters(self) -> int:
        return sum(p.size for p in self.parameters())

    def parameter_groups(self) -> dict[str, Array]:
        """{"theta": every theta(l) as one flat (N_theta,) array, "b": every b(l) as one (N_b,) array}, views
        of the parameters (writing them changes the network).

        The trainer gives them to the optimizer as two parameter groups with their own settings
        (weight decay for theta only, optionally another learning rate for b), so each update
        formula is one NumPy call per group, not one per layer. Raises ConfigError if the
        parameters are no longer packed: call ``pack()`` first.
        """
        if not self.is_packed or self._flat is None:
            raise ConfigError("core.err.not_packed", param="net")
        n_theta = sum(self.theta[l].size for l in self.layers)
        return {"theta": self._flat[:n_theta], "b": self._flat[n_theta:]}

    def copy(self, dtype: DTypeLike | None = None) -> Network:
        return Network(self.sizes, self.hidden.name, self.output.name, dtype=dtype or self.dtype,
                       theta=[None if t is None else t.copy() for t in self.theta],
                       b=[None if v is None else v.copy() for v in self.b], memory_budget=self.memory_budget)

    def set_parameters(self, params: Sequence[Array]) -> None:
        """Copy values in the order of ``parameters()`` into this network, in place."""
        for mine, theirs in zip(self.parameters(), params, strict=True):
            mine[...] = theirs

    # -- forward -----------------------------------------------------------------

    def empty_cache(self, m: int) -> Cache:
        """Uninitialised z[l], a[l] buffers (m, n_l) for a forward pass over m samples."""
        z = [None, None] + [np.empty((m, self.n(l)), self.dtype) for l in self.layers]
        a = [None, None] + [np.empty((m, self.n(l)), self.dtype) for l in self.layers]
        return Cache(z, a)

    def forward(self, x: Any, cache: Cache | None = None) -> Cache:
        """The lecture's forward pass x = a(1) -> z(2) -> a(2) ... -> z(L) -> a(L). x: (m, n_1).

        With ``cache`` (from ``empty_cache(m)``) the results are written into its
        buffers, so a training loop allocates nothing per batch.
        """
        x = self.check_input(x)
        if cache is None:
            check_budget(self.sizes, self.dtype, self.memory_budget, batch=len(x), purpose="batch")
            cache = self.empty_cache(len(x))
        elif cache.m != len(x):
            raise ConfigError("core.err.cache_rows", param="cache", rows=cache.m, m=len(x))
        return self.forward_checked(x, cache)

    def forward_checked(self, x: Array, cache: Cache) -> Cache:
        """``forward`` for an x already through ``check_input`` and a cache of its rows."""
        z, a = cache.z, cache.a
        a[1] = x
        for l in self.layers:
            # z(l) = theta(l) a(l-1) + b(l); rows are samples: Z = A_prev @ theta.T + b
            np.matmul(a[l - 1], self.theta[l].T, out=z[l])                  # (m, n_l)
            z[l] += self.b[l]
            self.f(l).forward_into(z[l], a[l])                              # a(l) = f(z(l))
        return cache

    def predict_proba(self, x: Any) -> Array:
        """a(L) for each row of x: (m, n_1) -> (m, n_L)."""
        out: Array = self.forward(x).a[self.L]
        return out

    def predict(self, x: Any) -> Array:
        """The predicted class of each row of x. (m,)"""
        return self.decide(self.predict_proba(x))

    def decide(self, out: Array) -> Array:
        """Class per row of outputs a(L) (m, n_L): the largest output; for a single output unit,
        a(L) > 0.5 (sigmoid, step) or a(L) > 0 (outputs centred on 0). (m,)"""
        if out.shape[1] == 1:
            return (out[:, 0] > (0.5 if self.output.name in ("sigmoid", "step") else 0)).astype(np.int64)
        labels: Array = out.argmax(axis=1)
        return labels

    def check_input(self, x: Any) -> Array:
        x = np.asarray(x)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != self.sizes[0]:
            raise ConfigError("core.err.input_width", param="x", n=self.sizes[0], shape=x.shape)
        checked: Array = x.astype(self.dtype, copy=False)
        return checked

    def __repr__(self) -> str:
        return (f"Network(sizes={self.sizes}, hidden={self.hidden.name!r}, output={self.output.name!r}, "
                f"dtype={self.dtype.name})")
