#!/usr/bin/env python
"""Does the default recipe carry beyond MNIST? The comparison table of issue 18.

    python benchmarks/recipes.py [--datasets mnist,fashion,small] [--recipes default,adam,momentum]
                                 [--seeds 0] [--json FILE] [--fashion-dir DIR]

Every row is one training run through the library (``recipes.load_task`` -> ``recipes.train_model``), exactly
what ``nnscratch train`` runs, in this process, one after another, with BLAS on one thread (so the rows
of a loaded machine are comparable with each other). Datasets:

- ``mnist``: MNIST (the bundled copy, or ``--mnist-dir``), the default preset's 4 epochs;
- ``fashion``: Fashion-MNIST (``--fashion-dir``, Debian's dataset-fashion-mnist by default), 4 epochs;
- ``small``: an imbalanced MNIST subset written as IDX files into a temporary folder: 2,000 training
  images drawn from MNIST's training set with class k taking a share proportional to 0.8^k
  (436 zeros ... 58 nines), tested on the full, balanced 10,000-image MNIST test set. It is not
  MNIST-like in scale, so the default sizes its split and epochs from the data and takes its
  learning rate from the range test; the alternatives get the same split and epochs.

Recipes, all with the default preset's network (784-256-128-10, ReLU, softmax, He init, batch 128):

- ``default``: the preset as it is (nesterov, lr 0.2 on MNIST-like data, cosine schedule);
- ``adam``: Adam, lr 1e-3, the same cosine schedule;
- ``momentum``: SGD with momentum 0.9, cosine, its rate tuned over 0.03, 0.1, 0.3 by *validation*
  accuracy (the row shows the chosen rate; the test set never chooses anything);
- ``default@LR``, ``default@LRxE``: the default with another rate (and E epochs): the candidates.

``--check-presets best,best-augmented --check-epochs 2`` instead trains each named preset on MNIST for that
many epochs only (a check that the configuration trains, not its final accuracy) and records the preset's
configuration beside the result.

``--full-presets best,best-augmented --seeds 0,1,2 --jobs 2`` trains each named preset on MNIST to the end, once
per seed, ``--jobs`` runs side by side (each on one BLAS thread: two runs on a 2-core machine use one core each),
and records per run the seed, the configuration, the test accuracy with its interval, the training time and
the test accuracy after every epoch with the time it was reached (the curve of accuracy against training time).

The table gives test accuracy with its 95% Wilson interval, and for MNIST the training time to the first
epoch with test accuracy >= 98%. ``benchmarks/recipes.json`` holds the last measured records;
``tests/test_recipes.py`` checks that the default preset is the configuration measured there.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from nnscratch.data import load_dataset, write_idx
from nnscratch.jsonable import jsonable
from nnscratch.presets import PRESETS
from nnscratch.recipes import RunConfig, load_task, train_model
from nnscratch.train import Callback

FASHION_DIR = "/usr/share/datasets/fashion-mnist"
MOMENTUM_RATES = (0.03, 0.1, 0.3)
SMALL_N, SMALL_DECAY = 2000, 0.8
JSON_OUT = Path(__file__).with_name("recipes.json")


def make_small(folder: Path, mnist_dir=None, seed: int = 0) -> Path:
    """The imbalanced MNIST subset described in the module docstring, as four IDX files in ``folder``."""
    ds = load_dataset("mnist", mnist_dir)
    rng = np.random.default_rng(seed)
    share = SMALL_DECAY ** np.arange(10)
    counts = np.floor(SMALL_N * share / share.sum()).astype(int)
    counts[0] += SMALL_N - counts.sum()
    chosen = np.concatenate([rng.choice(np.flatnonzero(ds.y_train == k), c, replace=False)
                             for k, c in enumerate(counts)])
    chosen.sort()
    folder.mkdir(parents=True, exist_ok=True)
    write_idx(folder / "train-images-idx3-ubyte.gz", ds.x_train[chosen].reshape(-1, 28, 28))
    write_idx(folder / "train-labels-idx1-ubyte.gz", ds.y_train[chosen])
    write_idx(folder / "t10k-images-idx3-ubyte.gz", ds.x_test.reshape(-1, 28, 28))
    write_idx(folder / "t10k-labels-idx1-ubyte.gz", ds.y_test)
    return folder


class _Clock(Callback):
    """Cumulative training seconds at the end of each epoch (the records already carry test accuracy)."""

    def __init__(self):
        self.started = time.perf_counter()
        self.at = []

    def on_epoch_end(self, record):
        self.at.append(time.perf_counter() - self.started)


def run(dataset: str, data_dir, recipe: str, overrides: dict, seed: int) -> dict:
    cfg = RunConfig.from_preset("default", dataset, seed=seed, **overrides)
    data = load_task(cfg, data_dir)
    clock = _Clock()
    result = train_model(cfg, data, clock, score_test_each_epoch=True)
    epochs = result.history.epochs
    first98 = next((i for i, r in enumerate(epochs) if r["test_accuracy"] >= 0.98), None)
    settled = result.config
    return {"recipe": recipe, "seed": seed, "optimizer": settled.train.optimizer, "lr": settled.train.lr,
            "schedule": settled.train.schedule, "epochs": settled.train.epochs, "n_train": len(data.x_train),
            "n_validation": data.n_validation, "decided": settled.decided,
            "test_accuracy": result.test["accuracy"], "test_interval": result.test["accuracy_interval"],
            "validation_accuracy": epochs[-1]["validation_accuracy"], "train_accuracy": epochs[-1]["train_accuracy"],
            "seconds": result.seconds, "epoch_to_98": None if first98 is None else first98 + 1,
            "seconds_to_98": None if first98 is None else clock.at[first98],
            "curve": [r["test_accuracy"] for r in epochs],
            "config": {k: v for k, v in jsonable(settled.to_dict()).items() if k not in ("auto", "decided")}}


def recipe_runs(name: str) -> list[tuple[str, dict]]:
    if name == "default":
        return [("default", {})]
    if name == "adam":
        return [("adam 1e-3", {"optimizer": "adam", "lr": 1e-3})]
    if name == "momentum":
        return [(f"momentum {lr:g}", {"optimizer": "momentum", "lr": lr}) for lr in MOMENTUM_RATES]
    if name.startswith("default@"):  # default@LR or default@LRxEPOCHS
        lr, _, epochs = name.split("@")[1].partition("x")
        return [(name, {"lr": float(lr), "epochs": int(epochs) if epochs else None})]
    raise SystemExit(f"unknown recipe {name!r}: default, adam, momentum, default@LR, default@LRxEPOCHS")


def table(records: list[dict]) -> str:
    lines = ["| dataset | recipe | optimizer, lr | epochs | test accuracy (95% CI) | validation | time to 98% "
             "| seconds |",
             "|---|---|---|---|---|---|---|---|"]
    for r in records:
        low, high = r["test_interval"]
        val = "-" if r["validation_accuracy"] is None else f"{100 * r['validation_accuracy']:.2f}%"
        to98 = "-" if r["seconds_to_98"] is None else f"epoch {r['epoch_to_98']}, {r['seconds_to_98']:.1f} s"
        chosen = " (chosen)" if r.get("chosen") else ""
        lines.append(f"| {r['dataset']} | {r['recipe']}{chosen} | {r['optimizer']} {r['lr']:g} | {r['epochs']} | "
                     f"{100 * r['test_accuracy']:.2f}% ({100 * low:.2f}-{100 * high:.2f}) | {val} | {to98} | "
                     f"{r['seconds']:.1f} |")
    return "\n".join(lines)


def mark_tuned(records: list[dict]) -> None:
    """Of each dataset's momentum runs (per seed), mark the one with the best validation accuracy as chosen."""
    groups: dict = {}
    for r in records:
        if r["recipe"].startswith("momentum"):
            groups.setdefault((r["dataset"], r["seed"]), []).append(r)
    for runs in groups.values():
        max(runs, key=lambda r: (r["validation_accuracy"] or 0, -r["lr"]))["chosen"] = True


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--datasets", default="mnist,fashion,small")
    p.add_argument("--recipes", default="default,adam,momentum")
    p.add_argument("--seeds", default="0")
    p.add_argument("--mnist-dir", default=None)
    p.add_argument("--fashion-dir", default=FASHION_DIR)
    p.add_argument("--json", type=Path, default=None, help=f"write the records here (e.g. {JSON_OUT}); "
                   "a file that exists keeps the parts this run did not measure")
    p.add_argument("--check-presets", default=None, help="e.g. best,best-augmented: short runs of these presets")
    p.add_argument("--check-epochs", type=int, default=2)
    p.add_argument("--full-presets", default=None, help="e.g. best,best-augmented: these presets to the end, per seed")
    p.add_argument("--jobs", type=int, default=1, help="runs of --full-presets side by side, one core each")
    args = p.parse_args(argv)

    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one BLAS thread: on a shared machine more threads only wait for each other
    stamp = f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
    command = "python benchmarks/recipes.py " + " ".join(argv if argv is not None else sys.argv[1:])
    if args.full_presets:
        jobs = [(name, seed, args.mnist_dir) for name in args.full_presets.split(",")
                for seed in map(int, args.seeds.split(","))]
        runs = run_presets(jobs, args.jobs)
        print(f"measured {stamp}; command: {command}")
        print(preset_table(runs))
        if args.json:
            old = json.loads(args.json.read_text()).get("preset_runs", {}) if args.json.exists() else {}
            kept = {k: v for k, v in old.items() if k not in {r["preset"] for r in runs}}
            for r in runs:
                kept.setdefault(r["preset"], {"measured": stamp, "command": command, "runs": []})["runs"].append(r)
            write_json(args.json, {"preset_runs": kept})
        return 0
    if args.check_presets:
        checks = [check_preset(name, args.check_epochs, args.mnist_dir) for name in args.check_presets.split(",")]
        print(f"measured {stamp}; command: {command}")
        print(check_table(checks))
        if args.json:
            write_json(args.json, {"preset_checks": {"measured": stamp, "command": command, "runs": checks}})
        return 0
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        sources = {"mnist": ("mnist", args.mnist_dir), "fashion": ("fashion-mnist", args.fashion_dir),
                   "small": ("mnist", None)}
        for key in args.datasets.split(","):
            dataset, folder = sources[key]
            if key == "small":
                folder = make_small(Path(tmp) / "mnist-small-imbalanced", args.mnist_dir)
            for seed in map(int, args.seeds.split(",")):
                for name in args.recipes.split(","):
                    for recipe, overrides in recipe_runs(name):
                        r = run(dataset, folder, recipe, overrides, seed)
                        r["dataset"] = key
                        records.append(r)
                        print(f"{key:8} {recipe:16} seed {seed}: test {100 * r['test_accuracy']:.2f}%  "
                              f"val {r['validation_accuracy']}  lr {r['lr']:g}  {r['epochs']} epochs  "
                              f"{r['seconds']:.1f} s", file=sys.stderr, flush=True)
    mark_tuned(records)
    print(f"measured {stamp}; command: {command}")
    print(table(records))
    if args.json:
        write_json(args.json, {"measured": stamp, "command": command, "default_preset": PRESETS["default"],
                               "records": records})
    return 0


