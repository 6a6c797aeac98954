"""The course notebooks (notebooks/zh, notebooks/en): fresh, stored without outputs, and executed top to bottom.

Each notebook runs in a real Jupyter kernel (nbclient, kernel python3) in its own folder (chapter 6 with
$NNSCRATCH_DATA pointing at ../shared/data/mnist) and must print the lecture's numbers as computed
results. Per-notebook times are printed with ``pytest -s`` and recorded as test properties.
"""

from __future__ import annotations

import importlib.util
import re
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CHAPTERS = ("1-maximum-likelihood", "2-logistic-regression", "3-perceptron", "4-multilayer-networks",
            "5-backpropagation", "6-handwritten-digits")
LANGUAGES = ("zh", "en")
# The budget is two minutes per notebook on two CPU cores; they take well under 30 s.
TIME_LIMIT = 120

# The lecture's terms each Chinese notebook must use as the lecture does.
TERMS = {
    "1": ("极大似然估计", "似然函数", "概率函数", "独立同分布"),
    "2": ("逻辑回归", "梯度下降", "极大似然估计", "决策边界"),
    "3": ("感知机", "误分类点", "超平面"),
    "4": ("神经网络", "隐藏层", "激活函数", "异或"),
    "5": ("反向传播", "梯度下降", "代价函数"),
    "6": ("手写数字识别", "反向传播", "参数"),
}

# What each chapter must print: the lecture's numbers, computed in the notebook.
EXPECTED = {
    "1": [
        r"^p_hat = k/n = 0\.7$",                                     # 70 white in 100 draws -> 0.7
        r"^numerical maximum \(golden-section search\): 0\.700000$",
        r"^stationary point p = 0: L = 0\.000000 \(minimum\)$",      # p = 0, 1, 0.7; take 0.7
        r"^stationary point p = 1: L = 0\.000000 \(minimum\)$",
        r"^stationary point p = 0\.7: L = 0\.086784 \(maximum\)$",
        r"sum over k of P\(k \| n=100, p=0\.7\) = 1\.000000",
        r"^question 1: B \(likelihood function\), computed value 0\.7$",   # homework I
        r"^question 2: A \(probability function\), computed value 0\.7$",
        r"^gradient of ln L at the estimate: \(-?\d\.\de-1\d, -?\d\.\de-1\d\)$",
    ],
    "2": [
        r"^J\(w = 0\) = 138\.6294 = N ln 2 = 138\.6294",
        r"^all three forms of L\(w\) agree: True$",                   # homework II (1)
        r"^J decreased along the negative gradient at every step size: True$",  # homework II (2)
        r"^largest decrease at 0 degrees from the negative gradient",
    ],
    "3": [
        r"^the computed table matches the lecture's: True$",
        r"^perceptron model: sign\(x1 \+ x2 - 3\)$",                  # the lecture's table
        r"^ +5  M2 +\(4, 3\) +-1   4x1 \+ 3x2 - 1$",                   # homework III: M2 at iteration 5
        r"^perceptron model: sign\(2x1 \+ x2 - 5\)$",
        r"^every point classified correctly: True$",
        r"same table as the primal form: True$",
        r"^converged: False after 100 updates$",
    ],
    "4": [
        r"^accuracy without a hidden layer: 0\.5$",
        r"^predictions: \[0 1 1 0\]  targets: \[0 1 1 0\]$",
        r"^layers: \[2, 4, 2\]  test accuracy on the four points: 1\.0$",
        r"^spiral +2-16-16-2 +training accuracy (0\.9[5-9]\d|1\.000)$",
        r"^ 5 +10 +31 +32 +31$",                                     # 2^k pieces from 2k ReLUs
    ],
    "5": [
        r"^dE/dtheta_23\^\(3\) = delta_2\^\(3\) a_3\^\(2\) = ",
        r"^by hand: +\S+ +difference \d\.\de-1\d$",
        r"same as the vector form: True, as the library: True",
        r"^largest relative error: \S+  ->  OK$",
        r"^without f'\(z\^\(3\)\): relative error \S+  ->  WRONG$",
        r"^90 combinations checked$",
        r"^mean of the per-sample gradients == batch gradient: True$",
        r"^nn\.fit with optimizer='gd' gives the same parameters: True$",
    ],
    "6": [
        r"^network \[784, 30, 10\], 23,860 parameters",               # homework V
        r"^   total 23,860 parameters",
        r"^   total 1,966,420 parameters",                            # 256x256 input
        r"^check: the network we trained has 23,860 parameters$",
        r"their weights are unchanged: True$",
        r"^same outputs after loading: True$",
        r"^test accuracy (8[5-9]|9\d)\.\d\d% on 10,000 images$",
    ],
}


