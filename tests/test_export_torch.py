"""PyTorch export and import: the state dict loads into a plain nn.Sequential and computes the same a(L)."""

import zipfile

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the torch extra is not installed: pip install 'nnscratch[torch]'")
from torch import nn

from nnscratch.activations import names
from nnscratch.errors import ConfigError, ModelFileError, OutputError
from nnscratch.export.torch import (
    build_sequential,
    export_torch,
    import_torch_state_dict,
    load_state_dict,
    max_abs_diff,
    sequential_snippet,
    state_dict,
    to_torch,
)
from nnscratch.model import Model
from nnscratch.network import Network

TOLERANCE = 1e-5
TORCH_ACTIVATIONS = names("hidden", exportable="torch")  # every hidden f but step, from the registry
TORCH_OUTPUTS = names("output", exportable="torch")


def random_model(sizes=(784, 30, 10), hidden="relu", output="softmax", seed=0, dtype="float32"):
    net = Network(list(sizes), hidden, output, init="xavier", rng=np.random.default_rng(seed), dtype=dtype)
    return Model(net, input_scale=1 / 255)


def inputs(n_in, n=200, seed=1):
    return np.random.default_rng(seed).random((n, n_in)).astype(np.float32)


@pytest.mark.parametrize("hidden", TORCH_ACTIVATIONS)
@pytest.mark.parametrize("output", TORCH_OUTPUTS)
def test_every_activation_matches(hidden, output):
    model = random_model((20, 16, 8, 5), hidden, output)
    assert max_abs_diff(model, inputs(20)) < TOLERANCE


def test_state_dict_loads_into_the_documented_sequential(tmp_path):
    model = random_model((784, 30, 10), "sigmoid", "softmax")
    path = export_torch(model, tmp_path / "model.pt")
    sd = torch.load(path, weights_only=True)
    assert list(sd) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert tuple(sd["0.weight"].shape) == (30, 784) and tuple(sd["2.bias"].shape) == (10,)
    module = nn.Sequential(nn.Linear(784, 30), nn.Sigmoid(), nn.Linear(30, 10), nn.Softmax(dim=1))
    module.load_state_dict(sd)  # strict: every key matches
    x = inputs(784)
    with torch.no_grad():
        out = module(torch.from_numpy(x)).numpy()
    assert np.max(np.abs(out - model.predict_proba(x))) < TOLERANCE


def test_printed_snippet_runs(tmp_path):
    model = random_model((12, 7, 3), "tanh", "softmax")
    path = export_torch(model, tmp_path / "model.pt")
    namespace = {}
    exec(sequential_snippet([12, 7, 3], "tanh", "softmax", str(path)), namespace)  # noqa: S102 -- the user's copy-paste
    x = inputs(12)
    with torch.no_grad():
        out = namespace["model"](torch.from_numpy(x)).numpy()
    assert np.max(np.abs(out - model.predict_proba(x))) < TOLERANCE


def test_import_round_trip_is_exact(tmp_path):
    model = random_model((784, 30, 20, 10), "leaky_relu", "softmax")
    path = export_torch(model, tmp_path / "model.pt")
    back = import_torch_state_dict(path, hidden="leaky_relu", output="softmax", sizes=[784, 30, 20, 10],
                                   classes=list("0123456789"))
    assert back.network.sizes == [784, 30, 20, 10]
    for l in model.network.layers:
        np.testing.assert_array_equal(back.network.theta[l], model.network.theta[l])
        np.testing.assert_array_equal(back.network.b[l], model.network.b[l])
    assert back.input_shape == (28, 28) and back.input_scale == pytest.approx(1 / 255)
    assert back.loss == "cross_entropy" and back.classes == list("0123456789")


def test_float64_model_round_trip(tmp_path):
    model = random_model((6, 4, 3), "tanh", "sigmoid", dtype="float64")
    assert state_dict(model)["0.weight"].dtype == torch.float64
    back = import_torch_state_dict(export_torch(model, tmp_path / "m.pth"), hidden="tanh", output="sigmoid",
                                   dtype="float64")
    np.testing.assert_array_equal(back.network.theta[2], model.network.theta[2])


def test_import_a_module_trained_in_pytorch():
    torch.manual_seed(0)
    module = nn.Sequential(nn.Linear(10, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))
    model = import_torch_state_dict(module.state_dict(), hidden="relu", output="softmax", input_scale=1.0)
    x = inputs(10)
    with torch.no_grad():
        out = module(torch.from_numpy(x)).numpy()
    assert np.max(np.abs(model.predict_proba(x) - out)) < TOLERANCE
    assert model.input_shape == (10,)


def test_distributed_data_parallel_prefix_and_logits_only_module():
    """A DDP-wrapped module's keys start with 'module.'; a module without its final Softmax has fewer keys."""
    model = random_model((5, 4, 3))
    sd = {f"module.{k}": v for k, v in state_dict(model).items()}
    back = import_torch_state_dict(sd, hidden="relu", output="softmax")
    np.testing.assert_array_equal(back.network.theta[3], model.network.theta[3])


