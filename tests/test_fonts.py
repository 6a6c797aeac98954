"""Chinese figure labels: the CJK font is found by file, whatever matplotlib's font cache says.

A font cache built before the CJK font was installed used to make Chinese figures silently English
(issue 11 item 16). These tests rebuild that situation in a fresh MPLCONFIGDIR whose cache has had the
CJK fonts removed. They skip, never fail, on a system without any CJK font file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings

import pytest

pytest.importorskip("matplotlib")

from nnscratch.viz import _fonts

CJK = "\u4e00-\u9fff"


def _system_cjk_files():
    return _fonts.cjk_font_files(_fonts.font_dirs(), environ={})


def _needs_a_cjk_font_file():
    files = _system_cjk_files()
    if not files:
        pytest.skip("no CJK font file on this system (Debian: apt install fonts-noto-cjk)")
    return files


# ---- finding files by name (no matplotlib needed) -----------------------------------------------------


def test_cjk_font_files_are_recognised_by_name_regular_before_bold(tmp_path):
    fonts = tmp_path / "fonts"
    (fonts / "noto").mkdir(parents=True)
    (fonts / "truetype" / "wqy").mkdir(parents=True)
    for name in ("noto/NotoSansCJK-Bold.ttc", "noto/NotoSansCJK-Regular.ttc", "noto/NotoSans-Regular.ttf",
                 "truetype/wqy/wqy-zenhei.ttc", "DejaVuSans.ttf", "msyh.ttc", "readme-cjk.txt"):
        (fonts / name).write_bytes(b"")
    found = [p.relative_to(fonts).as_posix() for p in _fonts.cjk_font_files([fonts, tmp_path / "missing"], {})]
    assert found == ["msyh.ttc", "noto/NotoSansCJK-Regular.ttc", "truetype/wqy/wqy-zenhei.ttc",
                     "noto/NotoSansCJK-Bold.ttc"]


def test_the_environment_variable_names_the_first_file_and_a_missing_one_is_ignored(tmp_path):
    mine = tmp_path / "my-chinese-font.otf"
    mine.write_bytes(b"")
    assert _fonts.cjk_font_files([], {_fonts.FONT_ENV: str(mine)}) == [mine]
    assert _fonts.cjk_font_files([], {_fonts.FONT_ENV: str(tmp_path / "nope.otf")}) == []


def test_an_unreadable_font_file_is_skipped_not_raised(tmp_path):
    broken = tmp_path / "NotoSansCJK-Broken.ttc"
    broken.write_bytes(b"not a font")
    assert _fonts.register_font_files([broken]) == []


def test_the_simplified_chinese_face_is_preferred():
    assert _fonts._best({"Noto Sans CJK JP", "Noto Serif CJK SC", "Noto Sans Mono CJK SC"}) == "Noto Serif CJK SC"
    assert _fonts._best({"Noto Serif CJK SC", "Noto Sans CJK SC"}) == "Noto Sans CJK SC"   # the preferred list first
    assert _fonts._best({"Some CJK JP"}) == "Some CJK JP"


# ---- no CJK font at all: English labels, and a warning that says so in Chinese ------------------------


def test_without_any_cjk_font_zh_warns_in_chinese_and_labels_in_english(monkeypatch):
    monkeypatch.setattr(_fonts, "cjk_font", lambda: None)
    with pytest.warns(_fonts.CJKFontWarning) as caught:
        assert _fonts.plot_text("zh") == ("en", ["DejaVu Sans"])
    message = str(caught[0].message)
    assert "中文" in message and "fonts-noto-cjk" in message and _fonts.FONT_ENV in message
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _fonts.plot_text("en") == ("en", ["DejaVu Sans"])  # English asks for no CJK font: no warning


# ---- a stale font cache: built before the CJK font was installed --------------------------------------

SCRIPT = textwrap.dedent("""
    import json, os, sys, warnings
    from matplotlib import font_manager
    from matplotlib.text import Text
    from nnscratch.viz import _fonts
    from nnscratch.viz.digits import plot_learning_curves, save_figure

    mode = sys.argv[1]
    if mode != "scan":
        _fonts.font_dirs = lambda: []   # only the NNSCRATCH_CJK_FONT file, or nothing at all
    before = sorted({f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name})
    caught = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = plot_learning_curves([{"epoch": 1, "train_loss": 0.5, "train_accuracy": 0.9}], lang="zh")
        save_figure(figure, sys.argv[2])
    chinese = [t for t in figure.findobj(Text) if any("\\u4e00" <= c <= "\\u9fff" for c in t.get_text())]
    print(json.dumps({
        "before": before,
        "font": _fonts.cjk_font(),
        "chinese_texts": len(chinese),
        "families": sorted({t.get_fontfamily()[0] for t in chinese}),
        "files": sorted({os.path.basename(font_manager.findfont(t.get_fontproperties(), fallback_to_default=False))
                         for t in chinese}),
        "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
    }))
