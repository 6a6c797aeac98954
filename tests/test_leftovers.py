"""Leftovers of the errors-as-data work: reasons that were English text inside Chinese lines, and two small fixes.

- a model file's refused array says why in the user's language (``modelfile.reason.*``);
- the system's refusal (``exc.strerror``: "No such file or directory", "Connection refused") becomes a
  catalog reason through one function, ``nnscratch.errors.os_reason``; unknown codes keep the system's text;
- ``CompiledKernels.forward`` makes its zero bias once, not on every call.
"""

from __future__ import annotations

import errno
import io
import os
import pickle
import re
import socket
import tracemalloc
import zipfile

import numpy as np
import pytest

from cli_helpers import assert_one_line_error
from nnscratch.errors import ConfigError, DataError, DownloadError, ModelFileError, Reason, os_reason
from nnscratch.i18n import catalog

CJK = re.compile(r"[\u4e00-\u9fff]")
REFUSED = "http://127.0.0.1:9/"  # the discard port: nothing listens, the connection is refused


# ---------------------------------------------------------------------------------------------- model files


def npy(array: np.ndarray, version: tuple[int, int] | None = None) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=(1, 0))
    raw = bytearray(buffer.getvalue())
    if version is not None:
        raw[6:8] = bytes(version)  # the format version bytes right after b"\x93NUMPY"
    return bytes(raw)


def forged(path, member: bytes):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata.npy", member)
    return path


@pytest.mark.parametrize(("member", "english", "chinese"), [
    (npy(np.zeros(4, np.uint8), version=(3, 0)), ".npy format version 3.0", "格式版本为 3.0"),
    (npy(np.asfortranarray(np.zeros((2, 3), np.uint8))), "Fortran-ordered array", "列优先"),
], ids=["version 3.0", "Fortran order"])
def test_a_refused_model_array_says_why_in_chinese(tmp_path, member, english, chinese):
    from nnscratch.io.model import load_model, read_metadata

    path = forged(tmp_path / "forged.npz", member)
    for read in (load_model, read_metadata):
        with pytest.raises(ModelFileError) as info:
            read(path)
        exc = info.value
        assert exc.key == "modelfile.err.bad_member" and exc.values["name"] == "metadata"
        assert english in str(exc) and str(exc).count("not a valid NumPy array") == 1  # not wrapped in itself
        zh = exc.message("zh")
        english_left = [p for p in ("format version", "Fortran-ordered", "C order", "reads versions") if p in zh]
        assert chinese in zh and not english_left, zh
        assert isinstance(exc.values["reason"], Reason) and exc.values["reason"].key.startswith("modelfile.reason.")


def test_a_garbled_array_header_is_refused_with_numpys_words_quoted(tmp_path):
    from nnscratch.io.model import load_model

    with pytest.raises(ModelFileError) as info:
        load_model(forged(tmp_path / "garbled.npz", b"\x93NUMPY\x01\x00garbage"))
    assert "metadata is not a valid NumPy array" in str(info.value)
    assert "数组头无法解析" in info.value.message("zh")


def test_a_forged_model_is_one_chinese_line_in_the_cli(capsys, tmp_path):
    path = forged(tmp_path / "forged.npz", npy(np.zeros(4, np.uint8), version=(3, 0)))
    err = assert_one_line_error(capsys, "--lang", "zh", "evaluate", path, text="格式版本为 3.0")
    assert "format version" not in err
    assert_one_line_error(capsys, "--lang", "en", "evaluate", path, text=".npy format version 3.0")


# ---------------------------------------------------------------------------------------------- os_reason


MAPPED = ["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS", "EEXIST", "ECONNREFUSED",
          "EADDRINUSE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"]


@pytest.mark.parametrize("name", MAPPED)
def test_common_errno_codes_are_said_in_both_languages(name):
    code = getattr(errno, name)
    reason = os_reason(OSError(code, os.strerror(code), "/some/file"))
    assert reason.key == f"os.reason.{name}"
    assert str(reason) == os.strerror(code)  # the English is the system's own text: English messages unchanged
    assert CJK.search(reason.in_language("zh")) and not re.search("[A-Za-z]{3,}", reason.in_language("zh"))


def test_every_os_reason_key_is_a_real_code_and_chinese():
    keys = [k for k in catalog() if k.startswith("os.reason.") and k != "os.reason.other"]
    assert len(keys) >= len(MAPPED)
    for key in keys:
        name = key.removeprefix("os.reason.")
        assert hasattr(errno, name) or name.startswith("EAI_"), key
        assert CJK.search(catalog()[key]["zh"]), key


def test_unknown_codes_and_other_exceptions_keep_the_system_text():
    unknown = os_reason(OSError(errno.ENOEXEC, "Exec format error"))  # no catalog entry
    assert unknown.key == "os.reason.other"
    assert str(unknown) == unknown.in_language("zh") == "Exec format error"
    assert str(os_reason(OSError(98765, "Strange failure"))) == "Strange failure"
    assert str(os_reason(OSError("no code at all"))) == "no code at all"
    assert str(os_reason(ValueError())) == "ValueError"
    assert str(os_reason(UnicodeError("label too long"))) == "label too long"


