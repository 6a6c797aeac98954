#!/usr/bin/env python
"""Speed and memory of nnscratch, measured side by side on this machine (issue 5).

    python benchmarks/run.py [--quick] [--data-dir DIR] [--json FILE]

Every row is measured in the same run, and the in-process timings are
interleaved (floor, nnscratch, PyTorch, floor, ...) with the median taken, so
the ratios hold on a shared, noisy machine even when the absolute seconds
wander. Rows (see benchmarks/README.md):

1. GEMM floor: only the matrix products one epoch of 784-256-128-10 training
   needs (3 forward, 3 weight-gradient, 2 delta products per batch of 128, float32).
2. nnscratch on that configuration (ReLU, softmax cross-entropy, SGD momentum
   0.9, lr 0.1): seconds per epoch, and wall time of a 5-epoch run in a fresh
   process (start-up and data loading included).
3. PyTorch CPU, the same model, optimizer, batch, thread count and uint8 data in memory.
4. The lecture's configuration (784-30-10 sigmoid, quadratic cost, batch 10,
   lr 3.0): nnscratch against a textbook per-sample loop in float64 written
   below, from the same initial weights over the same batches.
5. Time to 98%: `nnscratch train` with default settings, from process start to
   the first epoch whose test accuracy is >= 98%.
6. Peak memory (max RSS) of each training run in its own process.
7. `nnscratch train --preset lecture` (30 epochs), whole process, with each engine.
8. The compiled engine's first-run cost: `python -m nnscratch.warmup` into an empty cache.

Rows 2-4 are measured for both engines of the one training loop: "numpy" and "compiled"
(Numba, the "fast" extra; skipped with a note without it). The compiled rows use a cache
filled by row 8 in a temporary folder, never the user's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "src" / "nnscratch" / "data" / "mnist"  # the copy bundled with nnscratch

MODERN = {"layers": [784, 256, 128, 10], "hidden": "relu", "output": "softmax", "loss": "cross_entropy",
          "init": "he", "optimizer": "momentum", "lr": 0.1, "momentum": 0.9, "batch_size": 128}
LECTURE = {"layers": [784, 30, 10], "hidden": "sigmoid", "output": "sigmoid", "loss": "quadratic",
           "init": "normal", "optimizer": "sgd", "lr": 3.0, "batch_size": 10}
WALL_EPOCHS = 5
TARGETS = {"floor_ratio": 1.2, "torch_speedup": 1.8, "lecture_speedup": 30.0, "torch_lecture_speedup": 25.0,
           "seconds_to_98": 2.0, "peak_rss_mb": 150.0, "accuracy_gap": 0.01, "lecture_preset_seconds": 3.0}


# ------------------------------------------------------------------------------------------ data, machine


def load_mnist(data_dir):
    from nnscratch.data import load_dataset

    ds = load_dataset("mnist", data_dir)
    # Labels as int64, what both frameworks index with; the pixels stay uint8 (N, 784).
    return ds.x_train, ds.y_train.astype(np.int64), ds.x_test, ds.y_test.astype(np.int64)


def blas_info() -> dict:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return {"blas": "unknown (pip install threadpoolctl)", "threads": os.cpu_count()}
    blas = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    if not blas:
        return {"blas": "none found", "threads": os.cpu_count()}
    b = blas[0]
    return {"blas": f"{b.get('internal_api')} {b.get('version')} ({b.get('architecture') or '?'} kernel)",
            "threads": int(b.get("num_threads") or 1)}


def machine_info() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info = {"cpu": cpu, "cores": cores, "python": platform.python_version(), "numpy": np.__version__,
            **blas_info(), "torch": None,
            "openblas_env": {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")}}
    try:
        import torch

        info["torch"] = torch.__version__
    except ImportError:
        pass
    return info


# ------------------------------------------------------------------------------------------ row 1: GEMM floor


def batch_sizes(n, batch):
    """Rows of each step of one epoch: full batches and the last, smaller one."""
    return [batch] * (n // batch) + ([n % batch] if n % batch else [])


class GemmFloor:
    """The matrix products of one training epoch and nothing else, on preallocated arrays."""

    def __init__(self, sizes, n, batch, dtype=np.float32, seed=0):
        rng = np.random.default_rng(seed)
        self.steps = batch_sizes(n, batch)
        self.theta = [rng.standard_normal((k, j)).astype(dtype) for j, k in zip(sizes, sizes[1:], strict=False)]
        self.arrays = {}
        for m in set(self.steps):
            a = [rng.random((m, k), dtype=dtype) for k in sizes]              # a(1) .. a(L)
            delta = [rng.random((m, k), dtype=dtype) for k in sizes]          # delta(1) unused
            self.arrays[m] = (a, delta, [np.empty((m, k), dtype) for k in sizes])
        self.grads = [np.empty_like(t) for t in self.theta]

    def epoch(self) -> float:
        started = time.perf_counter()
        theta, grads = self.theta, self.grads
        for m in self.steps:
            a, delta, z = self.arrays[m]
            for i, t in enumerate(theta):                    # z(l) = a(l-1) theta(l)^T
                np.matmul(a[i], t.T, out=z[i + 1])
            for i in range(len(theta)):                      # grad theta(l) = delta(l)^T a(l-1)
                np.matmul(delta[i + 1].T, a[i], out=grads[i])
            for i in range(len(theta) - 1, 0, -1):           # theta(l)^T delta(l), not for the input layer
                np.matmul(delta[i + 1], theta[i], out=delta[i])
        return time.perf_counter() - started


# ------------------------------------------------------------------------------------------ rows 2 and 4: nnscratch


def nnscratch_network(cfg, seed, dtype="float32"):
    import nnscratch as nn

    return nn.Network(cfg["layers"], cfg["hidden"], cfg["output"], init=cfg["init"],
                      rng=np.random.default_rng(seed), dtype=dtype)


def nnscratch_epoch(net, cfg, x, y, seed, engine="numpy") -> float:
    """One epoch of fit() with ``engine``; the trainer's own per-epoch time."""
    import nnscratch as nn

    config = nn.TrainConfig(epochs=1, batch_size=cfg["batch_size"], optimizer=cfg["optimizer"], lr=cfg["lr"],
                            momentum=cfg.get("momentum", 0.9), seed=seed, engine=engine)
    return nn.fit(net, x, y, cfg["loss"], config, x_scale=1 / 255).epochs[0]["seconds"]