""")


@pytest.fixture
def stale_cache(tmp_path):
    """A fresh MPLCONFIGDIR whose font cache lists no CJK font, as if built before fonts-noto-cjk."""
    files = _needs_a_cjk_font_file()
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl"), "MPLBACKEND": "Agg"}
    env.pop(_fonts.FONT_ENV, None)
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    (cache,) = (tmp_path / "mpl").glob("fontlist-*.json")
    data = json.loads(cache.read_text(encoding="utf-8"))
    cjk = {os.path.realpath(p) for p in files}
    data["ttflist"] = [f for f in data["ttflist"] if os.path.realpath(f["fname"]) not in cjk
                       and "CJK" not in f["name"]]
    cache.write_text(json.dumps(data), encoding="utf-8")
    return env, files


def _run(env, mode, out):
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(out)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_cjk_font_missing_from_a_stale_cache_is_found_by_file(stale_cache, tmp_path):
    env, _ = stale_cache
    seen = _run(env, "scan", tmp_path / "zh.png")
    assert seen["before"] == []                     # matplotlib's cache alone knows no CJK font
    assert seen["font"] and "CJK" in seen["font"] or seen["font"] in _fonts._PREFERRED
    assert seen["chinese_texts"] >= 4               # title, axis labels, legend: Chinese, not English
    assert seen["families"] == [seen["font"]]
    assert not any("DejaVu" in name for name in seen["files"]), seen["files"]
    assert seen["warnings"] == []                   # no "Glyph ... missing from font", no CJKFontWarning
    assert (tmp_path / "zh.png").stat().st_size > 0


def test_the_environment_variable_alone_is_enough(stale_cache, tmp_path):
    env, files = stale_cache
    copy = tmp_path / "course-font" / files[0].name
    copy.parent.mkdir()
    copy.symlink_to(files[0])
    seen = _run({**env, _fonts.FONT_ENV: str(copy)}, "env", tmp_path / "zh.png")
    assert seen["before"] == [] and seen["font"] is not None
    assert seen["families"] == [seen["font"]] and seen["warnings"] == []
    if "CJK" in files[0].name:          # a collection: its simplified-Chinese face is the one chosen
        assert seen["font"].endswith(" SC"), seen["font"]


def test_with_no_font_file_at_all_the_figure_is_english_and_the_warning_says_why(stale_cache, tmp_path):
    env, _ = stale_cache
    seen = _run(env, "none", tmp_path / "en.png")
    assert seen["font"] is None and seen["chinese_texts"] == 0
    assert len(seen["warnings"]) == 1 and seen["warnings"][0].startswith("CJKFontWarning: ")
    assert "fonts-noto-cjk" in seen["warnings"][0] and _fonts.FONT_ENV in seen["warnings"][0]


# ---- the figures themselves --------------------------------------------------------------------------


def test_every_chinese_text_of_a_zh_figure_is_drawn_in_the_cjk_font():
    import re

    import numpy as np
    from matplotlib import font_manager
    from matplotlib.text import Text

    from nnscratch.viz import digits

    font = _fonts.cjk_font()
    if font is None:
        pytest.skip("no CJK font on this system")
    cjk_files = {os.path.realpath(p) for p in _system_cjk_files()} | {
        os.path.realpath(f.fname) for f in font_manager.fontManager.ttflist if f.name == font}
    checked = 0
    rng = np.random.default_rng(0)
    cm = rng.integers(0, 5, (10, 10)) + np.diag(rng.integers(900, 1100, 10))
    images = rng.integers(0, 256, (5, 784), dtype=np.uint8)
    history = [{"epoch": 1, "train_loss": 0.9, "train_accuracy": 0.8, "validation_loss": 0.95,
                "validation_accuracy": 0.78}]
    made = {
        "curves": digits.plot_learning_curves(history, lang="zh"),
        "evaluation": digits.plot_evaluation(cm, list("0123456789"), images, [1] * 5, [7] * 5, [0.9] * 5, lang="zh"),
        "none": digits.plot_mistakes(np.zeros((0, 784)), [], [], [], lang="zh"),
        "weights": digits.plot_first_layer_weights(rng.normal(0, 0.1, (4, 784)), lang="zh"),
    }
    for name, fig in made.items():
        for text in fig.findobj(Text):
            if re.search(f"[{CJK}]", text.get_text()):
                assert text.get_fontfamily()[0] == font, (name, text.get_text())
                path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
                assert os.path.realpath(path) in cjk_files, (name, text.get_text(), path)
                checked += 1
    assert checked >= 10
