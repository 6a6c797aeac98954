"""The playground's training jobs (网页演示): one network per page, trained step by step.

A job holds a 2-D toy dataset split into train and test points, a Network
with two inputs and one sigmoid output, and its optimizer. ``advance`` runs
whole epochs of mini-batch backprop with the engine's own pieces (backprop,
the optimizer's step, evaluate); ``frame`` samples the output a(L) and every
hidden neuron's a(l) on a grid over the plane for the page to draw.

Jobs live in a ``JobRegistry`` on the app, one per page session; a job is
driven only while its page holds the event stream open, so closing the page
stops the training.
"""

from __future__ import annotations

import base64
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from nnscratch.backprop import backprop
from nnscratch.data.toy import TOY_DATASETS, make_toy
from nnscratch.losses import get_loss
from nnscratch.network import Network
from nnscratch.optim import make_optimizer
from nnscratch.train import evaluate, targets
from nnscratch.web.validate import Body, RequestError

DATASETS = ("xor", "circles", "gaussians", "spiral", "moons")
ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "identity")
LOSSES = ("cross_entropy", "quadratic")
OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l2")
MAX_LAYERS = 6
MAX_NEURONS = 8
MAX_POINTS = 1000
MAX_EPOCHS = 100_000
OUTPUT_GRID = 50  # the decision map's cells per side
NEURON_GRID = 20  # each hidden neuron's small map
TRAIN_LOSS_LIMIT = 1e6  # beyond this the steps overshoot: stop and say so


@dataclass(frozen=True)
class PlaygroundConfig:
    dataset: str = "xor"
    points: int = 200
    noise: float = 0.1
    train_ratio: float = 0.5
    hidden: tuple = (4,)
    activation: str = "tanh"
    lr: float = 0.03
    batch_size: int = 10
    loss: str = "cross_entropy"
    optimizer: str = "sgd"
    regularization: str = "none"
    reg_rate: float = 0.0
    epochs_per_frame: int = 1
    max_epochs: int = MAX_EPOCHS
    seed: int = 0

    @classmethod
    def from_body(cls, body: Body) -> PlaygroundConfig:
        """Read and range-check every setting a page may send."""
        d = cls()
        hidden = body.numbers("hidden", list(d.hidden), max_len=MAX_LAYERS, lo=1, hi=MAX_NEURONS, integer=True)
        config = cls(
            dataset=body.choice("dataset", DATASETS, d.dataset),
            points=body.integer("points", d.points, lo=10, hi=MAX_POINTS),
            noise=body.number("noise", d.noise, lo=0, hi=1),
            train_ratio=body.number("train_ratio", d.train_ratio, lo=0.1, hi=0.9),
            hidden=tuple(hidden),
            activation=body.choice("activation", ACTIVATIONS, d.activation),
            lr=body.number("lr", d.lr, lo=0, hi=10, lo_open=True),
            batch_size=body.integer("batch_size", d.batch_size, lo=1, hi=MAX_POINTS),
            loss=body.choice("loss", LOSSES, d.loss),
            optimizer=body.choice("optimizer", OPTIMIZERS, d.optimizer),
            regularization=body.choice("regularization", REGULARIZATIONS, d.regularization),
            reg_rate=body.number("reg_rate", d.reg_rate, lo=0, hi=10),
            epochs_per_frame=body.integer("epochs_per_frame", d.epochs_per_frame, lo=1, hi=100),
            max_epochs=body.integer("max_epochs", d.max_epochs, lo=1, hi=MAX_EPOCHS),
            seed=body.integer("seed", d.seed, lo=0, hi=2**31 - 1),
        )
        body.done()
        return config


def encode_map(values, lo: float, hi: float) -> str:
    """A grid of values as base64 bytes, lo -> 0 and hi -> 255: a 50x50 map is 3.4 KB instead of ~15 KB of JSON."""
    scaled = np.clip((np.asarray(values, dtype=np.float64) - lo) / (hi - lo), 0, 1) * 255
    return base64.b64encode(np.rint(scaled).astype(np.uint8).tobytes()).decode("ascii")


