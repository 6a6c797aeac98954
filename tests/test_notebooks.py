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
            "5-backpropagation", "6-handwritten-digits", "7-exercises-and-experiments")
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
    "7": ("反向传播", "代价函数", "梯度下降", "隐藏层"),
}

# What each chapter must print: the lecture's numbers, computed in the notebook, in each notebook's language.
EXPECTED = {
    "en": {
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
            r"^θ\(2\) = \[\[-?\d+\.\d\d?, ",                              # formatted, no float32 noise
            r"^layers: \[2, 4, 2\]  test accuracy on the four points: 1\.0$",
            r"^spiral +2-16-16-2 +training accuracy (0\.9[5-9]\d|1\.000)$",
            r"^ 5 +10 +31 +32 +31$",                                     # 2^k pieces from 2k ReLUs
        ],
        "5": [
            r"^∂E/∂θ_23\^\(3\) = δ_2\^\(3\) a_3\^\(2\) = ",
            r"^by hand: +\S+ +difference \d\.\de-1\d$",
            r"same as the vector form: True, as the library: True",
            r"^largest relative error: \S+  ->  OK$",
            r"^without f'\(z\^\(3\)\): relative error \S+  ->  WRONG$",
            r"^\d+ combinations checked$",
            r"^mean of the per-sample gradients == batch gradient: True$",
            r"^nn\.fit with optimizer='gd' gives the same parameters: True$",
            r"^θ rate 2, b rate 8: E_total = \S+ after 50 steps, same as by hand: True$",   # the lecture's note (2)
        ],
        "6": [
            r"^network \[784, 30, 10\], 23,860 parameters",               # homework V
            r"^   total 23,860 parameters",
            r"^   total 1,966,420 parameters",                            # 256x256 input
            r"^check: the network we trained has 23,860 parameters$",
            r"their weights are unchanged: True$",
            r"^same outputs after loading: True$",
            r"^test accuracy (8[5-9]|9\d)\.\d\d% on 10,000 images$",
            r"^ratio of the times \d+\.\d, (larger|smaller) than the parameter ratio 82\.4",
        ],
        "7": [
            r"^✗ delta_hidden: case 1 of \d+ is wrong \(delta\)\.$",       # a typical mistake, caught
            r"^  hint: missing f'\(z\(l\)\)",
            r"^cross-entropy reached 90% at least 3x sooner: True$",
            r"^L2 weight decay narrows the train/validation gap: True$",
            r"^parameters: conv 8x5x5 -> pool -> 10 11,738 · 784-30-10 23,860 · 784-256-128-10 235,146$",
            r"^12 of 12 answers pass$",
            r"^count_parameters\(\[784, 30, 10\]\) = 23,860$",
        ],
    },
    "zh": {
        "1": [
            r"^p_hat = k/n = 0\.7$",
            r"^数值求得的最大值点（黄金分割搜索）：0\.700000$",
            r"^驻点 p = 0：L = 0\.000000（极小值）$",
            r"^驻点 p = 1：L = 0\.000000（极小值）$",
            r"^驻点 p = 0\.7：L = 0\.086784（极大值）$",
            r"P\(k \| n=100, p=0\.7\) 对所有 k 求和 = 1\.000000",
            r"^第 1 题：B（似然函数），计算结果 0\.7$",
            r"^第 2 题：A（概率函数），计算结果 0\.7$",
            r"^估计值处 ln L 的梯度：\(-?\d\.\de-1\d, -?\d\.\de-1\d\)$",
        ],
        "2": [
            r"^J\(w = 0\) = 138\.6294 = N ln 2 = 138\.6294",
            r"^L\(w\) 的三种写法数值相等：True$",
            r"^每个步长下，沿负梯度走一步后 J 都下降了：True$",
            r"^与负梯度夹角 φ = 0 度时 J 下降最多",
        ],
        "3": [
            r"^算出的表格与课程的表格一致：True$",
            r"^感知机模型：sign\(x1 \+ x2 - 3\)$",
            r"^ +5  M2 +\(4, 3\) +-1   4x1 \+ 3x2 - 1$",
            r"^感知机模型：sign\(2x1 \+ x2 - 5\)$",
            r"^所有点都分类正确：True$",
            r"与原始形式的表格相同：True$",
            r"^更新 100 次后是否收敛：False$",
        ],
        "4": [
            r"^没有隐藏层时的准确率：0\.5$",
            r"^预测：\[0 1 1 0\]  目标：\[0 1 1 0\]$",
            r"^θ\(2\) = \[\[-?\d+\.\d\d?, ",
            r"^各层：\[2, 4, 2\]  四个点上的测试准确率：1\.0$",
            r"^spiral +2-16-16-2 +训练准确率 (0\.9[5-9]\d|1\.000)$",
            r"^ 5 +10 +31 +32 +31$",
        ],
        "5": [
            r"^∂E/∂θ_23\^\(3\) = δ_2\^\(3\) a_3\^\(2\) = ",
            r"^手算： +\S+ +相差 \d\.\de-1\d$",
            r"与向量形式相同：True，与库函数相同：True",
            r"^最大相对误差：\S+  ->  通过$",
            r"^漏掉 f'\(z\^\(3\)\) 时：相对误差 \S+  ->  错误$",
            r"^共检查了 \d+ 种组合$",
            r"^逐个样本梯度的平均 == 批量梯度：True$",
            r"^nn\.fit\(optimizer='gd'\) 得到相同的参数：True$",
            r"^θ 的学习率 2，b 的学习率 8：50 步后 E_total = \S+，与手写更新相同：True$",
        ],
        "6": [
            r"^网络 \[784, 30, 10\]，23,860 个参数",
            r"^   共 23,860 个参数",
            r"^   共 1,966,420 个参数",
            r"^核对：我们训练的网络有 23,860 个参数$",
            r"它们的权重没有变化：True$",
            r"^读回后输出相同：True$",
            r"^在 10,000 张测试图片上的准确率为 (8[5-9]|9\d)\.\d\d%$",
            r"^时间之比 \d+\.\d，比参数之比 82\.4 (还大|小)",
        ],
        "7": [
            r"^✗ delta_hidden：第 1 个测试用例（共 \d+ 个）结果错误（delta）。$",
            r"^  提示： 漏掉了 f'\(z\(l\)\)",
            r"^交叉熵达到 90% 至少快 3 倍：True$",
            r"^L2 权重衰减缩小了训练集与验证集之差：True$",
            r"^参数个数：conv 8x5x5 -> pool -> 10 11,738 · 784-30-10 23,860 · 784-256-128-10 235,146$",
            r"^12 个答案中 12 个通过$",
            r"^count_parameters\(\[784, 30, 10\]\) = 23,860$",
        ],
    },
}


