"""Figures of the digit recogniser: learning curves, confusion matrix, mistakes, first-layer weights.

Each function returns a ``matplotlib.figure.Figure`` built without pyplot
(no global state, any thread, no display needed); ``save_figure`` writes it
atomically. Labels are English or Chinese (``lang``, from the i18n catalog); Chinese
text is drawn in a CJK font found by file (:func:`nnscratch.viz._fonts.cjk_font`);
on a system without any, labels are English and a ``CJKFontWarning`` says why.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from nnscratch.errors import ConfigError, require
from nnscratch.i18n import t
from nnscratch.viz import _figure, save_figure
from nnscratch.viz._fonts import plot_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "plot_confusion_matrix",
    "plot_evaluation",
    "plot_first_layer_weights",
    "plot_learning_curves",
    "plot_mistakes",
    "save_figure",
]



def plot_learning_curves(history: Any, *, lang: str = "en") -> Figure:
    """Loss and accuracy per epoch, training and validation side by side.

    ``history`` is a list of per-epoch dicts (``epoch, train_loss,
    train_accuracy, validation_loss, validation_accuracy``; validation values
    may be None or absent) or a ``train.History``.
    """
    MaxNLocator = require("matplotlib.ticker", "plot").MaxNLocator
    lang, family = plot_text(lang)
    records = list(getattr(history, "epochs", history))
    if not records:
        raise ConfigError("viz.err.history_empty", param="history")
    for i, record in enumerate(records):
        if not isinstance(record, dict) or record.get("train_loss") is None:
            raise ConfigError("viz.err.history_record", param="history", index=i, record=repr(record)[:200])
    epochs = [r.get("epoch", i + 1) for i, r in enumerate(records)]

    def series(key):
        return np.array([np.nan if r.get(key) is None else float(r[key]) for r in records])

    fig = _figure(figsize=(10, 4), layout="constrained")
    fig.suptitle(t("viz.curves", lang), fontfamily=family)
    for ax, what in zip(fig.subplots(1, 2), ("loss", "accuracy"), strict=False):
        drawn = False
        for split, style in (("train", "o-"), ("validation", "s--")):
            values = series(f"{split}_{what}")
            if np.isfinite(values).any():
                ax.plot(epochs, values, style, markersize=3, label=t(f"viz.{split}", lang))
                drawn = True
        ax.set_xlabel(t("viz.epoch", lang), fontfamily=family)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
        ax.set_ylabel(t(f"viz.{what}", lang), fontfamily=family)
        ax.grid(alpha=0.3)
        if not drawn:
            ax.text(0.5, 0.5, t("viz.no_accuracy", lang), ha="center", va="center", transform=ax.transAxes,
                    fontfamily=family)
            continue
        if what == "accuracy":
            from matplotlib.ticker import PercentFormatter

            ax.yaxis.set_major_formatter(PercentFormatter(xmax=1))
        ax.legend(prop={"family": family})
    return fig


def plot_confusion_matrix(cm: ArrayLike, class_names: Sequence[str] | None = None, *, lang: str = "en") -> Figure:
    """The confusion matrix with every count written in its cell; rows are the true classes."""
    lang, family = plot_text(lang)
    cm, names = _confusion_args(cm, class_names)
    fig = _figure(figsize=_confusion_size(len(cm)), layout="constrained")
    _draw_confusion(fig, cm, names, lang, family)
    return fig


def plot_mistakes(images: ArrayLike, true: ArrayLike, predicted: ArrayLike, confidence: ArrayLike, *,
                  class_names: Sequence[str] | None = None, max_items: int = 36, lang: str = "en") -> Figure:
    """A grid of misclassified digits, most confident first, titled "true → predicted (p)".

    ``images`` is (n, 784) or (n, 28, 28), uint8 or float; ``confidence`` is
    the probability the network gave its (wrong) prediction.
    """
    lang, family = plot_text(lang)
    shown = _mistakes_args(images, true, predicted, confidence, class_names, max_items)
    fig = _figure(figsize=_mistakes_size(len(shown)), layout="constrained")
    _draw_mistakes(fig, shown, lang, family)
    return fig


def plot_evaluation(cm: ArrayLike, class_names: Sequence[str] | None, images: ArrayLike, true: ArrayLike,
                    predicted: ArrayLike, confidence: ArrayLike, *, max_items: int = 36, lang: str = "en") -> Figure:
    """One figure for ``evaluate --plot``: the confusion matrix beside the most confident mistakes."""
    lang, family = plot_text(lang)
    cm, names = _confusion_args(cm, class_names)
    shown = _mistakes_args(images, true, predicted, confidence, names, max_items)
    (left_w, left_h), (right_w, right_h) = _confusion_size(len(cm)), _mistakes_size(len(shown))
    fig = _figure(figsize=(left_w + right_w, max(left_h, right_h)), layout="constrained")
    # cast: for a 1 x 2 grid matplotlib returns an array of two subfigures (its stubs also allow one)
    left, right = cast(np.ndarray, fig.subfigures(1, 2, width_ratios=[left_w, right_w]))
    _draw_confusion(left, cm, names, lang, family)
    _draw_mistakes(right, shown, lang, family)
    return fig


def plot_first_layer_weights(theta2: ArrayLike, *, max_units: int = 100, lang: str = "en") -> Figure:
    """Each hidden neuron's incoming weights theta(2)[j] drawn as an image the size of the input.

    Colours are symmetric about zero per neuron (red positive, blue
    negative), so each image shows which pixels push that neuron up or down.
    """
    lang, family = plot_text(lang)
    weights = _square_images(theta2, "theta2", scale=False)
    _check_count(max_units, "max_units")
    if len(weights) == 0:
        raise ConfigError("viz.err.no_units", param="theta2")
    weights = weights[:max_units]
    cols, rows = _grid(len(weights))
    fig = _figure(figsize=(1.3 * cols + 0.4, 1.4 * rows + 0.6), layout="constrained")
    fig.suptitle(t("viz.weights", lang), fontfamily=family, fontsize="medium")
    for j, (ax, w) in enumerate(zip(_grid_axes(fig, len(weights)), weights, strict=False)):
        limit = max(float(np.abs(w).max()), 1e-12)
        ax.imshow(w, cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(str(j + 1), fontsize="small")
    return fig


def _confusion_args(cm: ArrayLike, class_names: Sequence[str] | None) -> tuple[np.ndarray, list[str]]:
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] == 0:
        raise ConfigError("viz.err.confusion_shape", param="cm", shape=cm.shape)
    if cm.dtype.kind not in "iuf":
        raise ConfigError("viz.err.confusion_counts", param="cm", bad=f"dtype {cm.dtype}")
    bad = cm[(cm < 0) | ~np.isfinite(cm)]
    if bad.size:
        raise ConfigError("viz.err.confusion_counts", param="cm", bad=f"{bad[0]:g}")
    k = cm.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else [str(n) for n in class_names]
    if len(names) != k:
        raise ConfigError("viz.err.class_names", param="class_names", given=len(names), k=k)
    return cm, names


def _confusion_size(k):
    side = max(5.0, 0.55 * k + 2)
    return side + 1, side


def _draw_confusion(fig, cm, names, lang, family):
    k = len(cm)
    # Colour by share of the row: counts alone would leave every mistake
    # invisible next to the diagonal's thousands.
    share = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    ax = fig.subplots()
    shown = ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    fig.colorbar(shown, ax=ax, shrink=0.8)
    side = _confusion_size(k)[1]
    size = float(np.clip(50 * side / (k * (len(f"{cm.max():g}") + 1)), 5, 11))  # counts fit their cells
    for (i, j), count in np.ndenumerate(cm):
        ax.text(j, i, f"{count:g}", ha="center", va="center", fontsize=size,
                color="white" if share[i, j] > 0.5 else "black")
    ax.set_xticks(range(k), names, fontfamily=family, rotation=90 if max(map(len, names)) > 3 else 0)
    ax.set_yticks(range(k), names, fontfamily=family)
    ax.set_xlabel(t("viz.predicted", lang), fontfamily=family)
    ax.set_ylabel(t("viz.true", lang), fontfamily=family)
    ax.set_title(t("viz.confusion", lang), fontfamily=family)


def _mistakes_args(images, true, predicted, confidence, class_names, max_items):
    """Validated inputs -> [(image, title)] of the ``max_items`` most confident mistakes."""
    images = _square_images(images, "images")
    true, predicted, confidence = (np.asarray(a).ravel() for a in (true, predicted, confidence))
    n = len(images)
    if not len(true) == len(predicted) == len(confidence) == n:
        raise ConfigError("viz.err.lengths", param="true", n=n, n_true=len(true), n_predicted=len(predicted),
                          n_confidence=len(confidence))
    _check_count(max_items, "max_items")

    def name(label):
        return str(label) if class_names is None else str(class_names[int(label)])

    order = np.argsort(-confidence, kind="stable")[:max_items]
    return [(images[i], f"{name(true[i])} → {name(predicted[i])} ({confidence[i]:.2f})") for i in order]


def _mistakes_size(n):
    if n == 0:
        return 4.0, 2.0
    cols, rows = _grid(n)
    return 1.6 * cols + 0.4, 1.75 * rows + 0.6


def _draw_mistakes(fig, shown, lang, family):
    if not shown:
        fig.text(0.5, 0.5, t("viz.no_mistakes", lang), ha="center", va="center", fontfamily=family)
        return
    fig.suptitle(t("viz.mistakes", lang), fontfamily=family, fontsize="medium")
    for ax, (image, title) in zip(_grid_axes(fig, len(shown)), shown, strict=False):
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)  # dark ink on white paper
        ax.set_title(title, fontsize="small", fontfamily=family)


def _grid(n):
    """(columns, rows) of a near-square grid for ``n`` small images."""
    cols = math.ceil(math.sqrt(n))
    return cols, math.ceil(n / cols)


def _grid_axes(fig, n):
    """``n`` image axes in a near-square grid, without frames or ticks."""
    cols, rows = _grid(n)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax in axes:
        ax.set_axis_off()
    return axes[:n]


def _check_count(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ConfigError("viz.err.count", param=name, name=name, value=value)


def _square_images(a, what, scale=True) -> np.ndarray:
    """(n, d*d) or (n, d, d) numbers -> (n, d, d) floats; 0..255 pixels scaled to [0, 1] when ``scale``."""
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ConfigError("viz.err.not_numbers", param=what, name=what, dtype=str(a.dtype))
    if a.ndim == 2:
        side = math.isqrt(a.shape[1])
        if side * side != a.shape[1]:
            raise ConfigError("viz.err.not_square", param=what, name=what, width=a.shape[1])
        a = a.reshape(len(a), side, side)
    if a.ndim != 3 or a.shape[1] != a.shape[2]:
        raise ConfigError("viz.err.image_shape", param=what, name=what, shape=a.shape)
    if not np.all(np.isfinite(a)):
        raise ConfigError("viz.err.not_finite", param=what, name=what)
    if scale and (a.dtype == np.uint8 or a.max(initial=0) > 1):  # stored 0..255 pixels
        return a / 255.0
    return a.astype(np.float64)
