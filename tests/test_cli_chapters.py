"""`nnscratch mle`, `logreg` and `perceptron` in-process: the lecture's numbers, JSON shapes, one-line errors."""

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

from nnscratch.cli import main

MNIST_DIR = Path(__file__).resolve().parents[1] / "src" / "nnscratch" / "data" / "mnist"  # the bundled copy

LECTURE_ROWS = [
    ["0", "", "(0, 0)", "0", "0"],
    ["1", "M1", "(3, 3)", "1", "3x1 + 3x2 + 1"],
    ["2", "M3", "(2, 2)", "0", "2x1 + 2x2"],
    ["3", "M3", "(1, 1)", "-1", "x1 + x2 - 1"],
    ["4", "M3", "(0, 0)", "-2", "-2"],
    ["5", "M1", "(3, 3)", "-1", "3x1 + 3x2 - 1"],
    ["6", "M3", "(2, 2)", "-2", "2x1 + 2x2 - 2"],
    ["7", "M3", "(1, 1)", "-3", "x1 + x2 - 3"],
    ["8", "none", "(1, 1)", "-3", "x1 + x2 - 3"],
]


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def table_cells(text):
    """The terminal table's rows, cells split where two or more spaces separate them."""
    return [re.split(r" {2,}", line) for line in text.splitlines() if re.match(r"^\d+ ", line)]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---- perceptron


def test_perceptron_without_data_prints_the_lectures_table(capsys):
    status, out, _ = run(capsys, "perceptron", "--lang", "en")
    assert status == 0
    # Row 0's empty "misclassified" cell merges into the gap, so compare the non-empty cells.
    assert table_cells(out) == [[c for c in row if c] for row in LECTURE_ROWS]
    assert "iteration  misclassified  w" in out
    assert "f(x) = sign(x1 + x2 - 3)" in out


def test_perceptron_in_chinese_uses_the_lectures_headers(capsys):
    status, out, _ = run(capsys, "perceptron", "--lang", "zh")
    assert status == 0
    assert re.search(r"迭代次数\s+误分类点\s+w\s+b\s+超平面", out)
    assert re.search(r"^8\s+无\s+\(1, 1\)\s+-3\s+x1 \+ x2 - 3$", out, re.M)
    assert "感知机模型：f(x) = sign(x1 + x2 - 3)" in out


def test_perceptron_json_shape(capsys):
    data = run_json(capsys, "perceptron")
    assert data["rows"][0] == {"iteration": 0, "misclassified": None, "w": [0, 0], "b": 0, "hyperplane": "0"}
    assert data["rows"][1] == {"iteration": 1, "misclassified": "M1", "w": [3, 3], "b": 1,
                               "hyperplane": "3x1 + 3x2 + 1"}
    assert [(r["misclassified"], r["w"], r["b"]) for r in data["rows"]][-1] == (None, [1, 1], -3)
    assert len(data["rows"]) == 9
    assert (data["w"], data["b"], data["converged"]) == ([1, 1], -3, True)


def test_perceptron_markdown_and_csv(capsys):
    _, out, _ = run(capsys, "perceptron", "--format", "markdown", "--lang", "zh")
    lines = out.splitlines()
    assert lines[0] == "| 迭代次数 | 误分类点 | w | b | 超平面 |"
    assert lines[2] == "| 0 |  | (0, 0) | 0 | 0 |"
    assert lines[10] == "| 8 | 无 | (1, 1) | -3 | x1 + x2 - 3 |"
    _, out, _ = run(capsys, "perceptron", "--format", "csv", "--lang", "en")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["iteration", "misclassified", "w", "b", "hyperplane"]
    assert rows[1:] == LECTURE_ROWS


def test_perceptron_homework_three(capsys):
    data = run_json(capsys, "perceptron", "--pick", "5=M2")
    assert [(r["misclassified"], r["w"], r["b"]) for r in data["rows"][5:]] == [
        ("M2", [4, 3], -1), ("M3", [3, 2], -2), ("M3", [2, 1], -3), ("M3", [1, 0], -4),
        ("M1", [4, 3], -3), ("M3", [3, 2], -4), ("M3", [2, 1], -5), (None, [2, 1], -5)]
    assert data["model"] == "sign(2x1 + x2 - 5)"


