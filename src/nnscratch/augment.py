"""Data augmentation for 28x28 digit images: random shifts, rotations, scalings and elastic distortions.

Every training batch gets freshly distorted copies of its images, so the network
sees a slightly different digit each epoch and learns what does not change
under small deformations (the labels never change). Elastic distortions are
Simard, Steinkraus and Platt (2003): a random displacement field, smoothed by a
Gaussian of width sigma and scaled by alpha, the distortion that took plain MLPs
on MNIST to about 99.3% (and, with far longer training, Ciresan et al. 2010 to 99.65%).

Everything is one backward mapping, written from scratch in NumPy: each output
pixel (i, j) reads the input at a moved position, by bilinear interpolation;
positions outside the image read 0 (background). The randomness comes only
from the ``np.random.Generator`` the caller passes in, so a seed gives the
same distortions.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from nnscratch.errors import ConfigError

# Strengths when a kind is named without a value: about what published MNIST work uses.
DEFAULTS = {"shift": 2.0, "rotate": 12.0, "scale": 0.12, "elastic": 36.0}
# Smoothing width (pixels) of the elastic field: Simard et al. used 4 with alpha 34; Ciresan et al. (2010),
# training plain deep MLPs to 99.65%, used 5-6 with alpha 36-38: smoother fields, fewer broken strokes.
ELASTIC_SIGMA = 5.0
LIMITS = {"shift": (0.0, 14.0), "rotate": (0.0, 180.0), "scale": (0.0, 0.9), "elastic": (0.0, 200.0)}


@dataclass(frozen=True)
class Augment:
    """How strongly to distort: shift in pixels (max), rotate in degrees (max), scale as a fraction (max),
    elastic as Simard's alpha (0: none). Each image draws its own values uniformly within the maxima."""

    shift: float = 0.0
    rotate: float = 0.0
    scale: float = 0.0
    elastic: float = 0.0

    def __post_init__(self):
        for name, (lo, hi) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
                raise ConfigError("augment.err.strength", param="augment", name=name, value=value, lo=lo, hi=hi)

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in LIMITS)

    def describe(self) -> str:
        """The spec back as text, e.g. 'shift=2,rotate=12' (what ``parse_augment`` reads)."""
        return ",".join(f"{name}={getattr(self, name):g}" for name in LIMITS if getattr(self, name))


def parse_augment(text: str | None) -> Augment:
    """'shift,rotate=10,elastic' -> Augment(shift=2, rotate=10, elastic=34); '' or 'none' -> no augmentation."""
    if text is None or text.strip().lower() in ("", "none"):
        return Augment()
    values = {}
    for part in text.split(","):
        name, eq, value = part.strip().partition("=")
        name = name.strip().lower()
        if name not in DEFAULTS:
            raise ConfigError("augment.err.unknown", param="augment", name=name, choices=", ".join(DEFAULTS))
        if name in values:
            raise ConfigError("augment.err.twice", param="augment", name=name)
        if eq:
            try:
                values[name] = float(value)
            except ValueError:
                raise ConfigError("augment.err.number", param="augment", name=name, value=value) from None
            if not math.isfinite(values[name]):
                raise ConfigError("augment.err.number", param="augment", name=name, value=value)
        else:
            values[name] = DEFAULTS[name]
    return Augment(**values)


@functools.cache
def _gaussian_matrix(n: int, sigma: float) -> np.ndarray:
    """G (n, n) such that G @ v smooths v with a Gaussian of width sigma (rows normalised, zero outside)."""
    i = np.arange(n)
    g = np.exp(-0.5 * ((i[:, None] - i[None, :]) / sigma) ** 2)
    return (g / g.sum(axis=1, keepdims=True)).astype(np.float32)


