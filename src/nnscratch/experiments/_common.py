"""What the experiments share: MNIST subsets, a batch forward/backward pass in the lecture's notation
for per-layer measurements, and small helpers on training histories."""

from __future__ import annotations

import numpy as np

from nnscratch.activations import get_activation
from nnscratch.errors import ConfigError


def mnist(data=None, data_dir=None):
    """The MNIST ``Dataset``: ``data`` when given (tests load it once), else from ``data_dir`` or the
    usual places (``$NNSCRATCH_DATA``, the cache, the copy bundled with nnscratch)."""
    if data is not None:
        return data
    from nnscratch.data import load_dataset

    return load_dataset("mnist", data_dir)


def subset(x, y, n: int, rng: np.random.Generator, *, with_index: bool = False):
    """``n`` random rows of (x, y), in a random order (and their row numbers in x with ``with_index``)."""
    if n > len(x):
        raise ConfigError("experiments.err.too_many", param="n", n=n, available=len(x))
    idx = rng.choice(len(x), size=n, replace=False)
    return (x[idx], y[idx], idx) if with_index else (x[idx], y[idx])


def first_epoch_reaching(history, key: str, level: float):
    """The first epoch whose ``key`` is at least ``level``, or None when no epoch reached it."""
    for record in getattr(history, "epochs", history):
        if record.get(key) is not None and record[key] >= level:
            return record["epoch"]
    return None


def forward_batch(net, X):
    """z[l], a[l] for l = 1..L of a batch (rows are samples): Z = A_prev @ theta(l).T + b(l)."""
    z, a = [None, None], [None, np.asarray(X, np.float64)]
    for l in net.layers:
        z.append(a[l - 1] @ np.asarray(net.theta[l], np.float64).T + net.b[l])   # (m, n_l)
        a.append(net.f(l).f(z[l]))
    return z, a


def layer_gradients(net, X, Y):
    """Per-layer dE_total/dtheta(l) of the cross-entropy + softmax/sigmoid output, batch mean.

    The lecture's four lines, on rows: delta(L) = a(L) - y; delta(l) = (delta(l+1) theta(l+1)) * f'(z(l));
    grad theta(l) = delta(l)^T a(l-1) / m. Returns {l: grad theta(l)} and the activations a.
    """
    z, a = forward_batch(net, X)
    L, m = net.L, len(X)
    delta = a[L] - Y                                              # (m, n_L)
    grads = {}
    for l in range(L, 1, -1):
        grads[l] = delta.T @ a[l - 1] / m                         # (n_l, n_{l-1})
        if l > 2:
            fprime = get_activation(net.hidden.name).f_prime
            delta = (delta @ np.asarray(net.theta[l], np.float64)) * fprime(z[l - 1])   # (m, n_{l-1})
    return grads, z, a


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def one_hot(y, k: int) -> np.ndarray:
    out = np.zeros((len(y), k))
    out[np.arange(len(y)), y] = 1
    return out
