"""The sweep's figure: accuracy against parameter count coloured by depth, and every point's learning curve."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from nnscratch.errors import ConfigError, require
from nnscratch.i18n import t
from nnscratch.viz import _figure
from nnscratch.viz._fonts import plot_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def plot_sweep(records: list[dict], *, lang: str = "en") -> Figure:
    """Left: final test accuracy (or test loss for a regression task) against parameters, one colour per depth.

    Right: each point's curve per epoch (test accuracy, else training loss). Failed points are left out.
    """
    require("matplotlib", "plot")
    lang, family = plot_text(lang)
    ok = [r for r in records if r["status"] == "ok"]
    if not ok:
        raise ConfigError("sweep.err.nothing_to_plot", param="records")
    fig = _figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    colours = require("matplotlib", "plot").colormaps["viridis"]
    depths = sorted({r["depth"] for r in ok})
    for i, depth in enumerate(depths):
        colour = colours(i / max(1, len(depths) - 1) * 0.85)
        group = [r for r in ok if r["depth"] == depth]
        for task in ("accuracy", "loss"):
            pts = [(r["parameters"], r[f"test_{task}"]) for r in group
                   if r.get(f"test_{task}") is not None and (task == "loss") == (r.get("test_accuracy") is None)]
            if pts:
                marker = "o" if task == "accuracy" else "s"
                left.scatter([p for p, _ in pts], [v for _, v in pts], color=colour, marker=marker, s=36,
                             label=t("sweep.plot.depth", lang, d=depth))
        for r in group:
            curve = r.get("curve") or []
            key = "test_accuracy" if any(c.get("test_accuracy") is not None for c in curve) else "train_loss"
            ys = [c.get(key) for c in curve]
            if any(y is not None and math.isfinite(y) for y in ys):
                right.plot([c["epoch"] for c in curve], [math.nan if y is None else y for y in ys], color=colour,
                           alpha=0.8, linewidth=1.2)
    left.set_xscale("log")
    left.set_xlabel(t("sweep.plot.params", lang), fontfamily=family)
    has_acc = any(r.get("test_accuracy") is not None for r in ok)
    left.set_ylabel(t("sweep.plot.accuracy" if has_acc else "sweep.plot.loss", lang), fontfamily=family)
    handles, labels = left.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=False))
    left.legend(unique.values(), unique.keys(), prop={"family": family})
    left.grid(alpha=0.3)
    right.set_xlabel(t("sweep.plot.epoch", lang), fontfamily=family)
    right.set_title(t("sweep.plot.curves", lang), fontfamily=family)
    right.grid(alpha=0.3)
    return fig
