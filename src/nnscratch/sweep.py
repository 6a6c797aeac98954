"""Sweeps: many trainings at once, on this machine's cores or on a Dask cluster.

A sweep is a list of ``RunConfig`` points (usually a grid: every combination of
a few values per setting). Each point trains with the one training loop
(``recipes.train_model`` -> ``train.fit``) and becomes a *record*: its config and
seed, the final and best accuracies, the loss, epochs, seconds, parameter count
and the per-epoch curve, or, when it failed (divergence, a bad config), its
error. A failed point never stops the sweep.

Where it runs is a *backend*: ``LocalPool`` (processes on this machine, BLAS
threads per worker set so that workers x threads = cores) or ``DaskCluster``
(a Dask distributed scheduler: ``dask scheduler`` / ``dask worker``). Every
point is seeded and trains with the same number of BLAS threads whichever
backend runs it, so both give the same records point for point.

With a folder (``out``), every finished record is written there at once
(``points/<id>.json``, atomically), so an interrupted sweep keeps what it
finished and ``run(..., out=folder)`` again skips those points (``resume``).

homework IV of the lecture asks how deep networks differ from shallow wide
ones; ``homework_iv_points`` answers it by experiment: networks of 1, 2 and 3
hidden layers at matched parameter budgets, on MNIST and on a 1-D function.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnscratch.errors import ConfigError, NNScratchError, Reason, os_reason, require
from nnscratch.jsonable import jsonable
from nnscratch.recipes import RunConfig

FUNCTION_TASK = "function"  # the 1-D function-fitting task of homework IV (not an image dataset)
METRICS = ("test_accuracy", "best_test_accuracy", "validation_accuracy", "test_loss", "seconds", "parameters")
RECORD_FILE_VERSION = 1


# ---------------------------------------------------------------------------------------------- points


def grid(axes: dict[str, list], *, preset: str | None = None, dataset: str = "mnist",
         fixed: dict | None = None) -> list[RunConfig]:
    """Every combination of ``axes`` (RunConfig / TrainConfig field -> values), on top of ``preset`` and ``fixed``.

    The order is that of ``itertools.product`` over the axes as given (the last axis varies fastest).
    """
    fixed = dict(fixed or {})
    for name, values in axes.items():
        if not isinstance(values, (list, tuple)) or not values:
            raise ConfigError("sweep.err.empty_axis", param="axes", name=name)
    names = list(axes)
    points = []
    for combo in itertools.product(*(axes[n] for n in names)):
        point = {**fixed, **dict(zip(names, combo, strict=True))}  # one value per axis, by construction
        point_dataset = point.pop("dataset", dataset)
        point_preset = point.pop("preset", preset)
        points.append(RunConfig.from_preset(point_preset, point_dataset, **point))
    return points


def point_id(cfg: RunConfig) -> str:
    """A short stable name for a point: the hash of its whole config."""
    text = json.dumps(jsonable(cfg.to_dict()), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def matched_widths(n_in: int, n_out: int, budget: int, depth: int) -> list[int]:
    """Hidden sizes of ``depth`` equal layers whose network has about ``budget`` parameters.

    Solves n_in*h + (depth-1)*h^2 + h*n_out + depth*h + n_out = budget for h (rounded, at least 1).
    """
    if depth < 1 or budget <= 0:
        raise ConfigError("sweep.err.matched_budget", param="budget", budget=budget, depth=depth)
    a, b, c = depth - 1, n_in + n_out + depth, n_out - budget
    h = -c / b if a == 0 else (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return [max(1, round(h))] * depth


def homework_iv_points(*, budgets: Iterable[int] = (25_000, 100_000), depths: Iterable[int] = (1, 2, 3),
                       epochs: int = 3, seed: int = 0, function_budgets: Iterable[int] = (200, 800),
                       function_epochs: int = 300) -> list[RunConfig]:
    """Depth against width at matched parameter budgets: MNIST, then the 1-D function ``function_target``."""
    points = []
    for budget in budgets:
        for depth in depths:
            layers = [784, *matched_widths(784, 10, budget, depth), 10]
            points.append(RunConfig.from_preset("default", "mnist", layers=layers, epochs=epochs, seed=seed))
    for budget in function_budgets:
        for depth in depths:
            layers = [1, *matched_widths(1, 1, budget, depth), 1]
            points.append(RunConfig.from_preset(
                "toy", FUNCTION_TASK, layers=layers, hidden="tanh", output="identity", loss="quadratic",
                init="xavier", optimizer="adam", lr=0.01, batch_size=32, epochs=function_epochs, seed=seed,
                n_points=512))
    return points


def learning_rate_points(rates: Iterable[float] = (0.01, 0.5, 3.0, 30.0, 3000.0), *, epochs: int = 3,
                         seed: int = 0) -> list[RunConfig]:
    """The lecture's learning-rate picture on its own network (784-30-10, sigmoid, quadratic cost, batch 10):

    too small (the loss barely moves), about right, too large (it oscillates), far too large (it diverges).
    """
    return [RunConfig.from_preset("lecture", "mnist", lr=rate, epochs=epochs, seed=seed) for rate in rates]


PRESETS: dict[str, Callable[..., list[RunConfig]]] = {
    "homework-iv": homework_iv_points,
    "learning-rate": learning_rate_points,
}


# ---------------------------------------------------------------------------------------------- one point


def function_target(x: np.ndarray) -> np.ndarray:
    """The 1-D function homework IV's networks fit: smooth, several bends, in [-1, 1]."""
    return np.sin(3 * x) * np.exp(-0.3 * x * x) + 0.3 * np.cos(7 * x)


