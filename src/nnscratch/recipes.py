"""From a configuration to a trained, evaluated model: what `nnscratch train` and the web lab run.

The CLI parses flags into a ``RunConfig``; ``load_task`` gets the data as
arrays; ``train_model`` builds the network, trains it with ``fit`` and returns
a ``Model`` with its metrics. Nothing here prints or touches the terminal.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

import numpy as np

from nnscratch.errors import ConfigError
from nnscratch.losses import get_loss
from nnscratch.metrics import confident_mistakes, confusion_matrix, precision_recall
from nnscratch.model import Model
from nnscratch.network import Network, check_sizes
from nnscratch.presets import PRESETS
from nnscratch.train import Callback, History, TrainConfig, evaluate, fit

TRAIN_FIELDS = ("epochs", "batch_size", "optimizer", "lr", "momentum", "weight_decay", "schedule", "patience", "seed")
NETWORK_FIELDS = ("layers", "hidden", "output", "loss", "init", "dtype")
IMAGE_DATASETS = ("mnist", "fashion-mnist", "kmnist")
TOY_TEST_POINTS = 500


@dataclass
class RunConfig:
    """A whole run: the data, the network and how to train it."""

    dataset: str = "mnist"
    layers: list = field(default_factory=lambda: [784, 256, 128, 10])
    hidden: str = "relu"
    output: str = "softmax"
    loss: str = "cross_entropy"
    init: str = "he"
    dtype: str = "float32"
    n_validation: int = 5000
    n_points: int = 400  # toy datasets only
    noise: float | None = None  # toy datasets only
    train: TrainConfig = field(default_factory=TrainConfig)

    @classmethod
    def from_preset(cls, preset: str | None = None, dataset: str = "mnist", **overrides) -> "RunConfig":
        """The preset's recipe (default: chosen by dataset) with ``overrides`` (None values ignored) on top."""
        name = preset or default_preset(dataset)
        if name not in PRESETS:
            raise ConfigError(f"unknown preset {name!r}: choose one of {', '.join(PRESETS)}")
        values = {**PRESETS[name], **{k: v for k, v in overrides.items() if v is not None}}
        unknown = set(values) - set(TRAIN_FIELDS) - set(NETWORK_FIELDS) - {"n_validation", "n_points", "noise"}
        if unknown:
            raise ConfigError(f"unknown setting(s) {sorted(unknown)}")
        train = TrainConfig(**{k: values.pop(k) for k in TRAIN_FIELDS if k in values})
        values["loss"] = get_loss(values.get("loss", "cross_entropy")).name
        cfg = cls(dataset=dataset, train=train, **values)
        cfg.layers = check_sizes(cfg.layers)
        return cfg

    def to_dict(self) -> dict:
        return asdict(self)


def default_preset(dataset: str) -> str:
    return "default" if dataset in IMAGE_DATASETS else ("xor" if dataset == "xor" else "toy")