def _load_builder():
    spec = importlib.util.spec_from_file_location("notebooks_build", NOTEBOOKS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _path(lang, chapter) -> Path:
    return NOTEBOOKS / lang / f"{chapter}.ipynb"


# ---- the stored notebooks ---------------------------------------------------------------


def test_the_generator_reproduces_every_stored_notebook():
    builder = _load_builder()
    built = builder.build_all()
    assert sorted(built) == sorted(_path(lang, c) for lang in LANGUAGES for c in CHAPTERS)
    stale = builder.stale(built)
    assert not stale, f"stale notebooks (run python notebooks/build.py): {[str(p) for p in stale]}"


def test_a_hand_edited_or_orphaned_notebook_counts_as_stale(tmp_path, monkeypatch):
    builder = _load_builder()
    built = {tmp_path / path.relative_to(NOTEBOOKS): text for path, text in builder.build_all().items()}
    monkeypatch.setattr(builder, "HERE", tmp_path)
    for path, text in built.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert builder.stale(built) == []
    edited = next(iter(built))
    edited.write_text(built[edited].replace('"source": [', '"source": [\n    "# edited\\n",', 1), encoding="utf-8")
    orphan = tmp_path / "en" / "7-removed-chapter.ipynb"
    orphan.write_text("{}", encoding="utf-8")
    assert sorted(builder.stale(built)) == sorted([edited, orphan])


def test_the_source_format_is_checked():
    builder = _load_builder()
    cells = builder.parse("# %% [markdown] zh\n# 中文\n# %% [markdown] en\n# English\n#\n# more\n# %%\nx = 1\n\n",
                          Path("example.py"))
    assert cells == [("markdown", "zh", "中文"), ("markdown", "en", "English\n\nmore"), ("code", None, "x = 1")]
    with pytest.raises(ValueError, match="must start with '# '"):
        builder.parse("# %% [markdown] en\nprose without the comment sign\n", Path("example.py"))
    with pytest.raises(ValueError, match="empty code cell"):
        builder.parse("# %%\n\n# %%\nx = 1\n", Path("example.py"))
    with pytest.raises(ValueError, match="exactly once"):
        builder.notebook(builder.parse("# %%\nx = 1\n", Path("example.py")), "zh", Path("example.py"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_stored_notebooks_have_no_outputs(chapter, lang):
    nb = nbformat.read(_path(lang, chapter), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:80]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_both_languages_run_the_same_code(chapter):
    zh, en = (nbformat.read(_path(lang, chapter), as_version=4) for lang in LANGUAGES)
    code = {lang: [c.source for c in nb.cells if c.cell_type == "code"] for lang, nb in (("zh", zh), ("en", en))}
    assert code["zh"][0].replace('LANG = "zh"', 'LANG = "en"') == code["en"][0]
    assert code["zh"][1:] == code["en"][1:]
    prose = "\n".join(c.source for c in zh.cells if c.cell_type == "markdown")
    missing = [term for term in TERMS[chapter[0]] if term not in prose]
    assert not missing, f"the Chinese notebook does not use the lecture's terms {missing}"


def test_the_readme_links_every_notebook():
    readme = (NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        for chapter in CHAPTERS:
            assert f"]({lang}/{chapter}.ipynb)" in readme, f"{lang}/{chapter}.ipynb"


# ---- executing them -----------------------------------------------------------------------


def execute(path: Path) -> tuple[nbformat.NotebookNode, float]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('print(f"plot labels: {PLOT_LANG}")'))  # what the figures were drawn in
    client = nbclient.NotebookClient(nb, timeout=TIME_LIMIT, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - started


def outputs(nb, name: str) -> str:
    """Everything the notebook wrote to the stream ``name`` (stdout or stderr)."""
    return "".join(o.text for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs if o.output_type == "stream" and o.name == name)


def images(nb) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


# Chapter 6 trains on an MNIST subset in about 8 s on two cores, under the 10 s that would make it `slow`.
@pytest.mark.parametrize("chapter, lang", [pytest.param(c, lang, id=f"{lang}/{c}") for c in CHAPTERS
                                           for lang in LANGUAGES])
def test_notebook_runs_and_shows_the_lectures_numbers(chapter, lang, request, monkeypatch, record_property):
    if chapter.startswith("6"):  # the only one that reads MNIST (skipped, like the other MNIST tests, without it)
        monkeypatch.setenv("NNSCRATCH_DATA", str(request.getfixturevalue("mnist_dir")))
    # Inline figures whatever backend the environment asks for (MPLBACKEND=Agg would draw nothing).
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb, seconds = execute(_path(lang, chapter))
    record_property("seconds", round(seconds, 1))
    print(f"\n{lang}/{chapter}: {seconds:.1f} s")

    stdout, stderr = outputs(nb, "stdout"), outputs(nb, "stderr")
    for pattern in EXPECTED[chapter[0]]:
        assert re.search(pattern, stdout, re.MULTILINE), f"no line matching {pattern!r} in:\n{stdout}"
    assert images(nb) >= 1, "no figure rendered"
    # Chinese labels in the Chinese notebook wherever a CJK font is installed, English otherwise.
    from nnscratch.viz import cjk_font

    drawn_in = "zh" if lang == "zh" and cjk_font() is not None else "en"
    assert f"plot labels: {drawn_in}\n" in stdout
    # A label the font cannot draw would show as an empty box.
    assert not re.search(r"missing from (current )?font|does not have a glyph", stderr), stderr
    assert seconds < TIME_LIMIT
