"""One registry for activations and losses: every consumer reads it, and the records agree with the engine."""

import ast
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from nnscratch import activations as act
from nnscratch import losses
from nnscratch.activations import ACTIVATIONS, LEAKY_SLOPE, OnnxOp, TorchLayer, get_activation, names
from nnscratch.errors import ConfigError
from nnscratch.gradcheck import gradcheck_cases
from nnscratch.i18n import catalog
from nnscratch.network import Network

SRC = Path(__file__).resolve().parents[1] / "src" / "nnscratch"

# ------------------------------------------------------------------------------------------ activations


def test_roles_come_from_the_records():
    assert names("hidden") == tuple(a.name for a in ACTIVATIONS.values() if a.hidden)
    assert names("output") == tuple(a.name for a in ACTIVATIONS.values() if a.output)
    assert "softmax" not in names("hidden") and "softmax" in names("output")
    assert "step" not in names(trainable=True) and names(trainable=False) == ("step",)
    assert act.HIDDEN_ACTIVATIONS == names("hidden") and act.OUTPUT_ACTIVATIONS == names("output")
    assert names("hidden", exportable="torch") == tuple(n for n in names("hidden") if n != "step")


def test_get_activation_checks_the_role_with_a_keyed_error():
    assert get_activation("Leaky-ReLU", "hidden").name == "leaky_relu"
    with pytest.raises(ConfigError, match="'softmax' cannot be a hidden activation: choose one of sigmoid") as info:
        get_activation("softmax", "hidden")
    assert info.value.key == "activation.err.not_hidden" and info.value.param == "hidden"
    assert "隐藏层" in info.value.message("zh")
    with pytest.raises(ConfigError) as info:
        get_activation("swish")
    assert info.value.key == "activation.err.unknown" and info.value.values["name"] == "swish"
    with pytest.raises(ConfigError, match="unknown layer role"):
        names("input")


