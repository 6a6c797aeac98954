"""From a configuration to a trained, evaluated model: what `nnscratch train` and the web lab run.

The CLI parses flags into a ``RunConfig``; ``load_task`` gets the data as
arrays; ``settle`` decides what the recipe leaves to the data; ``train_model``
builds the network, trains it with ``fit`` and returns a ``Model`` with its
metrics. Nothing here prints or touches the terminal.

What a preset leaves to the data (``RunConfig.auto``: the settings the user did not give):

- ``n_validation``: 10% of the training images, at most 5,000 and at least 100; no split at all
  below 500 images (``validation_size``). MNIST keeps its 5,000.
- ``epochs``: the preset's epochs are measured on MNIST's 55,000 training images; a smaller set
  trains for the same number of *steps* (mini-batch updates), so more epochs, at most
  ``MAX_AUTO_EPOCHS`` and never fewer than the preset's (``training_epochs``).
- ``lr``: kept when the data is MNIST-like in scale (its training files hold the registered
  dataset's published count, 60,000 images, i.e. MNIST, Fashion-MNIST or KMNIST themselves);
  for any other MNIST-layout folder the learning-rate range test (``nnscratch.lrfind``) runs on
  the training images with the preset's network, optimizer and batch size, and the rate is
  ``LR_OF_LOWEST`` (0.4) x the rate of its lowest smoothed loss (calibrated on MNIST, see below);
  when the loss never turns up within the test, the preset's rate is kept.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from nnscratch.errors import ConfigError
from nnscratch.losses import get_loss
from nnscratch.metrics import confident_mistakes, confusion_matrix, precision_recall, wilson_interval
from nnscratch.model import Model, class_count
from nnscratch.network import Network, check_sizes
from nnscratch.presets import PRESETS
from nnscratch.train import Callback, History, TrainConfig, check_training_budget, evaluate, fit

TRAIN_FIELDS = ("epochs", "batch_size", "optimizer", "lr", "lr_bias", "momentum", "weight_decay", "schedule",
                "patience", "seed", "dropout", "input_dropout", "engine")
NETWORK_FIELDS = ("layers", "hidden", "output", "loss", "init", "dtype", "memory_budget")
DATA_FIELDS = ("n_validation", "n_points", "noise", "augment")
IMAGE_DATASETS = ("mnist", "fashion-mnist", "kmnist")
TOY_TEST_POINTS = 500

# Sizing from the data (see the module docstring).
VALIDATION_SHARE = 0.1
VALIDATION_MAX = 5_000
VALIDATION_MIN = 100
NO_VALIDATION_BELOW = 500      # fewer training images: every one of them trains
REFERENCE_TRAIN = 55_000       # the training images the presets' epochs were measured with (MNIST minus 5,000)
MAX_AUTO_EPOCHS = 50
# The rate settle takes from the range test: LR_OF_LOWEST x the rate of the lowest smoothed loss. Calibrated
# on MNIST, where the default preset's measured rate (0.1) is 0.4 x the lowest-loss rate of its range test
# (0.25, seed 0); the finder's own suggestion (lowest / 10, Smith's rule for a constant rate) trained the
# 2,000-image imbalanced set of benchmarks/recipes.py 2.3 points worse under the cosine schedule.
LR_OF_LOWEST = 0.4
AUTO_FIELDS = ("n_validation", "epochs", "lr")


@dataclass
class RunConfig:
    """A whole run: the data, the network and how to train it."""

    dataset: str = "mnist"
    layers: list[int] = field(default_factory=lambda: [784, 256, 128, 10])
    hidden: str = "relu"
    output: str = "softmax"
    loss: str = "cross_entropy"
    init: str = "he"
    dtype: str = "float32"
    memory_budget: int | None = None  # bytes the network and its training may take (None: the engine's default)
    n_validation: int | None = None  # None: sized from the data (``validation_size``)
    n_points: int = 400  # toy datasets only
    noise: float | None = None  # toy datasets only
    augment: str | None = None  # image datasets only: distortions per batch, as ``augment.parse_augment`` reads
    train: TrainConfig = field(default_factory=TrainConfig)
    # settings ``settle`` decides from the data (some of AUTO_FIELDS), and what it decided
    auto: list[str] = field(default_factory=list)
    decided: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_preset(cls, preset: str | None = None, dataset: str = "mnist", **overrides: Any) -> RunConfig:
        """The preset's recipe (default: chosen by dataset) with ``overrides`` (None values ignored) on top.

        For an image dataset, each of ``AUTO_FIELDS`` not given in ``overrides`` is left to ``settle``.
        """
        name = preset or default_preset(dataset)
        if name not in PRESETS:
            raise ConfigError("recipe.err.unknown_preset", param="preset", preset=name, choices=", ".join(PRESETS))
        values = {**PRESETS[name], **{k: v for k, v in overrides.items() if v is not None}}
        known = (*NETWORK_FIELDS, *TRAIN_FIELDS, *DATA_FIELDS)
        unknown = set(values) - set(known)
        if unknown:
            raise ConfigError("recipe.err.unknown_settings", param="overrides", names=", ".join(sorted(unknown)),
                              choices=", ".join(known))
        train = TrainConfig(**{k: values.pop(k) for k in TRAIN_FIELDS if k in values})
        values["loss"] = get_loss(values.get("loss", "cross_entropy")).name
        # a validation split the preset fixes (``best`` trains on every image) is its recipe, not left to the data
        auto = [k for k in AUTO_FIELDS if overrides.get(k) is None and not (k == "n_validation" and k in PRESETS[name])]
        auto = auto if dataset in IMAGE_DATASETS else []
        cfg = cls(dataset=dataset, train=train, auto=auto, **values)
        cfg.layers = check_sizes(cfg.layers)
        if cfg.augment is not None:
            from nnscratch.augment import parse_augment

            cfg.augment = parse_augment(cfg.augment).describe() or None  # checked now, kept in its canonical form
        return cfg

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_preset(dataset: str) -> str:
    return "default" if dataset in IMAGE_DATASETS else ("xor" if dataset == "xor" else "toy")


def validation_size(n_images: int) -> int:
    """Images to hold out for validation from ``n_images`` training images: 10%, within 100..5,000; 0 below 500."""
    if n_images < NO_VALIDATION_BELOW:
        return 0
    return int(min(VALIDATION_MAX, max(VALIDATION_MIN, round(VALIDATION_SHARE * n_images))))


def training_epochs(epochs: int, batch_size: int, n_train: int) -> int:
    """Epochs for ``n_train`` images that give the steps ``epochs`` give on REFERENCE_TRAIN images.

    Never fewer than ``epochs``, never more than MAX_AUTO_EPOCHS (or ``epochs`` if that is more): a tiny
    set would otherwise take thousands of passes over the same images.
    """
    steps = epochs * math.ceil(REFERENCE_TRAIN / batch_size)
    per_epoch = math.ceil(max(n_train, 1) / batch_size)
    return int(min(max(epochs, math.ceil(steps / per_epoch)), max(epochs, MAX_AUTO_EPOCHS)))


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
    input_shape: tuple[int, ...]
    classes: list[str]
    source: str = ""          # where the data came from: a folder, or the toy set's name
    standard: bool = False    # MNIST-like in scale: the registered dataset's published training count
    n_validation: int = 0     # images held out of the training files for validation


def load_task(cfg: RunConfig, data_dir: str | Path | None = None, *, download: bool = False,
              progress: Any = None) -> TaskData:
    """The train/validation/test arrays for ``cfg.dataset``: an image dataset or a 2-D toy set."""
    from nnscratch.data import (
        TOY_DATASETS,
        load_dataset,
        make_toy,
        train_validation_split,
        xor_points,
    )
    from nnscratch.data.registry import get_spec

    if cfg.dataset in IMAGE_DATASETS:
        ds = load_dataset(cfg.dataset, data_dir, download=download, progress=progress)
        # every part was asked for (the default parts): none of them is None
        assert ds.x_train is not None and ds.y_train is not None and ds.x_test is not None and ds.y_test is not None
        n_total = len(ds.y_train)
        source = str(ds.data_dir) if ds.data_dir is not None else ds.name
        n_validation = validation_size(n_total) if cfg.n_validation is None else cfg.n_validation
        if n_validation >= n_total:
            raise ConfigError("recipes.err.validation_too_large", param="n_validation", n_validation=n_validation,
                              source=source, dataset=ds.name, n_train=n_total, auto=validation_size(n_total))
        if n_validation:
            x_tr, y_tr, x_val, y_val = train_validation_split(ds.x_train, ds.y_train, n_validation,
                                                              rng=cfg.train.seed)
        else:
            x_tr, y_tr, x_val, y_val = ds.x_train, ds.y_train, None, None
        standard = n_total == get_spec(ds.name).file("train_labels").shape[0]
        return TaskData(ds.name, x_tr, y_tr, x_val, y_val, ds.x_test, ds.y_test, 1 / 255, ds.image_shape,
                        list(ds.classes), source=source, standard=standard, n_validation=n_validation)
    if cfg.dataset == "xor" and cfg.noise in (None, 0):
        # The lecture's four points: nothing to hold out, the test is whether all four come out right.
        x, y = xor_points()
        return TaskData("xor", x, y, None, None, x, y, 1.0, (2,), ["0", "1"], source="xor", standard=True)
    if cfg.dataset in TOY_DATASETS:
        rng = np.random.default_rng(cfg.train.seed)
        x, y = make_toy(cfg.dataset, cfg.n_points, cfg.noise, rng)
        x_test, y_test = make_toy(cfg.dataset, TOY_TEST_POINTS, cfg.noise, rng)
        return TaskData(cfg.dataset, x, y, None, None, x_test, y_test, 1.0, (2,), ["0", "1"], source=cfg.dataset,
                        standard=True)
    raise ConfigError("recipe.err.unknown_dataset", param="dataset", dataset=cfg.dataset,
                      choices=", ".join(IMAGE_DATASETS + tuple(TOY_DATASETS)))


def check_fit(cfg: RunConfig, data: TaskData) -> None:
    """The layer sizes must start with the input size and tell the data's classes apart (``class_count``:
    one output unit per class, or a single unit for two classes)."""
    n_in, n_out = int(np.prod(data.input_shape)), len(data.classes)
    if cfg.layers[0] != n_in or class_count(cfg.layers[-1]) != n_out:
        example = [n_in, *(cfg.layers[1:-1] or [30]), n_out]
        where = data.name if data.source in ("", data.name) else f"{data.name} ({data.source})"
        raise ConfigError("recipe.err.layers_do_not_fit", param="layers", layers="-".join(map(str, cfg.layers)),
                          dataset=where, n_in=n_in, n_out=n_out, example=",".join(map(str, example)))


def lr_range_test(cfg: RunConfig, data: TaskData, *, steps: int = 200, **options: Any):
    """The learning-rate range test (``nnscratch.lrfind.find_lr``) of ``cfg``'s network, optimizer and batch size
    on ``data``'s training images -> ``RangeTest``. Nothing is trained for keeps; options go to ``find_lr``."""
    from nnscratch.lrfind import find_lr

    check_fit(cfg, data)
    net = Network(cfg.layers, cfg.hidden, cfg.output, init=cfg.init, rng=np.random.default_rng(cfg.train.seed),
                  dtype=cfg.dtype)
    return find_lr(net, data.x_train, data.y_train, cfg.loss, cfg.train, steps=steps, x_scale=data.x_scale,
                   **options)