# ---- English in the Chinese notebooks --------------------------------------------------------------
# A Chinese student should meet no English sentence they did not ask for. Allowed: names, numbers,
# formulas, flags, paths, code and single technical words (sigmoid, float32, MiB, ...). Two or more
# English words in a row (outside quotes, code-like tokens and "$ command" lines) count as a sentence.
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
# Proper names of two words, which stay as they are in Chinese text.
_NAMES = re.compile(r"matplotlib Figure|Noto Sans CJK|Noto Serif CJK|Source Han Sans|Jupyter Lab|VS Code")
_CODE_TOKEN = re.compile(r"^-|[_/=.\[\]{}<>\\^|0-9]")
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ \t(),:;!?\-]+[A-Za-z]{2,})+")


def english_sentences(text: str) -> list[str]:
    """The runs of two or more English words in ``text``, after names, code and numbers are set aside."""
    found = []
    for line in _NAMES.sub(" | ", _QUOTED.sub(" | ", text)).splitlines():
        if line.startswith("$ "):  # a command line, shown as typed
            continue
        kept = " ".join("|" if _CODE_TOKEN.search(token) else token for token in line.split())
        found += [m.group(0) for m in _ENGLISH_RUN.finditer(kept)]
    return found


def code_comments(source: str) -> list[str]:
    """The text of every comment in a code cell."""
    import io
    import tokenize

    return [tok.string.lstrip("#").strip() for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT]


