#!/usr/bin/env python
"""Does Numba's parallel=True help the fused kernels on this machine? (issue 15: measure, keep what it says)

    python benchmarks/numba_parallel.py

Times the two hottest fused kernels of the compiled engine, written serially and with prange, on the
shapes of the default network (a 128 x 256 layer; the 235,146 parameters of 784-256-128-10), best of 5.
Measured 2026-11-30 on the 2-core CI-class machine: bias+ReLU 3.5 us serial vs 5.3 us parallel; the
momentum update 37.1 vs 37.4 us. The threads cost more than they save (the arrays are small, the update
is memory-bound, and OpenBLAS already has both cores during the products), so the kernels stay serial.
Re-measured 06:32 the same day on the idle machine (three runs): bias+ReLU 3.5 us serial vs 3.3-4.8 us parallel;
the momentum update 43.8-46.2 vs 24.9-26.7 us. A parallel update would save about 18 us of a step of about
1.3 ms on the default network (~1.5%); the engine has not taken it up.
"""

import time

import numpy as np
from numba import get_num_threads, njit, prange

FASTMATH = {"reassoc", "contract", "arcp"}


def _bias_relu(z, b, a):
    m, n = z.shape
    for i in prange(m):
        for j in range(n):
            v = z[i, j] + b[j]
            z[i, j] = v
            a[i, j] = v if v > 0 else 0.0


def _momentum(p, g, v, lr, mu):
    for k in prange(p.shape[0]):
        vk = mu * v[k] + g[k]
        v[k] = vk
        p[k] -= lr * vk


# One source each, compiled twice: without parallel=True, Numba runs prange as range.
bias_relu, bias_relu_parallel = njit(fastmath=FASTMATH)(_bias_relu), njit(fastmath=FASTMATH, parallel=True)(_bias_relu)
momentum, momentum_parallel = njit(fastmath=FASTMATH)(_momentum), njit(fastmath=FASTMATH, parallel=True)(_momentum)


def best_microseconds(fn, *args, n=2000):
    fn(*args)  # compile
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(n):
            fn(*args)
        best = min(best, (time.perf_counter() - started) / n)
    return best * 1e6


def main():
    rng = np.random.default_rng(0)
    z, b = rng.random((128, 256), dtype=np.float32), rng.random(256, dtype=np.float32)
    a = np.empty_like(z)
    p = rng.random(235_146, dtype=np.float32)
    g, v = p.copy(), p.copy()
    lr, mu = np.float32(0.1), np.float32(0.9)
    print(f"Numba threads: {get_num_threads()}")
    print(f"bias + ReLU (128 x 256): serial {best_microseconds(bias_relu, z, b, a):.1f} us, "
          f"parallel {best_microseconds(bias_relu_parallel, z, b, a):.1f} us")
    print(f"momentum update (235,146 parameters): serial {best_microseconds(momentum, p, g, v, lr, mu, n=300):.1f} us, "
          f"parallel {best_microseconds(momentum_parallel, p, g, v, lr, mu, n=300):.1f} us")


if __name__ == "__main__":
    main()