def nnscratch_accuracy(net, x, y) -> float:
    import nnscratch as nn

    return nn.evaluate(net, x, y, "quadratic", x_scale=1 / 255)["accuracy"]


# ------------------------------------------------------------------------------------------ row 3: PyTorch


class TorchRun:
    """784-256-128-10 in PyTorch: same optimizer, batch and threads; uint8 data in memory, scaled per batch."""

    def __init__(self, x, y, threads, seed=0):
        import torch

        torch.set_num_threads(threads)
        torch.manual_seed(seed)
        self.torch = torch
        self.x, self.y = torch.from_numpy(x), torch.from_numpy(y)
        sizes = MODERN["layers"]
        layers = []
        for i, (j, k) in enumerate(zip(sizes, sizes[1:], strict=False)):
            layers.append(torch.nn.Linear(j, k))
            if i < len(sizes) - 2:
                layers.append(torch.nn.ReLU())
        self.model = torch.nn.Sequential(*layers)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=MODERN["lr"], momentum=MODERN["momentum"])
        self.loss = torch.nn.CrossEntropyLoss()
        self.gen = torch.Generator().manual_seed(seed)

    def epoch(self) -> float:
        torch, batch = self.torch, MODERN["batch_size"]
        started = time.perf_counter()
        order = torch.randperm(len(self.y), generator=self.gen)
        for start in range(0, len(self.y), batch):
            idx = order[start:start + batch]
            xb = self.x[idx].float().div_(255)
            self.opt.zero_grad(set_to_none=True)
            self.loss(self.model(xb), self.y[idx]).backward()
            self.opt.step()
        return time.perf_counter() - started

    def accuracy(self, x, y) -> float:
        with self.torch.no_grad():
            out = self.model(self.torch.from_numpy(x).float().div_(255))
        return float((out.argmax(1).numpy() == y).mean())


