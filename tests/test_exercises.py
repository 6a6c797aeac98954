"""Graded exercises: every exercise passes a correct student solution and catches typical wrong ones with
the hint that names the mistake; the command grades files in a child process with a time limit."""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pytest

from nnscratch.cli import main
from nnscratch.errors import ConfigError
from nnscratch.exercises import EXERCISES, check, check_file, describe, list_exercises, skeleton
from nnscratch.i18n import t

# Student-style solutions, written independently of the reference (loops, other formulas).
CORRECT = {
    "urn_mle": "def urn_mle(draws, white):\n    return float(white) / float(draws)\n",
    "sigmoid_prime": textwrap.dedent("""
        import numpy as np
        def sigmoid_prime(z):
            z = np.asarray(z, dtype=float)
            s = 0.5 * (1 + np.tanh(z / 2))          # the sigmoid, written with tanh: no overflow
            return s * (1 - s)
    """),
    "logistic_gradient": textwrap.dedent("""
        import math
        import numpy as np
        def logistic_gradient(w, b, X, y):
            gw, gb = np.zeros(len(w)), 0.0
            for xi, yi in zip(X, y):
                s = float(np.dot(w, xi) + b)
                p = 1 / (1 + math.exp(-s)) if s >= 0 else math.exp(s) / (1 + math.exp(s))
                gw += (p - yi) * xi
                gb += p - yi
            return gw, gb
    """),
    "perceptron_update": ("def perceptron_update(w, b, x, y, eta):\n    w = w + eta * y * x\n    b = b + eta * y\n"
                          "    return w, b\n"),
    "layer_forward": "def layer_forward(theta, b, a_prev, f):\n    z = theta.dot(a_prev) + b\n    return z, f(z)\n",
    "delta_output_quadratic": "def delta_output_quadratic(y, a, fprime_z):\n    return (a - y) * fprime_z\n",
    "delta_output_cross_entropy": "def delta_output_cross_entropy(y, a):\n    return -(y - a)\n",
    "delta_hidden": textwrap.dedent("""
        import numpy as np
        def delta_hidden(theta_next, delta_next, fprime_z):
            n_l = theta_next.shape[1]
            return np.array([sum(delta_next[j] * theta_next[j, i] for j in range(len(delta_next))) * fprime_z[i]
                             for i in range(n_l)])
    """),
    "weight_gradient": "def weight_gradient(delta, a_prev):\n    return delta[:, None] * a_prev[None, :]\n",
    "backprop_network": textwrap.dedent("""
        import numpy as np
        def backprop_network(thetas, bs, x, y, f, fprime):
            a, zs, acts = x, [], [x]
            for theta, b in zip(thetas, bs):
                z = theta @ a + b
                a = f(z)
                zs.append(z); acts.append(a)
            delta = -(y - a) * fprime(zs[-1])
            gt, gb = [None] * len(thetas), [None] * len(thetas)
            for k in reversed(range(len(thetas))):
                gt[k], gb[k] = np.outer(delta, acts[k]), delta
                if k > 0:
                    delta = (thetas[k].T @ delta) * fprime(zs[k - 1])
            return gt, gb
    """),
    "sgd_minibatch_step": textwrap.dedent("""
        import numpy as np
        def _grads(thetas, bs, x, y, f, fprime):
            a, zs, acts = x, [], [x]
            for theta, b in zip(thetas, bs):
                z = theta @ a + b; a = f(z); zs.append(z); acts.append(a)
            delta = (a - y) * fprime(zs[-1])
            gt, gb = [None] * len(thetas), [None] * len(thetas)
            for k in reversed(range(len(thetas))):
                gt[k], gb[k] = np.outer(delta, acts[k]), delta
                if k:
                    delta = (thetas[k].T @ delta) * fprime(zs[k - 1])
            return gt, gb
        def sgd_minibatch_step(thetas, bs, X, Y, f, fprime, lr):
            N = len(X)
            new_t, new_b = [t.copy() for t in thetas], [b.copy() for b in bs]
            for x, y in zip(X, Y):
                gt, gb = _grads(thetas, bs, x, y, f, fprime)
                for k in range(len(thetas)):
                    new_t[k] -= lr / N * gt[k]
                    new_b[k] -= lr / N * gb[k]
            return new_t, new_b
    """),
    "count_parameters": textwrap.dedent("""
        def count_parameters(sizes):
            total = 0
            for l in range(1, len(sizes)):
                total += sizes[l] * sizes[l - 1] + sizes[l]
            return total
    """),
}

