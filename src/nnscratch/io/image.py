"""User images in, MNIST-style 28x28 digits out.

MNIST's digits were made in four steps (LeCun et al.): the scanned black and
white digit was scaled, keeping its aspect ratio, to fit a 20x20 box (which
left grey levels from anti-aliasing), then placed in a 28x28 field so that its
centre of mass sits at the centre. A network trained on MNIST only recognises
digits prepared the same way, so photos, scans and the web lab's drawing
canvas all go through :func:`to_mnist` here.

Photos need more than MNIST's clean scans did: the paper is grey, lit
unevenly and textured, the ink may be darker or lighter than the paper. So
before the MNIST steps we fit a smooth background surface, keep only what
stands clearly out of it (on the side where the ink is), and drop specks.

Pillow is an optional dependency (the ``image`` extra), imported lazily.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path
from struct import error as struct_error

import numpy as np
from numpy.typing import ArrayLike

from nnscratch.errors import ConfigError, DataError, OutputError, require
from nnscratch.i18n import LANGUAGES
from nnscratch.io.files import check_output_path, write_atomically

SIZE = 28  # MNIST's field
BOX = 20  # the box MNIST scaled each digit into
MAX_PIXELS = 40_000_000  # larger files are refused as possible decompression bombs
MAX_SIDE = 20_000  # a longer side is no photo of a digit, and would make even a thin strip costly
# The formats Pillow may decode a user's file as: the common raster formats. Pillow would also
# open EPS (by running Ghostscript) and many rare formats; a file that claims to be one is refused.
FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP", "PPM")
MIN_SIDE = 5  # smaller arrays cannot hold a recognisable digit

# Measured on the MNIST test set: the centre of mass of its digits is at
# (14.0, 14.0) in pixel indices (std 0.3), not at the geometric 13.5.
CENTRE = 14.0

_WORK_SIDE = 800  # larger images are reduced first: 20x20 is the goal, speed matters
_GRID = 48  # blocks per side for the background fit
_MIN_CONTRAST = 0.1  # ink must differ from the paper by this much (of full scale)
_MIN_INK = 0.0005  # fewer pixels than this fraction of the image is no digit
_SPECK = 0.05  # components lighter than this fraction of the largest are dirt
# Stroke width in output pixels (2 * area / perimeter of the strokes) below
# which a digit is thickened: about MNIST's 40th percentile measured the same
# way on enlarged MNIST digits. A ball-pen digit photographed large is ~0.3.
_THINNEST = 1.6


def load_image(path: str | os.PathLike[str]) -> np.ndarray:
    """The image file at ``path`` as grey levels in [0, 1], shape (H, W), float32.

    Any format Pillow reads; colour is converted to luma, transparency is
    composited on white paper, the EXIF orientation of phone photos is applied.
    Raises DataError for missing, empty, non-image, truncated and oversized files.
    """
    Image = require("PIL.Image", "image")
    ImageOps = require("PIL.ImageOps", "image")
    path = os.fspath(path)
    if not os.path.exists(path):
        raise DataError("image.err.missing", param="path", path=path)
    if os.path.isdir(path):
        raise DataError("image.err.is_folder", param="path", path=path)
    if not os.path.isfile(path):
        raise DataError("image.err.not_regular", param="path", path=path)
    if os.path.getsize(path) == 0:
        raise DataError("image.err.empty", param="path", path=path)
    try:
        # Pillow only warns between its own limit and twice that; an error
        # here turns every bomb into the same DataError below.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as im:
                # the header's size, known before a single pixel is decoded
                width, height = im.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise _bomb_error(path, width, height)
                im.load()
                im = ImageOps.exif_transpose(im)
                return _grey(im)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DataError("image.err.bomb", param="path", path=path, reason=str(exc),
                        limit=MAX_PIXELS // 1_000_000) from None
    except DataError:
        raise
    except Image.UnidentifiedImageError:
        raise DataError("image.err.not_image", param="path", path=path, formats=", ".join(FORMATS)) from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, struct_error, MemoryError) as exc:
        # Pillow reports truncated data and broken headers with all of
        # these, depending on the decoder.
        raise DataError("image.err.damaged", param="path", path=path, reason=str(exc) or type(exc).__name__) from None


def _bomb_error(path, width, height) -> DataError:
    return DataError("image.err.too_large", param="path", path=path, width=width, height=height,
                     limit=MAX_PIXELS // 1_000_000, side=MAX_SIDE)


def _grey(im) -> np.ndarray:
    """Pillow image -> float32 luma in [0, 1], transparency composited on white paper."""
    Image = require("PIL.Image", "image")
    if im.mode.startswith("I;16"):
        return np.asarray(im, dtype=np.float32) / 65535
    if im.mode in ("I", "F"):
        a = np.asarray(im, dtype=np.float32)
        return np.clip(a / (255 if a.max(initial=0) <= 255 else 65535), 0, 1)
    if "A" in im.mode or "a" in im.mode or "transparency" in im.info:
        # Drawing apps save ink on transparent *black*; dropping alpha would
        # make the whole picture black.
        im = Image.alpha_composite(Image.new("RGBA", im.size, "white"), im.convert("RGBA"))
    # Pillow's "L" is ITU-R 601 luma, computed in C without a float RGB copy
    return np.asarray(im.convert("L"), dtype=np.float32) / 255


def to_mnist(image: ArrayLike) -> np.ndarray:
    """A digit image of any size -> (28, 28) float32 in [0, 1], ink 1 on background 0.

    ``image`` is a 2-D array of grey levels (floats in [0, 1], or integers in
    0..255), or a flat array of a square image such as the web canvas's 784
    values. Dark ink on light paper and light on dark both work.
    Raises DataError when no ink stands out of the background.
    """
    grey = _reduce(_as_grey(image), _WORK_SIDE).astype(np.float64)
    ink = _ink(grey)  # (H, W), 0 on the paper, up to 1 in the strokes
    return _mnist_field(_thicken(ink))


def preprocess_file(path: str | os.PathLike[str]) -> np.ndarray:
    """The digit in the image file at ``path``, as the (28, 28) array a network sees."""
    grey = load_image(path)
    try:
        return to_mnist(grey)
    except DataError as exc:
        raise DataError("image.err.in_file", param="path", path=os.fspath(path),
                        inner={lang: exc.message(lang) for lang in LANGUAGES}) from exc


def preprocess(image_or_path: str | os.PathLike[str] | ArrayLike) -> np.ndarray:
    """:func:`preprocess_file` for a path, :func:`to_mnist` for an array."""
    if isinstance(image_or_path, (str, os.PathLike)):
        return preprocess_file(image_or_path)
    return to_mnist(image_or_path)


def _as_grey(image) -> np.ndarray:
    """Validate a user array and scale it to float32 in [0, 1], shape (H, W)."""
    a = np.asarray(image)
    if a.dtype.kind not in "biuf":
        raise DataError("image.err.array_dtype", param="image", dtype=str(a.dtype))
    if a.ndim == 1:
        side = math.isqrt(a.size)
        if side * side != a.size:
            raise DataError("image.err.flat_not_square", param="image", size=a.size)
        a = a.reshape(side, side)
    if a.ndim != 2:
        raise DataError("image.err.not_2d", param="image", shape=a.shape)
    if min(a.shape) < MIN_SIDE:
        raise DataError("image.err.too_small", param="image", shape=a.shape, side=MIN_SIDE)
    if a.size > MAX_PIXELS:
        raise DataError("image.err.array_too_large", param="image", shape=a.shape, limit=MAX_PIXELS // 1_000_000)
    if a.dtype == bool:
        return a.astype(np.float32)
    if a.dtype.kind in "iu":
        top = 65535 if a.dtype == np.uint16 else 255
        low, high = int(a.min()), int(a.max())
        if low < 0 or high > top:
            raise DataError("image.err.int_range", param="image", top=top, low=low, high=high)
        return a.astype(np.float32) / top
    a = a.astype(np.float32, copy=False)
    if not np.all(np.isfinite(a)):
        raise DataError("image.err.not_finite", param="image")
    low, high = a.min(), a.max()
    if low < 0 or high > 1:
        raise DataError("image.err.float_range", param="image", low=f"{low:g}", high=f"{high:g}")
    return a


def _reduce(grey, side):
    """Shrink so the longer side is at most ``side``, averaging (no aliasing)."""
    h, w = grey.shape
    if max(h, w) <= side:
        return grey
    s = side / max(h, w)
    size = (max(MIN_SIDE, round(w * s)), max(MIN_SIDE, round(h * s)))
    return _resample(grey, size, "box")


def _resample(a, size, kind, box=None):
    """Pillow's antialiased resize of a float array; ``size`` is (width, height)."""
    Image = require("PIL.Image", "image")
    resample = {"box": Image.Resampling.BOX, "bilinear": Image.Resampling.BILINEAR}[kind]
    im = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32))
    return np.asarray(im.resize(size, resample, box=box), dtype=np.float64)