def write_json(path: Path, parts: dict) -> None:
    """Write ``parts`` into the JSON file at ``path``, keeping the keys of an existing file that it does not name."""
    old = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps(jsonable({**old, **parts}), indent=1, ensure_ascii=False) + "\n")


def check_preset(name: str, epochs: int, mnist_dir) -> dict:
    """A short run of preset ``name`` on MNIST (``epochs`` epochs, cosine over those): does it train, how fast."""
    from nnscratch.errors import NNScratchError

    cfg = RunConfig.from_preset(name, "mnist", epochs=epochs)
    record = {"preset": name, "config": PRESETS[name], "epochs_run": epochs}
    try:
        data = load_task(cfg, mnist_dir)
        result = train_model(cfg, data, score_test_each_epoch=True)
    except NNScratchError as exc:
        return {**record, "error": str(exc)}
    return {**record, "test_accuracy": result.test["accuracy"], "test_interval": result.test["accuracy_interval"],
            "curve": [r["test_accuracy"] for r in result.history.epochs],
            "seconds_per_epoch": result.seconds / len(result.history.epochs)}


def full_preset(job: tuple[str, int, str | None]) -> dict:
    """Preset ``name`` on MNIST to its last epoch with ``seed``, on one BLAS thread, test accuracy after every epoch."""
    import os

    from threadpoolctl import threadpool_limits

    name, seed, mnist_dir = job
    with threadpool_limits(1):
        cfg = RunConfig.from_preset(name, "mnist", seed=seed)
        data = load_task(cfg, mnist_dir)
        clock = _Clock()
        result = train_model(cfg, data, clock, score_test_each_epoch=True)
    epochs = result.history.epochs
    return {"preset": name, "seed": seed, "config": PRESETS[name], "decided": result.config.decided,
            "n_train": len(data.x_train), "test_accuracy": result.test["accuracy"],
            "test_interval": result.test["accuracy_interval"], "train_accuracy": epochs[-1]["train_accuracy"],
            "training_seconds": clock.at[-1], "seconds": result.seconds, "load_average": os.getloadavg(),
            "curve": [[round(t, 1), r["test_accuracy"]] for t, r in zip(clock.at, epochs, strict=True)]}


