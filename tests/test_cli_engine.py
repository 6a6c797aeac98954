"""`nnscratch backprop` and `gradcheck` from the command line."""

import json

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli
from nnscratch.cli import main


def run(capsys, *argv):
    return run_cli(capsys, *argv)


def test_backprop_prints_the_lecture_notation(capsys):
    code, out, _ = run(capsys, "backprop", "--seed", "3")
    assert code == 0
    for piece in ("x = a(1)", "z(2) = theta(2) a(1) + b(2)", "a(3) = f(z(3))", "delta(3) = -(y - a(3)) * f'(z(3))",
                  "delta(2) = (theta(3)^T delta(3)) * f'(z(2))", "dE/dtheta(2) = delta(2) a(1)^T", "theta(2)[4,3]"):
        assert piece in out


def test_backprop_json_agrees_with_torch_autograd(capsys):
    torch = pytest.importorskip("torch")
    code, out, _ = run(capsys, "backprop", "--layers", "3,4,2", "--json", "--seed", "11")
    assert code == 0
    r = json.loads(out)
    assert r["sizes"] == [3, 4, 2] and r["activation"] == "sigmoid" and r["loss"] == "quadratic"
    assert r["theta"][0] is None and r["theta"][1] is None  # indexed by the lecture's l
    th = {l: torch.tensor(r["theta"][l], dtype=torch.float64, requires_grad=True) for l in (2, 3)}
    b = {l: torch.tensor(r["b"][l], dtype=torch.float64, requires_grad=True) for l in (2, 3)}
    a = torch.tensor(r["x"], dtype=torch.float64)
    for l in (2, 3):
        z = th[l] @ a + b[l]
        np.testing.assert_allclose(r["z"][l], z.detach().numpy(), rtol=1e-12)
        a = torch.sigmoid(z)
    E = 0.5 * ((torch.tensor(r["y"], dtype=torch.float64) - a) ** 2).sum()
    E.backward()
    assert r["E"] == pytest.approx(E.item(), rel=1e-12)
    for l in (2, 3):
        for ours, ref in ((r["grad_theta"][l], th[l].grad), (r["grad_b"][l], b[l].grad)):
            ref = ref.numpy()
            rel = np.linalg.norm(np.array(ours) - ref) / np.linalg.norm(ref)
            assert rel < 1e-6
        assert r["relative_error_theta"][l] < 1e-6 and r["relative_error_b"][l] < 1e-6


def test_backprop_takes_given_x_and_y_and_cross_entropy(capsys):
    code, out, _ = run(capsys, "backprop", "--layers", "2,3,2", "--loss", "cross-entropy", "--x", "1,0",
                       "--y", "0,1", "--json")
    r = json.loads(out)
    assert code == 0 and r["x"] == [1.0, 0.0] and r["output_activation"] == "softmax"
    np.testing.assert_allclose(r["delta"][3], np.array(r["a"][3]) - [0, 1])  # delta(L) = a - y


def test_gradcheck_passes_and_reports_every_case(capsys):
    code, out, _ = run(capsys, "gradcheck", "--json")
    r = json.loads(out)
    # 40 (hidden, output, loss) cases x 3 architectures
    assert code == 0 and r["passed"] and r["worst"] < 1e-6 and len(r["cases"]) == 120
    code, out, _ = run(capsys, "gradcheck")
    assert "backpropagation agrees with finite differences" in out


def test_chinese_help_and_output(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "backprop", "--help"])
    assert "反向传播" in capsys.readouterr().out
    code, out, _ = run(capsys, "--lang", "zh", "backprop")
    assert "前向传播" in out and "误差反向传播" in out


@pytest.mark.parametrize("argv,text", [
    (["backprop", "--layers", "3,-4,2"], "positive integer"),
    (["backprop", "--layers", "3"], "at least an input and an output"),
    (["backprop", "--layers", "a,b"], "not a comma-separated list"),
    (["backprop", "--activation", "swish"], "invalid choice"),
    (["backprop", "--loss", "hinge"], "invalid choice"),
    (["backprop", "--seed", "-1"], "must be zero or a positive integer"),
    (["backprop", "--x", "1,2"], "--x: x needs 3 values"),
    (["backprop", "--x", "1,nan,2"], "not a comma-separated list of finite numbers"),
    (["backprop", "--loss", "cross-entropy", "--output-activation", "relu"], "needs a softmax or sigmoid output"),
    (["--lang", "fr", "backprop"], "unknown language 'fr'"),
    (["nonsense"], "invalid choice"),
])
def test_bad_flags_are_one_line_errors(capsys, argv, text):
    assert_one_line_error(capsys, *argv, text=text)


def _all_commands():
    from nnscratch.cli import build_parser

    def walk(parser, prefix):
        for action in parser._subparsers._group_actions if parser._subparsers else []:
            for name, sub in action.choices.items():
                yield prefix + [name]
                yield from walk(sub, prefix + [name])

    return list(walk(build_parser("en"), []))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_command_has_help_in_both_languages(capsys, lang):
    commands = _all_commands()
    assert len(commands) >= 14
    for command in [[]] + commands:
        code, out, err = run_cli(capsys, "--lang", lang, *command, "--help")
        assert code == 0 and not err, (command, err)
        assert out.startswith("usage: " if lang == "en" else "用法："), command
        if lang == "zh":
            assert "显示此帮助信息并退出" in out
