"""Hostile input for the lecture's first chapters (`mle`, `logreg`, `perceptron`) and `backprop`.

Each case drives the CLI as a user would and asserts what issue 11 promises: a non-zero exit,
exactly one line on stderr, no traceback, the message in English and in Chinese, nothing half
printed on stdout, and -- for work whose size the input controls -- bounded memory and an end.
"""

from __future__ import annotations

import ast
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cli_helpers import run_cli
from nnscratch.errors import BudgetError, DivergenceError
from nnscratch.logistic import LogisticRegression
from nnscratch.perceptron import MAX_UPDATES, train_perceptron

ROOT = Path(__file__).resolve().parents[1]
TWO_GAUSSIANS = ROOT / "examples" / "data" / "two_gaussians.csv"
XOR = "0,0,-1;1,1,-1;0,1,1;1,0,1"
CJK = re.compile(r"[\u4e00-\u9fff]")


def one_line_error(capsys, *argv, lang="en"):
    """(exit status, stdout, the one stderr line) of a failing command, in ``lang``."""
    code, out, err = run_cli(capsys, "--lang", lang, *argv)
    assert code not in (0, None), (out, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    if lang == "zh":
        assert CJK.search(lines[0]), lines[0]
    return code, out, lines[0]


def child_peak_rss_mb(argv: list[str], tmp_path, timeout: float = 600) -> tuple[int, str, str, float]:
    """Run ``nnscratch ARGV`` as its own process; (status, stdout, stderr, its peak RSS in MB)."""
    from helpers_rss import run_with_peak_rss

    done, peak = run_with_peak_rss([sys.executable, "-m", "nnscratch", *argv], tmp_path=tmp_path, timeout=timeout,
                                   env={**os.environ, "LC_ALL": "C.UTF-8"})
    return done.returncode, done.stdout, done.stderr, peak


# ---- 1. perceptron: the passes and the table are bounded ---------------------------------


@pytest.mark.parametrize("lang, words", [("en", "use max_passes <= 50000"), ("zh", "不超过 50000")])
def test_perceptron_passes_over_the_budget_are_refused_before_any_step(capsys, lang, words):
    _, out, line = one_line_error(capsys, "perceptron", "--points", XOR, "--max-passes", "100000000", lang=lang)
    assert out == ""
    assert "--max-passes" in line and "100000000" in line and words in line


def test_a_long_perceptron_run_ends_with_bounded_memory_and_a_summarised_table(tmp_path):
    # A long run (50,000 updates on XOR, a quarter of the budget) and a tiny one: before the fix every
    # update kept a row (+37 MB for this run, growing without end); now the table keeps 200 rows.
    small = child_peak_rss_mb(["perceptron", "--points", XOR, "--max-passes", "10"], tmp_path)
    status, out, err, big = child_peak_rss_mb(["perceptron", "--points", XOR, "--max-passes", "12500"], tmp_path)
    assert status == 0 and "Traceback" not in err
    assert "rows 100 to 49900, 49,801 rows, are left out" in out
    assert "No separating hyperplane" in out
    table_rows = [line for line in out.splitlines() if re.match(r"^\d+ ", line)]
    assert len(table_rows) == 200
    assert big - small[3] < 15, (small[3], big)


def test_perceptron_library_bounds_passes_and_rows():
    X, y = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], float), np.array([-1, -1, 1, 1])
    with pytest.raises(BudgetError) as info:
        train_perceptron(X, y, max_passes=10**8)
    assert info.value.param == "max_passes" and info.value.values["allowed"] == MAX_UPDATES // 4
    result = train_perceptron(X, y, max_passes=300, max_rows=20)
    assert len(result.rows) == 20 and result.updates == 1200
    assert result.rows_omitted == 1201 - 20
    assert [r.iteration for r in result.rows] == list(range(10)) + list(range(1191, 1201))
    # A caller with more patience raises the budget explicitly.
    assert train_perceptron(X, y, max_passes=10, max_updates=10**9).updates == 40