def _finite(x):
    """JSON has no NaN or infinity: a diverged loss is sent as null."""
    return float(x) if x is not None and math.isfinite(x) else None


class PlaygroundJob:
    """A dataset, a network and its optimizer, trained one epoch at a time."""

    def __init__(self, config: PlaygroundConfig):
        self.config = config
        self.lock = threading.Lock()  # advance() runs in a worker thread; step and stream must not interleave
        self.running = False
        self.stream_id = 0  # the newest event stream; older ones end when they see a newer id
        self.touched = time.monotonic()
        rng = np.random.default_rng(config.seed)
        x, y = make_toy(config.dataset, n=config.points, noise=config.noise, rng=rng)
        n_train = max(1, min(len(x) - 1, round(len(x) * config.train_ratio)))
        order = rng.permutation(len(x))
        self.x_train, self.y_train = x[order[:n_train]], y[order[:n_train]]
        self.x_test, self.y_test = x[order[n_train:]], y[order[n_train:]]
        init = "he" if config.activation in ("relu", "leaky_relu") else "xavier"
        self.net = Network([2, *config.hidden, 1], config.activation, "sigmoid", init=init, rng=rng,
                           dtype=np.float64)
        self.loss = get_loss(config.loss)
        decay = config.reg_rate if config.regularization == "l2" else 0.0
        self.optimizer = make_optimizer(config.optimizer, config.lr, momentum=0.9, weight_decay=decay)
        self.rng = rng
        self.epoch = 0
        self.error: str | None = None
        self.history: list[list] = []  # [epoch, train loss, test loss] per epoch not yet sent
        self.scores = self._scores()
        # The plane shown: the data's extent plus a margin, the same on both axes so circles look round.
        low, high = x.min(axis=0), x.max(axis=0)
        centre, half = (low + high) / 2, max(high - low) / 2 * 1.15 + 0.1
        self.extent = [float(centre[0] - half), float(centre[0] + half), float(centre[1] - half), float(centre[1] + half)]

    # -- training --------------------------------------------------------------

    def advance(self, epochs: int) -> None:
        """Run up to ``epochs`` epochs (fewer at max_epochs or on divergence); thread-safe."""
        with self.lock:
            for _ in range(epochs):
                if self.finished:
                    return
                self._epoch()

    @property
    def finished(self) -> bool:
        return self.error is not None or self.epoch >= self.config.max_epochs

    def _epoch(self) -> None:
        params = self.net.parameters()
        n = len(self.x_train)
        order = self.rng.permutation(n)
        size = min(self.config.batch_size, n)
        snapshot = [p.copy() for p in params]
        for start in range(0, n, size):
            idx = order[start:start + size]
            grads = backprop(self.net, self.x_train[idx], targets(self.y_train[idx], 1, self.net.dtype), self.loss)
            if not (math.isfinite(grads.loss) and grads.loss < TRAIN_LOSS_LIMIT):
                self.net.set_parameters(snapshot)  # keep the last epoch that made sense
                self.error = "diverged"
                return
            self.optimizer.step(params, grads.as_list())
        self.epoch += 1
        self.scores = self._scores()
        self.history.append([self.epoch, _finite(self.scores["train_loss"]), _finite(self.scores["test_loss"])])

    def _scores(self) -> dict:
        train = evaluate(self.net, self.x_train, self.y_train, self.loss)
        test = evaluate(self.net, self.x_test, self.y_test, self.loss)
        return {"train_loss": train["loss"], "test_loss": test["loss"],
                "train_accuracy": train["accuracy"], "test_accuracy": test["accuracy"]}

    # -- what the page draws ------------------------------------------------------

    def frame(self, *, with_data: bool = False) -> dict:
        """The state after the last epoch: scores, new loss points, the decision map and each neuron's map."""
        with self.lock:
            out = {
                "epoch": self.epoch,
                "running": self.running,
                "finished": self.finished,
                "error": self.error,
                **{k: _finite(v) for k, v in self.scores.items()},
                "history": self.history,
                "sizes": self.net.sizes,
                "extent": self.extent,
                "output": encode_map(self._grid_activations(OUTPUT_GRID)[self.net.L][:, 0], 0, 1),
                "output_grid": OUTPUT_GRID,
                "neurons": self._neuron_maps(),
                "neuron_grid": NEURON_GRID,
                "weights": {str(l): self.net.theta[l].round(4).tolist() for l in self.net.layers},
            }
            self.history = []
            if with_data:
                out["train"] = np.column_stack([self.x_train, self.y_train]).round(4).tolist()
                out["test"] = np.column_stack([self.x_test, self.y_test]).round(4).tolist()
            return out

    def _grid_activations(self, cells: int) -> list:
        """a(l) for the centre of every cell of a cells x cells grid over the extent, rows from the top."""
        x0, x1, y0, y1 = self.extent
        xs = x0 + (np.arange(cells) + 0.5) * (x1 - x0) / cells
        ys = y1 - (np.arange(cells) + 0.5) * (y1 - y0) / cells
        gx, gy = np.meshgrid(xs, ys)
        return self.net.forward(np.column_stack([gx.ravel(), gy.ravel()])).a  # a[l]: (cells^2, n_l)

    def _neuron_maps(self) -> list:
        """Per hidden layer, each neuron's a(l) map, scaled by its activation's range (or its own maximum)."""
        a = self._grid_activations(NEURON_GRID)
        layers = []
        for l in range(2, self.net.L):
            name = self.net.hidden.name
            maps = []
            for i in range(self.net.n(l)):
                v = a[l][:, i]
                if name == "sigmoid":
                    lo, hi = 0.0, 1.0
                elif name == "tanh":
                    lo, hi = -1.0, 1.0
                else:  # unbounded: show the shape, scaled symmetrically by the largest magnitude
                    top = float(np.max(np.abs(v))) or 1.0
                    lo, hi = -top, top
                maps.append(encode_map(v, lo, hi))
            layers.append(maps)
        return layers


