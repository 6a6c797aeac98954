"""MNIST-layout folders: found where the user says, checked strictly, loaded fast as uint8."""

import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest

from nnscratch.data import (
    DATASETS,
    bundled_dir,
    default_cache_dir,
    inspect_dataset,
    load_dataset,
    load_test_set,
    locate,
    may_download,
    resolve_data_dir,
    train_validation_split,
    write_idx,
)
from nnscratch.data.locate import Location
from nnscratch.errors import ConfigError, DataError

MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
STEMS = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


def make_fake(folder: Path, n_train=30, n_test=12, *, suffix=".gz", seed=0, labels=None) -> Path:
    """A small dataset in MNIST's layout (random pixels, labels 0..9)."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(folder / f"{prefix}-images-idx3-ubyte{suffix}", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        y = rng.integers(0, 10, n, dtype=np.uint8) if labels is None else np.asarray(labels[prefix], np.uint8)
        write_idx(folder / f"{prefix}-labels-idx1-ubyte{suffix}", y)
    return folder


# ---------------------------------------------------------------- real MNIST


def test_real_mnist_loads_as_flat_uint8(mnist_dir):
    ds = load_dataset("mnist", mnist_dir)
    assert ds.x_train.shape == (60000, 784) and ds.x_test.shape == (10000, 784)
    for x in (ds.x_train, ds.x_test, ds.y_train, ds.y_test):
        assert x.dtype == np.uint8 and x.flags.c_contiguous
    assert ds.image_shape == (28, 28) and ds.n_features == 784 and ds.classes == tuple("0123456789")
    assert np.bincount(ds.y_train).tolist() == MNIST_TRAIN_COUNTS
    assert np.bincount(ds.y_test).tolist() == MNIST_TEST_COUNTS
    assert ds.x_train.max() == 255 and ds.x_train.min() == 0


def test_real_mnist_checksums_verify(mnist_dir):
    ds = load_dataset("mnist", mnist_dir, verify=True)
    assert [f.verified for f in ds.files] == [True] * 4
    assert ds.files[0].sha256 == DATASETS["mnist"].file("train_images").sha256


def test_damaged_copy_fails_verification_only(tmp_path, mnist_dir):
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"):
        (tmp_path / name).symlink_to(mnist_dir / name)
    labels = bytearray(gzip.decompress((mnist_dir / "t10k-labels-idx1-ubyte.gz").read_bytes()))
    labels[100] = (labels[100] + 1) % 10  # still a valid label: only the checksum can tell
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(bytes(labels))  # uncompressed is accepted too
    load_dataset("mnist", tmp_path)
    replace = r"`nnscratch data download --dataset mnist --data-dir "
    with pytest.raises(DataError, match=r"t10k-labels-idx1-ubyte: the SHA-256 .*" + replace):
        load_dataset("mnist", tmp_path, verify=True)
    checks = inspect_dataset("mnist", tmp_path).files  # the same, described instead of refused
    assert [c.checksum for c in checks] == ["verified"] * 3 + ["mismatch"]
    assert checks[3].expected == DATASETS["mnist"].file("test_labels").sha256


def test_mnist_loaded_as_another_dataset_is_refused(mnist_dir):
    with pytest.raises(DataError, match="this is MNIST's train-labels-idx1-ubyte, not Fashion-MNIST's"):
        load_dataset("fashion-mnist", mnist_dir)


# ---------------------------------------------------------------- small folders


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_fake_folder_loads(tmp_path, suffix):
    ds = load_dataset("mnist", make_fake(tmp_path, suffix=suffix))
    assert ds.x_train.shape == (30, 784) and ds.y_test.shape == (12,)
    assert ds.data_dir == tmp_path and [f.verified for f in ds.files] == [False] * 4


def test_dotted_names_are_accepted(tmp_path):
    make_fake(tmp_path, suffix="")
    for stem in STEMS:
        (tmp_path / stem).rename(tmp_path / stem.replace("-idx", ".idx"))
    assert load_dataset("mnist", tmp_path).x_train.shape == (30, 784)


def test_image_and_label_counts_differ(tmp_path):
    make_fake(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.zeros(11, dtype=np.uint8))
    with pytest.raises(DataError, match="t10k-images-idx3-ubyte.gz holds 12 images but t10k-labels-idx1-ubyte.gz "
                                        "holds 11 labels"):
        load_dataset("mnist", tmp_path)


def test_label_out_of_range(tmp_path):
    make_fake(tmp_path, labels={"train": [3] * 29 + [10], "t10k": [0] * 12})
    with pytest.raises(DataError, match=r"train-labels-idx1-ubyte.gz: label 10 at index 29 is out of range.*0\.\.9"):
        load_dataset("mnist", tmp_path)


def test_wrong_image_size(tmp_path):
    make_fake(tmp_path)
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", np.zeros((30, 32, 32), dtype=np.uint8))
    with pytest.raises(DataError, match="expected N x 28 x 28"):
        load_dataset("mnist", tmp_path)


def test_labels_given_as_images(tmp_path):
    make_fake(tmp_path)
    shutil.copy(tmp_path / "train-labels-idx1-ubyte.gz", tmp_path / "train-images-idx3-ubyte.gz")
    with pytest.raises(DataError, match="train-images-idx3-ubyte.gz: expected a 3-dimensional.*labels file"):
        load_dataset("mnist", tmp_path)


def test_missing_folder_says_how_to_fix(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(DataError) as err:
        load_dataset("mnist", folder)
    message = str(err.value)
    assert f"the folder {folder}" in message and "does not exist" in message
    assert f"nnscratch data download --dataset mnist --data-dir {folder}" in message
    assert "choose a folder that holds them" in message and "$NNSCRATCH_DATA" in message


def test_partial_folder_lists_missing_files(tmp_path):
    make_fake(tmp_path)
    (tmp_path / "train-images-idx3-ubyte.gz").unlink()
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError) as err:
        load_dataset("mnist", tmp_path)
    message = str(err.value)
    assert "lacks train-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]" in message
    assert "found: train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz" in message


def test_data_dir_that_is_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(DataError, match="is not a folder"):
        load_dataset("mnist", tmp_path / "f")


def test_unknown_dataset():
    with pytest.raises(ConfigError, match="unknown dataset 'cifar'.*mnist, fashion-mnist, kmnist"):
        load_dataset("cifar")


# ---------------------------------------------------------------- where the folder is


def test_folder_resolution_order(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    env = {}
    # no cached copy of MNIST: the one bundled with nnscratch; the others go to the cache (to be downloaded)
    assert resolve_data_dir("mnist", environ=env) == bundled_dir("mnist")
    assert locate("mnist", environ=env).origin == "bundled"
    assert resolve_data_dir("kmnist", environ=env) == tmp_path / "home/.cache/nnscratch/kmnist"
    env["XDG_CACHE_HOME"] = "relative/ignored"
    assert resolve_data_dir("kmnist", environ=env) == tmp_path / "home/.cache/nnscratch/kmnist"
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    assert resolve_data_dir("fashion-mnist", environ=env) == tmp_path / "xdg/nnscratch/fashion-mnist"
    # a complete cache comes before the bundled copy; a partial one does not
    cache = make_fake(tmp_path / "xdg/nnscratch/mnist")
    assert locate("mnist", environ=env) == Location(cache, "cache")
    (cache / "train-images-idx3-ubyte.gz").unlink()
    assert locate("mnist", environ=env).origin == "bundled"
    assert locate("mnist", environ=env, parts=("test",)) == Location(cache, "cache")  # the test files are there
    env["NNSCRATCH_DATA"] = str(tmp_path / "env")
    assert locate("mnist", environ=env) == Location(tmp_path / "env", "environment")
    assert locate("mnist", tmp_path / "explicit", environ=env) == Location(tmp_path / "explicit", "argument")


def test_mnist_is_bundled_with_its_licence_and_verifies(tmp_path):
    folder = bundled_dir("mnist")
    assert folder is not None and folder.name == "mnist"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["LICENSE", "README.md"] + [f.download_name for f in DATASETS["mnist"].files])
    assert "CC BY-SA 3.0" in (folder / "README.md").read_text() and "LeCun" in (folder / "LICENSE").read_text()
    ds = inspect_dataset("mnist", environ={"XDG_CACHE_HOME": str(tmp_path)})  # an empty cache
    assert ds.origin == "bundled" and ds.data_dir == folder and [f.verified for f in ds.files] == [True] * 4
    assert bundled_dir("kmnist") is None and bundled_dir("fashion-mnist") is None


def test_env_var_and_cache_are_used_by_load(tmp_path, monkeypatch):
    monkeypatch.delenv("NNSCRATCH_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert load_dataset("mnist").origin == "bundled"
    make_fake(default_cache_dir("mnist"), n_train=7)
    ds = load_dataset("mnist")
    assert ds.x_train.shape == (7, 784) and ds.origin == "cache"
    monkeypatch.setenv("NNSCRATCH_DATA", str(make_fake(tmp_path / "env", n_train=5)))
    ds = load_dataset("mnist")
    assert ds.x_train.shape == (5, 784) and ds.data_dir == tmp_path / "env" and ds.origin == "environment"
    monkeypatch.setenv("NNSCRATCH_DATA", str(tmp_path / "empty"))
    with pytest.raises(DataError, match=r"\(from \$NNSCRATCH_DATA\) does not exist") as err:
        load_dataset("mnist")
    assert "（来自 $NNSCRATCH_DATA）不存在" in err.value.message("zh")


def test_may_download_only_into_the_cache(tmp_path):
    assert may_download(None, environ={}) and may_download("", environ={})
    assert not may_download(tmp_path, environ={})
    assert not may_download(None, environ={"NNSCRATCH_DATA": str(tmp_path)})
    assert may_download(None, environ={"NNSCRATCH_DATA": ""})


def test_test_set_alone_from_a_folder_with_only_the_test_files(tmp_path):
    make_fake(tmp_path, n_test=9)
    for stem in STEMS[:2]:
        (tmp_path / f"{stem}.gz").unlink()
    ds = load_test_set("mnist", tmp_path)
    assert ds.x_test.shape == (9, 784) and ds.y_test.shape == (9,)
    assert ds.x_train is None and ds.y_train is None and [f.role for f in ds.files] == ["test_images", "test_labels"]
    assert "train=None, test=9" in repr(ds)
    with pytest.raises(DataError, match=r"lacks train-images-idx3-ubyte\[.gz\], train-labels-idx1-ubyte\[.gz\]"):
        load_dataset("mnist", tmp_path)
    (tmp_path / f"{STEMS[3]}.gz").unlink()
    with pytest.raises(DataError, match=r"lacks t10k-labels-idx1-ubyte\[.gz\] \(found: t10k-images"):
        load_test_set("mnist", tmp_path)
    with pytest.raises(ConfigError, match="parts must name"):
        load_dataset("mnist", tmp_path, parts=("validation",))


def test_a_folder_named_like_an_idx_file_is_reported_as_a_folder(tmp_path):
    make_fake(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    (tmp_path / "t10k-labels-idx1-ubyte.gz").mkdir()
    with pytest.raises(DataError, match=r"t10k-labels-idx1-ubyte.gz is a folder, not an IDX file"):
        load_dataset("mnist", tmp_path)


# ---------------------------------------------------------------- validation split


def test_validation_split_is_seeded_and_partitions():
    x = np.arange(100, dtype=np.uint8).reshape(50, 2)
    y = np.arange(50)
    a = train_validation_split(x, y, 10, rng=3)
    b = train_validation_split(x, y, 10, rng=np.random.default_rng(3))
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    x_tr, y_tr, x_val, y_val = a
    assert len(y_tr) == 40 and len(y_val) == 10
    assert sorted(np.concatenate([y_tr, y_val]).tolist()) == list(range(50))
    np.testing.assert_array_equal(x_tr[:, 0], 2 * y_tr)  # rows stay with their labels
    assert np.all(np.diff(y_tr) > 0)  # original order kept
    assert not np.array_equal(train_validation_split(x, y, 10, rng=4)[3], y_val)


def test_validation_split_default_on_mnist(mnist_dir):
    ds = load_dataset("mnist", mnist_dir)
    x_tr, y_tr, x_val, y_val = train_validation_split(ds.x_train, ds.y_train, rng=0)
    assert x_tr.shape == (55000, 784) and x_val.shape == (5000, 784) and x_val.dtype == np.uint8


@pytest.mark.parametrize(("n", "rng", "message"), [
    (50, 0, "in 0..49"), (-1, 0, "in 0..49"), (2.5, 0, "must be an integer"), (5, None, "rng must be"),
    (5, True, "rng must be"),
])
def test_validation_split_bad_arguments(n, rng, message):
    with pytest.raises(ConfigError, match=message):
        train_validation_split(np.zeros((50, 2)), np.zeros(50), n, rng=rng)


# ---------------------------------------------------------------- the CLI: nnscratch data info


def test_cli_info_on_real_mnist(mnist_dir, data_cli, capsys):
    import json

    assert data_cli(["data", "info", "--data-dir", str(mnist_dir), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["train"] == {"count": 60000, "label_counts": MNIST_TRAIN_COUNTS}
    assert info["test"]["label_counts"] == MNIST_TEST_COUNTS
    assert info["verified"] is True and [f["verified"] for f in info["files"]] == [True] * 4


def test_cli_info_reports_checksums(tmp_path, data_cli, capsys):
    folder = make_fake(tmp_path / "f")
    # random files named like MNIST: well-formed, but not MNIST's bytes
    assert data_cli(["data", "info", "--data-dir", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "train: 30 images of 28x28 pixels (uint8), labels 0..9" in out
    assert out.count("MISMATCH") == 4 and "published: ba891046" in out
    assert f"nnscratch data download --dataset mnist --data-dir {folder}" in out
    # KMNIST publishes checksums of its original .gz files only: a copy that is not one is 'unknown', not wrong
    assert data_cli(["--lang", "zh", "data", "info", "--dataset", "kmnist", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "训练集：30 张 28x28 像素图像" in out and out.count("此副本无公开校验和") == 4
    assert "お" in out and "を" in out


def test_cli_info_errors(tmp_path, data_cli, capsys):
    assert data_cli(["data", "info", "--data-dir", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nnscratch data info: error: ") and "MNIST is not available" in err
    assert "nnscratch data download" in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        data_cli(["data", "info", "--dataset", "cifar"])
    assert "invalid choice: 'cifar'" in capsys.readouterr().err


def test_cli_info_says_where_the_data_came_from(tmp_path, data_cli, capsys, monkeypatch):
    import json

    monkeypatch.delenv("NNSCRATCH_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    assert data_cli(["data", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["source"] == "bundled" and info["verified"] is True
    assert data_cli(["--lang", "zh", "data", "info"]) == 0
    assert "来源：nnscratch 自带的副本（MNIST" in capsys.readouterr().out
    folder = make_fake(tmp_path / "mine")
    data_cli(["data", "info", "--data-dir", str(folder)])
    assert "source: the folder given with --data-dir" in capsys.readouterr().out
    monkeypatch.setenv("NNSCRATCH_DATA", str(folder))
    data_cli(["data", "info", "--json"])
    assert json.loads(capsys.readouterr().out)["source"] == "environment"