# (source, the mistake whose hint must be given)
WRONG = {
    "urn_mle": [("def urn_mle(draws, white):\n    return (draws - white) / draws\n", "black"),
                ("def urn_mle(draws, white):\n    return white // draws\n", "int_division"),
                ("def urn_mle(draws, white):\n    return white / (draws - white)\n", "odds")],
    "sigmoid_prime": [("import numpy as np\ndef sigmoid_prime(z):\n    return 1 / (1 + np.exp(-z))\n", "sigmoid"),
                      ("def sigmoid_prime(z):\n    return z * (1 - z)\n", "z_not_f")],
    "logistic_gradient": [
        ("import numpy as np\ndef logistic_gradient(w, b, X, y):\n    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
         "    return X.T @ (y - p), np.sum(y - p)\n", "sign"),
        ("import numpy as np\ndef logistic_gradient(w, b, X, y):\n    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
         "    return X.T @ (p - y) / len(y), np.mean(p - y)\n", "mean"),
        ("def logistic_gradient(w, b, X, y):\n    r = X @ w + b - y\n    return X.T @ r, r.sum()\n", "no_sigmoid")],
    "perceptron_update": [("def perceptron_update(w, b, x, y, eta):\n    return w - eta * y * x, b - eta * y\n",
                           "sign"),
                          ("def perceptron_update(w, b, x, y, eta):\n    return w + eta * x, b + eta\n", "no_y"),
                          ("def perceptron_update(w, b, x, y, eta):\n    return w + eta * y * x, b\n", "no_b")],
    "layer_forward": [("def layer_forward(theta, b, a_prev, f):\n    z = theta.T @ a_prev + b\n    return z, f(z)\n",
                       "transposed"),
                      ("def layer_forward(theta, b, a_prev, f):\n    z = theta @ a_prev\n    return z, f(z)\n",
                       "no_bias"),
                      ("def layer_forward(theta, b, a_prev, f):\n    z = theta @ a_prev + b\n    return z, z\n",
                       "no_f")],
    "delta_output_quadratic": [("def delta_output_quadratic(y, a, fprime_z):\n    return a - y\n", "no_fprime"),
                               ("def delta_output_quadratic(y, a, fprime_z):\n    return (y - a) * fprime_z\n",
                                "sign")],
    "delta_output_cross_entropy": [("def delta_output_cross_entropy(y, a):\n    return y - a\n", "sign"),
                                   ("def delta_output_cross_entropy(y, a):\n    return (a - y) * a * (1 - a)\n",
                                    "fprime")],
    "delta_hidden": [("def delta_hidden(theta_next, delta_next, fprime_z):\n    return theta_next.T @ delta_next\n",
                      "no_fprime"),
                     ("def delta_hidden(theta_next, delta_next, fprime_z):\n"
                      "    return (theta_next @ delta_next) * fprime_z\n", "transposed")],
    "weight_gradient": [("import numpy as np\ndef weight_gradient(delta, a_prev):\n"
                         "    return np.outer(a_prev, delta)\n",
                         "transposed"),
                        ("import numpy as np\ndef weight_gradient(delta, a_prev):\n    return np.dot(delta, a_prev)\n",
                         "dot")],
    "backprop_network": [
        (CORRECT["backprop_network"].replace("delta = -(y - a) * fprime(zs[-1])", "delta = -(y - a)"),
         "no_fprime_output"),
        (CORRECT["backprop_network"].replace("* fprime(zs[k - 1])", ""), "no_fprime_hidden"),
        (CORRECT["backprop_network"].replace("delta = -(y - a)", "delta = (y - a)"), "sign")],
    "sgd_minibatch_step": [
        (CORRECT["sgd_minibatch_step"].replace("lr / N *", "lr *"), "no_mean"),
        (CORRECT["sgd_minibatch_step"].replace("-= lr / N", "+= lr / N"), "sign"),
        (CORRECT["sgd_minibatch_step"].replace("for x, y in zip(X, Y):", "for x, y in zip(X[:1], Y[:1]):"),
         "one_sample")],
    "count_parameters": [
        ("def count_parameters(sizes):\n    return sum(a * b for a, b in zip(sizes, sizes[1:]))\n", "no_bias"),
        ("def count_parameters(sizes):\n    return sum(a * b for a, b in zip(sizes, sizes[1:])) + sum(sizes)\n",
         "input_bias")],
}


def load(source: str, name: str):
    namespace: dict = {}
    exec(compile(source, f"<{name}>", "exec"), namespace)
    return namespace[name]


