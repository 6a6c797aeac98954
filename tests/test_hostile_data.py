"""Hostile input for the data area: model files, dataset folders and IDX files, images.

Each bad file gives one ``nnscratch.errors`` exception whose message says what the
file is and what to do; through the CLI one line on stderr, no traceback; the file
itself is never changed. Forged sizes are refused before the data is read: a child
process measures its peak memory (RSS) while refusing files that claim gigabytes.
"""

from __future__ import annotations

import io
import json
import pickle
import struct
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli
from helpers_rss import run_with_peak_rss
from nnscratch.data import load_dataset, load_test_set, read_idx, write_idx
from nnscratch.errors import DataError, ModelFileError
from nnscratch.io.model import load_model, save_model
from nnscratch.model import Model
from nnscratch.network import Network

# Peak RSS allowed to a child process that only imports nnscratch and refuses one file. Importing
# numpy and nnscratch takes about 60-90 MB; the files below claim 10 GB to 40 GB.
RSS_BUDGET_MB = 300


def tiny_model(sizes=(4, 3, 2), input_shape=(2, 2), classes=("no", "yes"), dataset="toy"):
    net = Network(list(sizes), "relu", "softmax", init="he", rng=np.random.default_rng(0), dtype=np.float32)
    return Model(net, loss="cross_entropy", input_shape=input_shape, input_scale=1 / 255, classes=list(classes),
                 dataset=dataset, config={}, metrics={})


def npy_bytes(shape, descr="<f4", payload=b""):
    """A .npy file: its header (declaring ``shape`` of ``descr``) and ``payload`` as the data."""
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": descr, "fortran_order": False, "shape": tuple(shape)})
    return buf.getvalue() + payload


def members_of(path):
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def write_zip(path, members, *, big=None):
    """A zip of ``members`` (name -> bytes); ``big`` = (name, header, n_zero_bytes) adds a deflated member
    whose zeros are streamed, so a member of many MB costs a few hundred kB on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        if big is not None:
            name, header, n = big
            with z.open(name, "w", force_zip64=True) as f:
                f.write(header)
                block = bytes(1 << 20)
                for _ in range(n >> 20):
                    f.write(block)
    return path


def peak_rss_of_loading(path, loader: str = "nnscratch.io.model.load_model") -> tuple[str, float]:
    """(error class and message, peak RSS in MB) of a child process that calls loader(path)."""
    module, _, name = loader.rpartition(".")
    code = textwrap.dedent(f"""
        from {module} import {name}
        try:
            {name}({str(path)!r})
            print("LOADED")
        except Exception as exc:
            print(type(exc).__name__ + ": " + str(exc))
    """)
    done, rss = run_with_peak_rss([sys.executable, "-c", code], tmp_path=Path(path).parent, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), rss


def assert_refused_within_budget(path, match):
    """load_model(path) raises ModelFileError matching ``match``, and a child process doing it stays under budget."""
    with pytest.raises(ModelFileError, match=match):
        load_model(path)
    message, rss = peak_rss_of_loading(path)
    assert message.startswith("ModelFileError") and rss < RSS_BUDGET_MB, (message, rss)


@pytest.fixture
def good_model(tmp_path):
    return save_model(tiny_model(), tmp_path / "good.npz")


# ---------------------------------------------------------------- model files


def test_npy_renamed_npz_is_a_model_file_error_not_a_type_error(tmp_path):
    path = tmp_path / "weights.npz"
    np.save(tmp_path / "weights.npy", np.zeros((3, 4), np.float32))
    (tmp_path / "weights.npy").rename(path)
    before = path.read_bytes()
    with pytest.raises(ModelFileError, match=r"is a single NumPy array \(\.npy\), not an nnscratch model") as err:
        load_model(path)
    assert "改了扩展名" in err.value.message("zh")
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", [
    ["predict", "{model}", "{image}"],
    ["evaluate", "{model}"],
    ["export", "{model}", "-o", "{out}"],
])
def test_cli_commands_refuse_a_renamed_npy_in_one_line(tmp_path, capsys, command):
    model = tmp_path / "m.npz"
    model.write_bytes(npy_bytes((3, 4), payload=bytes(48)))
    image = tmp_path / "digit.png"
    image.write_bytes(b"not read: the model is refused first")
    before = model.read_bytes()
    argv = [a.format(model=model, image=image, out=tmp_path / "out.onnx") for a in command]
    assert_one_line_error(capsys, *argv, text="single NumPy array")
    assert model.read_bytes() == before and not (tmp_path / "out.onnx").exists()


def test_header_claiming_100000_by_100000_is_refused_before_reading(tmp_path, good_model):
    members = members_of(good_model)
    members["theta_2.npy"] = npy_bytes((100000, 100000), payload=bytes(64))  # 40 GB promised, 64 bytes given
    path = write_zip(tmp_path / "forged.npz", members)
    assert_refused_within_budget(path, r"theta_2 has shape \(100000, 100000\), expected \(3, 4\)")


def test_member_that_decompresses_to_50000_by_50000_is_refused_fast_and_small(tmp_path, good_model):
    """The issue's 10 MB zip whose theta_2 inflates to 50000x50000: here 64 MB of zeros deflated to ~64 kB."""
    members = members_of(good_model)
    del members["theta_2.npy"]
    path = write_zip(tmp_path / "bomb.npz", members, big=("theta_2.npy", npy_bytes((50000, 50000)), 64 << 20))
    assert path.stat().st_size < 1 << 20
    assert_refused_within_budget(path, r"theta_2 has shape \(50000, 50000\)")


