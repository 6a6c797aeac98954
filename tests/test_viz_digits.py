"""The digit recogniser's figures: each one renders to a PNG, in English and Chinese, headless."""

import re
import warnings

import numpy as np
import pytest

from nnscratch.errors import ConfigError, OutputError

pytest.importorskip("matplotlib")
Image = pytest.importorskip("PIL.Image")

from nnscratch.viz import _fonts
from nnscratch.viz.digits import (
    plot_confusion_matrix,
    plot_evaluation,
    plot_first_layer_weights,
    plot_learning_curves,
    plot_mistakes,
    save_figure,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
HISTORY = [
    {"epoch": 1, "train_loss": 0.9, "train_accuracy": 0.80, "validation_loss": None, "validation_accuracy": None},
    {"epoch": 2, "train_loss": 0.5, "train_accuracy": 0.90, "validation_loss": 0.55, "validation_accuracy": 0.88},
    {"epoch": 3, "train_loss": 0.3, "train_accuracy": 0.95},
]


def figures(lang):
    rng = np.random.default_rng(0)
    cm = rng.integers(0, 5, (10, 10)) + np.diag(rng.integers(900, 1100, 10))
    images = rng.integers(0, 256, (7, 784), dtype=np.uint8)
    return {
        "curves": plot_learning_curves(HISTORY, lang=lang),
        "confusion": plot_confusion_matrix(cm, [str(i) for i in range(10)], lang=lang),
        "mistakes": plot_mistakes(images, [1] * 7, [7] * 7, rng.random(7), lang=lang),
        "mistakes28": plot_mistakes(rng.random((3, 28, 28)), [3, 5, 8], [8, 3, 0], [0.9, 0.8, 0.7], lang=lang),
        "none": plot_mistakes(np.zeros((0, 784)), [], [], [], lang=lang),
        "evaluation": plot_evaluation(cm, list("0123456789"), images[:5], [1] * 5, [7] * 5, [0.9] * 5, lang=lang),
        "weights": plot_first_layer_weights(rng.normal(0, 0.1, (12, 784)), lang=lang),
    }


def texts(fig):
    from matplotlib.text import Text

    return " ".join(t.get_text() for t in fig.findobj(Text))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_renders_to_a_png_of_its_size(tmp_path, lang):
    if lang == "zh" and _fonts.cjk_font() is None:
        pytest.skip("no CJK font on this system (Debian: apt install fonts-noto-cjk)")
    made = figures(lang)
    for name, fig in made.items():
        path = tmp_path / f"{name}.png"
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. "Glyph ... missing from font": boxes instead of text
            save_figure(fig, path)
        with Image.open(path) as im:
            assert im.format == "PNG"
            width, height = im.size
        fig_width, fig_height = fig.get_size_inches()
        dpi = width / fig_width
        assert dpi >= 72 and abs(height - fig_height * dpi) <= 1, (name, im.size)
        assert (CJK.search(texts(fig)) is not None) == (lang == "zh"), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.png" for n in made)  # no temp files


def test_chinese_falls_back_to_english_without_a_cjk_font_and_warns(monkeypatch):
    monkeypatch.setattr(_fonts, "cjk_font", lambda: None)
    with pytest.warns(_fonts.CJKFontWarning, match="fonts-noto-cjk"):
        made = figures("zh")
    for name, fig in made.items():
        assert not CJK.search(texts(fig)), name


def test_a_cjk_font_is_found_where_one_is_installed():
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not any("CJK" in name for name in installed):
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    assert _fonts.cjk_font() in installed
    assert _fonts.plot_text("zh")[0] == "zh"


def test_mistakes_are_shown_most_confident_first():
    images = np.zeros((3, 784))
    fig = plot_mistakes(images, [1, 2, 3], [7, 8, 9], [0.5, 0.9, 0.7], max_items=2)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["2 → 8 (0.90)", "3 → 9 (0.70)"]


def test_learning_curves_accept_a_history_object():
    from types import SimpleNamespace

    fig = plot_learning_curves(SimpleNamespace(epochs=HISTORY))
    assert "accuracy" in texts(fig)


@pytest.mark.parametrize("name, says", [("plot.jpg", "end in"), ("plot", "end in"), ("folder.png", "folder")])
def test_a_bad_file_name_is_refused(tmp_path, name, says):
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(OutputError, match=says):
        save_figure(plot_learning_curves(HISTORY), tmp_path / name)
    assert [p.name for p in tmp_path.iterdir()] == ["folder.png"]


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        save_figure(plot_learning_curves(HISTORY), tmp_path / "nope" / "plot.png")


@pytest.mark.parametrize("call, says", [
    (lambda: plot_learning_curves([]), "empty"),
    (lambda: plot_learning_curves([{"epoch": 1}]), "train_loss"),
    (lambda: plot_learning_curves(HISTORY, lang="fr"), "fr"),
    (lambda: plot_confusion_matrix(np.zeros((3, 4))), "square"),
    (lambda: plot_confusion_matrix(-np.ones((2, 2))), "non-negative"),
    (lambda: plot_confusion_matrix(np.ones((2, 2)), ["a"]), "class names"),
    (lambda: plot_mistakes(np.zeros((2, 784)), [1], [2, 3], [0.5, 0.5]), "one of each"),
    (lambda: plot_mistakes(np.zeros((1, 780)), [1], [2], [0.5]), "square"),
    (lambda: plot_mistakes(np.zeros((1, 784)), [1], [2], [0.5], max_items=0), "max_items"),
    (lambda: plot_first_layer_weights(np.zeros((0, 784))), "at least one"),
    (lambda: plot_first_layer_weights(np.full((2, 784), np.nan)), "NaN"),
    (lambda: plot_first_layer_weights(np.zeros((2, 784), dtype=object)), "numbers"),
    (lambda: plot_mistakes(np.zeros((1, 2, 3)), [1], [2], [0.5]), "shape"),
    (lambda: plot_confusion_matrix(np.array([[1, np.inf], [0, 1]])), "inf"),
])
def test_bad_arguments_are_refused(call, says):
    with pytest.raises(ConfigError, match=says) as caught:
        call()
    # a catalog key, so the CLI and the web lab can say it in Chinese
    assert caught.value.key.startswith("viz.err.")
    assert CJK.search(caught.value.message("zh")), caught.value.message("zh")


def test_importing_the_module_loads_no_matplotlib():
    import subprocess
    import sys

    code = "import sys, nnscratch.viz.digits; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_perceptron_plot_refuses_points_that_are_not_2d():
    from nnscratch.viz.chapters import perceptron_figure

    with pytest.raises(ConfigError, match="3 dimensions") as caught:
        perceptron_figure(np.zeros((2, 3)), [1, -1], ["A", "B"], [])
    assert "二维" in caught.value.message("zh")