def test_perceptron_json_says_how_many_rows_are_left_out(capsys):
    code, out, _ = run_cli(capsys, "perceptron", "--points", XOR, "--max-passes", "100", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["rows"]) == 200 and data["rows_omitted"] == 201 and data["updates"] == 400


def test_dual_form_refuses_a_gram_matrix_over_its_budget():
    X = np.zeros((3000, 2))
    y = np.where(np.arange(3000) % 2, 1, -1)
    with pytest.raises(BudgetError, match="Gram matrix of 9000000 entries"):
        train_perceptron(X, y, dual=True, max_passes=1)


# ---- 2. JSON is whole or absent ----------------------------------------------------------


def test_gaussian_json_of_huge_values_is_one_valid_document(capsys):
    code, out, err = run_cli(capsys, "mle", "gaussian", "--json", "--", "1e200", "2e200", "3e200")
    assert code == 0, err
    data = json.loads(out)
    assert data["mu"] == pytest.approx(2e200) and data["sigma"] == pytest.approx(math.sqrt(2 / 3) * 1e200)
    assert math.isfinite(data["log_likelihood"])


@pytest.mark.parametrize("lang, words", [("en", "the numbers overflow"), ("zh", "数值溢出")])
def test_backprop_with_overflowing_inputs_prints_no_half_json(capsys, lang, words):
    _, out, line = one_line_error(capsys, "backprop", "--x", "1e308,1e308,1e308", "--json", lang=lang)
    assert out == "" and words in line and "--x" in line