def test_member_longer_than_its_header_declares_is_refused_before_inflating(tmp_path, good_model):
    """The right header (3, 4) followed by 64 MB more: the archive's size record gives it away."""
    members = members_of(good_model)
    del members["theta_2.npy"]
    path = write_zip(tmp_path / "padded.npz", members, big=("theta_2.npy", npy_bytes((3, 4)), 64 << 20))
    assert_refused_within_budget(path, r"theta_2 declares shape \(3, 4\).*archive records 67,108,")


def test_metadata_and_headers_that_agree_on_a_huge_network_meet_the_budget(tmp_path, good_model):
    members = members_of(good_model)
    meta = json.loads(np.lib.format.read_array(io.BytesIO(members["metadata.npy"])).tobytes())
    meta.update(sizes=[50000, 50000, 2], input={"shape": [50000], "scale": 1.0})
    raw = json.dumps(meta).encode()
    members = {"metadata.npy": npy_bytes((len(raw),), "|u1", raw),
               "theta_2.npy": npy_bytes((50000, 50000)), "b_2.npy": npy_bytes((50000,)),
               "theta_3.npy": npy_bytes((2, 50000)), "b_3.npy": npy_bytes((2,))}
    path = write_zip(tmp_path / "huge.npz", members)
    with pytest.raises(ModelFileError, match=r"parameters need 10\.0 GB of float32.*max_bytes") as err:
        load_model(path)
    assert "max_bytes" in err.value.message("zh")
    message, rss = peak_rss_of_loading(path)
    assert "10.0 GB" in message and rss < RSS_BUDGET_MB, (message, rss)


def test_object_arrays_say_what_they_are_and_are_never_unpickled(tmp_path, good_model, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("unpickled")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    path = tmp_path / "objects.npz"
    with open(path, "wb") as f:
        np.savez(f, metadata=np.array([{"format": "nnscratch-model"}], dtype=object))
    with pytest.raises(ModelFileError, match=r"metadata is an array of Python objects .*unpickling") as err:
        load_model(path)
    assert "not an .npz archive" not in str(err.value)
    members = members_of(good_model)
    buf = io.BytesIO()
    np.save(buf, np.array([object()] * 3, dtype=object), allow_pickle=True)
    members["b_2.npy"] = buf.getvalue()
    with pytest.raises(ModelFileError, match="b_2 is an array of Python objects"):
        load_model(write_zip(tmp_path / "objects2.npz", members))


def test_a_pickle_named_npz_is_refused_without_unpickling(tmp_path, monkeypatch):
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("unpickled"))
    path = tmp_path / "model.npz"
    path.write_bytes(pickle.dumps({"theta": [1, 2, 3]}, protocol=4))
    with pytest.raises(ModelFileError, match="looks like a Python pickle, which nnscratch never loads"):
        load_model(path)