class TorchLecture:
    """The lecture's 784-30-10 in PyTorch: sigmoid layers, quadratic cost 1/2 ||y - a||^2 (mean over the
    batch), SGD lr 3.0, batch 10, the same thread count; uint8 data in memory, scaled per batch."""

    def __init__(self, x, y, threads, seed=0):
        import torch

        torch.set_num_threads(threads)
        torch.manual_seed(seed)
        self.torch = torch
        self.x, self.y = torch.from_numpy(x), torch.nn.functional.one_hot(torch.from_numpy(y), 10).float()
        self.model = torch.nn.Sequential(torch.nn.Linear(784, 30), torch.nn.Sigmoid(), torch.nn.Linear(30, 10),
                                         torch.nn.Sigmoid())
        self.opt = torch.optim.SGD(self.model.parameters(), lr=LECTURE["lr"])
        self.gen = torch.Generator().manual_seed(seed)

    def epoch(self) -> float:
        torch, batch = self.torch, LECTURE["batch_size"]
        started = time.perf_counter()
        order = torch.randperm(len(self.y), generator=self.gen)
        for start in range(0, len(self.y), batch):
            idx = order[start:start + batch]
            a = self.model(self.x[idx].float().div_(255))
            loss = 0.5 * ((a - self.y[idx]) ** 2).sum(dim=1).mean()
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
        return time.perf_counter() - started


# ------------------------------------------------------------------------------------------ row 4: textbook loop


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def textbook_backprop(theta, b, x, y):
    """One sample's gradients, as the textbook code (Nielsen's network.py) computes them. x, y: columns."""
    grad_b = [np.zeros(v.shape) for v in b]
    grad_theta = [np.zeros(t.shape) for t in theta]
    a, activations, zs = x, [x], []
    for t, v in zip(theta, b, strict=False):
        z = np.dot(t, a) + v                                     # z(l) = theta(l) a(l-1) + b(l)
        zs.append(z)
        a = sigmoid(z)                                           # a(l) = f(z(l))
        activations.append(a)
    delta = (activations[-1] - y) * sigmoid_prime(zs[-1])        # delta(L) = -(y - a(L)) f'(z(L))
    grad_b[-1] = delta
    grad_theta[-1] = np.dot(delta, activations[-2].transpose())  # delta(L) a(L-1)^T
    for l in range(2, len(theta) + 1):
        delta = np.dot(theta[-l + 1].transpose(), delta) * sigmoid_prime(zs[-l])  # (theta^T delta) * f'(z)
        grad_b[-l] = delta
        grad_theta[-l] = np.dot(delta, activations[-l - 1].transpose())
    return grad_b, grad_theta


def textbook_epoch(theta, b, x, y, order, batch, lr) -> float:
    """The lecture's algorithm one sample at a time (float64 columns), averaged per mini-batch.

    The textbook code (Nielsen's update_mini_batch) in the lecture's notation. theta[i]
    (n_l, n_{l-1}) and b[i] (n_l, 1), for the layers after the input, are updated in place.
    """
    started = time.perf_counter()
    eye = np.eye(theta[-1].shape[0])
    with np.errstate(over="ignore"):
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            # The data as the textbook holds it: float64 columns and one-hot targets (made per mini-batch here)
            xs, ys = x[rows, :, None] / 255.0, eye[y[rows], :, None]      # (m, n_1, 1), (m, n_L, 1)
            grad_b = [np.zeros(v.shape) for v in b]
            grad_theta = [np.zeros(t.shape) for t in theta]
            for xi, yi in zip(xs, ys, strict=False):                    # one example at a time
                delta_b, delta_theta = textbook_backprop(theta, b, xi, yi)
                grad_b = [g + d for g, d in zip(grad_b, delta_b, strict=False)]
                grad_theta = [g + d for g, d in zip(grad_theta, delta_theta, strict=False)]
            for t, v, gt, gb in zip(theta, b, grad_theta, grad_b, strict=False):  # mu/N averaged update
                t -= (lr / len(rows)) * gt
                v -= (lr / len(rows)) * gb
    return time.perf_counter() - started


