"""Overfitting: train 784-30-10 on 1,000 MNIST images and watch the train/validation gap;
then the same run with L2 weight decay, with early stopping, and with dropout.

L2 weight decay adds lambda/2 ||theta||^2 to the cost, so every step also shrinks theta by
lr * lambda * theta; early stopping keeps the parameters of the epoch with the best validation
loss; dropout drops each hidden neuron with probability p during training (inverted dropout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnscratch.experiments._common import mnist, pad, subset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZES = [784, 30, 10]
WEIGHT_DECAY = 1e-3
PATIENCE = 8
DROPOUT = 0.2


def run(*, seed: int = 0, epochs: int = 40, n_train: int = 1000, n_validation: int = 1000,
        patience: int = PATIENCE, data=None, data_dir=None, **_) -> dict:
    import nnscratch as nn

    ds = mnist(data, data_dir)
    rng = np.random.default_rng(seed)
    X, y = subset(ds.x_train, ds.y_train, n_train + n_validation, rng)
    X, y, Xv, yv = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
    variants: dict[str, dict] = {"none": {}, "l2": {"weight_decay": WEIGHT_DECAY},
                                 "early_stopping": {"patience": patience}, "dropout": {"dropout": DROPOUT}}
    runs = {}
    for name, extra in variants.items():
        net = nn.Network(SIZES, hidden="sigmoid", output="softmax", init="normal", rng=np.random.default_rng(seed))
        config = nn.TrainConfig(epochs=epochs, batch_size=10, lr=0.5, momentum=0.0, seed=seed, **extra)
        history = nn.fit(net, X, y, "cross_entropy", config, validation=(Xv, yv), x_scale=1 / 255)
        train = nn.evaluate(net, X, y, "cross_entropy", x_scale=1 / 255)
        val = nn.evaluate(net, Xv, yv, "cross_entropy", x_scale=1 / 255)
        runs[name] = {"train_accuracy": train["accuracy"], "validation_accuracy": val["accuracy"],
                      "gap": train["accuracy"] - val["accuracy"], "epochs_run": len(history.epochs),
                      "best_epoch": history.best_epoch, "stopped_early": history.stopped_early,
                      "curve": {"train_loss": [r["train_loss"] for r in history.epochs],
                                "validation_loss": [r["validation_loss"] for r in history.epochs],
                                "validation_accuracy": [r["validation_accuracy"] for r in history.epochs]},
                      "settings": extra}
    return {"experiment": "overfit", "sizes": SIZES, "n_train": n_train, "n_validation": n_validation,
            "epochs": epochs, "seed": seed, "runs": runs}


def summary(result: dict, lang: str) -> str:
    from nnscratch.i18n import t

    lines = [t("experiments.overfit.title", lang, n=result["n_train"], epochs=result["epochs"]),
             t("experiments.overfit.header", lang)]
    for name, r in result["runs"].items():
        lines.append(f"  {pad(t(f'experiments.overfit.{name}', lang), 20)} {r['train_accuracy']:>7.1%} "
                     f"{r['validation_accuracy']:>7.1%} {r['gap']:>7.1%}   {r['epochs_run']}")
    lines.append(t("experiments.overfit.why", lang))
    lines.append(t("experiments.overfit.why_dropout", lang, p=result["runs"]["dropout"]["settings"]["dropout"]))
    return "\n".join(lines)


def plot(result: dict, lang: str = "en") -> Figure:
    from nnscratch.i18n import t
    from nnscratch.viz import _figure
    from nnscratch.viz._fonts import plot_text

    lang, family = plot_text(lang)
    fig = _figure(figsize=(11, 4), layout="constrained")
    ax_loss, ax_acc = fig.subplots(1, 2)
    for name, r in result["runs"].items():
        c = r["curve"]
        label = t(f"experiments.overfit.{name}", lang)
        epochs = range(1, len(c["train_loss"]) + 1)
        line, = ax_loss.plot(epochs, c["validation_loss"], "-", label=label)
        ax_loss.plot(epochs, c["train_loss"], ":", color=line.get_color())
        ax_acc.plot(epochs, c["validation_accuracy"], "-", color=line.get_color(), label=label)
        if r["stopped_early"]:  # the epoch whose parameters early stopping kept
            for ax in (ax_loss, ax_acc):
                ax.axvline(r["best_epoch"], color=line.get_color(), linestyle=":", linewidth=1)
    ax_loss.set_xlabel(t("viz.epoch", lang), fontfamily=family)
    ax_loss.set_ylabel(t("experiments.overfit.plot_loss", lang), fontfamily=family)
    ax_acc.set_xlabel(t("viz.epoch", lang), fontfamily=family)
    ax_acc.set_ylabel(t("experiments.plot.validation_accuracy", lang), fontfamily=family)
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
        ax.legend(prop={"family": family, "size": 8})
    fig.suptitle(t("experiments.overfit.plot_title", lang, n=result["n_train"]), fontfamily=family)
    return fig