@dataclass
class TaskData:
    """Arrays for one run. x stays in its stored dtype; x * x_scale is what the network sees."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray | None
    y_val: np.ndarray | None
    x_test: np.ndarray
    y_test: np.ndarray
    x_scale: float
    input_shape: tuple
    classes: list


def load_task(cfg: RunConfig, data_dir=None, *, download=False, progress=None) -> TaskData:
    """The train/validation/test arrays for ``cfg.dataset``: an image dataset or a 2-D toy set."""
    from nnscratch.data import (
        TOY_DATASETS,
        load_dataset,
        make_toy,
        train_validation_split,
        xor_points,
    )

    if cfg.dataset in IMAGE_DATASETS:
        ds = load_dataset(cfg.dataset, data_dir, download=download, progress=progress)
        if cfg.n_validation >= len(ds.y_train):
            raise ConfigError(f"a validation split of {cfg.n_validation} images leaves nothing to train on: "
                              f"{ds.name} has {len(ds.y_train)} training images (choose fewer with --validation N)")
        if cfg.n_validation:
            x_tr, y_tr, x_val, y_val = train_validation_split(ds.x_train, ds.y_train, cfg.n_validation,
                                                              rng=cfg.train.seed)
        else:
            x_tr, y_tr, x_val, y_val = ds.x_train, ds.y_train, None, None
        return TaskData(ds.name, x_tr, y_tr, x_val, y_val, ds.x_test, ds.y_test, 1 / 255, ds.image_shape,
                        list(ds.classes))
    if cfg.dataset == "xor" and cfg.noise in (None, 0):
        # The lecture's four points: nothing to hold out, the test is whether all four come out right.
        x, y = xor_points()
        return TaskData("xor", x, y, None, None, x, y, 1.0, (2,), ["0", "1"])
    if cfg.dataset in TOY_DATASETS:
        rng = np.random.default_rng(cfg.train.seed)
        x, y = make_toy(cfg.dataset, cfg.n_points, cfg.noise, rng)
        x_test, y_test = make_toy(cfg.dataset, TOY_TEST_POINTS, cfg.noise, rng)
        return TaskData(cfg.dataset, x, y, None, None, x_test, y_test, 1.0, (2,), ["0", "1"])
    raise ConfigError(f"unknown dataset {cfg.dataset!r}: choose one of {', '.join(IMAGE_DATASETS + tuple(TOY_DATASETS))}")


def check_fit(cfg: RunConfig, data: TaskData) -> None:
    """--layers must start with the input size and end with the number of classes."""
    n_in, n_out = int(np.prod(data.input_shape)), len(data.classes)
    want_out = (n_out, 1) if n_out == 2 else (n_out,)
    if cfg.layers[0] != n_in or cfg.layers[-1] not in want_out:
        raise ConfigError(
            f"--layers {','.join(map(str, cfg.layers))} does not fit {data.name}: the first size must be "
            f"{n_in} (inputs) and the last {n_out} (classes), e.g. {n_in},{','.join(map(str, cfg.layers[1:-1])) or '30'},{n_out}")


@dataclass
class TrainingResult:
    model: Model
    history: History
    test: dict  # loss, accuracy
    seconds: float


class _ScoreTest(Callback):
    """Adds test_accuracy to each epoch's record before the caller's callback sees it.

    Reported only, never used to choose anything: early stopping watches the validation split.
    """

    def __init__(self, net, data, inner):
        self.net, self.data, self.inner = net, data, inner or Callback()

    def on_batch_end(self, step, steps_per_epoch, loss):
        self.inner.on_batch_end(step, steps_per_epoch, loss)

    def on_epoch_end(self, record):
        record["test_accuracy"] = evaluate(self.net, self.data.x_test, self.data.y_test, "quadratic",
                                           x_scale=self.data.x_scale)["accuracy"]
        return self.inner.on_epoch_end(record)


def train_model(cfg: RunConfig, data: TaskData, callback: Callback | None = None, *,
                score_test_each_epoch: bool = False) -> TrainingResult:
    """Build the network of ``cfg``, train it on ``data`` and evaluate it on the test set."""
    check_fit(cfg, data)
    get_loss(cfg.loss).check_output(cfg.output)
    started = time.perf_counter()
    rng = np.random.default_rng(cfg.train.seed)
    net = Network(cfg.layers, cfg.hidden, cfg.output, init=cfg.init, rng=rng, dtype=cfg.dtype)
    validation = None if data.x_val is None else (data.x_val, data.y_val)
    if score_test_each_epoch:
        callback = _ScoreTest(net, data, callback)
    history = fit(net, data.x_train, data.y_train, cfg.loss, cfg.train, validation=validation,
                  x_scale=data.x_scale, callback=callback)
    test = evaluate(net, data.x_test, data.y_test, cfg.loss, x_scale=data.x_scale)
    seconds = time.perf_counter() - started
    last = history.epochs[-1]
    metrics = {"test_accuracy": test["accuracy"], "test_loss": test["loss"],
               "validation_accuracy": last["validation_accuracy"], "train_accuracy": last["train_accuracy"],
               "epochs": len(history.epochs), "seconds": seconds}
    model = Model(net, loss=cfg.loss, input_shape=data.input_shape, input_scale=data.x_scale, classes=data.classes,
                  dataset=data.name, config=cfg.to_dict(), metrics=metrics)
    return TrainingResult(model, history, test, seconds)


def evaluation_report(model: Model, x_raw, y, *, mistakes: int = 10) -> dict:
    """Accuracy, per-class precision/recall, confusion matrix and the most confident mistakes."""
    net = model.network
    if np.asarray(x_raw).shape[1:] != (net.sizes[0],):
        raise ConfigError(f"this model takes {net.sizes[0]} inputs per sample ({'x'.join(map(str, model.input_shape))}), "
                          f"but the data has {np.asarray(x_raw).shape[1:]}: evaluate it on the dataset it was trained for")
    proba = np.concatenate([model.predict_proba_raw(x_raw[i:i + 10_000]) for i in range(0, len(x_raw), 10_000)])
    pred = proba.argmax(axis=1)
    cm = confusion_matrix(y, pred, net.sizes[-1])
    precision, recall = precision_recall(cm)
    return {"accuracy": float(np.mean(pred == y)), "n": int(len(y)), "classes": model.classes,
            "precision": precision.tolist(), "recall": recall.tolist(), "confusion_matrix": cm.tolist(),
            "mistakes": confident_mistakes(proba, y, mistakes)}