def test_host_lookup_codes_are_not_taken_for_errno_codes():
    reason = os_reason(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    assert reason.key == "os.reason.EAI_NONAME" and "主机名" in reason.in_language("zh")
    # -2 is EAI_NONAME for getaddrinfo, and no errno code: a plain OSError(-2) keeps its text
    assert os_reason(OSError(socket.EAI_NONAME, "odd")).key == "os.reason.other"


def test_a_reason_is_data_that_survives_pickling_and_json():
    import json

    exc = DataError("data.err.idx_unreadable", param="path", path="/x",
                    reason=os_reason(PermissionError(errno.EACCES, "Permission denied", "/x")))
    again = pickle.loads(pickle.dumps(exc))  # errors travel back from sweep workers
    assert again.message("zh") == exc.message("zh") and "权限不足" in again.message("zh")
    assert str(again) == str(exc) and "Permission denied" in str(exc)
    record = json.loads(json.dumps(exc.to_dict("zh"), ensure_ascii=False))
    assert record["values"]["reason"] == "Permission denied" and "权限不足" in record["message"]
    with pytest.raises(KeyError):
        Reason("os.reason.no_such_key")  # a typo fails where the reason is made


# ---------------------------------------------------------------------------------------------- the call sites


def test_a_missing_file_behind_a_handler_is_said_in_chinese(capsys, monkeypatch):
    """The CLI's last net for the environment's errors (cli/__init__.py) renders the reason in the language."""
    from nnscratch.cli import chapters

    def handler(args):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "/gone/file.npz")

    monkeypatch.setattr(chapters, "_homework", handler)
    zh = assert_one_line_error(capsys, "--lang", "zh", "mle", "homework", text="没有这个文件或目录")
    assert "No such file" not in zh and "ENOENT" in zh
    assert_one_line_error(capsys, "--lang", "en", "mle", "homework", text="/gone/file.npz: No such file or directory")


def test_a_data_folder_under_a_file_is_said_in_chinese(capsys, tmp_path):
    (tmp_path / "file").write_text("x")
    folder = tmp_path / "file" / "sub"
    argv = ("data", "download", "--data-dir", folder, "--mirror", REFUSED)
    zh = assert_one_line_error(capsys, "--lang", "zh", *argv, text="路径中的某一段不是目录")
    assert "Not a directory" not in zh
    assert_one_line_error(capsys, "--lang", "en", *argv, text="Not a directory")


def test_a_refused_connection_is_said_in_chinese(capsys, tmp_path):
    from nnscratch.data import download_dataset

    with pytest.raises(DownloadError) as info:
        download_dataset("mnist", tmp_path / "lib", mirrors=[REFUSED])
    assert "Connection refused" in str(info.value)
    assert "连接被拒绝" in info.value.message("zh") and "Connection refused" not in info.value.message("zh")
    argv = ("data", "download", "--data-dir", tmp_path / "cli", "--mirror", REFUSED)
    zh = assert_one_line_error(capsys, "--lang", "zh", *argv, text="连接被拒绝")
    assert "Connection refused" not in zh
    assert_one_line_error(capsys, "--lang", "en", *argv, text="Connection refused")


def test_an_unwritable_sweep_folder_is_said_in_chinese(tmp_path):
    from nnscratch import sweep

    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError) as info:
        sweep.prepare_folder(tmp_path / "file" / "out", [])
    assert "Not a directory" in str(info.value) and "不是目录" in info.value.message("zh")


def test_a_permission_refusal_is_said_in_chinese(tmp_path, monkeypatch):
    """Tests may run as root, who may read anything: the refusal is raised where the file is opened."""
    import nnscratch.data.idx
    import nnscratch.io.model
    from nnscratch.data.idx import read_idx
    from nnscratch.io.model import load_model

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(args[0]))

    target = tmp_path / "f.bin"
    target.write_bytes(b"PK\x03\x04 something")
    for module, read, error in ((nnscratch.data.idx, read_idx, DataError),
                                (nnscratch.io.model, load_model, ModelFileError)):
        monkeypatch.setattr(module, "open", refused, raising=False)  # the module's own open, not builtins'
        with pytest.raises(error) as info:
            read(target)
        assert "Permission denied" in str(info.value), info.value
        assert "权限不足" in info.value.message("zh") and "Permission" not in info.value.message("zh")


def test_a_port_that_cannot_be_listened_on_is_said_in_chinese():
    from nnscratch.cli.web import bind

    with pytest.raises(ConfigError) as info:
        bind("192.0.2.1", 0)  # TEST-NET-1: documentation only, never an address of this machine
    assert info.value.key == "cli.err.cannot_listen" and "Cannot assign requested address" in str(info.value)
    assert "这台计算机没有这个地址" in info.value.message("zh")


# ---------------------------------------------------------------------------------------------- compiled forward


def test_compiled_forward_makes_its_zero_bias_once():
    compiled = pytest.importorskip("nnscratch.compiled")
    if not compiled.available():
        pytest.skip("numba is not installed (pip install 'nnscratch[fast]')")
    from nnscratch.activations import ACTIVATIONS

    kernels, f = compiled.CompiledKernels(), ACTIVATIONS["sigmoid"]
    z = np.random.default_rng(0).normal(size=(2, 50_000))
    out = np.empty_like(z)
    kernels.forward(f, z, out)  # compiles (or loads) the kernel and makes the zeros
    expected = np.empty_like(z)
    f.forward_into(z.copy(), expected)
    assert np.allclose(out, expected, rtol=1e-12, atol=0)
    tracemalloc.start()
    try:
        for _ in range(3):
            kernels.forward(f, z, out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < z.shape[1] * z.itemsize // 4, peak  # a new bias of 50,000 float64 would be 400 kB


def test_the_params_positional_is_named_layers_in_usage_errors(capsys):
    assert_one_line_error(capsys, "params", text="required: LAYERS")
    assert_one_line_error(capsys, "--lang", "zh", "params", text="缺少必需的参数：LAYERS")
    from nnscratch.cli import main

    with pytest.raises(SystemExit):
        main(["params", "--help"])
    assert "784,30,10" in capsys.readouterr().out  # the help still shows an example
