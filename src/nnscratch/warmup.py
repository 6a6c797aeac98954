"""Compile every kernel of the compiled engine into the user cache: ``python -m nnscratch.warmup``.

Numba compiles a function once per combination of argument types, so the warm-up
trains tiny networks through the real ``Trainer`` with every combination a run
meets (inputs stored as uint8, read-only or not, float32 or float64; float32 and
float64 networks; whole compiled steps and the fused kernels beside BLAS; every
optimizer), and then marks the cache warm: from then on ``engine="auto"`` uses
the compiled kernels. ``nnscratch train`` starts this in the background after a
run that found the cache cold.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from nnscratch import compiled, train
from nnscratch.network import Network


def warm() -> float:
    """Compile (or load) every kernel signature a training run uses; the seconds it took."""
    started = time.perf_counter()
    rng = np.random.default_rng(0)
    raw = rng.integers(0, 256, (24, 6)).astype(np.uint8)
    readonly = raw.copy()
    readonly.flags.writeable = False  # MNIST as loaded from its files
    labels = rng.integers(0, 3, 24)
    # (stored inputs, network dtype): MNIST's uint8 (as loaded, read-only, or a writable copy), the toy
    # sets' float64 points, float32 arrays; float32 and float64 networks
    inputs = [(raw, np.float32), (readonly, np.float32), (raw.astype(np.float32), np.float32),
              (raw.astype(np.float64), np.float32), (raw.astype(np.float64), np.float64), (readonly, np.float64)]
    saved = train.SMALL_STEP_WORK
    try:
        for small in (True, False):
            train.SMALL_STEP_WORK = saved if small else 0
            for x, dtype in inputs:
                for optimizer in ("sgd", "momentum", "adam"):
                    for hidden, output, loss in (("relu", "softmax", "cross_entropy"),
                                                 ("sigmoid", "sigmoid", "quadratic")):
                        net = Network([6, 5, 3], hidden=hidden, output=output, rng=np.random.default_rng(1),
                                      dtype=dtype)
                        config = train.TrainConfig(epochs=1, batch_size=8, optimizer=optimizer, engine="compiled")
                        train.Trainer(net, x, labels, loss, config, x_scale=1 / 255).fit()
    finally:
        train.SMALL_STEP_WORK = saved
    took = time.perf_counter() - started
    compiled.mark_warm(took)
    return took


if __name__ == "__main__":
    try:
        seconds = warm()
    finally:
        if len(sys.argv) == 3 and sys.argv[1] == "--lock":
            Path(sys.argv[2]).unlink(missing_ok=True)
    print(f"compiled in {seconds:.1f} s into {compiled.cache_dir()}")