def settle(cfg: RunConfig, data: TaskData) -> RunConfig:
    """``cfg`` with the settings it leaves to the data (``cfg.auto``) decided: see the module docstring.

    Returns a new RunConfig whose ``auto`` is empty and whose ``decided`` says what was chosen and from
    what (n_train, n_validation, epochs, lr, lr_from); a settled config comes back unchanged.
    """
    if not cfg.auto:
        return cfg
    train, decided = cfg.train, {**cfg.decided, "n_train": len(data.x_train)}
    if "n_validation" in cfg.auto:
        decided["n_validation"] = data.n_validation
    if "epochs" in cfg.auto:
        decided["preset_epochs"] = train.epochs
        train = replace(train, epochs=training_epochs(train.epochs, train.batch_size, len(data.x_train)))
        decided["epochs"] = train.epochs
    if "lr" in cfg.auto and not data.standard:
        test = lr_range_test(replace(cfg, train=train), data)
        # Only a curve that turned up has a bottom: a loss still falling at the largest rate tried (data so easy
        # that the network fits it within the test) says nothing about the rate, and the preset's is kept.
        found = test.lowest is not None and test.stopped_by != "end"
        decided["lr_from"] = "range test" if found else "preset"
        if found:
            train = replace(train, lr=float(f"{LR_OF_LOWEST * test.lowest:.2g}"))  # a rate a user would type
        decided["lr"] = train.lr
    return replace(cfg, train=train, n_validation=data.n_validation, auto=[], decided=decided)


