"""Compiled kernels (Numba) for the trainer's fast path: the same formulas, fused into fewer passes.

The NumPy engine computes each formula of an epoch as separate array operations;
the element-wise ones (bias add, f(z), delta * f'(z), the output delta and the
optimizer update) each walk through memory once more and run on one core. Here
they are compiled by Numba (``pip install "nnscratch[fast]"``) into fused loops:

- ``bias_forward``:  z += b; a = f(z)                        one pass instead of 2-4
- ``backward``:      delta *= f'(z)                          one pass instead of 2-3
- ``output_delta``:  E and delta(L) from one residual         one pass (softmax + cross-entropy fused)
- ``sgd``, ``momentum``, ``adam``: the update with weight decay, one pass over a flat buffer
- ``gather``:        x[idx] * scale, uint8 -> float           one pass
- ``small_steps``:   whole mini-batch steps (forward, backward, update) of a small network
  in one call, for the lecture's 784-30-10 with batches of 10, where the cost of ~35
  NumPy calls per step, not arithmetic, sets the pace. Its matrix products call BLAS
  from inside the compiled code (Numba's ``np.dot``, through SciPy's BLAS bindings).

The matrix products stay with BLAS (multi-threaded, already at the floor).
Results equal the NumPy engine's to float32 round-off (tests/test_compiled.py).
Compiled code is cached in the user cache folder (``$XDG_CACHE_HOME/nnscratch/numba``,
else ``~/.cache/nnscratch/numba``), so only a first run pays for compilation.
Nothing here is imported until the compiled engine is asked for.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

# Activation codes shared by every kernel (the registry's names -> small integers Numba can branch on)
CODES = {"identity": 0, "sigmoid": 1, "tanh": 2, "relu": 3, "leaky_relu": 4, "softmax": 5, "step": 6}
QUADRATIC, CROSS_ENTROPY = 0, 1
PLAIN, MOMENTUM, NESTEROV, ADAM = 0, 1, 2, 3
OPTIMIZER_CODES = {"gd": PLAIN, "sgd": PLAIN, "momentum": MOMENTUM, "nesterov": NESTEROV, "adam": ADAM}


def small_layout(sizes: Any, batch: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Where each layer's theta(l), b(l) and (batch, n_l) z(l) start in the flat buffers ``small_steps`` reads.

    Returns (sizes as int64 (L,), offsets (3, L): rows theta, b, z, column l for layer l = 2..L in the
    lecture's numbering (index l - 1 here), and the length of the flat z, a and delta buffers).
    """
    sizes = np.array(sizes, np.int64)
    offsets = np.zeros((3, len(sizes)), np.int64)
    t_at = b_at = z_at = 0
    for l in range(1, len(sizes)):
        offsets[:, l] = t_at, b_at, z_at
        t_at, b_at, z_at = t_at + sizes[l] * sizes[l - 1], b_at + sizes[l], z_at + batch * sizes[l]
    return sizes, offsets, int(z_at)


def available() -> bool:
    """Whether Numba is installed (the "fast" extra)."""
    return importlib.util.find_spec("numba") is not None


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "nnscratch" / "numba"


@functools.cache
def kernels():
    """The module of compiled kernels (``nnscratch._kernels``); the first call imports Numba.

    Each kernel compiles on its first call per argument types, or loads from the user cache.
    """
    import_numba()
    return importlib.import_module("nnscratch._kernels")


def import_numba() -> Any:
    """Import Numba with its cache in the user cache folder: the only place nnscratch imports it.

    Numba reads its cache folder once, when it is first imported; the user's own NUMBA_CACHE_DIR wins.
    Raises MissingExtraError naming the "fast" extra when Numba is not installed.
    """
    if "NUMBA_CACHE_DIR" not in os.environ:
        os.environ["NUMBA_CACHE_DIR"] = str(cache_dir())
    from nnscratch.errors import require

    return require("numba", "fast")


