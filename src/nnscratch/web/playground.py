"""The playground's training jobs (交互训练场): one network per page, trained step by step.

A job holds a 2-D toy dataset split into train and test points, a Network
with two inputs and one sigmoid output, and the library's stepwise ``Trainer``
(train.py): the same loop, divergence rule and initialisation rule as ``fit``
and ``nnscratch train``. ``advance`` steps the trainer batch by batch;
``frame`` samples the output a(L) and every hidden neuron's a(l) on a grid over
the plane for the page to draw.

Jobs live in a ``JobRegistry`` on the app, one per page session; a job is
driven only while its page holds the event stream open, so closing the page
stops the training. The stream trains in chunks whose size is bounded by
samples x epochs (``CHUNK_STEPS``), and a chunk stops at the next epoch once
its page has gone; a page whose job was evicted for newer ones is told so.
"""

from __future__ import annotations

import base64
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import anyio
import numpy as np
from starlette.routing import Route

from nnscratch import activations, losses
from nnscratch.data.toy import TOY_DATASETS, make_toy
from nnscratch.errors import DivergenceError
from nnscratch.jsonable import jsonable
from nnscratch.losses import get_loss
from nnscratch.network import Network, default_init
from nnscratch.train import TrainConfig, Trainer, evaluate
from nnscratch.web.http import EventStream, compute, error_response, json_endpoint, request_lang, sse
from nnscratch.web.validate import Body, RequestError, check_budget, check_session

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

DATASETS = ("xor", "circles", "gaussians", "spiral", "moons")
ACTIVATIONS = activations.names("hidden", trainable=True)  # the registry's: every hidden f backprop trains
LOSSES = losses.names()
OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l2")
MAX_LAYERS = 6
MAX_NEURONS = 8
MAX_POINTS = 1000
MAX_EPOCHS = 100_000
OUTPUT_GRID = 50  # the decision map's cells per side
NEURON_GRID = 20  # each hidden neuron's small map
FRAME_SECONDS = 0.05  # at most 20 frames a second: smooth to watch, light on a shared CPU
# Gradient steps (batches) per streamed chunk and per /step request: one epoch is at most
# MAX_POINTS steps (batch 1), so a chunk ends within ~0.1 s of a paused or closed page.
CHUNK_STEPS = 2_000
STEP_REQUEST_STEPS = 20_000


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
    """JSON has no NaN or infinity: a diverged loss is sent as null (the one converter, jsonable)."""
    return jsonable(None if x is None else float(x))