def _ink(grey) -> np.ndarray:
    """How much ink each pixel holds, in [0, 1], with the paper at exactly 0."""
    residual = grey - _background(grey)
    spread = _mad_sigma(residual)  # noise and paper texture
    floor = max(4 * spread, _MIN_CONTRAST)
    dark, light = residual < -floor, residual > floor
    # A few pixels past the floor are the tails of the noise, not a digit.
    if max(dark.sum(), light.sum()) < max(4, _MIN_INK * residual.size):
        raise DataError("image.err.blank", param="image")
    # The ink is on the side with more mass far from the paper: dark ink on
    # light paper or chalk on a board, whatever the absolute levels.
    ink = -residual if -residual[dark].sum() > residual[light].sum() else residual
    strokes = ink[ink > floor]
    level = np.percentile(strokes, 90)  # a stroke's core; a few hot pixels do not set the scale
    cut = max(3 * spread, 0.15 * level)  # below this it is paper, texture or noise
    ink = np.clip((ink - cut) / (level - cut), 0, 1)
    return _drop_specks(ink)


def _background(grey) -> np.ndarray:
    """A smooth (quadratic) surface through the paper, ignoring the strokes.

    Fitted to block medians, refitting on the blocks near the surface, so
    uneven lighting and vignetting in photos are taken out.
    """
    h, w = grey.shape
    bh, bw = max(1, h // _GRID), max(1, w // _GRID)  # block size; the last partial blocks are left out
    gh, gw = h // bh, w // bw
    blocks = np.median(grey[:gh * bh, :gw * bw].reshape(gh, bh, gw, bw).transpose(0, 2, 1, 3)
                       .reshape(gh, gw, bh * bw), axis=-1)  # (gh, gw)
    v, u = np.meshgrid((np.arange(gh) + 0.5) * bh / h * 2 - 1, (np.arange(gw) + 0.5) * bw / w * 2 - 1,
                       indexing="ij")
    basis = np.stack([np.ones_like(u), u, v, u * u, u * v, v * v], axis=-1).reshape(-1, 6)
    values = blocks.ravel()
    fit = np.full_like(values, np.median(values))
    coef = np.array([np.median(values), 0, 0, 0, 0, 0])
    for _ in range(6):
        resid = values - fit
        paper = np.abs(resid) <= max(2.5 * _mad_sigma(resid), 0.02)
        if paper.sum() < 2 * len(coef):
            break  # too few blocks to fit a surface: keep the last one
        on = basis[paper]
        coef = np.linalg.solve(on.T @ on, on.T @ values[paper])  # 6x6 normal equations
        fit = basis @ coef
    yy, xx = np.mgrid[0:h, 0:w]
    u, v = (xx + 0.5) / w * 2 - 1, (yy + 0.5) / h * 2 - 1
    return coef[0] + coef[1] * u + coef[2] * v + coef[3] * u * u + coef[4] * u * v + coef[5] * v * v


def _mad_sigma(x) -> float:
    """Standard deviation of the bulk of ``x``, blind to a minority of outliers (strokes)."""
    return float(1.4826 * np.median(np.abs(x - np.median(x))))


def _drop_specks(ink) -> np.ndarray:
    """Zero the connected pieces of ink far lighter than the largest (dust, texture)."""
    labels = _components(ink > 0)
    mass = np.bincount(labels.ravel(), weights=ink.ravel())
    mass[0] = 0
    keep = mass >= _SPECK * mass.max()
    keep[0] = False
    return np.where(keep[labels], ink, 0.0)


def _components(mask) -> np.ndarray:
    """8-connected component labels of a boolean image (0 = background).

    Union-find over horizontal runs: a digit has a few runs per row, so the
    Python loop is short even for a large photo.
    """
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    run_rows, run_starts = np.nonzero(edges == 1)
    _, run_ends = np.nonzero(edges == -1)  # exclusive; same row-major order as starts
    parent = list(range(len(run_starts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of_row = np.searchsorted(run_rows, np.arange(h + 1)).tolist()
    starts, ends = run_starts.tolist(), run_ends.tolist()
    for r in range(1, h):
        j, above_end = first_of_row[r - 1], first_of_row[r]
        for i in range(first_of_row[r], first_of_row[r + 1]):
            while j < above_end and ends[j] < starts[i]:
                j += 1
            k = j
            # <= with exclusive ends: diagonal neighbours touch too (8-connectivity)
            while k < above_end and starts[k] <= ends[i]:
                parent[root(i)] = root(k)
                k += 1
    labels = np.zeros((h, w), dtype=np.int64)
    ids = np.array([root(i) for i in range(len(parent))], dtype=np.int64) + 1
    for i in range(len(parent)):
        labels[run_rows[i], run_starts[i]:run_ends[i]] = ids[i]
    return labels


def _thicken(ink) -> np.ndarray:
    """Widen pen strokes that would come out thinner than MNIST's after scaling to 20x20.

    MNIST's digits were written with a pen on a small form box, so its
    strokes are 1.5 to 2.5 of its pixels wide; a thin pen line photographed
    large shrinks to a fraction of a pixel, which the network has never seen.
    """
    core = ink > 0.5
    area = core.sum()
    perimeter = (core[1:] != core[:-1]).sum() + (core[:, 1:] != core[:, :-1]).sum()
    if perimeter == 0:
        return ink
    extent = _extent(ink)
    width = 2 * area / perimeter  # input pixels
    # Dilating by r widens strokes and the bounding box by 2r alike, so
    # solve (width + 2r) * BOX / (extent + 2r) = _THINNEST for r.
    radius = (_THINNEST * extent / BOX - width) / (2 * (1 - _THINNEST / BOX))
    if radius < 0.5:
        return ink
    steps = round(radius)
    return _dilate(np.pad(ink, steps), steps)


def _dilate(a, radius) -> np.ndarray:
    """Grey dilation by a roughly round element of ``radius`` pixels (square and cross steps)."""
    for step in range(radius):
        grown = a.copy()
        np.maximum(grown[1:], a[:-1], out=grown[1:])
        np.maximum(grown[:-1], a[1:], out=grown[:-1])
        np.maximum(grown[:, 1:], a[:, :-1], out=grown[:, 1:])
        np.maximum(grown[:, :-1], a[:, 1:], out=grown[:, :-1])
        if step % 2 == 0:  # the square steps; crosses alone would grow a diamond
            square = grown.copy()
            np.maximum(square[:, 1:], grown[:, :-1], out=square[:, 1:])
            np.maximum(square[:, :-1], grown[:, 1:], out=square[:, :-1])
            grown = square
        a = grown
    return a


def _extent(ink) -> int:
    """The longer side of the ink's bounding box, in pixels."""
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    return int(max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1)


def _mnist_field(ink) -> np.ndarray:
    """Scale the ink's bounding box into 20x20 and centre its mass in 28x28, in one resampling."""
    scale = BOX / _extent(ink)  # output pixels per input pixel
    total = ink.sum()
    com_r = (ink.sum(axis=1) @ np.arange(ink.shape[0])) / total
    com_c = (ink.sum(axis=0) @ np.arange(ink.shape[1])) / total
    # Pillow's box is in continuous coordinates, pixel j spanning [j, j+1):
    # the input point com + 0.5 must land on output point CENTRE + 0.5.
    pad = int(np.ceil(SIZE / scale)) + 2
    padded = np.pad(ink, pad)
    x0 = com_c + 0.5 + pad - (CENTRE + 0.5) / scale
    y0 = com_r + 0.5 + pad - (CENTRE + 0.5) / scale
    side = SIZE / scale
    # Area averaging is MNIST's anti-aliasing and keeps a 28x28 canvas drawing
    # as it is; enlarging a small drawing by more needs interpolation instead.
    kind = "box" if scale <= 1.5 else "bilinear"
    out = _resample(padded, (SIZE, SIZE), kind, box=(x0, y0, x0 + side, y0 + side))
    out = np.clip(out, 0, None)
    # MNIST's strokes reach full intensity; thin pen lines averaged down do not.
    return (out / out.max()).astype(np.float32)


def save_mnist_png(image: ArrayLike, path: str | os.PathLike[str], scale: int = 10) -> Path:
    """Save a (28, 28) digit as a PNG, ``scale`` times larger so a person can see it; returns the path.

    Shows exactly what the network saw: each input pixel becomes a
    ``scale`` x ``scale`` square, ink white on black as the values are.
    The file is written atomically.
    """
    Image = require("PIL.Image", "image")
    a = _as_grey(image)
    if isinstance(scale, bool) or not (isinstance(scale, (int, np.integer)) and 1 <= scale <= 100):
        raise ConfigError("image.err.scale", param="scale", value=scale)
    if os.path.splitext(path)[1].lower() != ".png":
        raise OutputError("image.err.png_only", param="path", path=os.fspath(path))
    # the folder exists and takes files, the name is no folder
    path = check_output_path(path, (".png",), "image", "seen")
    pixels = np.round(a * 255).astype(np.uint8)
    big = np.kron(pixels, np.ones((scale, scale), dtype=np.uint8))
    return write_atomically(path, lambda f: Image.fromarray(big).save(f, format="PNG"))