def test_to_torch_and_build_sequential():
    model = random_model((5, 4, 3), "leaky_relu", "identity")
    module = to_torch(model)
    assert isinstance(module[1], nn.LeakyReLU) and module[1].negative_slope == 0.01
    assert isinstance(module[3], nn.Identity)
    assert [type(m).__name__ for m in build_sequential([3, 2, 2, 1], "sigmoid", "sigmoid")] == \
        ["Linear", "Sigmoid", "Linear", "Sigmoid", "Linear", "Sigmoid"]


def test_step_activation_has_no_torch_layer(tmp_path):
    with pytest.raises(ConfigError, match="step"):
        export_torch(random_model((4, 3, 2), "step", "softmax"), tmp_path / "m.pt")


# ---- bad inputs ---------------------------------------------------------------------

def good_sd():
    return state_dict(random_model((6, 4, 3)))


@pytest.mark.parametrize("change, message", [
    (lambda sd: sd.pop("2.bias"), "missing key 2.bias"),
    (lambda sd: sd.pop("0.weight"), "missing key 0.weight"),
    (lambda sd: sd.update({"0.bias": torch.zeros(5)}), r"weight \(4, 6\) and bias \(5,\)"),
    (lambda sd: sd.update({"0.weight": torch.zeros(4, 6, 1)}), "weight"),
    (lambda sd: sd.update({"2.weight": torch.zeros(3, 5)}), "takes 5 inputs but the Linear before it gives 4"),
    (lambda sd: sd.update({"1.running_mean": torch.zeros(4)}), "unexpected key '1.running_mean'"),
    (lambda sd: sd.update({"0.weight": torch.zeros(4, 6, dtype=torch.int32)}), "floating-point"),
    (lambda sd: sd.update({"0.bias": 1.5}), "not a tensor"),
    (lambda sd: sd.update({"0.bias": torch.full((4,), float("nan"))}), "NaN"),
    (lambda sd: sd.update({"net.4.weight": torch.zeros(2, 3), "net.4.bias": torch.zeros(2)}), "several modules"),
    (lambda sd: sd.clear(), "empty"),
])
def test_bad_state_dicts(change, message):
    sd = good_sd()
    change(sd)
    with pytest.raises(ModelFileError, match=message):
        import_torch_state_dict(sd)


def test_bad_import_options():
    with pytest.raises(ModelFileError, match=r"\[6, 4, 3\], not the \[6, 5, 3\]"):
        import_torch_state_dict(good_sd(), sizes=[6, 5, 3])
    with pytest.raises(ConfigError, match="2 class names given for 3 outputs"):
        import_torch_state_dict(good_sd(), classes=["a", "b"])
    with pytest.raises(ConfigError, match="input shape"):
        import_torch_state_dict(good_sd(), input_shape=(2, 2))
    for scale in (0, -1.0, float("inf"), "1/255", True):
        with pytest.raises(ConfigError, match="input scale"):
            import_torch_state_dict(good_sd(), input_scale=scale)
    with pytest.raises(ConfigError, match="activation"):
        import_torch_state_dict(good_sd(), hidden="softmax")
    with pytest.raises(ModelFileError, match="not a state dict"):
        import_torch_state_dict([1, 2])


def test_files_that_are_not_state_dicts(tmp_path):
    cases = {"missing.pt": None, "empty.pt": b"", "text.pt": b"hello", "model.npz": None}
    np.savez(tmp_path / "model.npz", a=np.zeros(3))
    for name, content in cases.items():
        if content is not None:
            (tmp_path / name).write_bytes(content)
    with pytest.raises(ModelFileError, match="does not exist"):
        load_state_dict(tmp_path / "missing.pt")
    for name in ("empty.pt", "text.pt"):
        with pytest.raises(ModelFileError, match="not a file written by torch.save"):
            load_state_dict(tmp_path / name)
    with pytest.raises(ModelFileError, match="not a readable torch.save file"):  # a zip, but not torch's
        load_state_dict(tmp_path / "model.npz")
    torch.save(torch.zeros(3), tmp_path / "tensor.pt")
    with pytest.raises(ModelFileError, match="holds a Tensor, not a state dict"):
        load_state_dict(tmp_path / "tensor.pt")
    torch.save(nn.Linear(2, 3), tmp_path / "module.pt")  # a whole pickled module
    with pytest.raises(ModelFileError, match="weights_only=True"):
        load_state_dict(tmp_path / "module.pt")


class _Payload:
    """Unpickling this would create a file: the proof that a hostile file ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_hostile_file_runs_no_code(tmp_path):
    marker = tmp_path / "pwned"
    torch.save({"0.weight": _Payload(marker)}, tmp_path / "evil.pt")
    assert zipfile.is_zipfile(tmp_path / "evil.pt")
    with pytest.raises(ModelFileError, match="weights_only=True"):
        import_torch_state_dict(tmp_path / "evil.pt")
    assert not marker.exists()


def test_interrupted_export_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "model.pt"
    path.write_bytes(b"old")

    def interrupted_save(obj, f):
        f.write(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", interrupted_save)
    with pytest.raises(KeyboardInterrupt):
        export_torch(random_model((4, 2)), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]  # no temp file left behind


def test_bad_output_paths(tmp_path):
    with pytest.raises(OutputError, match=r"\.pt / \.pth"):
        export_torch(random_model((4, 2)), tmp_path / "model.onnx")
    with pytest.raises(OutputError, match="does not exist"):
        export_torch(random_model((4, 2)), tmp_path / "nope" / "model.pt")
