"""Figures drawn with matplotlib (the "plot" extra), imported only when a plot is asked for."""

from __future__ import annotations

from pathlib import Path

from nnscratch.errors import ConfigError, require

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def check_plot_path(path) -> Path:
    """``path`` as a Path, after checking a figure can be written there (known suffix, existing folder)."""
    path = Path(path)
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise ConfigError(f"plot files end in {', '.join(PLOT_SUFFIXES)}, got {str(path)!r}: use e.g. plot.png")
    if path.is_dir():
        raise ConfigError(f"{str(path)!r} is a folder; give a file name such as {path / 'plot.png'}")
    if not path.parent.exists():
        raise ConfigError(f"folder {str(path.parent)!r} does not exist: create it first")
    return path


def _figure(**kwargs):
    require("matplotlib", "plot")
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def save_figure(fig, path) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix) through a temp file, so no half-written plot remains."""
    from nnscratch.io.files import write_atomically

    path = check_plot_path(path)
    return write_atomically(path, lambda f: fig.savefig(f, format=path.suffix[1:].lower(), dpi=120))


