"""Figures drawn with matplotlib (the "plot" extra), imported only when a plot is asked for."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nnscratch.errors import require
from nnscratch.io.files import check_output_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def check_plot_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, after checking a figure can be written there (known suffix, existing folder)."""
    return check_output_path(path, PLOT_SUFFIXES, "plot", "plot")


def _figure(**kwargs: Any) -> Figure:
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix) through a temp file, so no half-written plot remains."""
    from nnscratch.io.files import write_atomically

    path = check_plot_path(path)
    return write_atomically(path, lambda f: fig.savefig(f, format=path.suffix[1:].lower(), dpi=120))




from nnscratch.viz._fonts import cjk_font, plot_text  # noqa: E402  (public: notebooks label their own plots)

__all__ = ["PLOT_SUFFIXES", "check_plot_path", "cjk_font", "plot_text", "save_figure"]