@pytest.mark.parametrize("name", [n for n in names(trainable=True) if ACTIVATIONS[n].f_prime is not None])
def test_every_trainable_derivative_matches_finite_differences(name):
    f = get_activation(name)
    z = np.linspace(-4, 4, 81) + 0.013  # off the kink at 0
    numeric = (f.f(z + 1e-6) - f.f(z - 1e-6)) / 2e-6
    np.testing.assert_allclose(f.f_prime(z), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_the_in_place_kernels_equal_the_reference_pair(name):
    f = get_activation(name)
    rng = np.random.default_rng(0)
    z, g = rng.standard_normal((5, 4)) + 0.01, rng.standard_normal((5, 4))
    a = np.empty_like(z)
    f.forward_into(z, a)
    np.testing.assert_allclose(a, f.f(z), rtol=1e-12)
    delta = g.copy()
    f.backward_into(z, a, delta, np.empty_like(z))
    np.testing.assert_allclose(delta, f.backward(z, a, g), rtol=1e-12, atol=1e-15)


def test_leaky_relu_slope_is_on_the_record_and_every_export_spelling_uses_it():
    leaky = ACTIVATIONS["leaky_relu"]
    assert leaky.params["slope"] == LEAKY_SLOPE
    assert leaky.onnx == (OnnxOp("LeakyRelu", {"alpha": LEAKY_SLOPE}),)
    assert leaky.torch == TorchLayer("LeakyReLU", {"negative_slope": LEAKY_SLOPE})
    z = np.array([-2.0, 3.0])
    np.testing.assert_allclose(leaky.f(z), [-2 * leaky.params["slope"], 3.0])


@pytest.mark.parametrize("output", names("output"))
def test_the_single_unit_threshold_on_the_record_is_the_networks_decision(output):
    """Network.decide, the ONNX label and Model.class_scores all read the same threshold."""
    net = Network([2, 1], "sigmoid", output, rng=np.random.default_rng(0), dtype=np.float64)
    threshold = ACTIVATIONS[output].threshold
    out = np.array([[threshold - 0.3], [threshold], [threshold + 1e-9], [threshold + 2]])
    np.testing.assert_array_equal(net.decide(out), [0, 0, 1, 1])


def test_exporters_read_the_record_not_a_table_of_their_own(monkeypatch):
    """Change leaky ReLU's slope on its record: the ONNX attribute and the torch module follow."""
    changed = dataclasses.replace(ACTIVATIONS["leaky_relu"], params={"slope": 0.2},
                                  onnx=(OnnxOp("LeakyRelu", {"alpha": 0.2}),),
                                  torch=TorchLayer("LeakyReLU", {"negative_slope": 0.2}))
    monkeypatch.setitem(ACTIVATIONS, "leaky_relu", changed)
    from nnscratch.export.torch import sequential_snippet

    assert "nn.LeakyReLU(negative_slope=0.2)" in sequential_snippet([3, 4, 2], "leaky_relu", "softmax")
    onnx = pytest.importorskip("onnx")
    from nnscratch.export.onnx import to_onnx
    from nnscratch.model import Model

    proto = to_onnx(Model(Network([3, 4, 2], "leaky_relu", "softmax", rng=np.random.default_rng(0))))
    node = next(n for n in proto.graph.node if n.op_type == "LeakyRelu")
    assert onnx.helper.get_attribute_value(node.attribute[0]) == pytest.approx(0.2)


def test_step_is_exported_as_the_chain_on_its_record():
    onnx = pytest.importorskip("onnx")
    from nnscratch.export.onnx import to_onnx
    from nnscratch.model import Model

    proto = to_onnx(Model(Network([3, 4, 2], "step", "softmax", rng=np.random.default_rng(0))))
    ops = [n.op_type for n in proto.graph.node]
    assert ops == ["Mul", "Gemm", "Greater", "Cast", "Gemm", "Softmax", "ArgMax"]
    onnx.checker.check_model(proto, full_check=True)


def test_gradcheck_cases_follow_the_registries(monkeypatch):
    cases = gradcheck_cases()
    assert {h for h, _, _ in cases} == set(names("hidden", trainable=True))
    assert ("relu", "softmax", "cross_entropy") in cases and ("relu", "relu", "cross_entropy") not in cases
    softplus = act.Activation("softplus", lambda z: np.logaddexp(0, z), act.sigmoid)
    monkeypatch.setitem(ACTIVATIONS, "softplus", softplus)
    assert ("softplus", "softplus", "quadratic") in gradcheck_cases()  # a new record is checked too


def test_web_lab_lists_come_from_the_registries():
    pytest.importorskip("starlette")
    from nnscratch.web import playground

    assert playground.ACTIVATIONS == names("hidden", trainable=True)
    assert playground.LOSSES == losses.names()


# ------------------------------------------------------------------------------------------ losses


@pytest.mark.parametrize("spelling", ["cross_entropy", "cross-entropy", "Cross-Entropy", " cross_entropy"])
def test_both_loss_spellings_are_accepted_and_one_is_printed(spelling):
    assert losses.get_loss(spelling).name == "cross_entropy"
    assert losses.canonical_name(spelling) == "cross_entropy"
    assert losses.names() == ("quadratic", "cross_entropy")


def test_loss_errors_are_keyed_and_name_parameters_not_flags():
    with pytest.raises(ConfigError) as info:
        losses.get_loss("hinge")
    assert info.value.key == "loss.err.unknown" and info.value.param == "loss"
    assert "quadratic, cross_entropy" in str(info.value)
    with pytest.raises(ConfigError, match="cross_entropy loss needs a softmax or sigmoid output") as info:
        losses.get_loss("cross-entropy").check_output("relu")
    assert info.value.param == "output" and "--" not in str(info.value) and "--" not in info.value.message("zh")
    assert losses.get_loss("cross_entropy").allows_output("Softmax")


def test_cli_accepts_both_loss_spellings(capsys):
    from nnscratch.cli import main

    for spelling in ("cross-entropy", "cross_entropy"):
        assert main(["backprop", "--layers", "2,3,2", "--loss", spelling, "--json"]) == 0
        assert '"loss": "cross_entropy"' in capsys.readouterr().out


# ------------------------------------------------------------------------------------------ errors are keys

EDGE_FILES = ["activations.py", "losses.py", "metrics.py", "model.py", "recipes.py", "presets.py", "complexity.py",
              "sklearn.py", "gradcheck.py", "export/__init__.py", "export/onnx.py", "export/torch.py"]


@pytest.mark.parametrize("name", EDGE_FILES)
def test_every_raise_in_the_edge_modules_uses_a_catalog_key(name):
    keys = catalog()
    tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                and isinstance(node.exc.func, ast.Name) and node.exc.func.id.endswith("Error"):
            first = node.exc.args[0] if node.exc.args else None
            assert isinstance(first, ast.Constant) and first.value in keys, \
                f"{name}:{node.lineno} raises without a catalog key: {ast.unparse(node.exc)[:80]}"