def function_data(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n points x in [-π, π] and targets y = function_target(x), both (n, 1)."""
    x = rng.uniform(-np.pi, np.pi, size=(n, 1))
    return x, function_target(x)


_TASKS: dict = {}  # per process: loaded data by (dataset, data dir, split), so a worker reads MNIST once


def _task(cfg: RunConfig, data_dir):
    from nnscratch.recipes import load_task

    key = (cfg.dataset, str(data_dir), cfg.n_validation, cfg.train.seed, cfg.n_points, cfg.noise)
    if key not in _TASKS:
        if len(_TASKS) >= 4:
            _TASKS.pop(next(iter(_TASKS)))
        _TASKS[key] = load_task(cfg, data_dir)
    return _TASKS[key]


def _train_function(cfg: RunConfig) -> dict:
    """Fit the 1-D function with the one training loop; the test loss is the mean squared error / 2."""
    from nnscratch.network import Network
    from nnscratch.train import evaluate, fit

    rng = np.random.default_rng(cfg.train.seed)
    x, y = function_data(cfg.n_points, rng)
    x_test = np.linspace(-np.pi, np.pi, 401).reshape(-1, 1)
    y_test = function_target(x_test)
    net = Network(cfg.layers, cfg.hidden, cfg.output, init=cfg.init, rng=rng, dtype=cfg.dtype)
    history = fit(net, x, y, cfg.loss, cfg.train)
    test = evaluate(net, x_test, y_test, cfg.loss)
    curve = [{"epoch": r["epoch"], "train_loss": r["train_loss"]} for r in history.epochs]
    return {"test_loss": test["loss"], "test_accuracy": None, "validation_accuracy": None, "train_accuracy": None,
            "train_loss": history.epochs[-1]["train_loss"], "best_test_accuracy": None,
            "epochs": len(history.epochs), "parameters": net.n_parameters, "curve": curve,
            "prediction": {"x": x_test[::8, 0].tolist(), "y": net.predict_proba(x_test[::8])[:, 0].tolist()}}


def run_point(cfg: RunConfig, *, data_dir: str | os.PathLike[str] | None = None, threads: int = 1,
              model_path: str | os.PathLike[str] | None = None) -> dict:
    """Train one point and return its record; a user error becomes a record with status "error".

    threads: BLAS threads for this point (the same on every backend, so results agree).
    model_path: where to save the trained model (None: not kept).
    """
    from threadpoolctl import threadpool_limits

    record: dict[str, Any] = {"id": point_id(cfg), "config": jsonable(cfg.to_dict()), "seed": cfg.train.seed,
                              "depth": len(cfg.layers) - 2, "layers": list(cfg.layers), "status": "ok",
                              "error": None, "pid": os.getpid()}
    started = time.perf_counter()
    try:
        with threadpool_limits(limits=threads):
            if cfg.dataset == FUNCTION_TASK:
                record.update(_train_function(cfg))
            else:
                record.update(_train_classifier(cfg, data_dir, model_path))
    except NNScratchError as exc:
        record.update(status="error", error=exc.to_dict("en"))
        record["parameters"] = _parameters(cfg.layers)
    record["seconds"] = time.perf_counter() - started
    return jsonable(record)


def _train_classifier(cfg: RunConfig, data_dir, model_path) -> dict:
    from nnscratch.recipes import train_model

    data = _task(cfg, data_dir)
    result = train_model(cfg, data, score_test_each_epoch=True)
    epochs = result.history.epochs
    if model_path is not None:
        from nnscratch.io.model import save_model

        save_model(result.model, model_path)
    tests = [a for r in epochs if (a := r.get("test_accuracy")) is not None]
    vals = [r["validation_accuracy"] for r in epochs if r["validation_accuracy"] is not None]
    return {"test_accuracy": result.test["accuracy"], "test_loss": result.test["loss"],
            "validation_accuracy": epochs[-1]["validation_accuracy"], "train_accuracy": epochs[-1]["train_accuracy"],
            "train_loss": epochs[-1]["train_loss"], "best_test_accuracy": max(tests) if tests else None,
            "best_validation_accuracy": max(vals) if vals else None, "epochs": len(epochs),
            "parameters": result.model.network.n_parameters,
            "curve": [{k: r.get(k) for k in ("epoch", "train_loss", "train_accuracy", "validation_accuracy",
                                             "test_accuracy")} for r in epochs]}


def _parameters(sizes) -> int:
    return int(sum(n * m + n for m, n in zip(sizes[:-1], sizes[1:], strict=False)))


# ---------------------------------------------------------------------------------------------- backends


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what it means (stop, keep finished points)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalPool:
    """Processes on this machine: ``workers`` of them (default: one per core), each with ``threads`` BLAS threads."""

    name = "local"

    def __init__(self, workers: int | None = None, threads: int | None = None):
        cores = os.cpu_count() or 1
        if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
            raise ConfigError("sweep.err.workers", param="workers", workers=workers)
        self.workers = workers or cores
        self.threads = threads or max(1, cores // self.workers)

    def map(self, fn: Callable, items: list, on_result: Callable[[int, Any], None]) -> None:
        """Call ``fn(item)`` for every item in worker processes; ``on_result(index, result)`` gets each
        result as it finishes, with the index of its item.

        A worker that dies (killed, out of memory) breaks the pool: the pool is rebuilt and the
        points it had are tried again, up to twice.
        """
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        pending = list(range(len(items)))
        tries = dict.fromkeys(pending, 0)
        # spawn: a fresh interpreter per worker, never a fork of a process holding BLAS threads or a web server
        context = multiprocessing.get_context("spawn")
        while pending:
            pool = ProcessPoolExecutor(max_workers=min(self.workers, len(pending)), mp_context=context,
                                       initializer=_ignore_sigint)
            futures = {pool.submit(fn, items[i]): i for i in pending}
            try:
                waiting = set(futures)
                while waiting:
                    done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                    for future in done:
                        i = futures[future]
                        try:
                            result = future.result()
                        except BrokenProcessPool:
                            continue
                        pending.remove(i)
                        on_result(i, result)
            except BaseException:
                _stop(pool)
                raise
            pool.shutdown(wait=True)
            for i in pending:
                tries[i] += 1
                if tries[i] > 2:
                    raise NNScratchError("sweep.err.worker_lost", tries=tries[i])


def _stop(pool) -> None:
    """Cancel what has not started and end the worker processes now (Ctrl-C must not wait for trainings)."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor offers no public terminate
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)