class CompiledKernels:
    """The fast path's element-wise kernels (``fastprop.NumpyKernels``' interface) and the optimizer
    updates, compiled by Numba. Scalars are cast to the arrays' dtype, so float32 stays float32."""

    name = "compiled"

    def __init__(self) -> None:
        self.k = kernels()
        self._zero_bias: dict[tuple[int, np.dtype], np.ndarray] = {}  # (n, dtype) -> zeros, never written

    @staticmethod
    def _code(f) -> tuple[int, float]:
        return CODES[f.name], float(f.params.get("slope", 0.0))

    def forward(self, f, z, out) -> None:
        """out = f(z): the bias kernel with b = 0, whose zeros are made once per width and dtype, not per call."""
        code, slope = self._code(f)
        which = (z.shape[1], z.dtype)
        zeros = self._zero_bias.get(which)
        if zeros is None:
            zeros = self._zero_bias[which] = np.zeros(z.shape[1], z.dtype)
        self.k.bias_forward(z, zeros, out, code, slope)

    def bias_forward(self, f, z, b, out) -> None:
        """z += b; out = f(z), in one pass."""
        code, slope = self._code(f)
        self.k.bias_forward(z, b, out, code, slope)

    def backward(self, f, z, a, delta, tmp) -> None:
        """delta <- delta * f'(z) (J^T delta for softmax)."""
        code, slope = self._code(f)
        self.k.backward(z, a, delta, code, slope)

    def output_delta(self, loss, f, z, a, y, delta, tmp) -> float:
        """E (mean over the batch), with delta(L) written into ``delta``."""
        code, slope = self._code(f)
        return float(self.k.output_delta(z, a, y, delta, LOSS_CODES[loss.name], code, slope)) / len(z)

    def gather(self, x, idx, out, scale) -> None:
        """out = x[idx] * scale (idx an integer array), converting and scaling in one pass."""
        self.k.gather(x, idx, out, out.dtype.type(scale))

    def sgd_update(self, p, g, lr, weight_decay) -> None:
        """p <- p - lr (g + weight_decay p)."""
        t = p.dtype.type
        self.k.sgd(p, g, t(lr), t(weight_decay))

    def momentum_update(self, p, g, v, lr, mu, weight_decay, nesterov) -> None:
        """v <- mu v + g'; p <- p - lr v (Nesterov: p - lr (g' + mu v)), g' = g + weight_decay p."""
        t = p.dtype.type
        self.k.momentum(p, g, v, t(lr), t(mu), t(weight_decay), bool(nesterov))

    def adam_update(self, p, g, m, v, step, lr, beta1, beta2, eps, weight_decay) -> None:
        """Adam's step ``step`` (from 1) with bias correction, as optim.adam_update."""
        t = p.dtype.type
        self.k.adam(p, g, m, v, t(lr / (1 - beta1**step)), t(beta1), t(beta2), t(math.sqrt(1 - beta2**step)),
                    t(eps), t(weight_decay))


LOSS_CODES = {"quadratic": QUADRATIC, "cross_entropy": CROSS_ENTROPY}


# ---------------------------------------------------------------------------------------------- the cache


def _cache_key() -> str:
    """What the compiled cache depends on: the kernels, the code that calls them, Numba, NumPy, the machine."""
    import hashlib
    import platform

    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("_kernels.py", "compiled.py", "train.py", "warmup.py"):  # the kernels and the types they get
        source = here / name
        digest.update(source.read_bytes())
        digest.update(str(source.stat().st_mtime_ns).encode())
    digest.update("|".join((importlib.metadata.version("numba"), np.__version__, platform.machine(),
                            platform.python_version())).encode())
    return digest.hexdigest()[:16]


def _marker(environ=None) -> Path:
    return cache_dir(environ) / f"ready-{_cache_key()}"


def is_warm(environ: Mapping[str, str] | None = None) -> bool:
    """Whether every kernel is compiled in the user cache for this nnscratch, Numba and NumPy.

    ``engine="auto"`` uses the compiled kernels only then: a first run never waits for the compiler.
    """
    if not available():
        return False
    try:
        return _marker(environ).exists()
    except OSError:
        return False


def mark_warm(seconds: float) -> None:
    """Record that every kernel is in the cache for this install (``nnscratch.warmup`` calls it)."""
    marker = _marker()
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{seconds:.2f}\n")


NO_BACKGROUND = "NNSCRATCH_NO_BACKGROUND_COMPILE"  # set (to anything) to never start the background compiler


def warm_in_background(environ=None) -> bool:
    """Start ``python -m nnscratch.warmup`` detached, so the next run finds the kernels compiled.

    Called after a training run that used NumPy only because the cache was cold: the compiler
    never competes with the user's training. Does nothing (False) without Numba, when the cache is
    warm, when another warmer holds the lock (started in the last 10 minutes), or with
    $NNSCRATCH_NO_BACKGROUND_COMPILE set.
    """
    import subprocess
    import sys
    import time

    environ = os.environ if environ is None else environ
    if environ.get(NO_BACKGROUND) or not available() or is_warm(environ):
        return False
    lock = cache_dir(environ) / "compiling.lock"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        if lock.exists() and time.time() - lock.stat().st_mtime < 600:
            return False
        lock.write_text(str(os.getpid()))
        subprocess.Popen([sys.executable, "-m", "nnscratch.warmup", "--lock", str(lock)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, env=dict(environ))
    except OSError:
        return False
    return True
