"""Figures for the lecture's first chapters: the urn's likelihood curves and the perceptron's hyperplanes.

matplotlib is imported inside the functions (``pip install "nnscratch[plot]"``),
figures are built as ``matplotlib.figure.Figure`` objects (no pyplot state),
and files are written atomically. Labels are mathematical notation only, so
one figure serves both languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from nnscratch.errors import ConfigError
from nnscratch.viz import _figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from nnscratch.perceptron import Row


def likelihood_figure(n: int, k: int) -> Figure:
    """L(p) and ln L(p) of the urn (k white in n draws) side by side, the maximum at p-hat marked on both."""
    from nnscratch.mle import estimate_urn, likelihood_curves

    est, curves = estimate_urn(n, k), likelihood_curves(n, k, num=401)
    fig = _figure(figsize=(10, 4), layout="constrained")
    left, right = fig.subplots(1, 2)
    log_l = np.where(np.isfinite(curves.log_likelihood), curves.log_likelihood, np.nan)
    for ax, values, label, peak in (
        # %-format on purpose: in an f-string every LaTeX brace would have to be doubled
        (left, curves.likelihood, r"$L(p) = C_{%d}^{%d}\,p^{%d}(1-p)^{%d}$" % (n, k, k, n - k), est.likelihood),  # noqa: UP031
        (right, log_l, r"$\ln L(p)$", est.log_likelihood),
    ):
        ax.plot(curves.p, values, color="tab:blue", label=label)
        ax.axvline(est.estimate, color="tab:red", linestyle="--", linewidth=1)
        ax.plot([est.estimate], [peak], "o", color="tab:red", label=rf"$\hat p = k/n = {est.estimate:.4g}$")
        ax.set_xlabel("$p$")
        ax.set_xlim(0, 1)
        ax.legend(loc="best")
        ax.grid(alpha=0.3)
    # ln L falls to -inf at the ends; show the part within 60 nats of the maximum.
    right.set_ylim(max(est.log_likelihood - 60, np.nanmin(log_l)) - 1, est.log_likelihood + 1)
    return fig


def perceptron_figure(X: ArrayLike, y: ArrayLike, names: Sequence[str], rows: Sequence[Row]) -> Figure:
    """The 2-D points (+1 blue, -1 red, named) and each row's hyperplane w.x + b = 0, later rows darker."""
    X = np.asarray(X, dtype=float)
    if X.shape[1] != 2:
        raise ConfigError("viz.err.perceptron_dims", param="X", dims=X.shape[1])
    fig = _figure(figsize=(9, 6), layout="constrained")
    ax = fig.subplots()
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(1.5, 0.5 * (hi - lo))
    lo, hi = lo - pad, hi + pad
    # w = 0 is no line; the closing "none" row repeats the last update's line.
    lines = [r for r in rows if any(r.w) and (r.misclassified is not None or r.iteration == 0)]
    cmap = _colormap("viridis")
    for i, row in enumerate(lines):
        last = i == len(lines) - 1
        xs, ys = _line_in_box(np.asarray(row.w, dtype=float), float(row.b), lo, hi)
        ax.plot(xs, ys, color="black" if last else cmap(0.15 + 0.7 * i / max(1, len(lines) - 1)),
                linewidth=2.5 if last else 1,
                label=f"{row.iteration}: {row.hyperplane} = 0" if last or len(lines) <= 12 else None)
    for label, marker, color in ((1, "o", "tab:blue"), (-1, "x", "tab:red")):
        mask = np.asarray(y) == label
        ax.scatter(X[mask, 0], X[mask, 1], marker=marker, color=color, s=80, zorder=3, label=f"y = {label:+d}")
    for name, (a, b) in zip(names, X, strict=False):
        ax.annotate(name, (a, b), textcoords="offset points", xytext=(6, 6))
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal", adjustable="box")
    ax.grid(alpha=0.3)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize="small")
    return fig


def _colormap(name):
    from matplotlib import colormaps

    return colormaps[name]


def _line_in_box(w, b, lo, hi):
    """Two points of the line w1 x1 + w2 x2 + b = 0 spanning the box, solved for the better-conditioned axis."""
    if abs(w[1]) >= abs(w[0]):
        xs = np.array([lo[0], hi[0]])
        return xs, -(w[0] * xs + b) / w[1]
    ys = np.array([lo[1], hi[1]])
    return -(w[1] * ys + b) / w[0], ys