class DaskCluster:
    """A Dask distributed scheduler at ``address`` (``tcp://host:8786``); workers need only nnscratch installed.

    A point whose worker is lost is run again on another worker by the scheduler itself.
    """

    name = "dask"

    def __init__(self, address: str, threads: int = 1, *, timeout: float = 30):
        if not isinstance(address, str) or not address.strip():
            raise ConfigError("sweep.err.cluster_address", param="cluster", address=address)
        self.address, self.threads, self.timeout = address, threads, timeout

    def map(self, fn: Callable, items: list, on_result: Callable[[int, Any], None]) -> None:
        require("distributed", "cluster")
        from distributed import Client, as_completed

        try:
            client = Client(self.address, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:  # ValueError: "tcp://x" has no port
            raise ConfigError("sweep.err.cluster_unreachable", param="cluster", address=self.address,
                              reason=os_reason(exc)) from None
        try:
            with client.as_current():  # as_completed finds the client here, not in a process-wide default
                futures = [client.submit(fn, item, pure=False, retries=2) for item in items]
                index = {future.key: i for i, future in enumerate(futures)}
                try:
                    for future in as_completed(futures):
                        on_result(index[future.key], future.result())
                except BaseException:
                    client.cancel(futures)
                    raise
        finally:
            client.close()


@dataclass
class LocalDaskProcesses:
    """What ``local_dask_cluster`` started: the scheduler's address and the worker processes (``subprocess.Popen``)."""

    address: str
    workers: list


@contextlib.contextmanager
def local_dask_cluster(workers: int = 2, *, timeout: float = 120) -> Iterator[LocalDaskProcesses]:
    """A real Dask scheduler and ``workers`` single-threaded worker processes on 127.0.0.1, stopped on leaving.

        with local_dask_cluster(2) as cluster:
            run(points, backend=DaskCluster(cluster.address))

    For tests, benchmarks and trying ``DaskCluster`` on one machine (needs the cluster extra). It waits
    for states, never for a fixed time: the scheduler's address file, then every worker registered,
    each within ``timeout`` seconds. The processes end on leaving, workers first (with the scheduler
    gone they would wait to reconnect), even when the body raised or killed some of them.
    """
    require("distributed", "cluster")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ConfigError("sweep.err.workers", param="workers", workers=workers)
    import subprocess
    import sys
    import tempfile

    from distributed import Client

    # a worker runs the points in its own process; as a daemon it could not start children of its own
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}

    def start(module: str, *args: str) -> subprocess.Popen:
        # `python -m` of this interpreter: no `dask` script to find on $PATH
        return subprocess.Popen([sys.executable, "-m", f"distributed.cli.{module}", *args, "--no-dashboard"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    procs: list = []
    with tempfile.TemporaryDirectory(prefix="nnscratch-dask-") as tmp:
        scheduler_file = Path(tmp) / "scheduler.json"
        try:
            procs.append(start("dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--scheduler-file", str(scheduler_file)))
            address = _scheduler_address(scheduler_file, procs[0], timeout)
            started = [start("dask_worker", address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1")
                       for _ in range(workers)]
            procs += started
            try:
                with Client(address, timeout=timeout, set_as_default=False) as client:
                    client.wait_for_workers(workers, timeout=timeout)
            except (OSError, TimeoutError):  # distributed's TimeoutError is the builtin one
                raise NNScratchError("sweep.err.local_workers", workers=workers, address=address,
                                     timeout=timeout) from None
            yield LocalDaskProcesses(address, started)
        finally:
            _end_processes(procs)


def _scheduler_address(scheduler_file: Path, process, timeout: float) -> str:
    """The scheduler's address, once its file is there and whole (it is written while we read)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return json.loads(scheduler_file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            pass
        if process.poll() is not None:
            raise NNScratchError("sweep.err.local_scheduler", reason=Reason("sweep.reason.exited",
                                                                            status=process.returncode))
        if time.monotonic() > deadline:
            raise NNScratchError("sweep.err.local_scheduler", reason=Reason("sweep.reason.timeout", timeout=timeout))
        time.sleep(0.05)  # polling for a state, bounded by the deadline


def _end_processes(procs: list) -> None:
    """Terminate ``procs`` last first, then wait for each (killing one that does not end)."""
    import subprocess

    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
    for p in reversed(procs):
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


# ---------------------------------------------------------------------------------------------- the sweep


@dataclass
class SweepResult:
    """Every record (finished now or before), the points skipped because a folder had them, and why it stopped."""

    records: list = field(default_factory=list)
    skipped: int = 0
    interrupted: bool = False

    def failed(self) -> list:
        return [r for r in self.records if r["status"] != "ok"]


class _Point:
    """What a worker gets: the config and where to keep the model; picklable and callable."""

    def __init__(self, data_dir, threads, models_dir):
        self.data_dir, self.threads, self.models_dir = data_dir, threads, models_dir

    def __call__(self, item: tuple[RunConfig, str]) -> dict:
        cfg, name = item  # the point and the id the parent gave it
        model_path = None if self.models_dir is None else Path(self.models_dir) / f"{name}.npz"
        return run_point(cfg, data_dir=self.data_dir, threads=self.threads, model_path=model_path)


def run(points: list[RunConfig], *, backend: LocalPool | DaskCluster | None = None,
        data_dir: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None,
        keep_models: bool = False, on_record: Callable[[dict], None] | None = None) -> SweepResult:
    """Train every point and return their records (in the order of ``points``).

    backend: LocalPool() by default, or DaskCluster(address).
    out: a folder for the records (and, with keep_models, the models); points it already has are skipped.
    on_record: called with each record as it finishes (progress).
    Ctrl-C stops the sweep: finished records are kept (on disk with ``out``), KeyboardInterrupt is re-raised.
    """
    if not points:
        raise ConfigError("sweep.err.no_points", param="points")
    backend = backend or LocalPool()
    ids = [point_id(p) for p in points]
    if len(set(ids)) != len(ids):
        raise ConfigError("sweep.err.duplicate_points", param="points",
                          n=len(ids) - len(set(ids)))
    folder = None if out is None else prepare_folder(out, points)
    done = {} if folder is None else read_records(folder)
    todo = [p for p, i in zip(points, ids, strict=True) if i not in done]
    todo_ids = [i for i in ids if i not in done]
    models_dir = None
    if keep_models and folder is not None:
        models_dir = folder / "models"
        models_dir.mkdir(exist_ok=True)
    _ensure_data(todo, data_dir)
    result = SweepResult(skipped=len(points) - len(todo))

    def finished(index, record):
        # the id the parent gave the point names the record (and its file), whichever process trained it
        record["id"] = todo_ids[index]
        done[record["id"]] = record
        if folder is not None:
            write_record(folder, record)
        if on_record is not None:
            on_record(record)

    try:
        if todo:
            backend.map(_Point(data_dir, backend.threads, models_dir), list(zip(todo, todo_ids, strict=True)),
                        finished)
    except KeyboardInterrupt:
        result.interrupted = True
        result.records = [done[i] for i in ids if i in done]
        raise SweepInterrupted(result) from None
    result.records = [done[i] for i in ids if i in done]
    return result


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep; ``.result`` holds the records finished before it."""

    def __init__(self, result: SweepResult):
        super().__init__()
        self.result = result


def _ensure_data(points: list[RunConfig], data_dir) -> None:
    """Load each image dataset once here, so a first-use download happens once, not in every worker."""
    from nnscratch.recipes import IMAGE_DATASETS, load_task

    seen = set()
    for cfg in points:
        if cfg.dataset in IMAGE_DATASETS and cfg.dataset not in seen:
            seen.add(cfg.dataset)
            from nnscratch.data.locate import may_download

            load_task(cfg, data_dir, download=may_download(data_dir))


# ---------------------------------------------------------------------------------------------- the folder


def prepare_folder(out: str | os.PathLike[str], points: list[RunConfig]) -> Path:
    """``out`` made ready: created if new; its sweep.json lists the points (kept if the folder has one)."""
    from nnscratch.io.files import write_atomically

    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ConfigError("sweep.err.out_not_folder", param="out", path=str(folder))
    try:
        (folder / "points").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError("sweep.err.out_unwritable", param="out", path=str(folder), reason=os_reason(exc)) from None
    spec = folder / "sweep.json"
    if not spec.exists():
        text = json.dumps({"version": RECORD_FILE_VERSION, "points": [jsonable(p.to_dict()) for p in points]},
                          ensure_ascii=False, indent=1)
        write_atomically(spec, lambda f: f.write(text.encode()))
    return folder


def read_points(folder: str | os.PathLike[str]) -> list[RunConfig]:
    """The points of the sweep kept in ``folder`` (for ``--resume``)."""
    from nnscratch.train import TrainConfig

    spec = Path(folder) / "sweep.json"
    try:
        data = json.loads(spec.read_text(encoding="utf-8"))
        points = []
        for d in data["points"]:
            d = dict(d)
            train = TrainConfig(**d.pop("train"))
            points.append(RunConfig(train=train, **d))
        return points
    except FileNotFoundError:
        raise ConfigError("sweep.err.no_sweep_here", param="resume", path=str(folder)) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, NNScratchError):
            raise
        raise ConfigError("sweep.err.bad_sweep_file", param="resume", path=str(spec), reason=str(exc)) from None


def read_records(folder: Path) -> dict[str, dict]:
    """Finished records in ``folder``/points, by point id; unreadable files are ignored (the point runs again)."""
    records = {}
    for path in sorted((folder / "points").glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            records[record["id"]] = record
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return records


def write_record(folder: Path, record: dict) -> None:
    from nnscratch.io.files import write_atomically

    text = json.dumps(record, ensure_ascii=False, allow_nan=False)
    write_atomically(folder / "points" / f"{record['id']}.json", lambda f: f.write(text.encode()))


# ---------------------------------------------------------------------------------------------- results


def sort_records(records: Iterable[dict], metric: str = "test_accuracy") -> list[dict]:
    """Best first: highest accuracy, or lowest loss/seconds/parameters; failed points and missing values last."""
    if metric not in METRICS:
        raise ConfigError("sweep.err.unknown_metric", param="metric", metric=metric, choices=", ".join(METRICS))
    lower_is_better = metric in ("test_loss", "seconds", "parameters")

    def key(r):
        value = r.get(metric)
        if r["status"] != "ok" or value is None:
            return (1, 0.0)
        return (0, value if lower_is_better else -value)

    return sorted(records, key=key)


def varying(records: list[dict]) -> list[str]:
    """The config settings that differ between records (the grid's axes), in a readable order."""
    flat = [_flat_config(r["config"]) for r in records]
    keys = list(flat[0]) if flat else []
    return [k for k in keys if len({json.dumps(f.get(k)) for f in flat}) > 1]


def _flat_config(config: dict) -> dict:
    out = {k: v for k, v in config.items() if k != "train"}
    out.update(config.get("train", {}))
    return out


def flat_rows(records: list[dict]) -> Iterator[dict]:
    """One flat dict per record (config settings and results), for CSV and tables."""
    for r in records:
        row = _flat_config(r["config"])
        row["layers"] = "-".join(map(str, r["layers"]))
        for k in ("id", "status", "test_accuracy", "best_test_accuracy", "validation_accuracy", "train_accuracy",
                  "test_loss", "train_loss", "epochs", "seconds", "parameters", "depth"):
            row[k] = r.get(k)
        row["error"] = None if r["error"] is None else r["error"]["message"]
        yield row