def test_the_english_detector_finds_sentences_and_allows_names_numbers_and_formulas():
    for english in ("question 1: B (likelihood function)", "perceptron model: sign(x1 + x2 - 3)",
                    "most frequent confusion: 5 taken for 3", "感知机 converged after 7 updates"):
        assert english_sentences(english), english
    for fine in ("第 1 题：B（似然函数），计算结果 0.7", "感知机模型：sign(x1 + x2 - 3)", "p_hat = k/n = 0.7",
                 "数据文件夹：/work/shared/data/mnist", "$ nnscratch params 784,30,10 --input 256x256 --lang zh",
                 "预设 'lecture'：{'init': 'normal', 'optimizer': 'sgd'}", "sigmoid  训练 150 轮后损失 0.696",
                 "J(w = 0) = 138.6294 = N ln 2", "nn.fit(optimizer='gd') 得到相同的参数：True",
                 "Network(sizes=[3, 4, 2], hidden='sigmoid', output='sigmoid', dtype=float64)",
                 "float32：最大相对误差 1.8e-03（eps = 0.001）", "0 xor 1 = 1",
                 "把画好的图（matplotlib Figure）显示在笔记本里"):
        assert english_sentences(fine) == [], fine


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chinese_notebooks_comment_their_code_in_chinese(chapter):
    nb = nbformat.read(_path("zh", chapter), as_version=4)
    english = [(comment, english_sentences(comment)) for cell in nb.cells if cell.cell_type == "code"
               for comment in code_comments(cell.source) if english_sentences(comment)]
    assert not english, f"English comments in zh/{chapter}: {english}"
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert '"""' not in code, "docstrings are not translated: write a bilingual comment instead"


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
    # comments are written in both languages and kept in the notebook's own
    code = 'x = 1  # zh: 一 # en: one\n    # zh: 整行注释\n    # en: a whole line\ny = 2  # (m, 1)'
    assert builder.translate_comments(code, "zh") == 'x = 1  # 一\n    # 整行注释\ny = 2  # (m, 1)'
    assert builder.translate_comments(code, "en") == 'x = 1  # one\n    # a whole line\ny = 2  # (m, 1)'
    with pytest.raises(ValueError, match="followed by its '# en:' line"):
        builder.translate_comments("# zh: 只有中文\nx = 1", "en")
    with pytest.raises(ValueError, match="followed by its '# en:' line"):
        builder.translate_comments("# en: English first\n# zh: 中文", "zh")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_stored_notebooks_have_no_outputs(chapter, lang):
    nb = nbformat.read(_path(lang, chapter), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:80]


def _without_comments(source: str) -> str:
    """``source`` with its comments removed (they are in the notebook's language) and trailing blanks trimmed."""
    import io
    import tokenize

    tokens = [tok for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type != tokenize.COMMENT]
    return "\n".join(line.rstrip() for line in tokenize.untokenize(tokens).splitlines())


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_both_languages_run_the_same_code(chapter):
    zh, en = (nbformat.read(_path(lang, chapter), as_version=4) for lang in LANGUAGES)
    code = {lang: [_without_comments(c.source) for c in nb.cells if c.cell_type == "code"]
            for lang, nb in (("zh", zh), ("en", en))}
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


def _code_cells(nb, skip_last=False):
    cells = [c for c in nb.cells if c.cell_type == "code"]
    return cells[:-1] if skip_last else cells


def outputs(nb, name: str, skip_last: bool = False) -> str:
    """Everything the notebook wrote to the stream ``name`` (stdout or stderr)."""
    return "".join(o.text for c in _code_cells(nb, skip_last)
                   for o in c.outputs if o.output_type == "stream" and o.name == name)


def results(nb) -> str:
    """The plain-text results a reader sees (those of cells whose result is no figure)."""
    return "".join(o["data"]["text/plain"] + "\n" for c in _code_cells(nb, skip_last=True) for o in c.outputs
                   if "text/plain" in o.get("data", {}) and "image/png" not in o.get("data", {}))


def images(nb) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


# Each notebook runs for 3 to 12 s on two cores (chapter 6 trains on an MNIST subset): slow tests.
@pytest.mark.slow
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
    for pattern in EXPECTED[lang][chapter[0]]:
        assert re.search(pattern, stdout, re.MULTILINE), f"no line matching {pattern!r} in:\n{stdout}"
    shown = outputs(nb, "stdout", skip_last=True) + results(nb)  # the last cell is the test's own probe
    if lang == "zh":
        english = [(line, english_sentences(line)) for line in shown.splitlines() if english_sentences(line)]
        assert not english, f"English sentences printed by zh/{chapter}: {english}"
    else:
        assert not re.search(r"[\u4e00-\u9fff]", shown), f"Chinese printed by en/{chapter}:\n{shown}"
    assert images(nb) >= 1, "no figure rendered"
    # Chinese labels in the Chinese notebook wherever a CJK font is installed, English otherwise.
    from nnscratch.viz import cjk_font

    drawn_in = "zh" if lang == "zh" and cjk_font() is not None else "en"
    assert f"plot labels: {drawn_in}\n" in stdout
    # A label the font cannot draw would show as an empty box.
    assert not re.search(r"missing from (current )?font|does not have a glyph", stderr), stderr
    assert seconds < TIME_LIMIT
