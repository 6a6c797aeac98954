"""A grid of digits, each beside randomly distorted copies: what --augment feeds the network."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnscratch.i18n import t
from nnscratch.viz import _figure
from nnscratch.viz._fonts import plot_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def plot_augmented(originals: np.ndarray, copies: np.ndarray, description: str, *, lang: str = "en") -> Figure:
    """originals (n, h, w); copies (n, k, h, w): row i shows digit i, then its k distorted copies."""
    lang, family = plot_text(lang)
    n, k = copies.shape[:2]
    fig = _figure(figsize=(1.1 * (k + 1), 1.1 * n + 0.5), layout="constrained")
    fig.suptitle(t("augment.title", lang, spec=description), fontfamily=family, fontsize=10)
    axes = np.atleast_2d(fig.subplots(n, k + 1))
    for i in range(n):
        for j in range(k + 1):
            ax = axes[i, j]
            ax.imshow(originals[i] if j == 0 else copies[i, j - 1], cmap="gray_r", interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
        if i == 0:
            axes[0, 0].set_title(t("augment.original", lang), fontfamily=family, fontsize=9)
    return fig