@pytest.mark.parametrize("make, says", [
    (lambda p: p.mkdir(), "is a folder, not a model file"),
    (lambda p: p.write_bytes(b""), "is empty (0 bytes)"),
    (lambda p: p.write_text('{"sizes": [4, 3, 2]}'), "not an .npz archive (it looks like a JSON text)"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40)), "looks like an image"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(30)), "damaged .npz archive"),
    (lambda p: write_zip(p, {"readme.txt": b"hello"}), "'readme.txt', which is not a NumPy array"),
    (lambda p: write_zip(p, {"metadata.npy": b"\x93NUMPY\x01\x00garbage"}), "metadata is not a valid NumPy array"),
    (lambda p: write_zip(p, {"metadata.npy": npy_bytes((4,), "<f8", bytes(32))}), "must be UTF-8 JSON bytes"),
])
def test_bad_model_files_say_what_they_are(tmp_path, make, says):
    path = tmp_path / "m.npz"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(ModelFileError) as err:
        load_model(path)
    assert says in str(err.value)
    assert err.value.message("zh") != str(err.value)
    if before is not None:
        assert path.read_bytes() == before


def test_truncated_model_file(tmp_path, good_model):
    data = good_model.read_bytes()
    for cut in (len(data) // 2, len(data) - 10):
        path = tmp_path / f"cut{cut}.npz"
        path.write_bytes(data[:cut])
        with pytest.raises(ModelFileError, match="damaged .npz archive|not a valid NumPy array|archive records"):
            load_model(path)


def test_model_folder_via_the_cli(tmp_path, capsys):
    folder = tmp_path / "model.npz"
    folder.mkdir()
    assert_one_line_error(capsys, "evaluate", folder, text="is a folder, not a model file")


# ---------------------------------------------------------------- dataset folders and IDX files


def make_fake(folder: Path, n_train=20, n_test=10):
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", rng.integers(0, 10, n, dtype=np.uint8))
    return folder


def test_zero_byte_labels_file_gives_a_full_sentence(tmp_path, capsys):
    folder = make_fake(tmp_path / "d")
    labels = folder / "t10k-labels-idx1-ubyte.gz"
    labels.unlink()
    (folder / "t10k-labels-idx1-ubyte").write_bytes(b"")
    with pytest.raises(DataError) as err:
        load_dataset("mnist", folder)
    message = str(err.value)
    assert message.endswith("replace it (e.g. download it again)")
    assert "is empty (0 bytes), so it is not an IDX file" in message
    assert err.value.message("zh").endswith("请替换它（例如重新下载）")
    assert_one_line_error(capsys, "data", "info", "--data-dir", folder, text="is empty (0 bytes)")


def test_folder_named_like_an_idx_file_is_reported_as_a_folder(tmp_path, capsys):
    folder = make_fake(tmp_path / "d")
    (folder / "train-images-idx3-ubyte.gz").unlink()
    (folder / "train-images-idx3-ubyte").mkdir()
    with pytest.raises(DataError, match="train-images-idx3-ubyte is a folder, not an IDX file"):
        load_dataset("mnist", folder)
    with pytest.raises(DataError, match="is a folder, not an IDX file"):
        read_idx(folder / "train-images-idx3-ubyte")
    assert_one_line_error(capsys, "data", "info", "--data-dir", folder, text="is a folder, not an IDX file")


def test_idx_header_claiming_terabytes_is_refused_small(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    header = bytes([0, 0, 8, 3]) + np.array([60000, 60000, 60000], ">u4").tobytes()
    path.write_bytes(zlib.compress(header))  # zlib, not gzip: also not what it claims
    with pytest.raises(DataError):
        read_idx(path)
    import gzip
    path.write_bytes(gzip.compress(header + bytes(1000)))
    message, rss = peak_rss_of_loading(path, "nnscratch.data.read_idx")
    assert message.partition(":")[0] == "DataError" and rss < RSS_BUDGET_MB, (message, rss)


def test_empty_nnscratch_data_folder_train_and_logreg_agree(tmp_path, capsys, monkeypatch):
    """One rule for "may this command download?": a folder the user named is never downloaded into."""
    import urllib.request

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("NNSCRATCH_DATA", str(empty))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: pytest.fail("tried to download"))
    errors = []
    for argv in (["train", "--epochs", "1"], ["logreg", "--dataset", "mnist", "--epochs", "1"]):
        err = assert_one_line_error(capsys, *argv, text="MNIST is not available")
        errors.append(err[err.index("MNIST is not available"):])
    assert errors[0] == errors[1] and "(from $NNSCRATCH_DATA) lacks" in errors[0]
    assert list(empty.iterdir()) == []


def test_evaluate_needs_only_the_test_files(tmp_path, capsys, mnist_dir):
    folder = tmp_path / "test-only"
    folder.mkdir()
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (folder / name).symlink_to(mnist_dir / name)
    assert load_test_set("mnist", folder).y_test.shape == (10000,)
    model = save_model(tiny_model((784, 16, 10), (28, 28), tuple("0123456789"), "mnist"), tmp_path / "m.npz")
    code, out, err = run_cli(capsys, "evaluate", model, "--data-dir", folder, "--json")
    assert code == 0, err
    assert json.loads(out)["n"] == 10000


# ---------------------------------------------------------------- images


def png_claiming(width, height) -> bytes:
    """A PNG whose header declares width x height grey pixels, with almost no data."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(width + 1)))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("width, height", [(100000, 100000), (7000, 7000), (30000, 10)])
def test_huge_images_are_refused_before_decoding(tmp_path, width, height):
    pytest.importorskip("PIL")
    from nnscratch.io.image import load_image

    path = tmp_path / "huge.png"
    path.write_bytes(png_claiming(width, height))
    with pytest.raises(DataError, match="decompression bomb") as err:
        load_image(path)
    assert "解压炸弹" in err.value.message("zh")
    message, rss = peak_rss_of_loading(path, "nnscratch.io.image.load_image")
    assert message.partition(":")[0] == "DataError" and rss < RSS_BUDGET_MB, (message, rss)


@pytest.mark.parametrize("name, content, says", [
    ("notes.png", b"hello, I am text\n", "is not an image nnscratch reads"),
    ("page.jpg", b"<!DOCTYPE html><html></html>", "is not an image nnscratch reads"),
    ("figure.png", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n", "is not an image nnscratch reads"),
    ("model.png", None, "is not an image nnscratch reads"),  # an .npz renamed .png
    ("empty.png", b"", r"is empty \(0 bytes\)"),
    ("cut.png", png_claiming(40, 40)[:30], "damaged or truncated|not an image"),
])
def test_non_images_named_like_images(tmp_path, name, content, says):
    pytest.importorskip("PIL")
    import re

    from nnscratch.io.image import load_image

    path = tmp_path / name
    if content is None:
        save_model(tiny_model(), tmp_path / "m.npz").rename(path)
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(DataError) as err:
        load_image(path)
    assert re.search(says, str(err.value)) and str(path) in str(err.value)
    assert path.read_bytes() == before


def test_predict_with_a_bad_image_is_one_line_per_error(tmp_path, capsys):
    pytest.importorskip("PIL")
    model = save_model(tiny_model((784, 16, 10), (28, 28), tuple("0123456789"), "mnist"), tmp_path / "m.npz")
    fake = tmp_path / "fake.png"
    fake.write_text("not a picture")
    code, out, err = run_cli(capsys, "predict", model, fake)
    assert code not in (0, None) and "Traceback" not in err and "is not an image nnscratch reads" in err
    assert fake.read_text() == "not a picture"


def test_pipes_named_like_data_files_are_refused_without_waiting(tmp_path):
    """Opening a FIFO for reading would block until someone writes: each reader checks the kind of file first."""
    import os

    pytest.importorskip("PIL")
    from nnscratch.io.image import load_image

    folder = make_fake(tmp_path / "d")
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    os.mkfifo(folder / "t10k-labels-idx1-ubyte.gz")
    with pytest.raises(DataError, match="is not a regular file"):
        load_dataset("mnist", folder)
    os.mkfifo(tmp_path / "m.npz")
    with pytest.raises(ModelFileError, match="is not a regular file"):
        load_model(tmp_path / "m.npz")
    os.mkfifo(tmp_path / "digit.png")
    with pytest.raises(DataError, match="is not a regular file"):
        load_image(tmp_path / "digit.png")