def textbook_accuracy(theta, b, x, y) -> float:
    a = x.T / 255.0
    with np.errstate(over="ignore"):
        for t, v in zip(theta, b, strict=False):
            a = sigmoid(np.dot(t, a) + v)
    return float((a.argmax(axis=0) == y).mean())


# ------------------------------------------------------------------------------------------ child processes


def child_main(kind, data_dir) -> None:
    """A whole training run in this fresh process; prints one JSON line at the end."""
    x, y, x_test, y_test = load_mnist(data_dir)
    if kind == "nnscratch":
        net = nnscratch_network(MODERN, seed=0)
        import nnscratch as nn

        config = nn.TrainConfig(epochs=WALL_EPOCHS, batch_size=MODERN["batch_size"], optimizer=MODERN["optimizer"],
                                lr=MODERN["lr"], momentum=MODERN["momentum"], seed=0)
        nn.fit(net, x, y, MODERN["loss"], config, x_scale=1 / 255)
        accuracy = nnscratch_accuracy(net, x_test, y_test)
    elif kind == "torch":
        run = TorchRun(x, y, blas_info()["threads"])
        for _ in range(WALL_EPOCHS):
            run.epoch()
        accuracy = run.accuracy(x_test, y_test)
    elif kind == "default-train":
        default_train_child(data_dir)
        return
    else:
        raise SystemExit(f"unknown child {kind!r}")
    print(json.dumps({"test_accuracy": accuracy}), flush=True)


def default_train_child(data_dir) -> None:
    """What `nnscratch train` does with default settings, through the library, one JSON line per epoch."""
    from nnscratch.recipes import RunConfig, load_task, train_model
    from nnscratch.train import Callback

    class Lines(Callback):
        def on_epoch_end(self, record):
            print(json.dumps({"epoch": record["epoch"], "test_accuracy": record["test_accuracy"]}), flush=True)

    cfg = RunConfig.from_preset()
    train_model(cfg, load_task(cfg, data_dir), Lines(), score_test_each_epoch=True)