@dataclass
class TrainingResult:
    model: Model
    history: History
    test: dict[str, Any]  # loss, accuracy, accuracy_interval
    seconds: float
    config: RunConfig | None = None  # the settled configuration that was trained


class _ScoreTest(Callback):
    """Adds test_accuracy to each epoch's record before the caller's callback sees it.

    Reported only, never used to choose anything: early stopping watches the validation split.
    """

    def __init__(self, net: Network, data: TaskData, inner: Callback | None) -> None:
        self.net, self.data, self.inner = net, data, inner or Callback()

    def on_batch_end(self, step: int, steps_per_epoch: int, loss: float) -> None:
        self.inner.on_batch_end(step, steps_per_epoch, loss)

    def on_epoch_end(self, record: dict[str, Any]) -> bool | None:
        record["test_accuracy"] = evaluate(self.net, self.data.x_test, self.data.y_test, "quadratic",
                                           x_scale=self.data.x_scale)["accuracy"]
        return self.inner.on_epoch_end(record)


def train_model(cfg: RunConfig, data: TaskData, callback: Callback | None = None, *,
                score_test_each_epoch: bool = False) -> TrainingResult:
    """Settle ``cfg`` on ``data``, build its network, train it and evaluate it on the test set."""
    check_fit(cfg, data)
    extra = {"augment": augmenter(cfg, data)} if cfg.augment else {}  # before the range test: fail fast
    cfg = settle(cfg, data)
    get_loss(cfg.loss).check_output(cfg.output)
    started = time.perf_counter()
    rng = np.random.default_rng(cfg.train.seed)
    # before the weights exist
    check_training_budget(cfg.layers, cfg.dtype, cfg.train, len(data.x_train), memory_budget=cfg.memory_budget)
    net = Network(cfg.layers, cfg.hidden, cfg.output, init=cfg.init, rng=rng, dtype=cfg.dtype,
                  memory_budget=cfg.memory_budget)
    validation = None if data.x_val is None else (data.x_val, data.y_val)
    if score_test_each_epoch:
        callback = _ScoreTest(net, data, callback)
    history = fit(net, data.x_train, data.y_train, cfg.loss, cfg.train, validation=validation,
                  x_scale=data.x_scale, callback=callback, **extra)
    test = evaluate(net, data.x_test, data.y_test, cfg.loss, x_scale=data.x_scale)
    test["accuracy_interval"] = _interval(test["accuracy"], len(data.y_test))
    seconds = time.perf_counter() - started
    last = history.epochs[-1]
    metrics = {"test_accuracy": test["accuracy"], "test_accuracy_interval": test["accuracy_interval"],
               "test_loss": test["loss"],
               "validation_accuracy": last["validation_accuracy"], "train_accuracy": last["train_accuracy"],
               "epochs": len(history.epochs), "seconds": seconds}
    model = Model(net, loss=cfg.loss, input_shape=data.input_shape, input_scale=data.x_scale, classes=data.classes,
                  dataset=data.name, config=cfg.to_dict(), metrics=metrics)
    return TrainingResult(model, history, test, seconds, cfg)


