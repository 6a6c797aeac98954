"""Two-dimensional toy datasets for the lecture's XOR playground and demos.

Each ``make_<name>(n, noise, rng)`` returns ``X`` of shape (n, 2) (float64)
and ``y`` of shape (n,) (int64, classes 0 and 1). Classes alternate
(0, 1, 0, 1, ...; XOR cycles through its four corners), so every prefix is
balanced; ``noise`` is the standard deviation of Gaussian jitter added to
each coordinate. The same ``rng`` seed always gives the same points.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch.data.split import Seed, as_generator
from nnscratch.errors import ConfigError

# The lecture's XOR: 0 xor 0 = 0, 1 xor 0 = 1, 0 xor 1 = 1, 1 xor 1 = 0 -- no line separates them.
XOR_X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])

Array = NDArray[Any]


def xor_points() -> tuple[Array, Array]:
    """The four points of the lecture's XOR problem -> (X (4, 2), y (4,))."""
    return XOR_X.copy(), XOR_Y.copy()


def make_xor(n: int = 200, noise: float = 0.1, rng: Seed = 0) -> tuple[Array, Array]:
    """The XOR corners repeated cyclically, jittered; n=4, noise=0 gives ``xor_points()``."""
    n, noise, rng = _validate(n, noise, rng)
    corner = np.arange(n) % 4
    return _jitter(XOR_X[corner], noise, rng), XOR_Y[corner]


def make_circles(n: int = 200, noise: float = 0.05, rng: Seed = 0, *, factor: float = 0.5) -> tuple[Array, Array]:
    """Class 0 on the unit circle, class 1 on a circle of radius ``factor`` inside it."""
    n, noise, rng = _validate(n, noise, rng)
    y = _alternating(n)
    angle = rng.uniform(0, 2 * math.pi, n)
    radius = np.where(y == 0, 1.0, factor)
    return _jitter(radius[:, None] * _unit(angle), noise, rng), y


def make_gaussians(n: int = 200, noise: float = 0.5, rng: Seed = 0) -> tuple[Array, Array]:
    """Two round blobs centred at (-1, -1) (class 0) and (1, 1) (class 1); ``noise`` is their spread."""
    n, noise, rng = _validate(n, noise, rng)
    y = _alternating(n)
    centres = np.array([[-1.0, -1.0], [1.0, 1.0]])
    return _jitter(centres[y], noise, rng), y


def make_spiral(n: int = 200, noise: float = 0.05, rng: Seed = 0, *, turns: float = 1.5) -> tuple[Array, Array]:
    """Two interleaved spiral arms, each winding ``turns`` times out to radius 1."""
    n, noise, rng = _validate(n, noise, rng)
    y = _alternating(n)
    t = np.sqrt(rng.uniform(0.0025, 1, n))  # sqrt: evenly spread along the arm, not crowded at the centre
    angle = 2 * math.pi * turns * t + math.pi * y  # (n,) the second arm is the first turned by 180 degrees
    return _jitter(t[:, None] * _unit(angle), noise, rng), y


def make_moons(n: int = 200, noise: float = 0.1, rng: Seed = 0) -> tuple[Array, Array]:
    """Two interleaving half circles: class 0 arches up, class 1 (shifted) arches down."""
    n, noise, rng = _validate(n, noise, rng)
    y = _alternating(n)
    points = _unit(rng.uniform(0, math.pi, n))
    lower = y == 1
    points[lower] = np.array([1.0, 0.5]) - points[lower]
    return _jitter(points, noise, rng), y


def make_linear(n: int = 200, noise: float = 0.0, rng: Seed = 0, *, margin: float = 0.1) -> tuple[Array, Array]:
    """Two classes on either side of a random line through the origin, at least ``margin`` from it.

    Separable by a line (the perceptron's case) when ``noise`` is 0.
    """
    n, noise, rng = _validate(n, noise, rng)
    y = _alternating(n)
    normal = _unit(rng.uniform(0, 2 * math.pi))  # (2,) the line is normal . x = 0
    along = rng.uniform(-1, 1, n)
    distance = rng.uniform(margin, 1, n) * np.where(y == 1, 1.0, -1.0)
    direction = np.array([-normal[1], normal[0]])
    return _jitter(along[:, None] * direction + distance[:, None] * normal, noise, rng), y


@dataclass(frozen=True)
class ToySpec:
    name: str
    make: Callable[..., tuple[Array, Array]]
    noise: float  # default

    def __call__(self, n: int = 200, noise: float | None = None, rng: Seed = 0) -> tuple[Array, Array]:
        return self.make(n, self.noise if noise is None else noise, rng)


TOY_DATASETS: dict[str, ToySpec] = {
    spec.name: spec
    for spec in (
        ToySpec("xor", make_xor, 0.1),
        ToySpec("circles", make_circles, 0.05),
        ToySpec("gaussians", make_gaussians, 0.5),
        ToySpec("spiral", make_spiral, 0.05),
        ToySpec("moons", make_moons, 0.1),
        ToySpec("linear", make_linear, 0.0),
    )
}


def make_toy(name: str, n: int = 200, noise: float | None = None, rng: Seed = 0) -> tuple[Array, Array]:
    """Toy dataset ``name`` (see ``TOY_DATASETS``); ``noise=None`` uses the dataset's default."""
    try:
        spec = TOY_DATASETS[name]
    except (KeyError, TypeError):
        raise ConfigError("data.err.unknown_toy", param="name", name=name, choices=", ".join(TOY_DATASETS)) from None
    return spec(n, noise, rng)


def _validate(n: int, noise: float, rng: Seed) -> tuple[int, float, np.random.Generator]:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ConfigError("data.err.toy_n", param="n", value=n)
    try:
        noise = float(noise)
    except (TypeError, ValueError):
        raise ConfigError("data.err.toy_noise_number", param="noise", value=noise) from None
    if not (math.isfinite(noise) and noise >= 0):
        raise ConfigError("data.err.toy_noise_range", param="noise", value=noise)
    return int(n), noise, as_generator(rng)


def _alternating(n):
    return np.arange(n) % 2


def _unit(angle):
    """Points on the unit circle: (..., 2)."""
    return np.stack([np.cos(angle), np.sin(angle)], axis=-1)


def _jitter(points, noise, rng):
    # draw even when noise is 0, so the stream of random numbers does not depend on it
    return points + noise * rng.standard_normal(points.shape)
