"""Training: mini-batches, fit(), evaluate(), the per-epoch History.

Inputs may stay in their stored dtype (MNIST stays uint8): each batch is
gathered and scaled on the fly by ``x_scale``, so no float copy of the whole
dataset is ever made. Progress is reported through a ``Callback``; the
library prints nothing.

The loop allocates nothing per step: a shuffled batch is gathered with
``np.take`` into a preallocated array and scaled in place, backprop writes into
a ``Workspace`` made once per batch shape, and the optimizer updates all
parameters as two flat arrays (``Network.parameter_groups``) with scratch it
keeps. The numbers are those of the plain formulas (tests/test_speed_invariants.py).
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from nnscratch.backprop import Workspace, backprop
from nnscratch.errors import ConfigError, DivergenceError
from nnscratch.losses import Loss, get_loss
from nnscratch.network import Network
from nnscratch.optim import OPTIMIZERS, SCHEDULES, lr_factor, make_optimizer

# A loss this many times its first value means the steps overshoot, not learn.
EXPLODING_FACTOR = 1e3


@dataclass
class TrainConfig:
    """Everything that decides a training run, validated on creation."""

    epochs: int = 10
    batch_size: int = 32
    optimizer: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    weight_decay: float = 0.0
    schedule: str = "constant"
    patience: int | None = None  # early stopping: epochs without a better validation loss
    seed: int = 0

    def __post_init__(self):
        def positive_int(name):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
                raise ConfigError(f"{name.replace('_', ' ')} must be a positive integer, got {value!r}")

        positive_int("epochs")
        positive_int("batch_size")
        if self.patience is not None:
            positive_int("patience")
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"unknown optimizer {self.optimizer!r}: choose one of {', '.join(OPTIMIZERS)}")
        if self.schedule not in SCHEDULES:
            raise ConfigError(f"unknown learning-rate schedule {self.schedule!r}: choose one of {', '.join(SCHEDULES)}")
        if not isinstance(self.seed, (int, np.integer)) or isinstance(self.seed, bool) or self.seed < 0:
            raise ConfigError(f"seed must be a non-negative integer, got {self.seed!r}")
        make_optimizer(self.optimizer, self.lr, self.momentum, self.weight_decay)  # validates the numbers

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class History:
    """One record per epoch: epoch, train_loss, train_accuracy, validation_loss, validation_accuracy, lr, seconds."""

    epochs: list = field(default_factory=list)
    stopped_early: bool = False
    best_epoch: int | None = None

    def to_dict(self) -> dict:
        return {"epochs": self.epochs, "stopped_early": self.stopped_early, "best_epoch": self.best_epoch}


class Callback:
    """Hooks the trainer calls; override what you need. Returning True from on_epoch_end stops training."""

    def on_batch_end(self, step: int, steps_per_epoch: int, loss: float) -> None:
        pass

    def on_epoch_end(self, record: dict) -> bool | None:
        pass


def targets(y, n_out: int, dtype) -> np.ndarray:
    """Training targets (m, n_L): one-hot rows for integer labels, 0/1 for one output unit, else y itself."""
    y = np.asarray(y)
    if y.ndim == 2:
        return y.astype(dtype, copy=False)
    if n_out == 1:
        return y.astype(dtype).reshape(-1, 1)
    out = np.zeros((len(y), n_out), dtype)
    out[np.arange(len(y)), y] = 1
    return out


def check_xy(net: Network, x, y, what="training") -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim != 2 or x.shape[1] != net.sizes[0]:
        raise ConfigError(f"{what} inputs must have shape (m, {net.sizes[0]}) to fit a {net.sizes[0]}-input network, "
                          f"got {x.shape}")
    if len(y) != len(x):
        raise ConfigError(f"{what} data has {len(x)} inputs but {len(y)} targets")
    if len(x) == 0:
        raise ConfigError(f"{what} data is empty")
    if y.ndim == 1 and net.sizes[-1] > 1:
        if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= net.sizes[-1]:
            raise ConfigError(f"{what} labels must be integers in 0..{net.sizes[-1] - 1} to fit {net.sizes[-1]} outputs, "
                              f"got values from {y.min()} to {y.max()}")
    return x, y


def accuracy(net: Network, out: np.ndarray, y: np.ndarray) -> float | None:
    """Fraction of rows classified right; None for regression targets."""
    if y.ndim == 2 and y.shape[1] > 1 and not np.issubdtype(y.dtype, np.integer):
        labels = y.argmax(axis=1)
    elif y.ndim == 2:
        return None
    else:
        labels = y
    return float(np.mean(net.decide(out) == labels))


def evaluate(net: Network, x, y, loss: Loss | str, *, x_scale: float = 1.0, batch_size: int = 2_000) -> dict:
    """Mean loss and accuracy over (x, y), computed in batches to bound memory."""
    loss = get_loss(loss) if isinstance(loss, str) else loss
    x, y = check_xy(net, x, y, "evaluation")
    total, correct = 0.0, 0
    batches = {}  # buffers by batch rows: at most two shapes, the full one and the last
    L = net.L
    for start in range(0, len(x), batch_size):
        idx = slice(start, start + batch_size)
        m = len(x[idx])
        batch = batches.get(m) or batches.setdefault(m, Batch(net, m, x.dtype, forward_only=True))
        cache = net.forward(batch.gather(x, idx, x_scale), batch.cache)
        total += loss.value(cache.z[L], cache.a[L], targets(y[idx], net.sizes[-1], net.dtype), net.f(L)) * m
        acc = accuracy(net, cache.a[L], y[idx])
        correct = None if acc is None else correct + acc * m
    return {"loss": total / len(x), "accuracy": None if correct is None else correct / len(x)}


class Batch:
    """Preallocated arrays for one batch shape: the gathered, scaled inputs, the targets, the workspace."""

    def __init__(self, net: Network, m: int, x_dtype, n_targets: int | None = None, forward_only: bool = False):
        n_in = net.sizes[0]
        # Inputs stored in another dtype (uint8 pixels) are gathered raw, then scaled into x.
        self.raw = None if np.dtype(x_dtype) == net.dtype else np.empty((m, n_in), x_dtype)
        self.x = np.empty((m, n_in), net.dtype)                                  # a(1), (m, n_1)
        self.y = None if n_targets is None else np.empty((m, n_targets), net.dtype)
        self.workspace = None if forward_only else Workspace(net, m)
        self.cache = net.empty_cache(m) if forward_only else self.workspace.cache

    def gather(self, x, idx, scale: float = 1.0) -> np.ndarray:
        """x[idx] * scale in the batch's own array; idx: row indices or a slice."""
        scale = self.x.dtype.type(scale)
        rows = self.x if self.raw is None else self.raw
        if isinstance(idx, slice):
            np.copyto(rows, x[idx])
        else:
            x.take(idx, axis=0, out=rows)
        if self.raw is not None:
            np.copyto(self.x, self.raw)  # converting first, then scaling in place, beats one mixed-type multiply
        if scale != 1:
            self.x *= scale
        return self.x


