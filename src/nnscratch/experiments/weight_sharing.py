"""Weight sharing (homework V made concrete): a small convolution layer beside the multilayer networks.

A dense layer gives every (input pixel, output neuron) pair its own weight: 784-30-10 has 23,860
parameters, 784-256-128-10 has 235,146, and an image of 256x256 multiplies the first layer's count
by 83. A convolution layer slides the same few filters over the whole image: 8 filters of 5x5 are
8 * (25 + 1) = 208 parameters for 8 x 24 x 24 = 4,608 outputs, where a dense layer with as many
outputs would need 784 * 4,608 + 4,608 = 3,617,280. Each model is trained on the same images for
the same number of epochs (or, with ``seconds``, for the same wall-clock time) and tested.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np

from nnscratch.experiments._common import mnist, subset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MLPS = ([784, 30, 10], [784, 256, 128, 10])


def _dense_count(sizes) -> int:
    from nnscratch.exercises.reference import count_parameters

    return count_parameters(sizes)


def parameter_counts(filters: int = 8, r: int = 5, image: int = 28) -> dict:
    """Parameters of the convolution network and of the two dense networks, without training anything."""
    side = image - r + 1
    conv_layer = filters * (r * r + 1)
    outputs = filters * side * side
    return {"conv": conv_layer + (side // 2) ** 2 * filters * 10 + 10, "conv_layer": conv_layer,
            "conv_outputs": outputs, "dense_equivalent": image * image * outputs + outputs,
            **{"-".join(map(str, sizes)): _dense_count(sizes) for sizes in MLPS},
            "65536-30-10": _dense_count([256 * 256, 30, 10])}


def _train_for(step, epochs: int, seconds: float | None) -> tuple[int, float]:
    """Call ``step(epoch)`` for ``epochs`` epochs, or until ``seconds`` have passed (at least one epoch)."""
    started, done = time.perf_counter(), 0
    while True:
        step(done)
        done += 1
        spent = time.perf_counter() - started
        if (seconds is None and done >= epochs) or (seconds is not None and spent >= seconds):
            return done, spent


def run(*, seed: int = 0, epochs: int = 2, seconds: float | None = None, n_train: int = 5_000, n_test: int = 2_000,
        filters: int = 8, data=None, data_dir=None, **_) -> dict:
    import nnscratch as nn
    from nnscratch.experiments.conv import ConvNet, train

    ds = mnist(data, data_dir)
    rng = np.random.default_rng(seed)
    X, y = subset(ds.x_train, ds.y_train, n_train, rng)
    Xt, yt = subset(ds.x_test, ds.y_test, n_test, rng)
    models = []

    conv = ConvNet(filters, 5, rng=np.random.default_rng(seed))
    images, test_images = X.reshape(-1, 28, 28) / 255.0, Xt.reshape(-1, 28, 28) / 255.0
    done, spent = _train_for(lambda e: train(conv, images, y, epochs=1, lr=0.1, batch_size=20,
                                             rng=np.random.default_rng(seed + e)), epochs, seconds)
    counts = parameter_counts(filters)
    assert counts["conv"] == conv.n_parameters
    models.append({"model": f"conv {filters}x5x5 -> pool -> 10", "parameters": conv.n_parameters,
                   "conv_layer_parameters": counts["conv_layer"], "conv_outputs": counts["conv_outputs"],
                   "dense_equivalent": counts["dense_equivalent"],
                   "epochs": done, "seconds": spent, "test_accuracy": float(np.mean(conv.predict(test_images) == yt))})

    for sizes in MLPS:
        net = nn.Network(sizes, hidden="sigmoid", output="softmax", init="xavier", rng=np.random.default_rng(seed))

        def step(e, net=net):
            nn.fit(net, X, y, "cross_entropy", nn.TrainConfig(epochs=1, batch_size=20, lr=0.5, momentum=0.0,
                                                              seed=seed + e), x_scale=1 / 255)
        done, spent = _train_for(step, epochs, seconds)
        acc = nn.evaluate(net, Xt, yt, "cross_entropy", x_scale=1 / 255)["accuracy"]
        models.append({"model": "-".join(map(str, sizes)), "parameters": _dense_count(sizes), "epochs": done,
                       "seconds": spent, "test_accuracy": acc})
    return {"experiment": "weight-sharing", "n_train": n_train, "n_test": n_test, "seed": seed,
            "budget": {"seconds": seconds} if seconds else {"epochs": epochs}, "models": models,
            # at 256x256 the dense network's first layer grows with the pixels; the filters do not
            "at_256x256": {"65536-30-10": counts["65536-30-10"], "conv_layer": counts["conv_layer"]}}


def summary(result: dict, lang: str) -> str:
    from nnscratch.i18n import t

    budget = result["budget"]
    how = (t("experiments.ws.same_time", lang, seconds=budget["seconds"]) if "seconds" in budget
           else t("experiments.ws.same_epochs", lang, epochs=budget["epochs"]))
    lines = [t("experiments.ws.title", lang, n=result["n_train"], how=how), t("experiments.ws.header", lang)]
    for m in result["models"]:
        lines.append(f"  {m['model']:<24} {m['parameters']:>9,} {m['test_accuracy']:>8.1%} {m['seconds']:>7.1f} s")
    conv = result["models"][0]
    lines.append(t("experiments.ws.shared", lang, k=conv["conv_layer_parameters"], outputs=f"{conv['conv_outputs']:,}",
                   dense=f"{conv['dense_equivalent']:,}"))
    lines.append(t("experiments.ws.why", lang))
    return "\n".join(lines)


def plot(result: dict, lang: str = "en") -> Figure:
    from nnscratch.i18n import t
    from nnscratch.viz import _figure
    from nnscratch.viz._fonts import plot_text

    lang, family = plot_text(lang)
    fig = _figure(figsize=(10, 4), layout="constrained")
    ax_p, ax_a = fig.subplots(1, 2)
    names = [m["model"] for m in result["models"]]
    from matplotlib.ticker import NullFormatter

    counts = [m["parameters"] for m in result["models"]]
    ax_p.barh(names, counts, color=["C2", "C0", "C1"])
    ax_p.set_xscale("log")
    ax_p.set_xlim(1e3, 1e7)
    ax_p.xaxis.set_minor_formatter(NullFormatter())   # decades only: the minor labels overlap
    for y, count in enumerate(counts):
        ax_p.text(count * 1.15, y, f"{count:,}", va="center", fontsize=8)
    ax_p.set_xlabel(t("experiments.ws.plot_params", lang), fontfamily=family)
    accuracies = [m["test_accuracy"] for m in result["models"]]
    ax_a.barh(names, accuracies, color=["C2", "C0", "C1"])
    for y, acc in enumerate(accuracies):
        ax_a.text(max(acc, 0.5) + 0.005, y, f"{acc:.1%}", va="center", fontsize=8)
    ax_a.set_xlim(0.5, 1.0)
    ax_a.set_xlabel(t("experiments.ws.plot_accuracy", lang), fontfamily=family)
    ax_a.set_yticks([])
    for ax in (ax_p, ax_a):
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(t("experiments.ws.plot_title", lang), fontfamily=family)
    return fig
