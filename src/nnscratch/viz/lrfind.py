"""The range test's figure: loss against learning rate (log scale), with the suggested rate marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nnscratch.errors import ConfigError
from nnscratch.i18n import t
from nnscratch.viz import _figure
from nnscratch.viz._fonts import plot_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def plot_range_test(result: Any, *, lang: str = "en") -> Figure:
    """``result``: a ``lrfind.RangeTest`` or its dict."""
    lang, family = plot_text(lang)
    r = result if isinstance(result, dict) else result.to_dict()
    if not r["rates"]:
        raise ConfigError("lrfind.err.steps", param="result", steps=0)
    fig = _figure(figsize=(6.5, 4), layout="constrained")
    ax = fig.subplots()
    ax.plot(r["rates"], r["losses"], color="0.75", linewidth=0.8, label=t("lrfind.plot.batch", lang))
    ax.plot(r["rates"], r["smoothed"], color="C0", linewidth=2, label=t("lrfind.plot.smoothed", lang))
    if r["suggested"]:
        ax.axvline(r["suggested"], color="C3", linestyle="--",
                   label=t("lrfind.plot.suggested", lang, rate=r["suggested"]))
    ax.set_xscale("log")
    low, high = min(r["smoothed"]), max(r["smoothed"][: max(1, len(r["smoothed"]) // 3)])
    ax.set_ylim(low - 0.1 * (high - low + 1e-9), high + 0.5 * (high - low + 1e-9))
    ax.set_xlabel(t("lrfind.plot.rate", lang), fontfamily=family)
    ax.set_ylabel(t("lrfind.plot.loss", lang), fontfamily=family)
    ax.set_title(t("lrfind.plot.title", lang), fontfamily=family)
    ax.legend(prop={"family": family})
    ax.grid(alpha=0.3)
    return fig