def test_every_exercise_of_the_issue_is_there_with_solutions_and_wrong_answers():
    assert list(EXERCISES) == ["urn_mle", "sigmoid_prime", "logistic_gradient", "perceptron_update", "layer_forward",
                               "delta_output_quadratic", "delta_output_cross_entropy", "delta_hidden",
                               "weight_gradient", "backprop_network", "sgd_minibatch_step", "count_parameters"]
    assert set(CORRECT) == set(EXERCISES) == set(WRONG)
    assert all(len(wrong) >= 2 for wrong in WRONG.values())


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_reference_and_a_student_solution_pass(name):
    assert check(name, EXERCISES[name].reference, verbose=False).passed
    result = check(name, load(CORRECT[name], name), verbose=False)
    assert result.passed, result.report()
    assert result.exit_code == 0 and result.cases >= 4


@pytest.mark.parametrize("name, source, mistake",
                         [pytest.param(n, src, m, id=f"{n}-{m}") for n, wrong in WRONG.items() for src, m in wrong])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_typical_mistake_fails_with_its_hint(name, source, mistake, lang):
    result = check(name, load(source, name), lang=lang, verbose=False)
    assert result.status == "failed" and result.exit_code == 1
    assert result.hint == t(f"exercises.{name}.mistake.{mistake}", lang)
    fc = result.failed_case
    assert set(fc) >= {"index", "inputs", "expected", "got", "where"}
    json.dumps(result.to_dict(), allow_nan=False)  # plain data


def test_cases_cover_shapes_dtypes_and_edges():
    rng = np.random.default_rng(0)
    cases = EXERCISES["sigmoid_prime"].cases(rng)
    assert {c.args["z"].dtype for c in cases} == {np.dtype(np.float32), np.dtype(np.float64)}
    assert {c.args["z"].ndim for c in cases} == {1, 2}
    assert max(np.abs(c.args["z"]).max() for c in cases) >= 500  # saturated sigmoid
    shapes = {c.args["theta_next"].shape for c in EXERCISES["delta_hidden"].cases(rng)}
    assert len(shapes) >= 4 and any(n != m for n, m in shapes) and any(n == m for n, m in shapes)
    # the hidden cases depend on the seed
    a, b = (EXERCISES["weight_gradient"].cases(np.random.default_rng(s))[0].args["delta"] for s in (0, 1))
    assert not np.array_equal(a, b)


def test_an_overflowing_sigmoid_prime_is_told_about_overflow():
    def naive(z):
        e = np.exp(-z)
        return e / (1 + e) ** 2   # inf / inf = nan for z << 0
    result = check("sigmoid_prime", naive, verbose=False)
    assert not result.passed and result.failed_case["reason"] == "nonfinite"
    assert "NaN or inf" in result.hint and "f(z)(1 - f(z))" in result.hint


def test_wrong_shapes_and_types_are_named():
    r = check("weight_gradient", lambda delta, a_prev: np.zeros((len(a_prev), len(delta) + 1)), verbose=False)
    assert r.failed_case["reason"] in ("shape", "transposed") and "shape" in r.hint
    r = check("logistic_gradient", lambda w, b, X, y: w, verbose=False)
    assert r.failed_case["reason"] == "structure" and "(grad_w, grad_b)" in r.hint
    r = check("count_parameters", lambda sizes: None, verbose=False)
    assert r.failed_case["reason"] == "type"


def test_check_in_a_notebook_prints_the_verdict(capsys):
    result = check("count_parameters", lambda sizes: 23860, lang="zh")
    out = capsys.readouterr().out
    assert "✗ count_parameters" in out and "提示：" in out and not result.passed
    ok = check("count_parameters", load(CORRECT["count_parameters"], "count_parameters"), lang="en")
    assert "✓ count_parameters: all" in capsys.readouterr().out and ok.passed and str(ok).startswith("✓")


def test_a_raising_function_is_an_error_with_message_and_line():
    result = check("delta_hidden", load("def delta_hidden(t, d, f):\n    x = 1\n    raise ValueError('boom')\n",
                                        "delta_hidden"), verbose=False)
    assert result.status == "error" and result.exit_code == 2
    assert result.error["message"] == "ValueError: boom"


def test_unknown_names_and_non_functions_are_config_errors():
    with pytest.raises(ConfigError, match="unknown exercise 'delta'"):
        check("delta", lambda: 0)
    with pytest.raises(ConfigError, match="needs a function"):
        check("delta_hidden", 3)


