"""Which installed font can draw Chinese labels, if any.

matplotlib's default DejaVu Sans has no CJK glyphs and draws empty boxes in
their place, so a Chinese figure needs a CJK font by name; when none is
installed, figures fall back to English labels rather than boxes.
"""

from __future__ import annotations

import functools

from nnscratch.errors import ConfigError, require

# Families known to cover simplified Chinese, best first: Debian's
# fonts-noto-cjk, then what macOS, Windows and other distributions ship.
_PREFERRED = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "Microsoft YaHei", "SimHei", "Sarasa Gothic SC",
)


@functools.cache
def cjk_font() -> str | None:
    """The family name of an installed font that draws Chinese, or None when there is none."""
    require("matplotlib", "plot")
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in _PREFERRED:
        if name in installed:
            return name
    # any other CJK family ("Noto Serif CJK SC", "Source Han Serif", ...)
    others = sorted(name for name in installed if "CJK" in name or "Source Han" in name)
    return others[0] if others else None


def plot_text(lang: str) -> tuple[str, list[str]]:
    """(language the labels can be drawn in, ``fontfamily`` list for matplotlib text).

    'zh' becomes 'en' when no CJK font is installed; DejaVu Sans stays in
    the list for the characters (arrows, Greek) a CJK font may lack.
    """
    if lang not in ("en", "zh"):
        raise ConfigError(f"unknown language {lang!r} for plot labels: choose en or zh")
    font = cjk_font() if lang == "zh" else None
    if font is None:
        return "en", ["DejaVu Sans"]
    return "zh", [font, "DejaVu Sans"]
