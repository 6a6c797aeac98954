"""`nnscratch models` (list, --prune), and `serve` choosing the best saved digit model and printing its addresses."""

from __future__ import annotations

import json
import os
import socket

import numpy as np
import pytest

from cli_helpers import run_cli
from nnscratch.io.model import models_dir, save_model
from nnscratch.model import Model
from nnscratch.network import Network


def _model(sizes, dataset, accuracy=None, shape=None):
    net = Network(sizes, "relu", "softmax", rng=np.random.default_rng(0))
    metrics = {} if accuracy is None else {"test_accuracy": accuracy}
    return Model(net, input_shape=shape or (sizes[0],), dataset=dataset, metrics=metrics)


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """A user data folder with digit models of several accuracies, a toy model and files that are not models."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = models_dir()
    folder.mkdir(parents=True)
    paths = {
        "good": save_model(_model([784, 10], "mnist", 0.95, (28, 28)), folder / "mnist-1-good.npz"),
        "best": save_model(_model([784, 10], "mnist", 0.98, (28, 28)), folder / "mnist-2-best.npz"),
        "unscored": save_model(_model([784, 10], "mnist", None, (28, 28)), folder / "mnist-3-unscored.npz"),
        "flat": save_model(_model([100, 10], "mnist", 0.99), folder / "mnist-4-flat.npz"),  # not 28x28
        "xor": save_model(_model([2, 4, 2], "xor", 1.0), folder / "xor-1.npz"),
    }
    (folder / "junk.npz").write_bytes(os.urandom(300))
    np.save(folder / "array.npy", np.arange(5))
    (folder / "array.npy").rename(folder / "renamed-npy.npz")
    (folder / "notes.txt").write_text("mine")
    # the newest file is the worst one: serve used to pick it
    os.utime(paths["good"], (2e9, 2e9))
    return folder, paths


def test_models_lists_best_first_and_skips_what_is_not_a_model(capsys, saved):
    folder, paths = saved
    code, out, err = run_cli(capsys, "models", "--json")
    assert code == 0, err
    report = json.loads(out)
    names = [m["name"] for m in report["models"]]
    assert names == ["xor-1.npz", "mnist-4-flat.npz", "mnist-2-best.npz", "mnist-1-good.npz", "mnist-3-unscored.npz"]
    best = report["models"][2]
    assert best["accuracy"] == 0.98 and best["dataset"] == "mnist" and best["sizes"] == [784, 10]
    assert best["bytes"] == paths["best"].stat().st_size and best["date"]
    assert sorted(os.path.basename(p) for p in report["not_models"]) == ["junk.npz", "renamed-npy.npz"]
    assert report["serve_uses"] == str(paths["best"])
    code, out, _ = run_cli(capsys, "models")
    assert code == 0 and "98.00%" in out and "784-10" in out and "* mnist-2-best.npz" in out
    code, out, _ = run_cli(capsys, "--lang", "zh", "models")
    assert code == 0 and "测试准确率" in out


def test_prune_keeps_the_best_of_each_dataset_and_never_touches_other_files(capsys, saved):
    folder, paths = saved
    code, out, err = run_cli(capsys, "models", "--prune", "1", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert sorted(m["name"] for m in report["deleted"]) == ["mnist-1-good.npz", "mnist-2-best.npz",
                                                             "mnist-3-unscored.npz"]
    left = sorted(p.name for p in folder.iterdir())
    assert left == ["junk.npz", "mnist-4-flat.npz", "notes.txt", "renamed-npy.npz", "xor-1.npz"]


def test_prune_zero_and_without_the_flag(capsys, saved):
    folder, _ = saved
    code, _, _ = run_cli(capsys, "models")
    assert code == 0 and len(list(folder.iterdir())) == 8  # listing deletes nothing
    code, out, _ = run_cli(capsys, "models", "--prune", "0")
    assert code == 0 and sorted(p.name for p in folder.iterdir()) == ["junk.npz", "notes.txt", "renamed-npy.npz"]


def test_models_without_a_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nothing"))
    code, out, _ = run_cli(capsys, "models")
    assert code == 0 and "nnscratch train" in out


def test_best_digit_model_is_by_accuracy_not_date(saved):
    from nnscratch.io.saved_models import best_digit_model

    _, paths = saved
    assert best_digit_model() == paths["best"]
    assert best_digit_model("fashion-mnist") is None


def test_read_metadata_refuses_what_is_not_a_model(tmp_path):
    from nnscratch.errors import ModelFileError
    from nnscratch.io.saved_models import read_metadata

    (tmp_path / "a.npz").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    np.save(tmp_path / "b.npy", np.arange(3))
    with pytest.raises(ModelFileError, match="no nnscratch metadata"):
        read_metadata(tmp_path / "a.npz")
    with pytest.raises(ModelFileError, match="not an .npz archive"):
        read_metadata(tmp_path / "b.npy")


@pytest.fixture
def no_server(monkeypatch):
    """`serve` runs up to the point of serving, then returns (no port kept open, no waiting)."""
    uvicorn = pytest.importorskip("uvicorn")
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)


def test_serve_uses_the_best_model_and_says_so(capsys, saved, no_server):
    _, paths = saved
    code, out, err = run_cli(capsys, "serve", "--port", "0")
    assert code == 0, err
    assert str(paths["best"]) in out and "98.00%" in out and "best test accuracy" in out


def test_serve_on_every_interface_prints_the_addresses_it_serves(capsys, saved, no_server):
    code, out, err = run_cli(capsys, "serve", "--host", "0.0.0.0", "--port", "0")
    assert code == 0, err
    urls = [line for line in out.splitlines() if "http://" in line]
    assert "http://127.0.0.1:" in urls[0] and "0.0.0.0" not in out


def test_urls_of_a_wildcard_socket():
    from nnscratch.cli.web import urls_of

    sock = socket.socket()
    sock.bind(("0.0.0.0", 0))
    try:
        port = sock.getsockname()[1]
        urls = urls_of(sock, machine_addresses={"myhost", "192.168.1.7", "127.0.1.1", "fe80::1", "10.0.0.2"})
        assert urls == [f"http://127.0.0.1:{port}/", f"http://10.0.0.2:{port}/", f"http://192.168.1.7:{port}/"]
    finally:
        sock.close()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    try:
        assert urls_of(sock) == [f"http://127.0.0.1:{sock.getsockname()[1]}/"]
    finally:
        sock.close()
