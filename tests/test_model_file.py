"""Model files: round trip, strict validation of everything read, atomic saves."""

import json

import numpy as np
import pytest

from nnscratch.errors import ModelFileError, OutputError
from nnscratch.io import model as model_io
from nnscratch.io.model import latest_model_path, load_model, save_model
from nnscratch.model import Model
from nnscratch.network import Network


def make_model(dtype=np.float32):
    net = Network([4, 3, 2], "relu", "softmax", init="he", rng=np.random.default_rng(0), dtype=dtype)
    return Model(net, loss="cross_entropy", input_shape=(2, 2), input_scale=1 / 255, classes=["no", "yes"],
                 dataset="toy", config={"lr": 0.1}, metrics={"test_accuracy": 0.5})


def arrays_of(path):
    with np.load(path, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def write_arrays(path, arrays):
    with open(path, "wb") as f:
        np.savez(f, **arrays)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_round_trip_keeps_everything(tmp_path, dtype):
    model = make_model(dtype)
    path = save_model(model, tmp_path / "m.npz")
    back = load_model(path)
    for p, q in zip(model.network.parameters(), back.network.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)
        assert q.dtype == dtype
    assert back.network.sizes == [4, 3, 2] and back.network.hidden.name == "relu"
    assert back.input_shape == (2, 2) and back.input_scale == pytest.approx(1 / 255)
    assert back.classes == ["no", "yes"] and back.config == {"lr": 0.1} and back.metrics["test_accuracy"] == 0.5
    x = np.random.default_rng(1).uniform(size=(3, 4))
    np.testing.assert_array_equal(model.predict_proba(x), back.predict_proba(x))


def test_metadata_is_plain_json_and_loading_never_unpickles(tmp_path, monkeypatch):
    path = save_model(make_model(), tmp_path / "m.npz")
    meta = json.loads(arrays_of(path)["metadata"].tobytes())
    assert meta["format"] == "nnscratch-model" and meta["format_version"] == 1
    import pickle

    def refuse(*args, **kwargs):
        raise AssertionError("a model file was unpickled")

    # the loader reads .npy headers and raw bytes itself: no pickle, and no np.load that could be told to
    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(np, "load", refuse)
    assert load_model(path).network.sizes == [4, 3, 2]


def corrupt(tmp_path, change):
    path = save_model(make_model(), tmp_path / "m.npz")
    arrays = arrays_of(path)
    meta = json.loads(arrays["metadata"].tobytes())
    change(arrays, meta)
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    write_arrays(path, arrays)
    return path


@pytest.mark.parametrize("change,message", [
    (lambda a, m: m.update(format_version=99), "newer nnscratch .*format 99"),
    (lambda a, m: m.update(format="other"), "does not describe an nnscratch model"),
    (lambda a, m: m.pop("sizes"), "lacks 'sizes'"),
    (lambda a, m: m.update(sizes=[4, -3, 2]), "positive integers"),
    (lambda a, m: m.update(dtype="int8"), "dtype must be float32 or float64"),
    (lambda a, m: a.pop("theta_3"), "missing \\['theta_3'\\]"),
    (lambda a, m: a.update(extra=np.zeros(1)), "unexpected \\['extra'\\]"),
    (lambda a, m: a.update(theta_2=np.zeros((3, 5), np.float32)), "theta_2 has shape \\(3, 5\\), expected \\(3, 4\\)"),
    (lambda a, m: a.update(b_2=np.zeros(3, np.float64)), "b_2 has dtype float64, expected float32"),
    (lambda a, m: a["theta_3"].__setitem__((0, 0), np.nan), "NaN or infinite weights"),
    (lambda a, m: m.update(hidden_activation="swish"), "unknown activation 'swish'"),
    (lambda a, m: m.update(input={"shape": [3, 3], "scale": 1}), "input must give a shape whose size is 4"),
    (lambda a, m: m.update(classes=["a", "b", "c"]), "classes must list 2 names"),
])
def test_every_bad_field_is_named(tmp_path, change, message):
    path = corrupt(tmp_path, change)
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_not_a_model_file(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("hello")
    with pytest.raises(ModelFileError, match="is not an nnscratch model file"):
        load_model(text)
    with pytest.raises(ModelFileError, match="does not exist: train one"):
        load_model(tmp_path / "missing.npz")
    plain = tmp_path / "plain.npz"
    write_arrays(plain, {"w": np.zeros(3)})
    with pytest.raises(ModelFileError, match="no metadata record"):
        load_model(plain)
    broken = tmp_path / "broken.npz"
    write_arrays(broken, {"metadata": np.frombuffer(b"{not json", np.uint8)})
    with pytest.raises(ModelFileError, match="not valid JSON"):
        load_model(broken)


def test_pickled_object_arrays_are_refused(tmp_path):
    path = tmp_path / "evil.npz"
    write_arrays(path, {"metadata": np.array([{"a": 1}], dtype=object)})
    with pytest.raises(ModelFileError):
        load_model(path)


def test_save_refuses_bad_paths(tmp_path):
    with pytest.raises(OutputError, match="end in .npz"):
        save_model(make_model(), tmp_path / "m.pkl")
    with pytest.raises(OutputError, match="does not exist: create it first"):
        save_model(make_model(), tmp_path / "nope" / "m.npz")
    (tmp_path / "d.npz").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        save_model(make_model(), tmp_path / "d.npz")


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_interrupted_save_keeps_the_old_file(tmp_path, monkeypatch, interruption):
    path = save_model(make_model(), tmp_path / "m.npz")
    before = path.read_bytes()

    def half_write(f, **arrays):
        f.write(b"PK\x03\x04 half a zip")
        raise interruption()

    monkeypatch.setattr(model_io.np, "savez", half_write)
    with pytest.raises(interruption):
        save_model(make_model(np.float64), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]  # no temp file left behind


def test_latest_model_path_picks_the_newest(tmp_path):
    import os

    env = {"XDG_DATA_HOME": str(tmp_path)}
    assert latest_model_path("mnist", environ=env) is None
    folder = model_io.models_dir(env)
    folder.mkdir(parents=True)
    old, new = folder / "mnist-1.npz", folder / "mnist-2.npz"
    for i, p in enumerate((old, new)):
        save_model(make_model(), p)
        os.utime(p, ns=(10**18 + i, 10**18 + i))
    (folder / "xor-3.npz").write_bytes(b"")
    assert latest_model_path("mnist", environ=env) == new


def test_saved_files_get_the_umask_permissions_not_0600(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        path = save_model(make_model(), tmp_path / "m.npz")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_read_metadata_reads_no_weights(tmp_path):
    from nnscratch.io.model import read_metadata

    path = save_model(make_model(), tmp_path / "m.npz")
    meta = read_metadata(path)
    assert meta["sizes"] == [4, 3, 2] and meta["classes"] == ["no", "yes"]
    arrays = arrays_of(path)
    arrays["theta_2"] = np.zeros((3, 5), np.float32)  # weights that load_model would refuse
    write_arrays(path, arrays)
    assert read_metadata(path)["sizes"] == [4, 3, 2]
    with pytest.raises(ModelFileError, match=r"theta_2 has shape \(3, 5\)"):
        load_model(path)
    (tmp_path / "w.npz").write_bytes(b"\x93NUMPY\x01\x00")
    with pytest.raises(ModelFileError, match="single NumPy array"):
        read_metadata(tmp_path / "w.npz")
