"""Training: a stepwise Trainer, fit(), evaluate(), the per-epoch History.

Inputs may stay in their stored dtype (MNIST stays uint8): each batch is
gathered and scaled on the fly by ``x_scale``, so no float copy of the whole
dataset is ever made. Progress is reported through a ``Callback``; the
library prints nothing.

The loop allocates nothing per step: a shuffled batch is gathered with
``np.take`` into a preallocated array and scaled in place, the fast path
(``nnscratch.fastprop``) writes into a ``Workspace`` made once per batch shape,
and the optimizer updates all parameters as two flat parameter groups
(``Network.parameter_groups``) with scratch it keeps. The numbers are those of
the plain formulas (tests/test_speed_invariants.py, tests/test_fastprop.py).

One rule decides that a run diverged (``Trainer.step`` and the end of the run):
the batch loss is not finite, or above EXPLODING_FACTOR times the first batch's
loss; or the run ends with a loss no lower than after its first epoch or its
middle one (within STUCK_TOLERANCE) and worse than always predicting the targets' mean (the class
frequencies), after at least STUCK_MIN_STEPS updates: it never moved off its start.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from nnscratch.compiled import CompiledKernels
from nnscratch.errors import ConfigError, DivergenceError
from nnscratch.fastprop import ENGINES, Workspace, backprop_into, drop_inputs, get_engine, resolve_engine
from nnscratch.losses import Loss, get_loss
from nnscratch.network import Array, Network, check_budget, check_dtype, check_memory_budget, check_sizes
from nnscratch.optim import OPTIMIZERS, SCHEDULES, Adam, ParamGroup, lr_factor, make_optimizer

# A batch loss this many times the first one means the steps overshoot, not learn.
EXPLODING_FACTOR = 1e3
# A run whose last epoch's loss is not at least this fraction below its first epoch's has not moved...
STUCK_TOLERANCE = 1e-3
# ... and it failed if that loss is also more than this fraction above the loss of the best constant output,
BASELINE_MARGIN = 0.01
# ... after at least this many updates (a short run may simply not have started to learn).
STUCK_MIN_STEPS = 100


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


@dataclass
class TrainConfig:
    """Everything that decides a training run, validated on creation.

    lr: the learning rate of the weights theta (and of b unless lr_bias is set); lr_bias: the
    biases' own learning rate (None: lr); weight_decay: L2 coefficient for theta only;
    engine: the kernels of the fast path: "numpy", "compiled" (Numba, the "fast" extra) or "auto"
    (compiled for small networks once the kernels are in the user cache, else numpy: see
    ``Trainer._engine``); dropout: p in [0, 1), each hidden neuron's a(l) = f(z(l)) * mask(l) / (1 - p)
    in training with a new 0/1 mask per batch, no mask in evaluation and prediction (the saved
    network has no dropout); input_dropout: the same for the inputs, a(1) = x * mask(1) / (1 - p).
    """

    epochs: int = 10
    batch_size: int = 32
    optimizer: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    weight_decay: float = 0.0
    schedule: str = "constant"
    patience: int | None = None  # early stopping: epochs without a better validation loss
    seed: int = 0
    lr_bias: float | None = None
    engine: str = "auto"
    dropout: float = 0.0  # probability p of dropping each hidden neuron in training (inverted dropout)
    input_dropout: float = 0.0  # probability of dropping each input a(1) in training (inverted dropout)

    def __post_init__(self) -> None:
        if not _is_int(self.epochs) or self.epochs <= 0:
            raise ConfigError("core.err.epochs", param="epochs", value=repr(self.epochs))
        if not _is_int(self.batch_size) or self.batch_size <= 0:
            raise ConfigError("core.err.batch_size", param="batch_size", value=repr(self.batch_size))
        if self.patience is not None and (not _is_int(self.patience) or self.patience <= 0):
            raise ConfigError("core.err.patience", param="patience", value=repr(self.patience))
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError("core.err.optimizer", param="optimizer", name=repr(self.optimizer),
                              choices=", ".join(OPTIMIZERS))
        if self.schedule not in SCHEDULES:
            raise ConfigError("core.err.schedule", param="schedule", name=repr(self.schedule),
                              choices=", ".join(SCHEDULES))
        if not _is_int(self.seed) or self.seed < 0:
            raise ConfigError("core.err.seed", param="seed", seed=repr(self.seed))
        if self.engine not in ENGINES:
            resolve_engine(self.engine)  # raises, naming the choices
        make_optimizer(self.optimizer, self.lr, self.momentum, self.weight_decay)  # validates the numbers
        if self.lr_bias is not None:
            ParamGroup([], lr=self.lr_bias, name="b")  # validates lr_bias
        if not (_is_real(self.dropout) and 0 <= self.dropout < 1):
            raise ConfigError("core.err.dropout", param="dropout", dropout=repr(self.dropout))
        if not (_is_real(self.input_dropout) and 0 <= self.input_dropout < 1):
            raise ConfigError("core.err.input_dropout", param="input_dropout", dropout=repr(self.input_dropout))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def parameter_groups(self, net: Network) -> list[ParamGroup]:
        """theta with this config's rate and weight decay, b with lr_bias (or lr) and no weight decay."""
        groups = net.parameter_groups()
        return [ParamGroup([groups["theta"]], lr=self.lr, weight_decay=self.weight_decay, name="theta"),
                ParamGroup([groups["b"]], lr=self.lr if self.lr_bias is None else self.lr_bias, weight_decay=0.0,
                           name="b")]


