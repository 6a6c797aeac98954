"""Which font can draw Chinese labels, found by file as well as by name.

matplotlib's default DejaVu Sans has no CJK glyphs and draws empty boxes in
their place, so a Chinese figure needs a CJK font. matplotlib only knows the
fonts listed in its font cache, which is built once: a CJK font installed
after that (``apt install fonts-noto-cjk`` after the first plot) stays
invisible to it. So before choosing, :func:`cjk_font` looks for CJK font
*files* (the ``NNSCRATCH_CJK_FONT`` file first, then the system's font
folders) and registers each one with ``fontManager.addfont``; the cache's age
no longer matters.

When no CJK font exists at all, Chinese figures are drawn with English labels
and :func:`plot_text` says so with a :class:`CJKFontWarning` (in Chinese,
naming the package to install and the environment variable) — never tofu
boxes, never English without a word.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

from nnscratch.errors import ConfigError, require

# The environment variable that names a CJK font file to use before any other.
FONT_ENV = "NNSCRATCH_CJK_FONT"

# Families known to cover simplified Chinese, best first: Debian's
# fonts-noto-cjk, then what macOS, Windows and other distributions ship.
_PREFERRED = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "Microsoft YaHei", "SimHei", "Sarasa Gothic SC",
)

# File names (lower case) of fonts that draw Chinese: Noto/Source Han CJK, WenQuanYi,
# Windows' YaHei/SimHei/SimSun, macOS' PingFang/Hiragino/STHeiti, Sarasa, Droid Sans Fallback.
_FILE_MARKERS = ("cjk", "sourcehan", "wqy", "wenquanyi", "notosanssc", "notoserifsc", "msyh", "simhei",
                 "simsun", "pingfang", "hiragino sans gb", "stheiti", "sarasa", "droidsansfallback")
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


class CJKFontWarning(UserWarning):
    """Chinese labels were asked for but no font on this system can draw them; English labels are used."""


def font_dirs() -> list[Path]:
    """The folders where Linux, macOS and Windows keep fonts, for this user and system-wide."""
    home = Path.home()
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]
    if os.environ.get("XDG_DATA_HOME"):
        dirs.append(Path(os.environ["XDG_DATA_HOME"]) / "fonts")
    if sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft/Windows/Fonts")
    return dirs


def cjk_font_files(dirs: Iterable[str | os.PathLike[str]] | None = None,
                   environ: Mapping[str, str] = os.environ) -> list[Path]:
    """CJK font files on this system: the ``NNSCRATCH_CJK_FONT`` file first, then those found in ``dirs``.

    Files are recognised by name (Noto/Source Han CJK, WenQuanYi, YaHei, PingFang, ...),
    so nothing is opened here; regular weights come before bold ones.
    """
    chosen = environ.get(FONT_ENV)
    first = [Path(chosen)] if chosen and Path(chosen).is_file() else []
    found: list[Path] = []
    for folder in font_dirs() if dirs is None else dirs:
        try:
            files = sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in _FONT_SUFFIXES)
        except OSError:  # unreadable or missing folder: nothing to find there
            continue
        for path in files:
            name = path.name.lower().replace("-", "").replace("_", "").replace(" ", "")
            if any(marker.replace(" ", "") in name for marker in _FILE_MARKERS) and path not in first + found:
                found.append(path)
    return first + sorted(found, key=lambda p: "bold" in p.name.lower())


def register_font_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Add each font file to matplotlib's font manager unless it is there already; the family names added.

    A file matplotlib cannot read is skipped: it is simply no candidate.
    """
    font_manager = require("matplotlib.font_manager", "plot")
    manager = font_manager.fontManager
    known = {os.path.realpath(entry.fname) for entry in manager.ttflist}
    added: list[str] = []
    for path in paths:
        if os.path.realpath(path) in known:
            continue
        before = len(manager.ttflist)
        try:
            manager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            continue
        known.add(os.path.realpath(path))
        added += [entry.name for entry in manager.ttflist[before:]]
    return added


@functools.cache
def cjk_font() -> str | None:
    """The family name of a font that draws Chinese, or None when this system has none.

    CJK font files are registered with matplotlib first (see the module docstring),
    so a font installed after matplotlib built its cache is found too; the family
    of the ``NNSCRATCH_CJK_FONT`` file wins when that variable names a readable font.
    """
    font_manager = require("matplotlib.font_manager", "plot")
    files = cjk_font_files()
    register_font_files(files)
    chosen = os.environ.get(FONT_ENV)
    if chosen and files and files[0] == Path(chosen):
        real = os.path.realpath(chosen)
        faces = {entry.name for entry in font_manager.fontManager.ttflist if os.path.realpath(entry.fname) == real}
        if faces:
            return _best(faces)
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    candidates = {name for name in installed if name in _PREFERRED or "CJK" in name or "Source Han" in name}
    return _best(candidates) if candidates else None


def _best(names) -> str:
    """The preferred family among ``names``: the list above first, then simplified Chinese (SC) faces."""
    for name in _PREFERRED:
        if name in names:
            return name
    return sorted(names, key=lambda name: (" SC" not in name and "GB" not in name, "Mono" in name, name))[0]


def plot_text(lang: str) -> tuple[str, list[str]]:
    """(language the labels can be drawn in, ``fontfamily`` list for matplotlib text).

    'zh' becomes 'en' only when no CJK font exists on this system, and then a
    :class:`CJKFontWarning` says so in Chinese. DejaVu Sans stays in the list for
    the characters (arrows, Greek) a CJK font may lack.
    """
    if lang not in ("en", "zh"):
        raise ConfigError("viz.err.plot_lang", param="lang", value=lang)
    font = cjk_font() if lang == "zh" else None
    if font is None:
        if lang == "zh":
            from nnscratch.i18n import t

            warnings.warn(t("viz.warn.no_cjk_font", "zh", env=FONT_ENV), CJKFontWarning, stacklevel=2)
        return "en", ["DejaVu Sans"]
    return "zh", [font, "DejaVu Sans"]
