"""`nnscratch export` and `nnscratch import-torch`: outputs, JSON, and one-line errors."""

import json
import sys

import numpy as np
import pytest

from nnscratch.cli import main
from nnscratch.io.model import load_model, save_model
from nnscratch.model import Model
from nnscratch.network import Network


@pytest.fixture
def model_file(tmp_path):
    net = Network([784, 16, 10], "sigmoid", "softmax", init="xavier", rng=np.random.default_rng(0))
    return save_model(Model(net, input_shape=(28, 28), input_scale=1 / 255, dataset="mnist"), tmp_path / "model.npz")


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_export_onnx_text_and_json(model_file, tmp_path, capsys):
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    status, out, err = run(capsys, "export", model_file, "-o", tmp_path / "m.onnx")
    assert status == 0 and err == ""
    assert "ONNX opset 17, network 784-16-10, sigmoid/softmax" in out
    assert "checked with onnxruntime on 256 random inputs" in out
    status, out, _ = run(capsys, "export", model_file, "--format", "onnx", "-o", tmp_path / "m.onnx", "--json")
    report = json.loads(out)
    assert status == 0 and report["format"] == "onnx" and report["max_abs_diff"] < 1e-5
    assert report["outputs"] == ["output", "label"] and report["bytes"] == (tmp_path / "m.onnx").stat().st_size


def test_export_torch_prints_the_snippet_then_import_round_trip(model_file, tmp_path, capsys):
    pytest.importorskip("torch", reason="the torch extra is not installed")
    status, out, _ = run(capsys, "export", model_file, "-o", tmp_path / "m.pt")
    assert status == 0
    assert "keys 0.weight 0.bias 2.weight 2.bias" in out
    assert "nn.Linear(784, 16),\n    nn.Sigmoid(),\n    nn.Linear(16, 10),\n    nn.Softmax(dim=1)," in out
    assert "weights_only=True" in out

    status, out, _ = run(capsys, "import-torch", tmp_path / "m.pt", "--activation", "sigmoid",
                         "--layers", "784,16,10", "-o", tmp_path / "back.npz", "--json")
    report = json.loads(out)
    assert status == 0 and report["sizes"] == [784, 16, 10] and report["parameters"] == 784 * 16 + 16 + 16 * 10 + 10
    original, back = load_model(model_file), load_model(tmp_path / "back.npz")
    np.testing.assert_array_equal(back.network.theta[2], original.network.theta[2])
    assert back.network.hidden.name == "sigmoid" and back.input_shape == (28, 28)


def test_chinese_output(model_file, tmp_path, capsys):
    pytest.importorskip("torch", reason="the torch extra is not installed")
    status, out, _ = run(capsys, "--lang", "zh", "export", model_file, "-o", tmp_path / "m.pt")
    assert status == 0 and "已写入" in out and "在 PyTorch 中加载" in out
    status, out, _ = run(capsys, "--lang", "zh", "import-torch", tmp_path / "m.pt", "--activation", "sigmoid",
                         "-o", tmp_path / "back.npz")
    assert status == 0 and "共 12,730 个参数" in out


@pytest.mark.parametrize("module, extra", [("onnx", "onnx"), ("onnxruntime", "onnx"), ("torch", "torch")])
def test_missing_extra_names_it(model_file, tmp_path, capsys, monkeypatch, module, extra):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if the package were not installed
    suffix = ".pt" if extra == "torch" else ".onnx"
    status, _, err = run(capsys, "export", model_file, "-o", tmp_path / f"m{suffix}")
    assert status == 1
    assert err.count("\n") == 1 and f'pip install "nnscratch[{extra}]"' in err
    assert not (tmp_path / f"m{suffix}").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["export", "import-torch"])
def test_help(capsys, lang, command):
    with pytest.raises(SystemExit) as exc:
        main(["--lang", lang, command, "--help"])
    assert exc.value.code == 0 and "--json" in capsys.readouterr().out


def test_bad_model_files(tmp_path, capsys):
    status, _, err = run(capsys, "export", tmp_path / "missing.npz", "-o", tmp_path / "m.onnx")
    assert status == 1 and "does not exist" in err and err.count("\n") == 1
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    status, _, err = run(capsys, "export", tmp_path / "junk.npz", "-o", tmp_path / "m.onnx")
    assert status == 1 and "is not an nnscratch model file" in err and err.count("\n") == 1
    assert not (tmp_path / "m.onnx").exists()


def test_bad_format_and_output_names(model_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(model_file), "--format", "keras", "-o", str(tmp_path / "m.h5")])
    assert exc.value.code == 2 and "invalid choice: 'keras'" in capsys.readouterr().err
    status, _, err = run(capsys, "export", model_file, "-o", tmp_path / "m.h5")
    assert status == 1 and "cannot tell the export format" in err
    status, _, err = run(capsys, "export", model_file, "--format", "torch", "-o", tmp_path / "m.onnx")
    assert status == 1 and "must end in .pt / .pth" in err
    status, _, err = run(capsys, "export", model_file, "-o", tmp_path / "no" / "m.onnx")
    assert status == 1 and "does not exist" in err
    status, _, err = run(capsys, "export", model_file, "-o", tmp_path / "m.onnx", "--opset", "9")
    assert status == 1 and "opset" in err


def test_step_network_cannot_go_to_torch(tmp_path, capsys):
    pytest.importorskip("torch", reason="the torch extra is not installed")
    net = Network([4, 3, 2], "step", "softmax", rng=np.random.default_rng(0))
    path = save_model(Model(net), tmp_path / "perceptron.npz")
    status, _, err = run(capsys, "export", path, "-o", tmp_path / "m.pt")
    assert status == 1 and "'step' activation has no torch.nn layer" in err
    assert not (tmp_path / "m.pt").exists()


def test_import_errors_are_one_line(tmp_path, capsys):
    pytest.importorskip("torch", reason="the torch extra is not installed")
    (tmp_path / "bad.pt").write_bytes(b"\x80\x04junk")
    status, _, err = run(capsys, "import-torch", tmp_path / "bad.pt", "-o", tmp_path / "m.npz")
    assert status == 1 and "not a file written by torch.save" in err and err.count("\n") == 1
    status, _, err = run(capsys, "import-torch", tmp_path / "missing.pt", "-o", tmp_path / "m.npz")
    assert status == 1 and "does not exist" in err
    with pytest.raises(SystemExit) as exc:
        main(["import-torch", str(tmp_path / "bad.pt"), "--activation", "softmax", "-o", str(tmp_path / "m.npz")])
    assert exc.value.code == 2
    capsys.readouterr()