def test_perceptron_own_points_and_csv_file(tmp_path, capsys):
    data = run_json(capsys, "perceptron", "--points", "3,3,+1;4,3,+1;1,1,-1")
    assert data["w"] == [1, 1] and data["b"] == -3
    data = run_json(capsys, "perceptron", "--points", "P:1,0,0,+1; N:0,0,1,-1")
    assert data["rows"][1]["misclassified"] == "P" and len(data["w"]) == 3
    path = write(tmp_path, "points.csv", "name,x1,x2,y\nM1,3,3,1\nM2,4,3,1\nM3,1,1,-1\n")
    assert run_json(capsys, "perceptron", "--data", path)["rows"][-2]["hyperplane"] == "x1 + x2 - 3"
    path = write(tmp_path, "bare.csv", "3,3,1\n4,3,1\n\n1,1,-1\n")
    assert run_json(capsys, "perceptron", "--data", path, "--dual")["rows"][-1]["alpha"] == [2, 0, 5]


def test_perceptron_xor_gives_up_and_keeps_the_pocket(capsys):
    xor = "0,0,-1;1,1,-1;0,1,+1;1,0,+1"
    status, out, _ = run(capsys, "perceptron", "--points", xor, "--max-passes", "10", "--lang", "en")
    assert status == 0
    assert "No separating hyperplane" in out and "1 of 4" in out
    data = run_json(capsys, "perceptron", "--points", xor, "--max-passes", "10")
    assert data["converged"] is False and len(data["rows"]) == 41 and data["pocket"]["misclassified"] == 1


def test_perceptron_rules(capsys):
    for rule in ("cyclic", "random"):
        assert run_json(capsys, "perceptron", "--rule", rule, "--seed", "3")["converged"]