def displacement(m: int, shape: tuple[int, int], spec: Augment,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Where each output pixel reads from: source rows and columns, each (m, h, w) float32.

    Affine part: rotate by θ, scale by s about the centre, then shift by t, as a backward map
    (source = A^-1 (target - c - t) + c). Elastic part: a smoothed random field times alpha.
    """
    h, w = shape
    rows, cols = np.meshgrid(np.arange(h, dtype=np.float32), np.arange(w, dtype=np.float32), indexing="ij")
    cy, cx = (h - 1) / 2, (w - 1) / 2
    theta = np.deg2rad(rng.uniform(-spec.rotate, spec.rotate, m)).astype(np.float32)          # (m,)
    s = (1 + rng.uniform(-spec.scale, spec.scale, m)).astype(np.float32)                      # (m,)
    ty, tx = rng.uniform(-spec.shift, spec.shift, (2, m)).astype(np.float32)                  # (m,) each
    y = rows[None] - cy - ty[:, None, None]                                                   # (m, h, w)
    x = cols[None] - cx - tx[:, None, None]
    cos, sin = (np.cos(theta) / s)[:, None, None], (np.sin(theta) / s)[:, None, None]
    # inverse rotation and scale
    src_y = cos * y - sin * x + cy
    src_x = sin * y + cos * x + cx
    if spec.elastic:
        field = rng.uniform(-1, 1, (2, m, h, w)).astype(np.float32)
        gy, gx = _gaussian_matrix(h, ELASTIC_SIGMA), _gaussian_matrix(w, ELASTIC_SIGMA)
        smooth = gy @ field @ gx.T * np.float32(spec.elastic)                                 # (2, m, h, w)
        src_y += smooth[0]
        src_x += smooth[1]
    return src_y, src_x


def bilinear(images: np.ndarray, src_y: np.ndarray, src_x: np.ndarray) -> np.ndarray:
    """images (m, h, w) read at the real-valued positions (src_y, src_x) (m, h, w); 0 outside. float32."""
    m, h, w = images.shape
    # A border of zeros (1 before, 2 after) and positions clipped into it: every neighbour index is valid,
    # and any position off the image reads the zero background.
    padded = np.zeros((m, h + 3, w + 3), np.float32)
    padded[:, 1:h + 1, 1:w + 1] = images
    y = np.clip(src_y, -1, h) + 1
    x = np.clip(src_x, -1, w) + 1
    y0, x0 = np.floor(y), np.floor(x)
    fy, fx = y - y0, x - x0                                                               # (m, h, w) weights
    stride = w + 3
    idx = (np.arange(m) * (h + 3) * stride)[:, None, None] + y0.astype(np.intp) * stride + x0.astype(np.intp)
    flat = padded.ravel()
    top = flat[idx] * (1 - fx) + flat[idx + 1] * fx
    bottom = flat[idx + stride] * (1 - fx) + flat[idx + stride + 1] * fx
    return (top * (1 - fy) + bottom * fy).astype(np.float32, copy=False)


def augment_images(images: np.ndarray, spec: Augment, rng: np.random.Generator) -> np.ndarray:
    """Distorted copies of ``images`` (m, h, w), values kept in the input's range; float32 (m, h, w).

    The input is not changed. Without an active spec the images come back as float32.
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ConfigError("augment.err.shape", param="images", shape=images.shape)
    x = images.astype(np.float32, copy=False)
    if not spec.active or len(x) == 0:
        return x.copy()
    lo, hi = float(x.min()), float(x.max())
    src_y, src_x = displacement(len(x), x.shape[1:], spec, rng)
    return np.clip(bilinear(x, src_y, src_x), lo, hi)


def augment_rows(x: np.ndarray, image_shape: tuple[int, int], spec: Augment, rng: np.random.Generator) -> np.ndarray:
    """The same for a batch of flattened images: x (m, h*w) -> (m, h*w) float32 (what the trainer gathers)."""
    m = len(x)
    return augment_images(np.asarray(x).reshape(m, *image_shape), spec, rng).reshape(m, -1)
