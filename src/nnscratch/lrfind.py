"""The learning-rate range test: the lecture's question "how large a step?" answered by measurement.

Train a copy of the network for a few hundred mini-batches while the learning
rate grows exponentially, from far too small to far too large, and record the
loss of each batch (Smith, "Cyclical learning rates", 2017). The loss first
barely moves (steps too small), then falls fastest, then turns and explodes
(steps overshoot). A good rate sits below the bottom of that curve: the
suggestion is the rate of the lowest smoothed loss divided by 10, and the rate
where the loss falls fastest is reported beside it.

The network passed in is not changed; the trainer is the one of ``fit``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnscratch.errors import ConfigError, DivergenceError
from nnscratch.losses import Loss
from nnscratch.network import Network
from nnscratch.train import TrainConfig, Trainer

SMOOTHING = 0.9     # exponential moving average of the batch losses (bias-corrected)
STOP_FACTOR = 4.0   # stop once the smoothed loss is this many times its lowest value


@dataclass
class RangeTest:
    """rates[i]: the rate of batch i; losses[i]: its loss E; smoothed[i]: the moving average."""

    rates: list = field(default_factory=list)
    losses: list = field(default_factory=list)
    smoothed: list = field(default_factory=list)
    suggested: float | None = None   # the rate of the lowest smoothed loss / 10
    steepest: float | None = None    # where the smoothed loss falls fastest against log(rate)
    lowest: float | None = None      # the rate of the lowest smoothed loss
    stopped_by: str = "end"          # "end", "rising" (4x the lowest) or "diverged"

    def to_dict(self) -> dict:
        return {"rates": self.rates, "losses": self.losses, "smoothed": self.smoothed, "suggested": self.suggested,
                "steepest": self.steepest, "lowest": self.lowest, "stopped_by": self.stopped_by}


def find_lr(net: Network, x: Any, y: Any, loss: Loss | str, config: TrainConfig, *, lr_min: float = 1e-5,
            lr_max: float = 10.0,
            steps: int = 200, x_scale: float = 1.0) -> RangeTest:
    """The range test on a copy of ``net`` with ``config``'s optimizer and batch size: see the module docstring.

    x (N, n_1), y (N,) labels or (N, n_L) targets, as for ``fit``. steps: batches at most (the data is
    reshuffled as often as needed). Raises ConfigError for a range that is not 0 < lr_min < lr_max.
    """
    for name, value in (("lr_min", lr_min), ("lr_max", lr_max)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            raise ConfigError("lrfind.err.rate", param=name, name=name, value=value)
    if not lr_min < lr_max:
        raise ConfigError("lrfind.err.range", param="lr_max", lr_min=lr_min, lr_max=lr_max)
    if isinstance(steps, bool) or not isinstance(steps, int) or not 10 <= steps <= 100_000:
        raise ConfigError("lrfind.err.steps", param="steps", steps=steps)
    n = len(x)
    batch = n if config.optimizer == "gd" else min(config.batch_size, n)
    epochs = math.ceil(steps / math.ceil(n / batch))
    run = TrainConfig(**{**config.to_dict(), "epochs": epochs, "schedule": "constant", "patience": None,
                         "lr": lr_min, "lr_bias": None})
    trainer = Trainer(net.copy(), x, y, loss, run, x_scale=x_scale)
    result = RangeTest()
    ratio = (lr_max / lr_min) ** (1 / (steps - 1))
    average, best = 0.0, math.inf
    for i in range(steps):
        rate = lr_min * ratio**i
        for group in trainer.groups:  # both theta and b take the test's rate for this batch
            group.lr = rate
        try:
            value = trainer.step()
        except DivergenceError:
            result.stopped_by = "diverged"
            break
        average = SMOOTHING * average + (1 - SMOOTHING) * value
        smooth = average / (1 - SMOOTHING ** (i + 1))
        result.rates.append(rate)
        result.losses.append(float(value))
        result.smoothed.append(float(smooth))
        best = min(best, smooth)
        if i > 10 and smooth > STOP_FACTOR * best:
            result.stopped_by = "rising"
            break
        if trainer.done:
            break
    _suggest(result)
    return result


def _suggest(result: RangeTest) -> None:
    if len(result.smoothed) < 5:
        return
    smoothed = np.array(result.smoothed)
    rates = np.array(result.rates)
    i_min = int(np.argmin(smoothed))
    result.lowest = float(rates[i_min])
    result.suggested = float(rates[i_min] / 10)
    # the steepest fall before the bottom: the most negative d(loss)/d(log rate), past the first tenth
    # of the test, where the moving average is still settling
    skip = len(smoothed) // 10
    if i_min - skip >= 3:
        slope = np.gradient(smoothed[skip: i_min + 1], np.log(rates[skip: i_min + 1]))
        result.steepest = float(rates[skip + int(np.argmin(slope))])