def augmenter(cfg: RunConfig, data: TaskData):
    """The trainer's augmentation hook for ``cfg.augment``: (raw rows (m, n_1), Generator) -> float32 rows."""
    import inspect

    from nnscratch.augment import augment_rows, parse_augment

    if len(data.input_shape) != 2:
        raise ConfigError("recipes.err.augment_images", param="augment", dataset=data.name,
                          shape="x".join(map(str, data.input_shape)))
    if "augment" not in inspect.signature(fit).parameters:
        raise ConfigError("recipes.err.augment_unavailable", param="augment", augment=cfg.augment)
    spec, shape = parse_augment(cfg.augment), tuple(data.input_shape)

    def augment(rows, rng):
        return augment_rows(rows, shape, spec, rng)

    return augment


def _interval(accuracy: float | None, n: int) -> list[float] | None:
    """The 95% Wilson interval [low, high] of an accuracy measured on n samples (None when there is none)."""
    if accuracy is None or n < 1:
        return None
    return list(wilson_interval(int(round(accuracy * n)), n))


def evaluation_report(model: Model, x_raw: Any, y: Any, *, mistakes: int = 10,
                      batch_size: int = 10_000) -> dict[str, Any]:
    """Accuracy, per-class precision/recall, confusion matrix and the most confident mistakes.

    x_raw: (m, n_1) in raw stored units; y: (m,) class indices. Classes are decided by the model's
    rule (``Model.decide``) and counted by the model's class list, so a single sigmoid output works too.
    """
    net = model.network
    x_raw = np.asarray(x_raw)
    if x_raw.ndim != 2 or x_raw.shape[1] != net.sizes[0]:
        raise ConfigError("recipe.err.input_mismatch", param="x_raw", n_in=net.sizes[0],
                          shape="x".join(map(str, model.input_shape)), got=x_raw.shape[1:])
    y = np.asarray(y).reshape(-1)
    if len(y) != len(x_raw):
        raise ConfigError("recipe.err.label_count", param="y", n_x=len(x_raw), n_y=len(y))
    out = np.concatenate([model.predict_proba_raw(x_raw[i:i + batch_size]) for i in range(0, len(x_raw), batch_size)]
                         ) if len(x_raw) else np.empty((0, net.sizes[-1]), net.dtype)
    pred = model.decide(out)
    cm = confusion_matrix(y, pred, model.n_classes)
    precision, recall = precision_recall(cm)
    right = int(np.sum(pred == y))
    return {"accuracy": right / len(y) if len(y) else 0.0, "n": int(len(y)),
            "accuracy_interval": list(wilson_interval(right, len(y))) if len(y) else None, "confidence": 0.95,
            "classes": model.classes,
            "precision": precision.tolist(), "recall": recall.tolist(), "confusion_matrix": cm.tolist(),
            "mistakes": confident_mistakes(model.class_scores(out), y, pred, mistakes)}
