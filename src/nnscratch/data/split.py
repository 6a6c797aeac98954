"""Holding out a validation set, and the one way this package turns a seed into a random generator."""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnscratch.errors import ConfigError

Array = NDArray[Any]
# What may stand for a random generator: a Generator, or an integer seed to make one from.
Seed: TypeAlias = "int | np.integer[Any] | np.random.Generator"


def train_validation_split(x: ArrayLike, y: ArrayLike, n_validation: int = 5000, *,
                           rng: Seed) -> tuple[Array, Array, Array, Array]:
    """Hold out ``n_validation`` random samples of a training set -> (x_train, y_train, x_val, y_val).

    ``rng`` is a ``np.random.Generator`` or a seed; the same seed gives the
    same split. Both parts keep the original order of the samples.
    """
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ConfigError("data.err.split_lengths", param="y", n_x=len(x), n_y=len(y))
    if isinstance(n_validation, bool) or not isinstance(n_validation, (int, np.integer)):
        raise ConfigError("data.err.n_validation_int", param="n_validation", value=n_validation)
    if not 0 <= n_validation < len(x):
        raise ConfigError("data.err.n_validation_range", param="n_validation", value=n_validation,
                          last=len(x) - 1, n=len(x))
    rng = as_generator(rng)
    held_out = np.zeros(len(x), dtype=bool)
    held_out[rng.choice(len(x), size=int(n_validation), replace=False)] = True
    return x[~held_out], y[~held_out], x[held_out], y[held_out]


def as_generator(rng: Seed) -> np.random.Generator:
    """A ``np.random.Generator`` from a Generator or an integer seed."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise ConfigError("data.err.rng", param="rng", value=rng)