class PlaygroundJob:
    """A dataset, a network and its Trainer, trained a batch at a time."""

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
        self.net = Network([2, *config.hidden, 1], config.activation, "sigmoid",
                           init=default_init(config.activation), rng=rng, dtype=np.float64)
        self.loss = get_loss(config.loss)
        decay = config.reg_rate if config.regularization == "l2" else 0.0
        self.trainer = Trainer(self.net, self.x_train, self.y_train, self.loss,
                               TrainConfig(epochs=config.max_epochs, batch_size=config.batch_size,
                                           optimizer=config.optimizer, lr=config.lr, momentum=0.9,
                                           weight_decay=decay, seed=config.seed))
        self.error: str | None = None  # "diverged" or "stuck": the trainer's verdict
        self.history: list[list] = []  # [epoch, train loss, test loss] per epoch not yet sent
        self.scores = self._scores()
        # The plane shown: the data's extent plus a margin, the same on both axes so circles look round.
        low, high = x.min(axis=0), x.max(axis=0)
        centre, half = (low + high) / 2, max(high - low) / 2 * 1.15 + 0.1
        self.extent = [float(centre[0] - half), float(centre[0] + half),
                       float(centre[1] - half), float(centre[1] + half)]

    # -- training --------------------------------------------------------------

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    @property
    def steps_per_epoch(self) -> int:
        return self.trainer.steps_per_epoch

    def chunk_epochs(self) -> int:
        """Epochs in one streamed chunk: the page's epochs per frame, cut to CHUNK_STEPS gradient steps."""
        return max(1, min(self.config.epochs_per_frame, CHUNK_STEPS // self.steps_per_epoch))

    def advance(self, epochs: int, keep_going=lambda: True) -> None:
        """Train until ``epochs`` more epochs have ended (fewer at max_epochs or on divergence), stopping
        early, between two batches, once ``keep_going()`` is false (a paused stream continues mid-epoch
        where it stopped); thread-safe."""
        with self.lock:
            target = self.epoch + epochs
            while self.epoch < target and not self.finished and keep_going():
                finished_epoch = self.epoch
                try:
                    self.trainer.step()
                except DivergenceError as exc:  # the trainer restored the epoch's start: show that network
                    self.error = "stuck" if exc.key.endswith("stuck") else "diverged"
                if self.epoch != finished_epoch:
                    self._epoch_ended()

    @property
    def finished(self) -> bool:
        return self.error is not None or self.trainer.done

    def _epoch_ended(self) -> None:
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
    """The playground jobs of this app, one per page session, oldest dropped beyond ``limit``.

    Sessions dropped to make room (or after ``idle_seconds``) are remembered, up to
    ``remember``, so their page hears "evicted" rather than "unknown".
    """

    def __init__(self, limit: int = 16, idle_seconds: float = 3600.0, remember: int = 1024):
        self.limit, self.idle_seconds, self.remember = limit, idle_seconds, remember
        self.jobs: OrderedDict[str, PlaygroundJob] = OrderedDict()
        self.evicted: OrderedDict[str, None] = OrderedDict()

    def create(self, session: str, config: PlaygroundConfig) -> PlaygroundJob:
        self.drop(session)
        self.evicted.pop(session, None)
        job = PlaygroundJob(config)
        self.jobs[session] = job
        self._expire()
        return job

    def get(self, session: str) -> PlaygroundJob:
        job = self.jobs.get(session)
        if job is None:
            if session in self.evicted:
                raise RequestError("web.err.session_evicted", status=410, param="session", limit=self.limit)
            raise RequestError("web.err.session_unknown", status=404, param="session", session=session)
        job.touched = time.monotonic()
        self.jobs.move_to_end(session)
        return job

    def drop(self, session: str) -> bool:
        job = self.jobs.pop(session, None)
        if job is not None:
            job.running = False  # its event stream, if any, ends at its next frame
        return job is not None

    def was_evicted(self, session: str) -> bool:
        return session in self.evicted

    def _evict(self, session: str) -> None:
        self.drop(session)
        self.evicted[session] = None
        while len(self.evicted) > self.remember:
            self.evicted.popitem(last=False)

    def _expire(self) -> None:
        now = time.monotonic()
        for session in [s for s, j in self.jobs.items() if now - j.touched > self.idle_seconds]:
            self._evict(session)
        while len(self.jobs) > self.limit:
            self._evict(next(iter(self.jobs)))


def default_noise() -> dict:
    """Each dataset's own default noise (the library's), for the page's slider when the dataset changes."""
    return {name: min(1.0, TOY_DATASETS[name].noise) for name in DATASETS}


def toy_dataset_names() -> tuple:
    """The datasets the page offers, checked against the library's list so a rename fails loudly in tests."""
    assert set(DATASETS) <= set(TOY_DATASETS), (DATASETS, tuple(TOY_DATASETS))
    return DATASETS


# ---- the routes ------------------------------------------------------------------------------------


def routes(jobs: JobRegistry) -> list:
    """The playground's endpoints: new, step, pause, stop (JSON) and stream (server-sent events)."""

    def new_job(body: Body) -> dict:
        session = body.session()
        config = PlaygroundConfig.from_body(body.object("config", {}))
        body.done()
        return jobs.create(session, config).frame(with_data=True)

    def step_job(body: Body) -> dict:
        session = body.session()
        epochs = body.integer("epochs", 1, lo=1, hi=100)
        body.done()
        job = jobs.get(session)
        check_budget(epochs * job.steps_per_epoch, STEP_REQUEST_STEPS,
                     formula=f"{epochs} epochs x {job.steps_per_epoch} steps", params="epochs", param="epochs")
        if job.running:
            raise RequestError("web.err.busy", status=409)
        job.advance(epochs)
        return job.frame()

    def pause_job(body: Body) -> dict:
        session = body.session()
        body.done()
        job = jobs.get(session)
        job.running = False
        return {"paused": True, "epoch": job.epoch}

    def stop_job(body: Body) -> dict:
        session = body.session()
        body.done()
        return {"stopped": jobs.drop(session)}

    async def stream(request: Request) -> Response:
        lang = request_lang(request)
        try:
            session = check_session(request.query_params.get("session"))
            job = jobs.get(session)
        except RequestError as exc:
            if exc.key != "web.err.session_evicted":
                return error_response(exc, lang, exc.status)
            # An EventSource cannot read an error's body: say it in the stream, which the page reads.
            return EventStream(iter([sse("end", {"reason": "evicted", "message": exc.message(lang)})]),
                               media_type="text/event-stream", headers={"cache-control": "no-cache"})
        job.stream_id += 1
        mine = job.stream_id

        def watched() -> bool:
            return jobs.jobs.get(session) is job and job.stream_id == mine and job.running

        job.running = True

        async def events():
            reason = "paused"
            try:
                while True:
                    if not watched():
                        if jobs.jobs.get(session) is job:
                            reason = "paused"
                        else:
                            reason = "evicted" if jobs.was_evicted(session) else "stopped"
                        break
                    if job.finished:
                        reason = job.error or "max_epochs"
                        break
                    started = time.monotonic()
                    # abandon_on_cancel: a page that leaves mid-chunk gets its `finally` (and the job its
                    # stop flag) at once; the worker sees the flag before its next epoch.
                    await compute(request, job.advance, job.chunk_epochs(), watched, abandon=True)
                    yield sse("frame", await compute(request, job.frame))
                    await anyio.sleep(max(0.0, FRAME_SECONDS - (time.monotonic() - started)))
                if job.stream_id == mine:
                    job.running = False
                end = {"reason": reason, "frame": await compute(request, job.frame)}
                if reason == "evicted":
                    end["message"] = RequestError("web.err.session_evicted", limit=jobs.limit).message(lang)
                yield sse("end", end)
            finally:
                if job.stream_id == mine:  # the page went away: nobody watches, so nobody trains
                    job.running = False

        return EventStream(events(), media_type="text/event-stream",
                           headers={"cache-control": "no-cache", "x-accel-buffering": "no"})

    return [
        Route("/api/playground/new", json_endpoint(new_job), methods=["POST"]),
        Route("/api/playground/step", json_endpoint(step_job), methods=["POST"]),
        Route("/api/playground/pause", json_endpoint(pause_job), methods=["POST"]),
        Route("/api/playground/stop", json_endpoint(stop_job), methods=["POST"]),
        Route("/api/playground/stream", stream),
    ]