class JobRegistry:
    """The playground jobs of this app, one per page session, oldest dropped beyond ``limit``."""

    def __init__(self, limit: int = 16, idle_seconds: float = 3600.0):
        self.limit, self.idle_seconds = limit, idle_seconds
        self.jobs: OrderedDict[str, PlaygroundJob] = OrderedDict()

    def create(self, session: str, config: PlaygroundConfig) -> PlaygroundJob:
        self.drop(session)
        job = PlaygroundJob(config)
        self.jobs[session] = job
        self._expire()
        return job

    def get(self, session: str) -> PlaygroundJob:
        job = self.jobs.get(session)
        if job is None:
            raise RequestError(f"no playground job for session {session!r}: reset the playground to start one", 404)
        job.touched = time.monotonic()
        self.jobs.move_to_end(session)
        return job

    def drop(self, session: str) -> bool:
        job = self.jobs.pop(session, None)
        if job is not None:
            job.running = False  # its event stream, if any, ends at its next frame
        return job is not None

    def _expire(self) -> None:
        now = time.monotonic()
        for session in [s for s, j in self.jobs.items() if now - j.touched > self.idle_seconds]:
            self.drop(session)
        while len(self.jobs) > self.limit:
            self.drop(next(iter(self.jobs)))


def default_noise() -> dict:
    """Each dataset's own default noise (the library's), for the page's slider when the dataset changes."""
    return {name: min(1.0, TOY_DATASETS[name].noise) for name in DATASETS}


def toy_dataset_names() -> tuple:
    """The datasets the page offers, checked against the library's list so a rename fails loudly in tests."""
    assert set(DATASETS) <= set(TOY_DATASETS), (DATASETS, tuple(TOY_DATASETS))
    return DATASETS