def run_presets(jobs: list[tuple[str, int, str | None]], n_jobs: int) -> list[dict]:
    """``full_preset`` of every job, ``n_jobs`` at a time in processes of their own, in the order given."""
    if n_jobs <= 1:
        return [full_preset(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=n_jobs) as pool:
        return list(pool.map(full_preset, jobs))


def preset_table(runs: list[dict]) -> str:
    lines = ["| preset | seed | test accuracy (95% interval) | training time | test accuracy (%) at 1/4, 1/2, 3/4 "
             "and all of the epochs |", "|---|---|---|---|---|"]
    for name in dict.fromkeys(r["preset"] for r in runs):
        mine = [r for r in runs if r["preset"] == name]
        for r in mine:
            n = len(r["curve"])
            at = [r["curve"][max(0, n * k // 4 - 1)] for k in (1, 2, 3, 4)]
            marks = ", ".join(f"{100 * acc:.2f} ({seconds / 60:.1f} min)" for seconds, acc in at)
            lo, hi = r["test_interval"]
            lines.append(f"| `{name}` | {r['seed']} | {100 * r['test_accuracy']:.2f}% ({100 * lo:.2f}-{100 * hi:.2f}%) "
                         f"| {r['training_seconds'] / 60:.1f} min | {marks} |")
        mean = sum(r["test_accuracy"] for r in mine) / len(mine)
        lines.append(f"| `{name}` | mean of {len(mine)} | {100 * mean:.2f}% | | |")
    return "\n".join(lines)


def check_table(checks: list[dict]) -> str:
    lines = ["| preset | epochs run (of the preset's) | test accuracy per epoch | seconds per epoch |",
             "|---|---|---|---|"]
    for c in checks:
        if "error" in c:
            lines.append(f"| {c['preset']} | - | not run: {c['error']} | - |")
            continue
        curve = ", ".join(f"{100 * a:.2f}%" for a in c["curve"])
        lines.append(f"| {c['preset']} | {c['epochs_run']} (of {c['config']['epochs']}) | {curve} | "
                     f"{c['seconds_per_epoch']:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
