"""Initialisation: the lecture's N(0, 1) against Xavier and He on a deep sigmoid or ReLU network.

At initialisation, on a batch of MNIST images, it measures per hidden layer l the saturated
fraction (sigmoid: |z(l)| > 4, where f'(z) < 0.02; ReLU: z(l) <= 0, where f'(z) = 0) and the
norm of the gradient dE/dtheta(l), computed with the lecture's four lines. Since
delta(l) = (theta(l+1)^T delta(l+1)) * f'(z(l)) multiplies by f'(z) <= 1/4 at every sigmoid
layer, the gradient shrinks towards the input (vanishing gradients); with N(0, 1) weights and
ReLU it grows instead (exploding). Then each network is trained for a few epochs (learning curves).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from nnscratch.experiments._common import layer_gradients, mnist, one_hot, subset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZES = [784, 32, 32, 32, 32, 10]
SETUPS = (("sigmoid", "normal"), ("sigmoid", "xavier"), ("sigmoid", "he"),
          ("relu", "normal"), ("relu", "xavier"), ("relu", "he"))
SATURATED_Z = 4.0   # sigmoid'(4) = 0.018, 7% of its largest value 1/4


def run(*, seed: int = 0, epochs: int = 5, n_train: int = 1000, n_validation: int = 1000, data=None,
        data_dir=None, **_) -> dict:
    import nnscratch as nn
    from nnscratch.errors import DivergenceError

    ds = mnist(data, data_dir)
    rng = np.random.default_rng(seed)
    X, y = subset(ds.x_train, ds.y_train, n_train + n_validation, rng)
    X, y, Xv, yv = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
    probe = Xv[:500] / 255.0
    runs = []
    for hidden, init in SETUPS:
        net = nn.Network(SIZES, hidden=hidden, output="softmax", init=init, rng=np.random.default_rng(seed),
                         dtype=np.float64)
        grads, z, _ = layer_gradients(net, probe, one_hot(yv[:500], 10))
        hidden_layers = range(2, net.L)
        if hidden == "sigmoid":
            saturated = [float(np.mean(np.abs(z[l]) > SATURATED_Z)) for l in hidden_layers]
        else:
            saturated = [float(np.mean(z[l] <= 0)) for l in hidden_layers]
        record: dict[str, Any] = {"hidden": hidden, "init": init, "saturated": saturated,
                                  "grad_norm": [float(np.linalg.norm(grads[l])) for l in range(2, net.L + 1)],
                                  "validation_accuracy": [], "diverged": None}
        try:
            history = nn.fit(net, X, y, "cross_entropy",
                             nn.TrainConfig(epochs=epochs, batch_size=20, lr=0.1, momentum=0.9, seed=seed),
                             validation=(Xv, yv), x_scale=1 / 255)
            record["validation_accuracy"] = [r["validation_accuracy"] for r in history.epochs]
        except DivergenceError as exc:
            record["diverged"] = exc.epoch
        runs.append(record)
    return {"experiment": "init", "sizes": SIZES, "epochs": epochs, "n_train": n_train, "seed": seed, "runs": runs}


def find(result: dict, hidden: str, init: str) -> dict:
    return next(r for r in result["runs"] if r["hidden"] == hidden and r["init"] == init)


def summary(result: dict, lang: str) -> str:
    from nnscratch.i18n import t

    lines = [t("experiments.init.title", lang, sizes="-".join(map(str, result["sizes"]))),
             t("experiments.init.header", lang)]
    for r in result["runs"]:
        sat = " ".join(f"{s:.2f}" for s in r["saturated"])
        norms = " ".join(f"{g:.2g}" for g in r["grad_norm"])
        if r["diverged"]:
            acc = t("experiments.init.diverged", lang, epoch=r["diverged"])
        else:
            acc = f"{r['validation_accuracy'][-1]:.1%}"
        setup = f"{r['hidden']}/{r['init']}"   # one token: names, not an English phrase
        lines.append(f"  {setup:<16} {sat:<24} {norms:<34} {acc}")
    lines.append(t("experiments.init.why", lang))
    return "\n".join(lines)


def plot(result: dict, lang: str = "en") -> Figure:
    from nnscratch.i18n import t
    from nnscratch.viz import _figure
    from nnscratch.viz._fonts import plot_text

    lang, family = plot_text(lang)
    fig = _figure(figsize=(13, 4), layout="constrained")
    ax_sat, ax_grad, ax_acc = fig.subplots(1, 3)
    from matplotlib.ticker import MaxNLocator

    for k, r in enumerate(result["runs"]):
        label = f"{r['hidden']} / {r['init']}"
        style = dict(color=f"C{k}", linestyle="-" if r["hidden"] == "relu" else "--", marker="o", markersize=3)
        ax_sat.plot(range(2, 2 + len(r["saturated"])), r["saturated"], label=label, **style)
        ax_grad.semilogy(range(2, 2 + len(r["grad_norm"])), r["grad_norm"], label=label, **style)
        if r["validation_accuracy"]:  # a diverged run has no curve
            acc = r["validation_accuracy"]
            ax_acc.plot(range(1, len(acc) + 1), acc, label=label, **style)
    ax_sat.set_xlabel(t("experiments.plot.layer", lang), fontfamily=family)
    ax_sat.set_ylabel(t("experiments.init.plot_saturated", lang), fontfamily=family)
    ax_grad.set_xlabel(t("experiments.plot.layer", lang), fontfamily=family)
    ax_grad.set_ylabel(t("experiments.init.plot_grad", lang), fontfamily=family)
    ax_acc.set_xlabel(t("viz.epoch", lang), fontfamily=family)
    ax_acc.set_ylabel(t("experiments.plot.validation_accuracy", lang), fontfamily=family)
    for ax in (ax_sat, ax_grad, ax_acc):
        ax.grid(alpha=0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_grad.legend(prop={"family": family, "size": 7})
    fig.suptitle(t("experiments.init.plot_title", lang), fontfamily=family)
    return fig
