"""What a hidden neuron has learned: for a trained 784-30-10 digit network, the test images that
excite each hidden neuron most (largest a_i(2)), beside its weight image theta_i(2) as 28x28.

z_i(2) = theta_i(2) . x + b_i(2) is largest for images that look like the positive part of the
weight image, so the two agree; ``alignment`` measures it as the correlation between theta_i(2)
and (mean of the top images - mean of all images).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnscratch.experiments._common import forward_batch, mnist, subset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZES = [784, 30, 10]


def run(*, seed: int = 0, epochs: int = 3, n_train: int = 10_000, n_test: int = 2_000, top: int = 6,
        units: int = 10, data=None, data_dir=None, **_) -> dict:
    import nnscratch as nn

    ds = mnist(data, data_dir)
    rng = np.random.default_rng(seed)
    X, y = subset(ds.x_train, ds.y_train, n_train, rng)
    Xt, yt, test_index = subset(ds.x_test, ds.y_test, n_test, rng, with_index=True)
    net = nn.Network(SIZES, hidden="sigmoid", output="softmax", init="xavier", rng=np.random.default_rng(seed))
    nn.fit(net, X, y, "cross_entropy", nn.TrainConfig(epochs=epochs, batch_size=10, lr=0.5, momentum=0.0, seed=seed),
           x_scale=1 / 255)
    test_accuracy = nn.evaluate(net, Xt, yt, "cross_entropy", x_scale=1 / 255)["accuracy"]
    images = Xt / 255.0
    a2 = forward_batch(net, images)[1][2]                 # (n_test, 30): a(2) of every test image
    theta2 = np.asarray(net.theta[2], np.float64)         # (30, 784)
    mean_image = images.mean(axis=0)
    rows = []
    for i in range(min(units, SIZES[1])):
        best = np.argsort(-a2[:, i])[:top]
        shift = images[best].mean(axis=0) - mean_image
        rows.append({"unit": i + 1, "top_images": best.tolist(), "test_index": test_index[best].tolist(),
                     "top_labels": yt[best].tolist(),
                     "top_activations": a2[best, i].tolist(), "mean_activation": float(a2[:, i].mean()),
                     "alignment": float(np.corrcoef(theta2[i], shift)[0, 1])})
    # top_images: rows of the n_test-image sample drawn; test_index: the same images' numbers in the MNIST test set
    return {"experiment": "hidden-units", "sizes": SIZES, "epochs": epochs, "n_train": n_train, "seed": seed,
            "test_accuracy": test_accuracy, "units": rows,
            "_weights": theta2[:len(rows)], "_images": images[sorted({j for r in rows for j in r["top_images"]})],
            "_image_index": sorted({j for r in rows for j in r["top_images"]})}


def summary(result: dict, lang: str) -> str:
    from nnscratch.i18n import t

    lines = [t("experiments.hidden.title", lang, acc=f"{result['test_accuracy']:.1%}"),
             t("experiments.hidden.header", lang)]
    for r in result["units"]:
        labels = " ".join(str(v) for v in r["top_labels"])
        lines.append(f"  {r['unit']:>4}   {labels:<14} {min(r['top_activations']):.3f}   {r['mean_activation']:.3f}"
                     f"   {r['alignment']:+.2f}")
    lines.append(t("experiments.hidden.why", lang))
    return "\n".join(lines)


def plot(result: dict, lang: str = "en") -> Figure:
    from nnscratch.i18n import t
    from nnscratch.viz import _figure
    from nnscratch.viz._fonts import plot_text

    lang, family = plot_text(lang)
    units = result["units"]
    top = len(units[0]["top_images"])
    where = {j: k for k, j in enumerate(result["_image_index"])}
    fig = _figure(figsize=(1.2 * (top + 1), 1.25 * len(units) + 0.6), layout="constrained")
    axes = fig.subplots(len(units), top + 1, squeeze=False)
    for row, r in zip(axes, units, strict=False):
        w = result["_weights"][r["unit"] - 1].reshape(28, 28)
        lim = float(np.abs(w).max()) or 1.0
        row[0].imshow(w, cmap="RdBu_r", vmin=-lim, vmax=lim)
        row[0].set_ylabel(f"{r['unit']}", rotation=0, labelpad=12, fontfamily=family)
        for ax, j, act in zip(row[1:], r["top_images"], r["top_activations"], strict=False):
            ax.imshow(result["_images"][where[j]].reshape(28, 28), cmap="gray_r")
            ax.set_title(f"{act:.2f}", fontsize=7)
        for ax in row:
            ax.set_xticks([])
            ax.set_yticks([])
    axes[0][0].set_title(t("experiments.hidden.plot_weights", lang), fontsize=8, fontfamily=family)
    fig.suptitle(t("experiments.hidden.plot_title", lang), fontfamily=family)
    return fig