def test_list_show_and_skeleton():
    items = list_exercises()
    assert [i["name"] for i in items] == list(EXERCISES)
    assert all(i["title"]["zh"] and i["title"]["en"] and i["chapter"] in range(1, 6) for i in items)
    d = describe("delta_hidden", "zh")
    assert "反向传播" in d["task"] and "(n_{l+1}, n_l)" in d["docstring"]
    for name in EXERCISES:
        src = skeleton(name, "en")
        compile(src, "skeleton.py", "exec")
        fn = load(src, name)
        with pytest.raises(NotImplementedError):
            fn(*[None] * len(EXERCISES[name].params))


# ---- files, graded in a child process ---------------------------------------------------------


def write(tmp_path, source, name="solution.py"):
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def test_check_file_passes_and_fails(tmp_path):
    assert check_file("delta_hidden", write(tmp_path, CORRECT["delta_hidden"])).passed
    bad = check_file("delta_hidden", write(tmp_path, WRONG["delta_hidden"][1][0]))
    assert bad.status == "failed" and bad.hint == t("exercises.delta_hidden.mistake.transposed", "en")


def test_check_file_reports_files_that_do_not_load_and_functions_that_raise(tmp_path):
    syntax = check_file("delta_hidden", write(tmp_path, "x = 1\ndef delta_hidden(a, b, c)\n    return a\n"))
    assert syntax.status == "error" and syntax.error["key"] == "syntax" and syntax.error["line"] == 2
    missing = check_file("delta_hidden", write(tmp_path, "def delta_hiden(a, b, c):\n    return a\n"))
    assert missing.error["key"] == "missing" and "delta_hiden" in missing.error["message"]
    raising = check_file("delta_hidden", write(tmp_path, "def delta_hidden(a, b, c):\n\n    return 1 / 0\n"))
    assert raising.error["key"] == "raised" and raising.error["line"] == 3
    assert "ZeroDivisionError" in raising.error["message"]
    assert check_file("delta_hidden", tmp_path / "nope.py").error["key"] == "no_file"


def test_a_students_numpy_py_does_not_break_the_grader(tmp_path):
    write(tmp_path, "raise ImportError('the student shadowed numpy')\n", "numpy.py")
    result = check_file("urn_mle", write(tmp_path, CORRECT["urn_mle"]))
    assert result.passed, result.report()


def test_an_endless_loop_times_out_and_a_crash_is_reported(tmp_path):
    loop = check_file("urn_mle", write(tmp_path, "def urn_mle(draws, white):\n    while True:\n        pass\n"),
                      timeout=1.5)
    assert loop.status == "timeout" and loop.exit_code == 2 and "1.5" in loop.error["message"]
    crash = check_file("urn_mle", write(tmp_path, "import os\ndef urn_mle(draws, white):\n    os._exit(7)\n"))
    assert crash.status == "crashed" and "7" in crash.error["message"]
    at_import = check_file("urn_mle", write(tmp_path, "import sys\nsys.exit(3)\n"))
    assert at_import.error["key"] == "load" and at_import.error["line"] == 2


def test_the_command_exit_codes_and_json(tmp_path, capsys):
    good = write(tmp_path, CORRECT["count_parameters"], "good.py")
    wrong = write(tmp_path, WRONG["count_parameters"][0][0], "wrong.py")
    assert main(["exercise", "check", "count_parameters", str(good)]) == 0
    assert "✓ count_parameters" in capsys.readouterr().out
    assert main(["exercise", "check", "count_parameters", str(wrong), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"name", "passed", "cases", "failed_case", "hint"} and doc["passed"] is False
    assert doc["failed_case"]["expected"] == 23860 and doc["failed_case"]["got"] == 23820
    assert main(["exercise", "check", "count_parameters", str(tmp_path / "none.py")]) == 2
    assert main(["exercise", "check", "no_such", str(good)]) == 2
    assert "unknown exercise" in capsys.readouterr().err
    assert main(["--lang", "zh", "exercise", "check", "count_parameters", str(wrong)]) == 1
    assert "漏掉了偏置" in capsys.readouterr().out


def test_the_command_lists_and_shows(capsys):
    assert main(["exercise", "list", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 12 and {"name", "chapter", "title"} <= set(items[0])
    assert main(["--lang", "zh", "exercise", "list"]) == 0
    assert "感知机的一次参数更新" in capsys.readouterr().out
    assert main(["exercise", "show", "weight_gradient"]) == 0
    assert "weight_gradient(delta, a_prev) -> grad_theta" in capsys.readouterr().out
    assert main(["exercise", "show", "weight_gradient", "--skeleton"]) == 0
    src = capsys.readouterr().out
    assert "def weight_gradient(delta, a_prev):" in src and "raise NotImplementedError" in src
