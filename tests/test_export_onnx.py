"""ONNX export: the graph passes onnx.checker and onnxruntime computes what nnscratch computes."""

import json

import numpy as np
import pytest

onnx = pytest.importorskip("onnx", reason="the onnx extra is not installed: pip install 'nnscratch[onnx]'")
ort = pytest.importorskip("onnxruntime", reason="the onnx extra is not installed: pip install 'nnscratch[onnx]'")

from nnscratch.activations import names
from nnscratch.errors import ConfigError, OutputError
from nnscratch.export import random_raw_inputs
from nnscratch.export.onnx import OPSET, export_onnx, max_abs_diff, run_onnx, to_onnx
from nnscratch.model import Model
from nnscratch.network import Network
from nnscratch.train import TrainConfig, fit

TOLERANCE = 1e-5  # the bound on |onnxruntime - nnscratch| per probability


def random_model(sizes, hidden, output, seed=0, dtype="float32"):
    net = Network(sizes, hidden, output, init="xavier", rng=np.random.default_rng(seed), dtype=dtype)
    return Model(net, input_scale=1 / 255)


@pytest.fixture(scope="module")
def mnist_model(mnist_dir):
    """784-30-10 (relu, softmax) trained for one epoch on 5000 real MNIST images, and the dataset."""
    from nnscratch.data import load_dataset

    ds = load_dataset("mnist", mnist_dir)
    net = Network([784, 30, 10], "relu", "softmax", init="he", rng=np.random.default_rng(0))
    fit(net, ds.x_train[:5000], ds.y_train[:5000], "cross_entropy",
        TrainConfig(epochs=1, batch_size=32, lr=0.1), x_scale=1 / 255)
    model = Model(net, input_shape=(28, 28), input_scale=1 / 255, classes=list(ds.classes), dataset="mnist")
    return model, ds


def test_mnist_test_set_probabilities_match(mnist_model, tmp_path):
    model, ds = mnist_model
    path = export_onnx(model, tmp_path / "model.onnx")
    onnx.checker.check_model(onnx.load(path), full_check=True)
    output, label = run_onnx(path, ds.x_test.astype(np.float32))  # raw uint8 pixels as float32
    ours = model.predict_proba_raw(ds.x_test)
    assert output.shape == (10000, 10) and label.shape == (10000,) and label.dtype == np.int64
    assert np.max(np.abs(output - ours)) < TOLERANCE
    np.testing.assert_array_equal(label, ours.argmax(axis=1))
    assert np.mean(label == ds.y_test) > 0.8  # a trained network, not a random one (chance: 0.1)


@pytest.mark.parametrize("hidden", names("hidden", exportable="onnx"))
@pytest.mark.parametrize("output", names("output", exportable="onnx"))
def test_every_activation_matches(hidden, output):
    for sizes in ([784, 30, 10], [6, 5, 4, 1]):
        model = random_model(sizes, hidden, output, seed=len(sizes))
        proto = to_onnx(model)  # runs onnx.checker with full_check
        x = random_raw_inputs(model, 300)
        assert max_abs_diff(model, proto, x) < TOLERANCE
        _, label = run_onnx(proto, x)
        np.testing.assert_array_equal(label, model.network.predict(x * np.float32(model.input_scale)))


def test_no_hidden_layer_and_float64_model():
    model = random_model([784, 10], "relu", "softmax", dtype="float64")
    x = random_raw_inputs(model)
    assert max_abs_diff(model, to_onnx(model), x) < TOLERANCE  # float64 weights rounded to float32: ~1e-7


def test_graph_is_gemm_per_layer_with_scaling_and_metadata():
    model = random_model([784, 16, 8, 10], "leaky_relu", "softmax")
    model.classes = list("abcdefghij")
    proto = to_onnx(model)
    ops = [n.op_type for n in proto.graph.node]
    assert ops == ["Mul", "Gemm", "LeakyRelu", "Gemm", "LeakyRelu", "Gemm", "Softmax", "ArgMax"]
    assert all(a.i == 1 for n in proto.graph.node if n.op_type == "Gemm" for a in n.attribute if a.name == "transB")
    leaky = next(n for n in proto.graph.node if n.op_type == "LeakyRelu")
    assert onnx.helper.get_attribute_value(leaky.attribute[0]) == pytest.approx(0.01)
    assert proto.opset_import[0].version == OPSET
    props = {p.key: p.value for p in proto.metadata_props}
    assert json.loads(props["nnscratch.classes"]) == list("abcdefghij")
    assert float(props["nnscratch.input_scale"]) == pytest.approx(1 / 255)
    assert json.loads(props["nnscratch.sizes"]) == [784, 16, 8, 10]
    inputs = proto.graph.input[0].type.tensor_type.shape.dim
    assert [d.dim_param or d.dim_value for d in inputs] == ["N", 784]


def test_step_activation_is_greater_and_cast():
    proto = to_onnx(random_model([4, 3, 2], "step", "step"))
    assert [n.op_type for n in proto.graph.node].count("Greater") == 2


@pytest.mark.parametrize("opset", [12, 10_000, "17", True])
def test_bad_opset(opset):
    with pytest.raises(ConfigError, match="opset"):
        to_onnx(random_model([4, 2], "relu", "softmax"), opset=opset)


def test_newest_opset_works():
    model = random_model([5, 3, 2], "tanh", "softmax")
    proto = to_onnx(model, opset=onnx.defs.onnx_opset_version())
    assert max_abs_diff(model, proto, random_raw_inputs(model)) < TOLERANCE


def test_bad_output_paths(tmp_path):
    model = random_model([4, 2], "relu", "softmax")
    with pytest.raises(OutputError, match=r"\.onnx"):
        export_onnx(model, tmp_path / "model.pt")
    with pytest.raises(OutputError, match="does not exist"):
        export_onnx(model, tmp_path / "missing" / "model.onnx")
    (tmp_path / "dir.onnx").mkdir()
    with pytest.raises(OutputError, match="folder"):
        export_onnx(model, tmp_path / "dir.onnx")


def test_trained_model_predicts_the_same_digits_everywhere(mnist_model, tmp_path, capsys):
    """nnscratch -> model.npz -> 'nnscratch export' to ONNX and PyTorch: the same digit for every test image."""
    torch = pytest.importorskip("torch", reason="the torch extra is not installed: pip install 'nnscratch[torch]'")
    from nnscratch.cli import main
    from nnscratch.export.torch import build_sequential
    from nnscratch.io.model import save_model

    model, ds = mnist_model
    save_model(model, tmp_path / "model.npz")
    assert main(["export", str(tmp_path / "model.npz"), "-o", str(tmp_path / "model.onnx")]) == 0
    assert main(["export", str(tmp_path / "model.npz"), "-o", str(tmp_path / "model.pt")]) == 0
    capsys.readouterr()

    digits_nnscratch = model.predict(ds.x_test / 255.0)
    _, digits_onnx = run_onnx(tmp_path / "model.onnx", ds.x_test.astype(np.float32))
    sequential = build_sequential([784, 30, 10], "relu", "softmax")
    sequential.load_state_dict(torch.load(tmp_path / "model.pt", weights_only=True))
    with torch.no_grad():
        digits_torch = sequential(torch.from_numpy(ds.x_test.astype(np.float32) / 255)).argmax(dim=1).numpy()
    np.testing.assert_array_equal(digits_onnx, digits_nnscratch)
    np.testing.assert_array_equal(digits_torch, digits_nnscratch)