def test_backprop_overflow_in_a_real_process_leaves_stdout_empty():
    done = subprocess.run([sys.executable, "-m", "nnscratch", "backprop", "--x", "1e308,1e308,1e308", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


# ---- 3. the Gaussian estimate at the ends of the float range ------------------------------


def test_gaussian_of_huge_values_is_finite(capsys):
    code, out, _ = run_cli(capsys, "mle", "gaussian", "--lang", "en", "--", "1e200", "2e200", "3e200")
    assert code == 0
    assert "= 8.16497e+199" in out and "inf" not in out and "nan" not in out


def test_gaussian_of_subnormal_values_is_estimated_and_printed_exactly(capsys):
    code, out, _ = run_cli(capsys, "mle", "gaussian", "--lang", "en", "--", "1e-320", "2e-320", "3e-320")
    assert code == 0
    assert "mean of the values = 2e-320" in out and "9.99989e-321" not in out
    assert re.search(r"divides by n\) = 8\.1\d*e-321", out)


@pytest.mark.parametrize("lang, words", [("en", "all 2 values are equal (1e-320)"),
                                         ("zh", "全部 2 个值都相等（1e-320）")])
def test_equal_subnormal_values_are_named_as_typed(capsys, lang, words):
    _, _, line = one_line_error(capsys, "mle", "gaussian", "--", "1e-320", "1e-320", lang=lang)
    assert words in line and "9.99989e-321" not in line


# ---- 4. logistic regression: divergence is an error that names its cause --------------------


@pytest.mark.parametrize("lr", ["1e6", "1e300"])
@pytest.mark.parametrize("lang, words", [("en", ("diverged at epoch 1", "learning rate")),
                                         ("zh", ("第 1 轮发散", "学习率"))])
def test_logreg_with_a_huge_learning_rate_stops_naming_it(capsys, lr, lang, words):
    _, out, line = one_line_error(capsys, "logreg", "--data", TWO_GAUSSIANS, "--lr", lr, lang=lang)
    assert out == ""
    assert "--lr" in line and all(w in line for w in words)
    assert f"{float(lr):g}" in line  # the learning rate, as given
    assert re.search(r"3\.009e\+(04|298)", line)  # the loss it reached


def test_logreg_that_ends_above_its_start_is_an_error(capsys):
    # SGD with alpha = 10 on one sample at a time jumps around above ln 2 without exploding: no progress.
    _, _, line = one_line_error(capsys, "logreg", "--data", TWO_GAUSSIANS, "--lr", "10", "--batch-size", "1",
                                "--epochs", "20")
    assert "learning rate" in line and "no lower than where it started" in line


@pytest.mark.parametrize("lang, words, not_words", [
    ("en", ("standardise", "3e+300"), ("too large", "lower it", "diverged")),
    ("zh", ("标准化", "3e+300"), ("过大", "调小", "发散")),
])
def test_logreg_on_features_of_1e300_blames_their_scale(capsys, tmp_path, lang, words, not_words):
    data = tmp_path / "huge.csv"
    data.write_text("x1,x2,label\n1e300,2e300,0\n-1e300,3e300,1\n2e300,-1e300,0\n", encoding="utf-8")
    _, _, line = one_line_error(capsys, "logreg", "--data", data, lang=lang)
    assert all(w in line for w in words) and not any(w in line for w in not_words), line


@pytest.mark.parametrize("lang, words", [("en", "use at most 1000000 epochs"), ("zh", "请最多训练 1000000 轮")])
def test_logreg_epochs_over_the_budget_are_refused_before_training(capsys, lang, words):
    _, out, line = one_line_error(capsys, "logreg", "--data", TWO_GAUSSIANS, "--epochs", "1000000000", lang=lang)
    assert out == "" and "--epochs" in line and words in line


def test_logreg_on_unstandardised_features_says_to_standardise(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2)) * 1e4
    y = (X[:, 0] > 0).astype(int)
    with pytest.raises(DivergenceError) as info:
        LogisticRegression(lr=0.5).fit(X, y)
    assert info.value.key == "logistic.err.diverged_scale" and "standardise" in str(info.value)
    assert info.value.epoch == 1 and info.value.values["lr"] == 0.5


def test_a_diverged_fit_keeps_the_weights_of_its_last_good_epoch():
    from nnscratch.io.table import read_labelled_csv

    X, y = read_labelled_csv(TWO_GAUSSIANS)
    model = LogisticRegression(lr=1e6)
    with pytest.raises(DivergenceError) as info:
        model.fit(X, y)
    assert np.all(model.coef_ == 0) and np.all(model.intercept_ == 0) and model.n_iter_ == 1
    assert info.value.to_dict("zh")["values"]["lr"] == 1e6


# ---- 5. an empty --points is refused ---------------------------------------------------


@pytest.mark.parametrize("lang, words", [("en", "no points given"), ("zh", "没有给出任何点")])
def test_empty_points_are_refused_not_replaced_by_the_lecture_example(capsys, lang, words):
    _, out, line = one_line_error(capsys, "perceptron", "--points", "", lang=lang)
    assert out == "" and words in line and "--points" in line


def test_params_lists_only_real_savings(capsys):
    code, out, _ = run_cli(capsys, "params", "784,30,10", "--input", "1x1", "--lang", "en")
    assert code == 0 and "weight sharing" not in out and "0.0 x fewer" not in out


# ---- 6. the CSV readers live in the library; logistic.py has no loop-for-its-side-effect ---


def test_csv_readers_live_in_the_library_and_the_cli_only_calls_them(tmp_path):
    from nnscratch.io.table import parse_points, read_labelled_csv, read_points, read_values

    cli_source = (ROOT / "src" / "nnscratch" / "cli" / "chapters.py").read_text(encoding="utf-8")
    assert "csv.reader" not in cli_source and "def _csv_rows" not in cli_source
    path = tmp_path / "p.csv"
    path.write_text("name,x1,x2,label\nA,3,3,+1\nB,1,1,-1\n", encoding="utf-8")
    X, y, names = read_points(path)
    assert X.tolist() == [[3, 3], [1, 1]] and y.tolist() == [1, -1] and names == ["A", "B"]
    assert parse_points("3,3,+1;1,1,-1")[2] == ["M1", "M2"]
    path.write_text("x,label\n1,7\n2,1e300\n", encoding="utf-8")
    X, labels = read_labelled_csv(path)  # 1e300 is integer-valued but no int64: labels stay floats
    assert labels.dtype == float and labels.tolist() == [7.0, 1e300]
    path.write_text("values\n1 2, 3\n", encoding="utf-8")
    assert read_values(path) == [1.0, 2.0, 3.0]


def test_oversized_csv_is_refused_before_it_is_read(tmp_path, monkeypatch, capsys):
    import nnscratch.io.table as table

    monkeypatch.setattr(table, "MAX_TABLE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("1,2,0\n" * 100, encoding="utf-8")
    _, _, line = one_line_error(capsys, "logreg", "--data", path)
    assert "over the 0 MiB" in line or "MiB" in line


@pytest.mark.parametrize("content", ["1,2,0\n1,zz,1\n", "\ufeff1,2,0\n\"1\n2\",1,1\n", "1,2,0\n1,2\n"])
def test_csv_errors_stay_one_line_with_control_characters_in_names_and_fields(capsys, tmp_path, content):
    path = tmp_path / "bad\nname.csv"
    path.write_text(content, encoding="utf-8")
    for lang in ("en", "zh"):
        one_line_error(capsys, "logreg", "--data", path, lang=lang)
    one_line_error(capsys, "logreg", "--data", tmp_path / "no\nsuch.csv")


def test_binary_and_utf16_files_are_refused_as_not_text(capsys, tmp_path):
    path = tmp_path / "u16.csv"
    path.write_text("1,2,0\n2,1,1\n", encoding="utf-16")
    _, _, line = one_line_error(capsys, "perceptron", "--data", path)
    assert "not a text (UTF-8) CSV file" in line


def test_logistic_has_no_for_loop_run_only_for_its_targets():
    tree = ast.parse((ROOT / "src" / "nnscratch" / "logistic.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            assert not all(isinstance(s, (ast.Pass, ast.Continue)) for s in node.body), ast.unparse(node)
            assert not isinstance(node.target, ast.Tuple) or all(isinstance(e, ast.Name) for e in node.target.elts)


# ---- 7. both spellings of the cross-entropy loss ------------------------------------------


@pytest.mark.parametrize("spelling", ["cross_entropy", "cross-entropy"])
def test_backprop_accepts_both_spellings_and_prints_one(capsys, spelling):
    code, out, err = run_cli(capsys, "backprop", "--loss", spelling, "--json")
    assert code == 0, err
    assert json.loads(out)["loss"] == "cross_entropy"


# ---- 8. errors in Chinese ------------------------------------------------------------------


@pytest.mark.parametrize("argv, words", [
    (["mle", "urn", "--white", "170"], ("--white", "白球次数 k = 170 超过了抽取次数 n = 100")),
    (["mle", "gaussian", "--", "4"], ("只有一个值",)),
    (["perceptron", "--pick", "5=M9"], ("--pick", "没有名为 'M9' 的点")),
    (["perceptron", "--points", "1,1,0"], ("感知机的标签必须是 +1 或 -1",)),
    (["perceptron", "--pick", "x=M1"], ("迭代次数必须是不小于 1 的整数",)),
    (["backprop", "--x", "1,2"], ("--x", "需要 3 个值")),
    (["logreg", "--data", "missing.csv"], ("找不到文件",)),
])
def test_errors_are_chinese_under_lang_zh(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    _, _, line = one_line_error(capsys, *argv, lang="zh")
    assert all(w in line for w in words), line


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL"])
def test_chinese_locale_without_lang_flag(variable):
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env[variable] = "zh_CN.UTF-8"
    done = subprocess.run([sys.executable, "-m", "nnscratch", "mle", "urn", "--white", "170"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "超过了抽取次数" in done.stderr and len(done.stderr.strip().splitlines()) == 1