@dataclass
class History:
    """One record per epoch: epoch, train_loss, train_accuracy, validation_loss, validation_accuracy, lr, seconds."""

    epochs: list[dict[str, Any]] = field(default_factory=list)
    stopped_early: bool = False
    best_epoch: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"epochs": self.epochs, "stopped_early": self.stopped_early, "best_epoch": self.best_epoch}


class Callback:
    """Hooks the trainer calls; override what you need. Returning True from on_epoch_end stops training."""

    def on_batch_end(self, step: int, steps_per_epoch: int, loss: float) -> None:
        pass

    def on_epoch_end(self, record: dict[str, Any]) -> bool | None:
        pass


def targets(y: Any, n_out: int, dtype: DTypeLike) -> Array:
    """Training targets (m, n_L): one-hot rows for integer labels, 0/1 for one output unit, else y itself."""
    y = np.asarray(y)
    out: Array
    if y.ndim == 2:
        out = y.astype(dtype, copy=False)
        return out
    if n_out == 1:
        out = y.astype(dtype).reshape(-1, 1)
        return out
    out = np.zeros((len(y), n_out), dtype)
    out[np.arange(len(y)), y] = 1
    return out


def check_xy(net: Network, x: Any, y: Any, param: str = "x") -> tuple[Array, Array]:
    """x (m, n_1) and y (m,) labels or (m, n_L) targets that fit ``net``; ``param`` names the data in messages."""
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim != 2 or x.shape[1] != net.sizes[0]:
        raise ConfigError("core.err.data_x_shape", param=param, data=param, n=net.sizes[0], shape=x.shape)
    if len(y) != len(x):
        raise ConfigError("core.err.data_count", param=param, data=param, n_x=len(x), n_y=len(y))
    if len(x) == 0:
        raise ConfigError("core.err.data_empty", param=param, data=param)
    if y.ndim == 1 and net.sizes[-1] > 1:
        if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= net.sizes[-1]:
            raise ConfigError("core.err.data_labels", param=param, data=param, top=net.sizes[-1] - 1,
                              n=net.sizes[-1], lo=y.min(), hi=y.max())
    elif y.ndim == 2 and y.shape[1] != net.sizes[-1] or y.ndim > 2:
        raise ConfigError("core.err.data_y_shape", param=param, data=param, n=net.sizes[-1], shape=y.shape)
    return x, y


def accuracy(net: Network, out: Array, y: Array) -> float | None:
    """Fraction of rows classified right; None for regression targets."""
    if y.ndim == 2 and y.shape[1] > 1 and not np.issubdtype(y.dtype, np.integer):
        labels = y.argmax(axis=1)
    elif y.ndim == 2:
        return None
    else:
        labels = y
    return float(np.mean(net.decide(out) == labels))