# Linux carries a parent's peak RSS into a child's ru_maxrss across fork and exec, so a child
# started from this (large) process would report this process's peak. A small launcher process
# starts the run instead and reports the run's own peak from wait4().
RSS_LAUNCHER = (
    "import json, os, subprocess, sys\n"
    "proc = subprocess.Popen(sys.argv[1:])\n"
    "_, status, usage = os.wait4(proc.pid, 0)\n"
    "print('@rss ' + json.dumps(usage.ru_maxrss), flush=True)\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_child(argv, on_line=None) -> dict:
    """Run argv to completion: wall seconds from just before start, peak RSS (MB), output lines.

    on_line(line, seconds_since_start) sees each line of stdout and stderr as it arrives.
    """
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", RSS_LAUNCHER, *map(str, argv)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=ROOT, bufsize=1)
    lines, maxrss = [], None
    for line in proc.stdout:  # universal newlines: progress bars' \r ends a line too
        line = line.rstrip("\n")
        if line.startswith("@rss "):
            maxrss = int(line.split()[1])
            continue
        lines.append(line)
        if on_line is not None:
            on_line(line, time.perf_counter() - started)
    proc.wait()
    seconds = time.perf_counter() - started
    if proc.returncode != 0 or maxrss is None:
        tail = "\n".join(lines[-15:])
        raise RuntimeError(f"{' '.join(map(str, argv))} failed with status {proc.returncode}:\n{tail}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    return {"seconds": seconds, "rss_mb": maxrss / (2**20 if sys.platform == "darwin" else 2**10), "lines": lines}


def last_json(lines) -> dict:
    for line in reversed(lines):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def compiled_available() -> bool:
    from nnscratch import compiled

    return compiled.available()


def cli_available() -> bool:
    try:
        from nnscratch.cli import build_parser

        return "train" in build_parser("en")._subparsers._group_actions[0].choices
    except Exception:
        return False


TEST_IN_EPOCH_LINE = re.compile(r"^epoch\s+(\d+)/\d+.*\btest\s+([\d.]+)%")


def time_to_98(data_dir, tmp) -> dict:
    """Seconds from process start until an epoch reports test accuracy >= 98%."""
    hit = {}

    def on_line(line, seconds):
        epoch = accuracy = None
        match = TEST_IN_EPOCH_LINE.search(line)
        if match:
            epoch, accuracy = int(match.group(1)), float(match.group(2)) / 100
        elif line.startswith('{"epoch"'):
            record = json.loads(line)
            epoch, accuracy = record["epoch"], record["test_accuracy"]
        if accuracy is not None:
            hit.setdefault("epochs", []).append((epoch, accuracy, seconds))
            if accuracy >= 0.98 and "seconds" not in hit:
                hit.update(seconds=seconds, epoch=epoch, accuracy=accuracy)

    if cli_available():
        # The real command as a user runs it; its per-epoch lines (English) carry the test accuracy.
        argv = [sys.executable, "-m", "nnscratch", "train", "--data-dir", str(data_dir), "--lang", "en",
                "--out", str(Path(tmp) / "model.npz")]
        how = "nnscratch train (CLI, default settings)"
    else:
        argv = [sys.executable, __file__, "--child", "default-train", "--data-dir", str(data_dir)]
        how = "library run of the default preset (the CLI is not available)"
    result = run_child(argv, on_line=on_line)
    return {"how": how, "total_seconds": result["seconds"], "rss_mb": result["rss_mb"], **hit}


# ------------------------------------------------------------------------------------------ the run


def median(values):
    return statistics.median(values)


def measure(args) -> dict:
    info = machine_info()
    threads = info["threads"]
    data_dir = Path(args.data_dir)
    x, y, x_test, y_test = load_mnist(data_dir)
    rounds = 3 if args.quick else 7
    out = {"machine": info, "quick": args.quick, "command": " ".join(["python", "benchmarks/run.py"] + sys.argv[1:])}

    # Row 8 first: the compiled engine's first run, into an empty cache of our own, which every later
    # row (and child process) then uses: the user's cache is neither read nor written.
    compiled_ok = compiled_available() and not args.no_compiled
    if compiled_ok:
        os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="nnscratch-bench-cache-")
        os.environ.pop("NUMBA_CACHE_DIR", None)
        warm = run_child([sys.executable, "-m", "nnscratch.warmup"])
        out["compile_seconds"] = warm["seconds"]
        print(f"  compiled engine, first run (empty cache): {warm['seconds']:.1f} s", file=sys.stderr)

    # Rows 1-3, interleaved: one floor epoch, one nnscratch epoch, one PyTorch epoch per round,
    # in a rotating order so that a slow spell of the machine does not always hit the same row.
    floor = GemmFloor(MODERN["layers"], len(x), MODERN["batch_size"])
    net = nnscratch_network(MODERN, seed=0)
    torch_run = TorchRun(x, y, threads) if info["torch"] and not args.no_torch else None
    runners = {"floor": lambda r: floor.epoch(), "nnscratch": lambda r: nnscratch_epoch(net, MODERN, x, y, seed=r)}
    if compiled_ok:
        net_c = nnscratch_network(MODERN, seed=0)
        runners["compiled"] = lambda r: nnscratch_epoch(net_c, MODERN, x, y, seed=r, engine="compiled")
    if torch_run is not None:
        runners["torch"] = lambda r: torch_run.epoch()
    times = {k: [] for k in runners}
    names = list(runners)
    for r in range(rounds + 1):  # round 0 warms up caches, thread pools and allocators; not counted
        for k in names[r % len(names):] + names[:r % len(names)]:
            seconds = runners[k](r)
            if r:
                times[k].append(seconds)
        print(f"  round {r}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items() if r), file=sys.stderr)
    out["epoch_seconds"] = {k: median(v) for k, v in times.items()}
    out["epoch_samples"] = times
    torch_run = runners = None  # let PyTorch's model go before the fresh-process runs

    # Whole runs in fresh processes: 5 epochs including start-up and loading, and their peak memory.
    wall = {"nnscratch": [], "torch": []} if info["torch"] and not args.no_torch else {"nnscratch": []}
    accuracy = {}
    rss = {}
    for r in range(1 if args.quick else 3):
        for kind in (list(wall) if r % 2 == 0 else list(wall)[::-1]):
            res = run_child([sys.executable, __file__, "--child", kind, "--data-dir", str(data_dir)])
            wall[kind].append(res["seconds"])
            rss[kind] = max(rss.get(kind, 0), res["rss_mb"])
            accuracy[kind] = last_json(res["lines"]).get("test_accuracy")
            print(f"  {kind} {WALL_EPOCHS} epochs in a fresh process: {res['seconds']:.2f} s, "
                  f"{res['rss_mb']:.0f} MB", file=sys.stderr)
    out["wall_seconds"] = {k: median(v) for k, v in wall.items()}
    out["wall_accuracy"] = accuracy
    out["rss_mb"] = rss

    # Row 4: the lecture's configuration, nnscratch (float32) against the per-sample loop (float64),
    # from the same initial weights over the same batches, epochs interleaved.
    init = nnscratch_network(LECTURE, seed=1, dtype="float64")
    lecture_net = init.copy(dtype="float32")
    theta = [init.theta[l].copy() for l in init.layers]
    b = [init.b[l].reshape(-1, 1).copy() for l in init.layers]
    lecture_c = init.copy(dtype="float32")
    torch_lecture = TorchLecture(x, y, threads) if info["torch"] and not args.no_torch else None
    lecture = {"nnscratch": [], "loop": []}
    if compiled_ok:
        lecture["compiled"] = []
    if torch_lecture is not None:
        lecture["torch"] = []
    for epoch in range(1 if args.quick else 2):
        if compiled_ok:
            lecture["compiled"].append(nnscratch_epoch(lecture_c, LECTURE, x, y, seed=epoch, engine="compiled"))
        if torch_lecture is not None:
            lecture["torch"].append(torch_lecture.epoch())
        lecture["nnscratch"].append(nnscratch_epoch(lecture_net, LECTURE, x, y, seed=epoch))
        order = np.random.default_rng(epoch).permutation(len(x))   # the order fit() uses with this seed
        lecture["loop"].append(textbook_epoch(theta, b, x, y, order, LECTURE["batch_size"], LECTURE["lr"]))
        print(f"  lecture epoch {epoch + 1}: nnscratch {lecture['nnscratch'][-1]:.3f} s, "
              f"per-sample loop {lecture['loop'][-1]:.3f} s", file=sys.stderr)
    out["lecture_seconds"] = {k: median(v) for k, v in lecture.items()}
    out["lecture_epochs"] = len(lecture["loop"])
    out["lecture_accuracy"] = {"nnscratch": nnscratch_accuracy(lecture_net, x_test, y_test),
                               "loop": textbook_accuracy(theta, b, x_test, y_test)}
    if compiled_ok:
        out["lecture_accuracy"]["compiled"] = nnscratch_accuracy(lecture_c, x_test, y_test)
    torch_lecture = None

    # Row 7: `nnscratch train --preset lecture`, whole process, each engine.
    out["lecture_preset"] = {}
    if cli_available():
        with tempfile.TemporaryDirectory() as tmp:
            for engine in ("numpy", "compiled") if compiled_ok else ("numpy",):
                res = run_child([sys.executable, "-m", "nnscratch", "train", "--preset", "lecture", "--data-dir",
                                 str(data_dir), "--engine", engine, "--json", "--out", str(Path(tmp) / "l.npz")])
                lines = res["lines"]
                start = lines.index("{") if "{" in lines else 0
                end = max((i for i, line in enumerate(lines) if line == "}"), default=-1)
                doc = json.loads("\n".join(lines[start:end + 1])) if end > start else {}
                out["lecture_preset"][engine] = {"seconds": res["seconds"], "rss_mb": res["rss_mb"],
                                                 "test_accuracy": doc.get("test_accuracy")}
                rss[f"train --preset lecture ({engine})"] = res["rss_mb"]
                print(f"  train --preset lecture --engine {engine}: {res['seconds']:.1f} s", file=sys.stderr)

    # Rows 5 and 6: `nnscratch train` with defaults, from process start.
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(1 if args.quick else 3):
            runs.append(time_to_98(data_dir, tmp))
            print(f"  time to 98%: {runs[-1].get('seconds')} s ({runs[-1]['how']})", file=sys.stderr)
    reached = [r["seconds"] for r in runs if "seconds" in r]
    out["to_98"] = {"how": runs[0]["how"], "seconds": median(reached) if len(reached) == len(runs) else None,
                    "runs": [{k: v for k, v in r.items() if k != "how"} for r in runs]}
    rss["nnscratch train"] = max(r["rss_mb"] for r in runs)
    return out


# ------------------------------------------------------------------------------------------ the table


def verdict(ok) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def table(res) -> str:
    m, T = res["machine"], TARGETS
    ep, wall, rss = res["epoch_seconds"], res["wall_seconds"], res["rss_mb"]
    torch_ok = "torch" in ep
    rows = []
    floor, ours = ep["floor"], ep["nnscratch"]
    rows.append(("1", "GEMM floor (784-256-128-10, batch 128, float32: 8 products per step)",
                 f"{floor:.3f} s/epoch", "", ""))
    ratio = ours / floor
    rows.append(("2", "nnscratch numpy engine, same shapes (ReLU, softmax CE, momentum 0.9, lr 0.1)",
                 f"{ours:.3f} s/epoch = {ratio:.2f} x floor", "", ""))
    if "compiled" in ep:
        rows.append(("2", "nnscratch compiled engine (fused kernels beside BLAS), same shapes",
                     f"{ep['compiled']:.3f} s/epoch = {ep['compiled'] / floor:.2f} x floor",
                     f"<= {T['floor_ratio']} x floor", verdict(ep["compiled"] / floor <= T["floor_ratio"])))
        ours = min(ours, ep["compiled"])
    acc = res["wall_accuracy"]
    rows.append(("2", f"nnscratch, {WALL_EPOCHS} epochs in a fresh process (start-up, loading)",
                 f"{wall['nnscratch']:.2f} s wall, test {100 * acc['nnscratch']:.2f}%", "", ""))
    if torch_ok:
        speed = ep["torch"] / ours
        rows.append(("3", f"PyTorch {m['torch']} CPU, same model/optimizer/batch/{m['threads']} threads",
                     f"{ep['torch']:.3f} s/epoch; nnscratch {speed:.2f} x faster",
                     f">= {T['torch_speedup']} x faster", verdict(speed >= T["torch_speedup"])))
        speed_wall = wall["torch"] / wall["nnscratch"]
        rows.append(("3", f"PyTorch, {WALL_EPOCHS} epochs in a fresh process",
                     f"{wall['torch']:.2f} s wall, test {100 * acc['torch']:.2f}%; nnscratch {speed_wall:.2f} x faster",
                     "nnscratch faster", verdict(speed_wall > 1)))
    else:
        why = "--no-torch" if m["torch"] else "torch is not installed (pip install torch==2.13.0)"
        rows.append(("3", "PyTorch CPU", f"skipped: {why}", "", "n/a"))
    ls, la = res["lecture_seconds"], res["lecture_accuracy"]
    best = "compiled" if "compiled" in ls else "nnscratch"
    speed = ls["loop"] / ls[best]
    gap = abs(la[best] - la["loop"])
    rows.append(("4", "lecture 784-30-10 sigmoid, quadratic, batch 10, lr 3: nnscratch numpy engine, float32",
                 f"{ls['nnscratch']:.3f} s/epoch, test {100 * la['nnscratch']:.2f}% after {res['lecture_epochs']} ep.",
                 "", ""))
    if "compiled" in ls:
        rows.append(("4", "  the same, compiled engine (one compiled call per mini-batch step)",
                     f"{ls['compiled']:.3f} s/epoch, test {100 * la['compiled']:.2f}%; "
                     f"{ls['nnscratch'] / ls['compiled']:.2f} x the numpy engine", "", ""))
    rows.append(("4", "  the same, per-sample textbook loop, float64",
                 f"{ls['loop']:.2f} s/epoch, test {100 * la['loop']:.2f}%; nnscratch ({best}) {speed:.1f} x faster",
                 f">= {T['lecture_speedup']:.0f} x, accuracy within {100 * T['accuracy_gap']:.1f} pt",
                 verdict(speed >= T["lecture_speedup"] and gap <= T["accuracy_gap"])))
    if "torch" in ls:
        tspeed = ls["torch"] / ls[best]
        rows.append(("4", f"  the same in PyTorch {m['torch']} CPU ({m['threads']} threads)",
                     f"{ls['torch']:.2f} s/epoch; nnscratch ({best}) {tspeed:.1f} x faster",
                     f">= {T['torch_lecture_speedup']:.0f} x", verdict(tspeed >= T["torch_lecture_speedup"])))
    t98 = res["to_98"]
    if any("epochs" not in r for r in t98["runs"]):
        rows.append(("5", f"time to 98% test accuracy: {t98['how']}",
                     "no per-epoch test accuracy found in its output (its epoch line format changed?)",
                     f"<= {T['seconds_to_98']:.0f} s", verdict(None)))
    elif t98["seconds"] is None:
        reached = "98% not reached in every run: " + "; ".join(
            f"{100 * max(a for _, a, _ in r['epochs']):.2f}% best" for r in t98["runs"])
        rows.append(("5", f"time to 98% test accuracy: {t98['how']}", reached,
                     f"<= {T['seconds_to_98']:.0f} s", verdict(False)))
    else:
        first = t98["runs"][0]
        rows.append(("5", f"time to 98% test accuracy: {t98['how']}",
                     f"{t98['seconds']:.2f} s from process start (epoch {first['epoch']}, "
                     f"{100 * first['accuracy']:.2f}%; whole run {first['total_seconds']:.1f} s)",
                     f"<= {T['seconds_to_98']:.0f} s", verdict(t98["seconds"] <= T["seconds_to_98"])))
    peak = ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items())
    ours_peak = max(v for k, v in rss.items() if k != "torch")
    rows.append(("6", "peak memory (max RSS) of each training run", peak,
                 f"nnscratch <= {T['peak_rss_mb']:.0f} MB", verdict(ours_peak <= T["peak_rss_mb"])))

    for engine, r in res.get("lecture_preset", {}).items():
        acc = "" if r["test_accuracy"] is None else f", test {100 * r['test_accuracy']:.2f}%"
        rows.append(("7", f"nnscratch train --preset lecture (30 epochs) --engine {engine}, whole process",
                     f"{r['seconds']:.1f} s{acc}", f"<= {T['lecture_preset_seconds']:.0f} s",
                     verdict(r["seconds"] <= T["lecture_preset_seconds"])))
    if "compile_seconds" in res:
        rows.append(("8", "compiled engine's first run: every kernel compiled into an empty cache",
                     f"{res['compile_seconds']:.1f} s, once (auto uses NumPy until the cache is warm)", "", ""))
    head = ("| # | measurement | result | target | |", "|---|---|---|---|---|")
    lines = [f"machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}; numpy {m['numpy']} with "
             f"{m['blas']}, {m['threads']} threads; torch {m['torch'] or 'not installed'}"
             + (f"; {' '.join(f'{k}={v}' for k, v in m['openblas_env'].items())}" if m["openblas_env"] else ""),
             f"command: {res['command']}  (epoch times: median of {len(res['epoch_samples']['floor'])} "
             "interleaved rounds)", "", *head]
    lines += [f"| {' | '.join(r)} |" for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about half a minute)")
    parser.add_argument("--data-dir", default=os.environ.get("NNSCRATCH_DATA") or str(DEFAULT_DATA),
                        help="folder with the four MNIST files (default: $NNSCRATCH_DATA, else the bundled copy)")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch rows")
    parser.add_argument("--no-compiled", action="store_true", help="skip the compiled engine's rows")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement to FILE")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child, args.data_dir)
        return 0
    res = measure(args)
    print(table(res))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