def fit(net: Network, x, y, loss: Loss | str, config: TrainConfig, *, validation=None, x_scale: float = 1.0,
        callback: Callback | None = None) -> History:
    """Train ``net`` in place on (x, y) and return its History.

    x: (N, n_1) any numeric dtype, scaled by x_scale per batch; y: (N,) integer labels or (N, n_L) targets.
    validation: optional (x_val, y_val) evaluated after every epoch (and used for early stopping).
    Raises DivergenceError (network restored to the last finite epoch) when the loss blows up.
    """
    loss = get_loss(loss) if isinstance(loss, str) else loss
    loss.check_output(net.output.name)
    x, y = check_xy(net, x, y)
    if validation is not None:
        validation = check_xy(net, *validation, what="validation")
    callback = callback or Callback()
    rng = np.random.default_rng(config.seed)
    optimizer = make_optimizer(config.optimizer, config.lr, config.momentum, config.weight_decay)
    n = len(x)
    batch_size = n if config.optimizer == "gd" else min(config.batch_size, n)
    steps = math.ceil(n / batch_size)
    history = History()
    first_loss = None
    best = (math.inf, None, None)  # (loss, epoch, parameters)
    params = net.parameter_groups()                # [all theta (1, N_theta), all b (N_b,)]
    y_all = targets(y, net.sizes[-1], net.dtype)   # (N, n_L) one-hot rows, made once
    batches = {}                                   # Batch by rows: the full size and the last, smaller one
    outputs = np.empty((n, net.sizes[-1]), net.dtype)  # a(L) of each sample as seen in its step, for accuracy
    L = net.L

    for epoch in range(1, config.epochs + 1):
        started = time.perf_counter()
        snapshot = [p.copy() for p in params]
        order = rng.permutation(n)
        sum_loss = 0.0
        lr = config.lr
        for step in range(steps):
            idx = order[step * batch_size:(step + 1) * batch_size]
            m = len(idx)
            batch = batches.get(m) or batches.setdefault(m, Batch(net, m, x.dtype, y_all.shape[1]))
            y_all.take(idx, axis=0, out=batch.y)
            grads = backprop(net, batch.gather(x, idx, x_scale), batch.y, loss, batch.workspace)
            if not math.isfinite(grads.loss) or (first_loss is not None and grads.loss > EXPLODING_FACTOR * first_loss):
                for p, saved in zip(params, snapshot):
                    p[...] = saved
                raise DivergenceError(
                    f"training diverged in epoch {epoch}: the loss became {grads.loss:.4g}; "
                    f"lower the learning rate (now {config.lr:g}). The network keeps the parameters of epoch {epoch - 1}.",
                    epoch=epoch, loss=grads.loss)
            first_loss = first_loss if first_loss is not None else max(grads.loss, 1e-3)
            lr = config.lr * lr_factor(config.schedule, ((epoch - 1) * steps + step) / (config.epochs * steps))
            # a(L) is kept before the update, as the accuracy of the step's own prediction
            outputs[step * batch_size:step * batch_size + m] = grads.cache.a[L]
            optimizer.step(params, batch.workspace.grad_groups(), lr)
            sum_loss += grads.loss * m
            callback.on_batch_end(step + 1, steps, grads.loss)

        train_accuracy = accuracy(net, outputs, y[order])
        record = {"epoch": epoch, "train_loss": sum_loss / n, "train_accuracy": train_accuracy,
                  "validation_loss": None, "validation_accuracy": None, "lr": lr}
        if validation is not None:
            scores = evaluate(net, *validation, loss, x_scale=x_scale)
            record["validation_loss"], record["validation_accuracy"] = scores["loss"], scores["accuracy"]
        record["seconds"] = time.perf_counter() - started
        history.epochs.append(record)
        watched = record["validation_loss"] if validation is not None else record["train_loss"]
        if watched < best[0]:
            best = (watched, epoch, [p.copy() for p in params] if config.patience else None)
        stop = callback.on_epoch_end(record)
        if config.patience and epoch - best[1] >= config.patience:
            for p, saved in zip(params, best[2]):
                p[...] = saved
            history.stopped_early = True
            stop = True
        if stop:
            break
    history.best_epoch = best[1]
    return history
