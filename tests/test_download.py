"""The downloader against a loopback HTTP server: mirrors in turn, verified, atomic, clear failures."""

import dataclasses
import gzip
import hashlib
import shutil

import numpy as np
import pytest

from helpers_http import serve
from nnscratch.data import DATASETS, download_dataset, load_dataset, write_idx
from nnscratch.data.registry import FileSpec
from nnscratch.errors import DataError, DownloadError

DEAD = "http://127.0.0.1:9/"  # the discard port: nothing listens, the connection is refused


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A registered dataset 'tiny' in MNIST's layout (a few images), with its files in a served folder."""
    source = tmp_path / "source"
    source.mkdir()
    rng = np.random.default_rng(0)
    files = []
    for role, stem, shape in (("train_images", "train-images-idx3-ubyte", (8, 28, 28)),
                              ("train_labels", "train-labels-idx1-ubyte", (8,)),
                              ("test_images", "t10k-images-idx3-ubyte", (4, 28, 28)),
                              ("test_labels", "t10k-labels-idx1-ubyte", (4,))):
        array = rng.integers(0, 10 if role.endswith("labels") else 256, shape, dtype=np.uint8)
        path = write_idx(source / f"{stem}.gz", array)
        files.append(FileSpec(role, stem, shape, hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest()))
    spec = dataclasses.replace(DATASETS["mnist"], name="tiny", title="Tiny", files=tuple(files), mirrors=(DEAD,),
                               bundled=None)
    monkeypatch.setitem(DATASETS, "tiny", spec)
    return spec, source


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_real_mnist_over_http_is_verified(tmp_path, mnist_dir):
    dest = tmp_path / "cache" / "mnist"
    seen = []
    with serve(mnist_dir) as url:
        result = download_dataset("mnist", dest, mirrors=[url], progress=lambda *a: seen.append(a))
    assert [f.status for f in result.files] == ["downloaded"] * 4
    assert all(f.check.verified for f in result.files)
    for f in result.files:
        assert f.check.path.read_bytes() == (mnist_dir / f.check.path.name).read_bytes()
    assert leftovers(dest) == []
    assert seen[-1] == (4517, 4517, "t10k-labels-idx1-ubyte.gz")
    assert np.bincount(load_dataset("mnist", dest, verify=True).y_test)[1] == 1135
    # everything present and valid: nothing is fetched (the only mirror is dead)
    again = download_dataset("mnist", dest, mirrors=[DEAD])
    assert [f.status for f in again.files] == ["present"] * 4


def test_first_mirror_403_then_second(tmp_path, tiny):
    spec, source = tiny
    forbidden = {f"/{f.download_name}": (403, b"Forbidden", {}) for f in spec.files}
    with serve(source, forbidden) as bad, serve(source) as good:
        result = download_dataset("tiny", tmp_path / "d", mirrors=[bad, good])
    assert [f.url for f in result.files] == [good + f.download_name for f in spec.files]
    assert all(f.check.verified for f in result.files)


def test_recompressed_or_uncompressed_copies_pass(tmp_path, tiny):
    spec, source = tiny
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for i, f in enumerate(spec.files):
        raw = gzip.decompress((source / f.download_name).read_bytes())
        # one file served uncompressed under the .gz name, the others recompressed differently
        (mirror / f.download_name).write_bytes(raw if i == 0 else gzip.compress(raw, compresslevel=1, mtime=1))
    with serve(mirror) as url:
        result = download_dataset("tiny", tmp_path / "d", mirrors=[url])
    assert all(f.check.verified for f in result.files)
    assert result.files[0].check.path.name == "train-images-idx3-ubyte"  # named for what it is
    assert load_dataset("tiny", tmp_path / "d").x_train.shape == (8, 784)