def evaluate(net: Network, x: Any, y: Any, loss: Loss | str, *, x_scale: float = 1.0,
             batch_size: int = 2_000) -> dict[str, Any]:
    """Mean loss and accuracy over (x, y), computed in batches to bound memory."""
    loss = get_loss(loss) if isinstance(loss, str) else loss
    x, y = check_xy(net, x, y)
    total, correct = 0.0, 0.0
    batches: dict[int, EvalBatch] = {}  # buffers by batch rows: at most two shapes, the full one and the last
    L = net.L
    for start in range(0, len(x), batch_size):
        idx = slice(start, start + batch_size)
        m = len(x[idx])
        batch = batches.get(m) or batches.setdefault(m, EvalBatch(net, m, x.dtype))
        cache = net.forward(batch.gather(x, idx, x_scale), batch.cache)
        total += loss.value(cache.z[L], cache.a[L], targets(y[idx], net.sizes[-1], net.dtype), net.f(L)) * m
        acc = accuracy(net, cache.a[L], y[idx])
        regression = acc is None
        correct += 0.0 if acc is None else acc * m
    return {"loss": total / len(x), "accuracy": None if regression else correct / len(x)}


class Inputs:
    """A preallocated (m, n_1) array that batches of x are gathered into and scaled: a(1)."""

    def __init__(self, net: Network, m: int, x_dtype: DTypeLike) -> None:
        n_in = net.sizes[0]
        # Inputs stored in another dtype (uint8 pixels) are gathered raw, then scaled into x.
        self.raw = None if np.dtype(x_dtype) == net.dtype else np.empty((m, n_in), x_dtype)
        self.x: Array = np.empty((m, n_in), net.dtype)                           # a(1), (m, n_1)

    def gather(self, x: Array, idx: Array | slice, scale: float = 1.0) -> Array:
        """x[idx] * scale in the batch's own array; idx: row indices or a slice."""
        factor = self.x.dtype.type(scale)
        rows = self.x if self.raw is None else self.raw
        if isinstance(idx, slice):
            np.copyto(rows, x[idx])
        else:
            x.take(idx, axis=0, out=rows)
        if self.raw is not None:
            np.copyto(self.x, self.raw)  # converting first, then scaling in place, beats one mixed-type multiply
        if factor != 1:
            self.x *= factor
        return self.x


class Batch(Inputs):
    """Preallocated arrays for one training batch shape: the gathered, scaled inputs, the targets, the workspace."""

    def __init__(self, net: Network, m: int, x_dtype: DTypeLike, n_targets: int, dropout: bool = False,
                 input_dropout: bool = False) -> None:
        self.workspace = Workspace(net, m, dropout=dropout)       # checks the memory budget first
        super().__init__(net, m, x_dtype)
        self.y: Array = np.empty((m, n_targets), net.dtype)
        self.input_keep: Array | None = np.empty_like(self.x) if input_dropout else None  # mask(1) / (1 - p)
        self.cache = self.workspace.cache


class EvalBatch(Inputs):
    """Preallocated arrays for one evaluation batch shape: the inputs and the forward pass's z, a."""

    def __init__(self, net: Network, m: int, x_dtype: DTypeLike) -> None:
        check_budget(net.sizes, net.dtype, net.memory_budget, batch=m, purpose="batch")
        super().__init__(net, m, x_dtype)
        self.cache = net.empty_cache(m)


def baseline_loss(loss: Loss, output: str, y: Array) -> float | None:
    """E of the best constant output: always predicting the mean target (the class frequencies).

    y: (N, n_L) targets. Quadratic: 1/2 sum_k var(y_k); cross-entropy: the entropy of the mean
    target (softmax) or the sum of the outputs' binary entropies (sigmoid). None for other losses.
    """
    p = y.mean(axis=0, dtype=np.float64)                             # (n_L,)
    if loss.name == "quadratic":
        return float(0.5 * np.sum(y.var(axis=0, dtype=np.float64)))
    if loss.name == "cross_entropy":
        def plogp(q: Array) -> Array:
            out: Array = np.where(q > 0, q * np.log(np.where(q > 0, q, 1)), 0.0)
            return out

        if output == "softmax":
            return float(-np.sum(plogp(p)))
        return float(-np.sum(plogp(p) + plogp(1 - p)))
    return None


