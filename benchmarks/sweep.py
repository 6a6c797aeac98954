#!/usr/bin/env python
"""Sweep backends side by side (issue 17): one process, the local pool, a Dask cluster on 127.0.0.1.

    python benchmarks/sweep.py [--points 24] [--epochs 1] [--json FILE]

The grid is ``--points`` small MNIST networks (784-H-10 and 784-H-H-10 for a few widths and seeds,
``--epochs`` each). Measured in one run, in this order, each wall time including what a user waits
for (worker start-up, imports, loading MNIST in each worker):

1. one process: every point in turn in this process, BLAS with all cores;
2. the local pool: ``nnscratch.sweep.LocalPool()`` (one worker per core, BLAS threads = cores / workers);
3. Dask: a scheduler and one single-threaded worker per core started on 127.0.0.1 (their start-up is
   reported apart), then the same grid; the per-point overhead is (Dask wall - pool wall) / points.

The records of 2 and 3 are compared point for point (they must be equal).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

from nnscratch import sweep
from nnscratch.recipes import RunConfig


def grid(n_points: int, epochs: int) -> list[RunConfig]:
    shapes = [[784, h, 10] for h in (16, 32, 48, 64)] + [[784, h, h, 10] for h in (16, 32)]
    points = []
    seed = 0
    while len(points) < n_points:
        for layers in shapes:
            if len(points) < n_points:
                points.append(RunConfig.from_preset("default", "mnist", layers=layers, epochs=epochs, seed=seed))
        seed += 1
    return points


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=24)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    points = grid(args.points, args.epochs)
    print(f"grid: {len(points)} points (784-H-10 and 784-H-H-10, {args.epochs} epoch(s) each); {cores} cores")

    serial, t_serial = timed(lambda: [sweep.run_point(p, threads=cores) for p in points])
    pool = sweep.LocalPool()
    pooled, t_pool = timed(lambda: sweep.run(points, backend=pool).records)
    rows = {"points": len(points), "cores": cores, "one_process_s": t_serial, "pool_s": t_pool,
            "pool_workers": pool.workers, "pool_threads": pool.threads, "pool_speedup": t_serial / t_pool}
    print(f"1 one process ({cores} BLAS threads):        {t_serial:7.1f} s")
    print(f"2 local pool ({pool.workers} workers x {pool.threads} thread):    {t_pool:7.1f} s   "
          f"speed-up {t_serial / t_pool:.2f} x (target >= 1.7 x)")
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("3 Dask: skipped (pip install \"nnscratch[cluster]\")")
    else:
        with contextlib.ExitStack() as stack:
            cluster, t_start = timed(lambda: stack.enter_context(sweep.local_dask_cluster(cores)))
            remote, t_dask = timed(lambda: sweep.run(points, backend=sweep.DaskCluster(cluster.address)).records)
        keys = ("test_accuracy", "test_loss", "train_loss", "parameters")
        same = [{k: r[k] for k in keys} for r in remote] == [{k: r[k] for k in keys} for r in pooled]
        overhead = (t_dask - t_pool) / len(points)
        rows.update(dask_start_s=t_start, dask_s=t_dask, dask_overhead_per_point_s=overhead, dask_same_records=same)
        print(f"3 Dask ({cores} workers x 1 thread, started in {t_start:.1f} s): {t_dask:7.1f} s   "
              f"overhead {overhead * 1000:+.0f} ms per point against the pool; records equal to the pool's: {same}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