def test_perceptron_plot(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    path = tmp_path / "perceptron.png"
    status, _, err = run(capsys, "perceptron", "--plot", str(path))
    assert status == 0 and str(path) in err
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["perceptron.png"]  # no temp file left behind


# ---- mle


def test_mle_urn_text_states_the_objective_and_the_rejected_points(capsys):
    status, out, _ = run(capsys, "mle", "urn", "--lang", "en")
    assert status == 0
    assert "likelihood function (似然函数) L(p) = C(100,70) p^70 (1-p)^30" in out
    assert "p̂ = k/n = 70/100 = 0.7" in out
    assert "C(100,70) p^69 (1-p)^29 [70(1-p) - 30p] = 0: p = 0, 1, 0.7" in out
    assert out.count("rejected") == 2
    assert "ln L(0.7) = -2.44433" in out


def test_mle_urn_json(capsys):
    data = run_json(capsys, "mle", "urn", "--draws", "100", "--white", "70")
    assert data["estimate"] == 0.7
    assert [s["p"] for s in data["stationary_points"]] == [0, 1, 0.7]
    assert data["log_likelihood"] == pytest.approx(-2.44433456453298)
    assert abs(data["numeric_estimate"] - 0.7) < 1e-7
    assert (data["objective"], data["argument"]) == ("likelihood", "p")


def test_mle_urn_boundary_and_plot(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    status, out, _ = run(capsys, "mle", "urn", "--draws", "5", "--white", "0", "--lang", "en",
                         "--plot", str(tmp_path / "urn.svg"))
    assert status == 0 and "boundary p = 0" in out
    assert (tmp_path / "urn.svg").read_text().lstrip().startswith("<?xml")


def test_mle_gaussian_inline_and_file(tmp_path, capsys):
    data = run_json(capsys, "mle", "gaussian", "2", "4", "4", "4", "5", "5", "7", "9")
    assert (data["mu"], data["sigma"]) == (5.0, 2.0)
    assert data["sigma_unbiased"] == pytest.approx(np.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1))
    path = write(tmp_path, "values.csv", "height\n2, 4 4\n4,5\n\n5 7 9\n")
    assert run_json(capsys, "mle", "gaussian", "--file", path)["sigma"] == 2.0
    status, out, _ = run(capsys, "mle", "gaussian", "-1", "1", "--lang", "zh")
    assert status == 0 and "σ̂（极大似然估计，除以 n）= 1" in out


def test_mle_homework_one(capsys):
    data = run_json(capsys, "mle", "homework")
    assert [(q["answer"], q["function"], q["value"]) for q in data["questions"]] == [
        ("B", "likelihood", 0.7), ("A", "probability", 0.7)]
    _, out, _ = run(capsys, "mle", "homework", "--lang", "zh")
    assert "答案：B. 似然函数" in out and "答案：A. 概率函数" in out


# ---- logreg


def logreg_csv(tmp_path, classes=2, header=True, labels=None):
    rng = np.random.default_rng(12)
    X = rng.normal(size=(120, 2))
    y = np.argmax(X @ rng.normal(size=(2, classes)) + rng.normal(size=(120, classes)), axis=1)
    names = labels or [str(c) for c in range(classes)]
    lines = (["a,b,label"] if header else []) + [f"{a:.5f},{b:.5f},{names[c]}" for (a, b), c in zip(X, y, strict=True)]
    return write(tmp_path, "data.csv", "\n".join(lines) + "\n")


def test_logreg_binary_json(tmp_path, capsys):
    data = run_json(capsys, "logreg", "--data", logreg_csv(tmp_path), "--epochs", "300", "--lr", "1")
    assert len(data["w"]) == 2 and isinstance(data["b"], float)
    assert 0.6 < data["train_accuracy"] <= 1 and data["classes"] == [0, 1]
    assert data["loss_curve"][-1] < data["loss_curve"][0] and len(data["loss_curve"]) == data["epochs"]


def test_logreg_softmax_json_and_text(tmp_path, capsys):
    path = logreg_csv(tmp_path, classes=3, header=False, labels=["cat", "dog", "fox"])
    data = run_json(capsys, "logreg", "--data", path, "--epochs", "50", "--batch-size", "1", "--lr", "0.1")
    assert np.array(data["w"]).shape == (3, 2) and len(data["b"]) == 3
    assert data["classes"] == ["cat", "dog", "fox"]
    status, out, _ = run(capsys, "logreg", "--data", path, "--epochs", "20", "--lang", "zh")
    assert status == 0 and "Softmax 回归" in out and "w[dog] = (" in out and "训练集准确率" in out


def test_logreg_homework_two(tmp_path, capsys):
    data = run_json(capsys, "logreg", "--data", logreg_csv(tmp_path), "--taylor", "0.001")
    assert data["decreased"] is True and data["loss_after"] < data["loss"]
    assert abs(data["loss_after"] - data["predicted"]) < 0.05 * (data["loss"] - data["loss_after"])
    status, out, _ = run(capsys, "logreg", "--data", logreg_csv(tmp_path), "--taylor", "0.001", "--lang", "en")
    assert status == 0 and "lower than J(w)" in out and "Homework II" in out


@pytest.mark.skipif(not (MNIST_DIR / "train-images-idx3-ubyte.gz").exists(), reason="needs the bundled MNIST copy")
def test_logreg_on_mnist_is_a_softmax_baseline(capsys):
    data = run_json(capsys, "logreg", "--dataset", "mnist", "--data-dir", str(MNIST_DIR), "--epochs", "1",
                    "--batch-size", "200")
    assert np.array(data["w"]).shape == (10, 784) and len(data["b"]) == 10
    assert data["train_accuracy"] > 0.88 and data["test_accuracy"] > 0.88


# ---- bad inputs: one line on stderr, exit 1 (our checks) or 2 (argparse), never a traceback


@pytest.mark.parametrize("argv, status, message", [
    (["mle", "urn", "--white", "120"], 1, "k = 120 exceeds the number of draws n = 100"),
    (["mle", "urn", "--white", "-3"], 2, "--white: must be zero or a positive integer"),
    (["mle", "urn", "--draws", "0"], 2, "--draws: must be a positive integer"),
    (["mle", "urn", "--draws", "ten"], 2, "'ten' is not an integer"),
    (["mle", "urn", "--plot", "urn.txt"], 1, ".png"),
    (["mle", "gaussian"], 1, "no values given"),
    (["mle", "gaussian", "1", "abc"], 2, "'abc' is not a number"),
    (["mle", "gaussian", "3", "3"], 1, "all 2 values are equal (3)"),
    (["mle", "gaussian", "1", "inf"], 2, "'inf' is not a finite number"),
    (["perceptron", "--w0", "1,x"], 2, "'1,x' is not a comma-separated list of finite numbers"),
    (["mle", "gaussian", "--file", "missing.csv"], 1, "no such file"),
    (["mle"], 2, "required: KIND"),
    (["logreg"], 2, "one of the arguments --data --dataset is required"),
    (["logreg", "--data", "missing.csv"], 1, "no such file"),
    (["logreg", "--data", "x.csv", "--lr", "0"], 2, "--lr: must be a positive number"),
    (["logreg", "--data", "x.csv", "--momentum", "1"], 2, "--momentum: must be in [0, 1)"),
    (["logreg", "--data", "x.csv", "--data-dir", "d"], 1, "--data-dir: a data folder goes with a named dataset"),
    (["logreg", "--dataset", "nope"], 1, "unknown dataset 'nope'"),
    (["perceptron", "--pick", "5=M3"], 1, "M3 is not misclassified at iteration 5"),
    (["perceptron", "--pick", "5=M9"], 1, "no point named 'M9'"),
    (["perceptron", "--pick", "20=M1"], 1, "iteration 20 never happens"),
    (["perceptron", "--pick", "x=M1"], 2, "must be a whole number"),
    (["perceptron", "--pick", "5"], 2, "expected ITERATION=NAME"),
    (["perceptron", "--pick", "5=M1", "--pick", "5=M2"], 1, "two picks for iteration 5"),
    (["perceptron", "--points", "1,1,0"], 1, "+1 or -1, got 0"),
    (["perceptron", "--points", "1,x,1"], 1, "--points: '1,x,1': 'x' is not a number"),
    (["perceptron", "--points", "1,1,1;1,1"], 1, "--points: '1,1': expected 3 values"),
    (["perceptron", "--points", ";"], 1, "--points: no points given"),
    (["perceptron", "--points", "A:1,1,1;A:2,2,-1"], 1, "'A' is used twice"),
    (["perceptron", "--eta", "0"], 2, "--eta: must be a positive number"),
    (["perceptron", "--w0", "1"], 1, "w0 must hold 2 finite numbers"),
    (["perceptron", "--b0", "nan"], 2, "not a finite number"),
    (["perceptron", "--max-passes", "0"], 2, "--max-passes: must be a positive integer"),
    (["perceptron", "--rule", "best"], 2, "invalid choice: 'best'"),
    (["perceptron", "--plot", "no_such_dir/p.png"], 1, "does not exist"),
    (["perceptron", "--points", "1,1,1", "--data", "p.csv"], 2, "not allowed with argument"),
])
def test_bad_input_is_one_line(argv, status, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").write_text("1,2,0\n2,1,1\n")
    with pytest.raises(SystemExit) if status == 2 else _no_exit() as exit_info:
        code = main(argv)
    code = exit_info.value.code if status == 2 else code
    _, err = capsys.readouterr()
    assert code == status
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert message in err


@pytest.mark.parametrize("content, message", [
    ("", "is empty"),
    ("a,b,label\n", "has a header but no data rows"),
    ("1,2,0\n1,0\n", "data.csv:2: expected 3 values like the first row, got 2"),
    ("1,2,0\n1,zz,1\n", "data.csv:2: 'zz' is not a number"),
    ("1,2,0\n1,2,0\n", "at least two classes"),
    ("7\n8\n", "a row needs feature columns and a label"),
    ("1,nan,0\n2,1,1\n", "data.csv:1: 'nan' is not a finite number"),
])
def test_bad_logreg_csv_is_one_line(content, message, tmp_path, capsys):
    status, _, err = run(capsys, "logreg", "--data", write(tmp_path, "data.csv", content))
    assert status == 1 and len(err.strip().splitlines()) == 1 and message in err


def test_bad_files_for_perceptron_and_gaussian(tmp_path, capsys):
    status, _, err = run(capsys, "perceptron", "--data", write(tmp_path, "p.csv", "x,y,label\n1,1,2\n"))
    assert status == 1 and "+1 or -1, got 2" in err
    status, _, err = run(capsys, "mle", "gaussian", "--file", write(tmp_path, "v.txt", "1 2\n3 four\n"))
    assert status == 1 and "v.txt:2: 'four' is not a number" in err
    status, _, err = run(capsys, "mle", "gaussian", "--file", str(tmp_path))
    assert status == 1 and "is a folder" in err
    status, _, err = run(capsys, "mle", "gaussian", "1", "--file", write(tmp_path, "w.txt", "1 2\n"))
    assert status == 1 and "not both" in err


class _no_exit:
    """A stand-in for pytest.raises when the command must return instead of exiting."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