def check_training_budget(sizes: Any, dtype: DTypeLike, config: TrainConfig, n_samples: int,
                          memory_budget: int | None = None) -> None:
    """Refuse (BudgetError) a run whose arrays would exceed ``memory_budget`` bytes (None: the default),
    before the network exists: callers that build one only to train it call this first.

    Counts the parameters, their gradients, the epoch's snapshot, two scratch arrays, the optimizer's
    state, the best epoch's copy (with patience), and the z, a, delta of two batch shapes and of an
    evaluation batch (up to 2,000 rows).
    """
    sizes, dtype = check_sizes(sizes), check_dtype(dtype)
    batch = n_samples if config.optimizer == "gd" else min(config.batch_size, n_samples)
    copies = 5 + {"momentum": 1, "nesterov": 1, "adam": 2}.get(config.optimizer, 0) + bool(config.patience)
    extra = 2 * sum(sizes[1:-1]) if config.dropout else 0  # dropout's masks and dropped activations
    extra += sizes[0] if config.input_dropout else 0          # the inputs' mask
    check_budget(sizes, dtype, check_memory_budget(memory_budget), parameter_copies=copies,
                 batch=2 * batch + min(2_000, n_samples), purpose="training", batch_size=batch, batch_extra=extra)


class Trainer:
    """Training one mini-batch at a time: what ``fit`` drives and the web lab steps through.

    ``Trainer(net, x, y, loss, config, *, x_scale=1.0, validation=None, callback=None)``
        net: the Network, trained in place (packed first with ``net.pack()``); x: (N, n_1) any
        numeric dtype, scaled by x_scale per batch; y: (N,) integer labels or (N, n_L) targets;
        loss: a Loss or its name; config: a TrainConfig; validation: optional (x_val, y_val)
        evaluated after every epoch and watched by early stopping; callback: a Callback.
        Checks the data and the memory budget (BudgetError) before anything is allocated.

    ``step() -> float``
        One mini-batch: gather it (a new shuffled order at the start of each epoch), backprop
        through the fast path, check for divergence, update the parameters. Returns the batch
        loss E (before the update). After the epoch's last batch it closes the epoch (record,
        validation, callback, early stopping) as ``run_epoch`` does.
    ``run_epoch() -> dict``
        The remaining steps of the current epoch; returns its record (also appended to
        ``history.epochs``): epoch, train_loss, train_accuracy, validation_loss,
        validation_accuracy, lr, seconds.
    ``fit() -> History``
        ``run_epoch()`` until ``done``; the History.

    Attributes: ``epoch`` (epochs finished), ``steps_per_epoch``, ``history``, ``done`` (all
    epochs run, stopped early or by the callback, or diverged), ``best_epoch``.

    Divergence raises DivergenceError (param "lr"; values epoch, loss, lr) and leaves the
    network with the parameters it had at the start of the epoch (the last finite epoch).
    Calling ``step`` or ``run_epoch`` when ``done`` raises ConfigError.
    """

    def __init__(self, net: Network, x: Any, y: Any, loss: Loss | str, config: TrainConfig, *, x_scale: float = 1.0,
                 validation: tuple[Any, Any] | None = None, callback: Callback | None = None,
                 augment: Callable[[Array, np.random.Generator], Array] | None = None) -> None:
        if not isinstance(config, TrainConfig):
            raise ConfigError("core.err.config_type", param="config", got=type(config).__name__)
        self.loss = get_loss(loss) if isinstance(loss, str) else loss
        self.loss.check_output(net.output.name)
        self.x, self.y = check_xy(net, x, y)
        self.validation = None if validation is None else check_xy(net, *validation, param="validation")
        if not (_is_real(x_scale) and math.isfinite(x_scale) and x_scale > 0):
            raise ConfigError("core.err.x_scale", param="x_scale", x_scale=repr(x_scale))
        self.net, self.config, self.x_scale = net, config, x_scale
        self.callback = callback or Callback()
        if augment is not None and not callable(augment):
            raise ConfigError("core.err.augment", param="augment", got=type(augment).__name__)
        # augmentation draws from a stream of its own, so the batch order is the same with or without it
        self.augment, self.augment_rng = augment, np.random.default_rng([config.seed, 2])
        self.engine = self._engine(config, net, augment)
        self.kernels = get_engine(self.engine)
        n = len(self.x)
        self.batch_size = n if config.optimizer == "gd" else min(config.batch_size, n)
        self.steps_per_epoch = math.ceil(n / self.batch_size)
        check_training_budget(net.sizes, net.dtype, config, n, net.memory_budget)

        net.pack()  # parameters replaced or copied since the network was made are gathered again, values kept
        self.groups = config.parameter_groups(net)
        self.params = [p for group in self.groups for p in group.params]   # [all theta (N_theta,), all b (N_b,)]
        self.optimizer = make_optimizer(config.optimizer, config.lr, config.momentum)
        if self.kernels.name == "compiled":
            self.optimizer.fused = self.kernels
        # Small networks with small batches (the lecture's 784-30-10, batch 10) run whole steps in one
        # compiled call each: there the ~35 NumPy calls of a step, not arithmetic, set the pace.
        self.small = self.kernels.name == "compiled" and self._small_fits(config, net, augment)
        self._plan: _SmallSteps | None = None  # the whole-step kernel's buffers, made on the first small epoch
        self.rng = np.random.default_rng(config.seed)
        # dropout masks come from a stream of their own, so dropout=0 runs keep the batch order of before
        self.dropout_rng = np.random.default_rng([config.seed, 1])
        self.input_dropout_rng = np.random.default_rng([config.seed, 3])
        self.y_all = targets(self.y, net.sizes[-1], net.dtype)           # (N, n_L) one-hot rows, made once
        self.baseline = baseline_loss(self.loss, net.output.name, self.y_all)
        self.batches: dict[int, Batch] = {}                              # by rows: the full size and the last
        self.outputs = np.empty((n, net.sizes[-1]), net.dtype)           # a(L) of each sample in its step
        self.snapshot = [np.empty_like(p) for p in self.params]          # the parameters at the epoch's start
        self.history = History()
        self.epoch = 0                    # epochs finished
        self.first_loss: float | None = None
        self.best_loss = math.inf         # the lowest watched loss (validation, else training) so far
        self.best_epoch: int | None = None
        self.best_parameters: list[Array] | None = None
        self.stopped = False              # by early stopping, the callback or divergence
        self._step = 0                    # the next step within the current epoch
        self._order: Array = np.arange(0)
        self._sum_loss = 0.0
        self._lr = config.lr
        self._started = 0.0

    def _small_fits(self, config: TrainConfig, net: Network, augment: Any) -> bool:
        """Whether whole compiled steps can run this training: no dropout or augmentation (they stay
        with the NumPy step), and a network small enough that call overhead, not arithmetic, dominates."""
        batch = len(self.x) if config.optimizer == "gd" else min(config.batch_size, len(self.x))
        return (not config.dropout and not config.input_dropout and augment is None
                and batch * net.n_parameters <= SMALL_STEP_WORK)

    def _engine(self, config: TrainConfig, net: Network, augment: Any) -> str:
        """"numpy" or "compiled" for this run. auto takes the compiled engine only where it pays: whole
        compiled steps for small networks (2.5-3x per epoch on the lecture's 784-30-10), once the kernels
        are in the cache. Beside BLAS on a large network the fused kernels gain ~10% per epoch, less than
        importing Numba costs a short run (~0.5 s, ~100 MB): auto leaves those to NumPy; "compiled" forces."""
        engine = resolve_engine(config.engine)
        if config.engine == "auto" and engine == "compiled" and not self._small_fits(config, net, augment):
            return "numpy"
        return engine

    @property
    def done(self) -> bool:
        return self.stopped or self.epoch >= self.config.epochs

    def step(self) -> float:
        if self.done:
            raise ConfigError("core.err.trainer_done", param="epochs", epochs=self.epoch)
        config, net = self.config, self.net
        if self._step == 0:
            self._begin_epoch()
        epoch, step, size = self.epoch + 1, self._step, self.batch_size
        idx = self._order[step * size:(step + 1) * size]
        m = len(idx)
        batch = self.batches.get(m) or self.batches.setdefault(
            m, Batch(net, m, self.x.dtype, self.y_all.shape[1], dropout=bool(config.dropout),
                     input_dropout=bool(config.input_dropout)))
        self.y_all.take(idx, axis=0, out=batch.y)
        if config.dropout:
            batch.workspace.draw_dropout(config.dropout, self.dropout_rng)
        if isinstance(self.kernels, CompiledKernels):
            self.kernels.gather(self.x, idx, batch.x, self.x_scale)
            x_batch = batch.x
        else:
            x_batch = batch.gather(self.x, idx, self.x_scale)
        if self.augment is not None:
            # distorted copies of the batch's inputs (m, n_1), drawn afresh every step; labels unchanged
            x_batch[...] = self.augment(x_batch, self.augment_rng)
        if batch.input_keep is not None:
            drop_inputs(x_batch, config.input_dropout, self.input_dropout_rng, batch.input_keep)
        value = backprop_into(net, x_batch, batch.y, self.loss, batch.workspace, self.kernels)
        if not math.isfinite(value) or (self.first_loss is not None and value > EXPLODING_FACTOR * self.first_loss):
            self._restore_epoch_start()
            raise DivergenceError("core.err.diverged", param="lr", epoch=epoch, loss=value, lr=config.lr,
                                  kept=epoch - 1)
        self.first_loss = self.first_loss if self.first_loss is not None else max(value, 1e-3)
        progress = ((epoch - 1) * self.steps_per_epoch + step) / (config.epochs * self.steps_per_epoch)
        factor = lr_factor(config.schedule, progress)
        self._lr = config.lr * factor
        # a(L) is kept before the update, as the accuracy of the step's own prediction
        self.outputs[step * size:step * size + m] = batch.workspace.cache.a[net.L]
        grads = batch.workspace.grad_groups()
        self.optimizer.step(self.groups, [grads["theta"], grads["b"]], lr_factor=factor)
        self._sum_loss += value * m
        self._step += 1
        self.callback.on_batch_end(step + 1, self.steps_per_epoch, value)
        if self._step == self.steps_per_epoch:
            self._end_epoch()
        return value

    def run_epoch(self) -> dict[str, Any]:
        if self.done:
            raise ConfigError("core.err.trainer_done", param="epochs", epochs=self.epoch)
        epoch = self.epoch
        if self.small:
            self._run_small_steps()
        while self.epoch == epoch:
            self.step()
        return self.history.epochs[-1]

    def fit(self) -> History:
        while not self.done:
            self.run_epoch()
        return self.history

    # -- inside an epoch ------------------------------------------------------------

    def _run_small_steps(self) -> None:
        """The rest of the epoch through ``compiled.small_steps``, in chunks (so the callback still hears of
        progress), with the same updates, divergence rule and records as ``step``.

        BLAS runs on one thread here: products of 10 x 784 by 784 x 30 are too small to share, and
        handing them to a second thread costs more than it saves (benchmarks/run.py, row 4).
        """
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            self._small_steps_to_epoch_end()

    def _small_steps_to_epoch_end(self) -> None:
        if self._step == 0:
            self._begin_epoch()
        plan = self._small_plan()
        config, epoch, steps = self.config, self.epoch + 1, self.steps_per_epoch
        chunk = max(1, steps // 50)
        while self._step < steps:
            first, last = self._step, min(steps, self._step + chunk)
            done_before = (epoch - 1) * steps
            factors = np.array([lr_factor(config.schedule, (done_before + s) / (config.epochs * steps))
                                for s in range(first, last)])
            total, done, bad, first_loss = plan.run(self, first, last, factors)
            if self.first_loss is None and done:
                self.first_loss = first_loss
            self._sum_loss += total
            self._step += done
            for s in range(first, first + done):
                self.callback.on_batch_end(s + 1, steps, total / max(1, done * self.batch_size))
            if done < last - first:
                self._restore_epoch_start()
                raise DivergenceError("core.err.diverged", param="lr", epoch=epoch, loss=bad, lr=config.lr,
                                      kept=epoch - 1)
            self._lr = config.lr * float(factors[-1])
        self._end_epoch()

    def _small_plan(self) -> _SmallSteps:
        if self._plan is None:
            self._plan = _SmallSteps(self)
        return self._plan


    def _begin_epoch(self) -> None:
        self._started = time.perf_counter()
        for saved, p in zip(self.snapshot, self.params, strict=False):
            np.copyto(saved, p)
        self._order = self.rng.permutation(len(self.x))
        self._sum_loss = 0.0

    def _restore_epoch_start(self) -> None:
        for p, saved in zip(self.params, self.snapshot, strict=False):
            p[...] = saved
        self.stopped = True

    def _end_epoch(self) -> None:
        config, epoch = self.config, self.epoch + 1
        self._step = 0
        record: dict[str, Any] = {"epoch": epoch, "train_loss": self._sum_loss / len(self.x),
                  "train_accuracy": accuracy(self.net, self.outputs, self.y[self._order]),
                  "validation_loss": None, "validation_accuracy": None, "lr": self._lr}
        if self.validation is not None:
            scores = evaluate(self.net, *self.validation, self.loss, x_scale=self.x_scale)
            record["validation_loss"], record["validation_accuracy"] = scores["loss"], scores["accuracy"]
        record["seconds"] = time.perf_counter() - self._started
        self.history.epochs.append(record)
        self.epoch = epoch
        watched: float = record["validation_loss"] if self.validation is not None else record["train_loss"]
        if watched < self.best_loss:
            self.best_loss, self.best_epoch = watched, epoch
            if config.patience:
                self.best_parameters = [p.copy() for p in self.params]
        self.history.best_epoch = self.best_epoch
        stop_by_callback = bool(self.callback.on_epoch_end(record))
        # (a watched loss that was never finite leaves best_epoch None: patience counts from the start)
        if config.patience and epoch - (self.best_epoch or 0) >= config.patience:
            for p, saved in zip(self.params, self.best_parameters or [], strict=False):
                p[...] = saved
            self.history.stopped_early = True
            self.stopped = True
        if stop_by_callback:
            self.stopped = True  # the caller decided: no judgement on the run
        elif self.done:
            self._check_progress()

    def _check_progress(self) -> None:
        """At the end of a run: a loss that never moved off its start, worse than a constant guess, is a failure.

        "Never moved": the last epoch's loss is not lower than after epoch 1, or than halfway through the run
        (a network whose units saturated after a few batches sits still from then on).
        """
        epochs = self.history.epochs
        if len(epochs) < 2 or len(epochs) * self.steps_per_epoch < STUCK_MIN_STEPS:
            return
        last = epochs[-1]["train_loss"]
        ref = min(epochs[0], epochs[len(epochs) // 2 - 1], key=lambda r: r["train_loss"])
        if last < ref["train_loss"] * (1 - STUCK_TOLERANCE):
            return
        if self.baseline is not None and last <= self.baseline * (1 + BASELINE_MARGIN):
            return
        self.stopped = True
        raise DivergenceError("core.err.stuck", param="lr", epoch=len(epochs), loss=last, ref_epoch=ref["epoch"],
                              ref_loss=ref["train_loss"], lr=self.config.lr,
                              baseline=self.baseline if self.baseline is not None else math.nan)


class _SmallSteps:
    """What ``compiled.small_steps`` needs, made once per Trainer: layer offsets, activation codes,
    the z/a/delta blocks, gradient buffers and the optimizer's state arrays."""

    def __init__(self, trainer: Trainer) -> None:
        from nnscratch import compiled

        net, batch = trainer.net, trainer.batch_size
        self.k = compiled.kernels()
        dt = net.dtype.type
        sizes, offsets, z_at = compiled.small_layout(net.sizes, batch)
        self.sizes, self.offsets = sizes, offsets
        self.codes = np.array([0] + [compiled.CODES[net.f(l).name] for l in net.layers], np.int64)
        self.slope = float(net.hidden.params.get("slope", net.output.params.get("slope", 0.0)))
        self.loss = compiled.LOSS_CODES[trainer.loss.name]
        self.xb = np.empty((batch, sizes[0]), net.dtype)
        self.z, self.a, self.delta = (np.empty(z_at, net.dtype) for _ in range(3))
        self.theta, self.b = trainer.params
        self.g_theta, self.g_b = np.zeros_like(self.theta), np.zeros_like(self.b)
        opt = trainer.optimizer
        opt._prepare(trainer.groups, [self.g_theta, self.g_b], None, 1.0)  # makes the optimizer's state
        name = trainer.config.optimizer
        self.code = compiled.OPTIMIZER_CODES[name]
        if isinstance(opt, Adam):
            self.state = [opt.m[0], opt.v[0], opt.m[1], opt.v[1]]
        elif self.code:
            self.state = [opt.velocity[0], self.g_theta, opt.velocity[1], self.g_b]
        else:
            self.state = [self.g_theta, self.g_theta, self.g_b, self.g_b]  # unused by plain SGD
        self.dt = dt

    def run(self, trainer: Trainer, first: int, last: int, factors: Array) -> tuple[float, int, float, float]:
        """Steps first..last-1 with the schedule's factor per step; (sum of E, steps done, bad loss, first loss)."""
        cfg, opt, dt = trainer.config, trainer.optimizer, self.dt
        rate_theta, rate_b = (g.lr if g.lr is not None else cfg.lr for g in trainer.groups)
        decay_theta = trainer.groups[0].weight_decay or 0.0
        decay_b = trainer.groups[1].weight_decay or 0.0
        beta1, beta2, eps = (getattr(opt, n, 0.0) for n in ("beta1", "beta2", "eps"))
        t0 = getattr(opt, "t", 0)
        total, done, bad, first_loss = self.k.small_steps(
            trainer.x, dt(trainer.x_scale), trainer.y_all, trainer._order, first, last, trainer.batch_size,
            self.sizes, self.codes, dt(self.slope), self.loss, self.theta, self.offsets[0], self.b,
            self.offsets[1], self.xb, self.z, self.a, self.delta, self.offsets[2], trainer.outputs,
            self.g_theta, self.g_b, self.code, dt(rate_theta), dt(rate_b), dt(decay_theta), dt(decay_b),
            dt(getattr(opt, "momentum", 0.0) or 0.0), dt(beta1), dt(beta2), t0, dt(eps), *self.state,
            factors.astype(trainer.net.dtype), trainer.first_loss or 0.0, EXPLODING_FACTOR)
        if isinstance(opt, Adam):
            opt.t = t0 + done
        return float(total), int(done), float(bad), float(first_loss)


# batch size x parameters up to which whole compiled steps beat BLAS products plus fused kernels
# (benchmarks/run.py, rows 4 and 7): the lecture's 784-30-10 at batch 10 is 238,600.
SMALL_STEP_WORK = 1_000_000


def fit(net: Network, x: Any, y: Any, loss: Loss | str, config: TrainConfig, *,
        validation: tuple[Any, Any] | None = None, x_scale: float = 1.0, callback: Callback | None = None,
        augment: Callable[[Array, np.random.Generator], Array] | None = None) -> History:
    """Train ``net`` in place on (x, y) and return its History: ``Trainer(...).fit()``.

    x: (N, n_1) any numeric dtype, scaled by x_scale per batch; y: (N,) integer labels or (N, n_L) targets.
    validation: optional (x_val, y_val) evaluated after every epoch (and used for early stopping).
    Raises DivergenceError when the loss blows up (network restored to the last finite epoch) or never
    moves off its start. augment: optional (x_batch (m, n_1), Generator) -> distorted copies of it, applied to
    every training batch after scaling (``nnscratch.augment``); evaluation never sees it.
    """
    return Trainer(net, x, y, loss, config, x_scale=x_scale, validation=validation, callback=callback,
                   augment=augment).fit()
