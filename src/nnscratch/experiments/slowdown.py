"""Learning slowdown: the quadratic cost against cross-entropy from saturated sigmoid outputs.

With E = 1/2 ||y - a(L)||^2 the output error is delta(L) = -(y - a(L)) * f'(z(L)); when the
output neuron is saturated (a(L) close to 0 or 1) f'(z(L)) is close to 0, so delta(L) and every
gradient behind it are tiny however wrong the output is, and learning stalls. With cross-entropy
the f'(z) cancels: delta(L) = a(L) - y, large exactly when the output is wrong.

The experiment: a 2-8-1 sigmoid network on two Gaussian clouds (a toy set, no download), started
from the same saturated state for both costs -- output weights 0 and output bias +6, so every
output is a(L) = sigmoid(6) = 0.9975 and half the points are wrong -- trained by SGD with the
same learning rate; it reports the epoch at which each reaches 90% validation accuracy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnscratch.experiments._common import first_epoch_reaching

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LEVEL = 0.9
SATURATION_BIAS = 6.0


def run(*, seed: int = 0, epochs: int = 60, lr: float = 0.5, n: int = 400, **_) -> dict:
    import nnscratch as nn
    from nnscratch.data import make_toy
    from nnscratch.exercises.reference import sigmoid, sigmoid_prime

    X, y = make_toy("gaussians", n, 0.6, rng=seed)
    Xv, yv = make_toy("gaussians", n, 0.6, rng=seed + 1)
    start = nn.Network([2, 8, 1], hidden="sigmoid", output="sigmoid", init="xavier",
                       rng=np.random.default_rng(seed), dtype=np.float64)
    start.theta[3][...] = 0.0                 # the saturated start: z(L) = b(L) = 6 for every input
    start.b[3][...] = SATURATION_BIAS
    z_L = SATURATION_BIAS
    runs = {}
    for loss in ("quadratic", "cross_entropy"):
        net = start.copy()
        history = nn.fit(net, X, y, loss, nn.TrainConfig(epochs=epochs, batch_size=10, lr=lr, momentum=0.0, seed=seed),
                         validation=(Xv, yv))
        runs[loss] = {
            "epochs_to_90": first_epoch_reaching(history, "validation_accuracy", LEVEL),
            "validation_accuracy": [r["validation_accuracy"] for r in history.epochs],
            "train_loss": [r["train_loss"] for r in history.epochs],
        }
    q, c = runs["quadratic"]["epochs_to_90"], runs["cross_entropy"]["epochs_to_90"]
    a = float(sigmoid(z_L))
    return {
        "experiment": "slowdown", "sizes": [2, 8, 1], "epochs": epochs, "lr": lr, "level": LEVEL, "seed": seed,
        "start": {"z_L": z_L, "a_L": a, "fprime_z_L": float(sigmoid_prime(z_L)),
                  # |delta(L)| for a point with y = 0 at the start, under each cost
                  "delta_quadratic": a * float(sigmoid_prime(z_L)), "delta_cross_entropy": a},
        "runs": runs,
        "speedup": (q / c) if q and c else None,
    }


def summary(result: dict, lang: str) -> str:
    from nnscratch.i18n import t

    s, runs = result["start"], result["runs"]
    lines = [t("experiments.slowdown.title", lang),
             t("experiments.slowdown.start", lang, a=f"{s['a_L']:.4f}", fp=f"{s['fprime_z_L']:.4f}",
               dq=f"{s['delta_quadratic']:.4f}", dc=f"{s['delta_cross_entropy']:.4f}")]
    for loss in ("quadratic", "cross_entropy"):
        r = runs[loss]
        reached = (t("experiments.slowdown.reached", lang, epoch=r["epochs_to_90"]) if r["epochs_to_90"]
                   else t("experiments.slowdown.not_reached", lang, epochs=result["epochs"]))
        lines.append(f"  {t(f'experiments.loss.{loss}', lang)}: {reached}; "
                     f"{t('experiments.final_accuracy', lang)} {r['validation_accuracy'][-1]:.1%}")
    if result["speedup"]:
        lines.append(t("experiments.slowdown.speedup", lang, x=f"{result['speedup']:.1f}"))
    lines.append(t("experiments.slowdown.why", lang))
    return "\n".join(lines)


def plot(result: dict, lang: str = "en") -> Figure:
    from nnscratch.i18n import t
    from nnscratch.viz import _figure
    from nnscratch.viz._fonts import plot_text

    lang, family = plot_text(lang)
    fig = _figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    for loss, style in (("quadratic", "o-"), ("cross_entropy", "s-")):
        acc = result["runs"][loss]["validation_accuracy"]
        ax.plot(range(1, len(acc) + 1), acc, style, markersize=3, label=t(f"experiments.loss.{loss}", lang))
    ax.axhline(result["level"], color="grey", linestyle="--", linewidth=1)
    ax.set_xlabel(t("viz.epoch", lang), fontfamily=family)
    ax.set_ylabel(t("experiments.plot.validation_accuracy", lang), fontfamily=family)
    ax.set_title(t("experiments.slowdown.plot_title", lang), fontfamily=family)
    ax.legend(prop={"family": family})
    ax.grid(alpha=0.3)
    return fig