@pytest.mark.parametrize(("fault", "reason"), [
    ("short_body", "truncated"),
    ("truncated_gzip", "gzip file is truncated"),
    ("html_typed", "HTML page"),
    ("html_untyped", "HTML or XML page"),
    ("empty", "empty response"),
    ("wrong_file", "SHA-256 of its decompressed bytes"),
    ("status_404", "HTTP 404"),
])
def test_bad_responses_are_rejected_and_leave_nothing(tmp_path, tiny, fault, reason):
    spec, source = tiny
    name = "/train-labels-idx1-ubyte.gz"
    good = (source / name[1:]).read_bytes()
    html = b"<!DOCTYPE html><html><body>Please log in</body></html>"
    other = gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 8]) + bytes(8))
    faults = {
        "short_body": (200, good[: len(good) // 2], {"Content-Length": str(len(good))}),
        "truncated_gzip": (200, good[:-20], {"Content-Length": str(len(good) - 20)}),
        "html_typed": (200, html, {"Content-Type": "text/html; charset=utf-8"}),
        "html_untyped": (200, html, {"Content-Type": "application/octet-stream"}),
        "empty": (200, b"", {"Content-Length": "0"}),
        "wrong_file": (200, other, {}),
        "status_404": (404, b"not here", {}),
    }
    dest = tmp_path / "d"
    with serve(source, {name: faults[fault]}) as url:
        with pytest.raises(DownloadError) as err:
            download_dataset("tiny", dest, mirrors=[url])
    message = str(err.value)
    assert f"{url}train-labels-idx1-ubyte.gz -> " in message and reason in message
    assert not (dest / "train-labels-idx1-ubyte.gz").exists() and leftovers(dest) == []
    assert (dest / "train-images-idx3-ubyte.gz").exists()  # what did arrive stays


def test_interrupted_download_leaves_nothing(tmp_path, tiny):
    spec, source = tiny
    dest = tmp_path / "d"

    def interrupt(done, total, name):
        raise KeyboardInterrupt  # Ctrl-C in the middle of a transfer

    with serve(source) as url, pytest.raises(KeyboardInterrupt):
        download_dataset("tiny", dest, mirrors=[url], progress=interrupt)
    assert list(dest.iterdir()) == []


def test_all_mirrors_fail_lists_every_url(tmp_path, tiny):
    spec, source = tiny
    dest = tmp_path / "d"
    with serve(source, {"/train-images-idx3-ubyte.gz": (403, b"", {})}) as url:
        with pytest.raises(DownloadError) as err:
            download_dataset("tiny", dest, mirrors=[url, DEAD])
    message = str(err.value)
    assert f"{url}train-images-idx3-ubyte.gz -> HTTP 403" in message
    assert f"{DEAD}train-images-idx3-ubyte.gz -> " in message and "refused" in message.lower()
    assert "To place the files by hand" in message and str(dest) in message
    assert "nnscratch data info --dataset tiny" in message
    assert list(dest.iterdir()) == []


def test_damaged_file_in_place_is_replaced(tmp_path, tiny):
    spec, source = tiny
    dest = tmp_path / "d"
    dest.mkdir()
    for f in spec.files:
        shutil.copy(source / f.download_name, dest)
    (dest / "train-labels-idx1-ubyte.gz").unlink()
    (dest / "train-labels-idx1-ubyte").write_bytes(b"\0\0\x08\1\0\0\0\x08" + bytes(3))  # truncated
    with serve(source) as url:
        result = download_dataset("tiny", dest, mirrors=[url])
    assert [f.status for f in result.files] == ["present", "downloaded", "present", "present"]
    assert sorted(p.name for p in dest.iterdir()) == sorted(f.download_name for f in spec.files)


def test_folder_of_another_dataset_is_not_overwritten(tmp_path, mnist_dir):
    dest = tmp_path / "mnist"
    shutil.copytree(mnist_dir, dest)
    with pytest.raises(DataError, match="this is MNIST's train-images-idx3-ubyte, not Fashion-MNIST's.*nothing was"):
        download_dataset("fashion-mnist", dest, mirrors=[DEAD])
    assert load_dataset("mnist", dest, verify=True).name == "mnist"


def test_published_gz_checksum_only(tmp_path, tiny, monkeypatch):
    """Datasets whose checksum is only known for the original .gz (Fashion-MNIST, KMNIST)."""
    spec, source = tiny
    files = tuple(dataclasses.replace(f, sha256=None, gz_sha256=hashlib.sha256(
        (source / f.download_name).read_bytes()).hexdigest()) for f in spec.files)
    monkeypatch.setitem(DATASETS, "tiny", dataclasses.replace(spec, files=files))
    with serve(source) as url:
        assert all(f.check.verified for f in download_dataset("tiny", tmp_path / "a", mirrors=[url]).files)
    mirror = tmp_path / "mirror"
    shutil.copytree(source, mirror)
    path = mirror / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()), compresslevel=1))
    with serve(mirror) as url, pytest.raises(DownloadError, match="does not match the SHA-256 published"):
        download_dataset("tiny", tmp_path / "b", mirrors=[url])


def test_load_with_download_fetches_missing_files(tmp_path, tiny, monkeypatch):
    spec, source = tiny
    with serve(source) as url:
        monkeypatch.setitem(DATASETS, "tiny", dataclasses.replace(spec, mirrors=(DEAD, url)))
        ds = load_dataset("tiny", tmp_path / "d", download=True)
    assert ds.y_train.shape == (8,)


# ---------------------------------------------------------------- the CLI: nnscratch data download


def test_cli_download_with_mirror_flag(tmp_path, tiny, data_cli, capsys):
    spec, source = tiny
    dest = tmp_path / "d"
    with serve(source) as url:
        status = data_cli(["data", "download", "--dataset", "tiny", "--data-dir", str(dest),
                          "--mirror", DEAD, "--mirror", url])
    out = capsys.readouterr().out
    assert status == 0
    assert f"Tiny in {dest}" in out and f"downloaded from {url}train-images-idx3-ubyte.gz" in out
    assert out.count("SHA-256 verified") == 4
    assert f"nnscratch train --dataset tiny --data-dir {dest}" in out


def test_cli_download_json_and_already_present(tmp_path, tiny, data_cli, capsys):
    import json

    spec, source = tiny
    with serve(source) as url:
        assert data_cli(["data", "download", "--dataset", "tiny", "--data-dir", str(tmp_path), "--mirror", url,
                        "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert [f["status"] for f in first["files"]] == ["downloaded"] * 4 and first["data_dir"] == str(tmp_path)
    assert data_cli(["--lang", "zh", "data", "download", "--dataset", "tiny", "--data-dir", str(tmp_path),
                    "--mirror", DEAD]) == 0
    assert capsys.readouterr().out.count("已存在") == 4


def test_cli_download_failure_is_one_line(tmp_path, tiny, data_cli, capsys):
    status = data_cli(["data", "download", "--dataset", "tiny", "--data-dir", str(tmp_path), "--mirror", DEAD,
                      "--timeout", "5"])
    captured = capsys.readouterr()
    assert status == 1 and captured.out == ""
    assert captured.err.startswith("nnscratch data download: error: ")
    assert "could not download Tiny's train-images-idx3-ubyte.gz" in captured.err
    assert captured.err.count("\n") == 1 and f"{DEAD}train-images-idx3-ubyte.gz" in captured.err


def test_cli_mirror_flag_is_documented(data_cli, capsys):
    with pytest.raises(SystemExit):
        data_cli(["data", "download", "--help"])
    assert "--mirror URL" in capsys.readouterr().out


def test_downloads_never_go_into_the_bundled_copy(tmp_path, monkeypatch):
    from nnscratch.data import bundled_dir, default_cache_dir
    from nnscratch.data.locate import download_dir

    monkeypatch.delenv("NNSCRATCH_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert download_dir("mnist") == default_cache_dir("mnist") != bundled_dir("mnist")
    assert download_dir("mnist", tmp_path / "mine") == tmp_path / "mine"
    monkeypatch.setenv("NNSCRATCH_DATA", str(tmp_path / "env"))
    assert download_dir("mnist") == tmp_path / "env"
