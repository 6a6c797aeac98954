"""Model files: one ``.npz`` with the arrays and a JSON metadata record.

Why npz: NumPy reads and writes it with no extra dependency, and every tool
(Python, C via cnpy, Julia, JavaScript) can open the zip. The arrays are
``theta_l`` and ``b_l`` for l = 2..L (the lecture's indices); ``metadata``
holds the JSON as UTF-8 bytes: format version, layer sizes, activations, loss,
input scaling, class names, training config and metrics.

Loading trusts nothing in the file, in this order: what kind of file it is
(a folder, an empty file, a renamed ``.npy``, a pickle ...), the metadata, then
every array's ``.npy`` header and its size in the zip's directory against the
shapes the metadata implies, and only then the array data, read by this module
(never ``np.load``, never unpickling). So a forged file that promises gigabytes
is refused after reading a few hundred bytes. Saving is atomic, so an
interrupted save leaves the old file intact.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nnscratch.errors import ModelFileError, NNScratchError, Reason, os_reason
from nnscratch.i18n import LANGUAGES
from nnscratch.i18n.errors_data import both
from nnscratch.io.files import check_output_path, write_atomically
from nnscratch.model import Model, class_count
from nnscratch.network import Network

if TYPE_CHECKING:
    import datetime

FORMAT = "nnscratch-model"
FORMAT_VERSION = 1
SUFFIX = ".npz"


def model_to_metadata(model: Model) -> dict:
    net = model.network
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sizes": net.sizes,
        "hidden_activation": net.hidden.name,
        "output_activation": net.output.name,
        "loss": model.loss,
        "dtype": net.dtype.name,
        "input": {"shape": list(model.input_shape), "scale": model.input_scale},
        "classes": list(model.classes),
        "dataset": model.dataset,
        "config": model.config,
        "metrics": model.metrics,
    }


def save_model(model: Model, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` to ``path`` (.npz) atomically; returns the path written."""
    path = check_output_path(path, (SUFFIX,), "model", "model")
    net = model.network
    arrays = {f"{name}_{l}": getattr(net, name)[l] for l in net.layers for name in ("theta", "b")}
    meta = json.dumps(model_to_metadata(model), ensure_ascii=False, allow_nan=False).encode()
    arrays["metadata"] = np.frombuffer(meta, dtype=np.uint8)
    # Ctrl-C or a full disk mid-write leaves the old model in place.
    write_atomically(path, lambda f: np.savez(f, **arrays))
    return path


# A network of this course is at most a few MB (784-256-128-10 in float32: 0.9 MB); a file that
# describes more than this is refused before anything is read, unless the caller raises the limit.
MAX_MODEL_BYTES = 1 << 30
MAX_METADATA_BYTES = 1 << 20
_NPY_MAGIC = b"\x93NUMPY"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members, an empty zip


def load_model(path: str | os.PathLike[str], *, max_bytes: int = MAX_MODEL_BYTES) -> Model:
    """Read and validate a model file written by ``save_model``.

    Nothing in the file is trusted: the metadata is read first, and every
    array's declared shape, dtype and size in the archive are checked against
    it before any array data is read, so a forged or damaged file is refused
    fast and with little memory. Arrays of Python objects are refused (loading
    them would unpickle, which can run code). ``max_bytes`` bounds the size of
    the parameters the metadata may describe.
    """
    return _open_archive(path, lambda archive, source: _load_archive(archive, source, max_bytes))


def read_metadata(path: str | os.PathLike[str]) -> dict:
    """The JSON metadata of the model file ``path``, checked as ``load_model`` checks it, reading no weights."""
    def metadata(archive, source):
        return _metadata(archive, _members(archive, source), source)

    return _open_archive(path, metadata)


def _open_archive(path, read):
    """``read(zipfile, source)`` on the model file ``path``, after checking what kind of file it is."""
    path = Path(path)
    source = str(path)
    head = _read_head(path)
    if head.startswith(_NPY_MAGIC):
        raise ModelFileError("modelfile.err.npy", param="path", path=source)
    if not head.startswith(_ZIP_MAGICS):
        raise ModelFileError("modelfile.err.not_npz", param="path", path=source, hint=_hint(head))
    try:
        with zipfile.ZipFile(path) as archive:
            return read(archive, source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise ModelFileError("modelfile.err.damaged", param="path", path=source, reason=str(exc) or
                             type(exc).__name__) from None
    except OSError as exc:
        raise ModelFileError("modelfile.err.unreadable", param="path", path=source, reason=os_reason(exc)) from None


def _read_head(path: Path) -> bytes:
    """The first bytes of ``path``, after telling a missing file, a folder and an empty file apart."""
    source = str(path)
    if not path.exists():
        raise ModelFileError("modelfile.err.missing", param="path", path=source)
    if path.is_dir():
        raise ModelFileError("modelfile.err.is_folder", param="path", path=source)
    if not path.is_file():
        raise ModelFileError("modelfile.err.not_regular", param="path", path=source)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise ModelFileError("modelfile.err.unreadable", param="path", path=source, reason=os_reason(exc)) from None
    if not head:
        raise ModelFileError("modelfile.err.empty", param="path", path=source)
    return head


def _hint(head: bytes) -> dict:
    if head.lstrip()[:1] in (b"{", b"["):
        return both("modelfile.hint.json")
    if head.lstrip()[:1] == b"<":
        return both("modelfile.hint.html")
    if head[:3] == b"\x89PN" or head[:3] == b"\xff\xd8\xff":
        return both("modelfile.hint.image")
    if head[:2] == b"\x80\x04" or head[:2] == b"\x80\x05":
        return both("modelfile.hint.pickle")
    return both("data.hint.none")


def _members(archive: zipfile.ZipFile, source: str) -> dict[str, zipfile.ZipInfo]:
    """Array name -> its entry; anything but .npy members means the file is not ours."""
    members = {}
    for info in archive.infolist():
        if not info.filename.endswith(".npy") or info.is_dir():
            raise ModelFileError("modelfile.err.member", param="path", path=source, member=info.filename)
        members[info.filename[:-4]] = info
    if "metadata" not in members:
        raise ModelFileError("modelfile.err.no_metadata", param="path", path=source)
    return members


def _metadata(archive: zipfile.ZipFile, members: dict, source: str) -> dict:
    """The metadata record, its header and size checked before its bytes are read."""
    info = members["metadata"]
    shape, dtype, offset = _array_header(archive, info, source)
    if dtype != np.uint8 or len(shape) != 1 or shape[0] > MAX_METADATA_BYTES:
        raise ModelFileError("modelfile.err.metadata_kind", param="path", path=source, shape=shape,
                             dtype=str(dtype), limit=f"{MAX_METADATA_BYTES:,}")
    _check_entry_size(info, offset, shape, dtype, source)
    return _parse_metadata(_array_data(archive, info, shape, dtype, source).tobytes(), source)


def _load_archive(archive: zipfile.ZipFile, source: str, max_bytes: int) -> Model:
    members = _members(archive, source)
    meta = _metadata(archive, members, source)
    del members["metadata"]
    sizes = _check_metadata(meta, source)
    expected = _expected_shapes(sizes)
    if set(members) != set(expected):
        raise _names_error(source, sizes, expected, members)
    itemsize = np.dtype(meta["dtype"]).itemsize
    nbytes = sum(math.prod(s) for s in expected.values()) * itemsize
    if nbytes > max_bytes:
        raise ModelFileError("modelfile.err.too_large", param="path", path=source, sizes=sizes,
                             nbytes=_human(nbytes), limit=_human(max_bytes), dtype=meta["dtype"])
    headers = {}
    for name, want in expected.items():  # every header before any data
        shape, dtype, offset = _array_header(archive, members[name], source, name)
        if shape != want:
            raise ModelFileError("modelfile.err.shape", param="path", path=source, name=name, shape=shape,
                                 expected=want, sizes=sizes)
        if dtype.name != meta["dtype"]:
            raise ModelFileError("modelfile.err.dtype_of", param="path", path=source, name=name, dtype=str(dtype),
                                 expected=meta["dtype"])
        _check_entry_size(members[name], offset, shape, dtype, source, name)
        headers[name] = shape, dtype
    arrays = {name: _array_data(archive, members[name], shape, dtype, source, name)
              for name, (shape, dtype) in headers.items()}
    return _build(meta, sizes, arrays, source)


def _array_header(archive, info, source, name="metadata"):
    """(shape, dtype, data offset) of one .npy member, reading only its header."""
    try:
        with archive.open(info) as f:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
            else:
                reason = Reason("modelfile.reason.npy_version", version=f"{version[0]}.{version[1]}")
                raise ModelFileError("modelfile.err.bad_member", param="path", path=source, name=name, reason=reason)
            offset = f.tell()
    except ModelFileError:
        raise  # a ValueError too: not to be wrapped into itself below
    except ValueError as exc:  # NumPy's header parser: its own words, quoted in zh
        raise ModelFileError("modelfile.err.bad_member", param="path", path=source, name=name,
                             reason=Reason("modelfile.reason.header", detail=str(exc))) from None
    if dtype.hasobject:
        raise ModelFileError("modelfile.err.object_array", param="path", path=source, name=name, dtype=str(dtype))
    if fortran and len(shape) > 1:
        # save_model writes C order; a Fortran-ordered array was written by something else
        raise ModelFileError("modelfile.err.bad_member", param="path", path=source, name=name,
                             reason=Reason("modelfile.reason.fortran_order"))
    if dtype.kind not in "uif" or dtype.itemsize > 8:
        raise ModelFileError("modelfile.err.dtype_of", param="path", path=source, name=name, dtype=str(dtype),
                             expected="float32 / float64")
    return tuple(shape), dtype, offset


def _check_entry_size(info, offset, shape, dtype, source, name="metadata"):
    """The archive's record of the member's size must be what its header declares (no more to decompress)."""
    nbytes = math.prod(shape) * dtype.itemsize
    if info.file_size != offset + nbytes:
        raise ModelFileError("modelfile.err.entry_size", param="path", path=source, name=name, shape=shape,
                             dtype=str(dtype), nbytes=f"{offset + nbytes:,}", size=f"{info.file_size:,}")


def _array_data(archive, info, shape, dtype, source, name="metadata") -> np.ndarray:
    out = np.empty(shape, dtype=dtype)
    view = out.reshape(-1).view(np.uint8).data
    with archive.open(info) as f:
        f.seek(info.file_size - view.nbytes)  # past the header, whose size the entry size told
        got = f.readinto(view)
    if got != view.nbytes:
        raise ModelFileError("modelfile.err.entry_size", param="path", path=source, name=name, shape=shape,
                             dtype=str(dtype), nbytes=f"{info.file_size:,}", size=f"{got:,}")
    return out if dtype.isnative or dtype.itemsize == 1 else out.astype(dtype.newbyteorder("="))


def _human(nbytes: int) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if nbytes >= size:
            return f"{nbytes / size:.1f} {unit}"
    return f"{nbytes} bytes"


def _parse_metadata(raw: bytes, source: str) -> dict:
    try:
        meta = json.loads(raw.decode())
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise ModelFileError("modelfile.err.json", param="path", path=source, reason=str(exc)) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError("modelfile.err.not_nnscratch", param="path", path=source)
    return meta


def _check_metadata(meta: dict, source: str) -> list:
    """The metadata's fields that decide the arrays, checked -> the layer sizes."""
    def bad(which, /, **values):
        return ModelFileError(f"modelfile.err.{which}", param="path", path=source, **values)

    version = meta.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise bad("version_kind", version=version)
    if version > FORMAT_VERSION:
        raise bad("newer", version=version, supported=FORMAT_VERSION)
    for key in ("sizes", "hidden_activation", "output_activation", "loss", "dtype", "input", "classes"):
        if key not in meta:
            raise bad("lacks", field=key)
    sizes = meta["sizes"]
    if not (isinstance(sizes, list) and len(sizes) >= 2
            and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in sizes)):
        raise bad("sizes", sizes=sizes)
    if meta["dtype"] not in ("float32", "float64"):
        raise bad("dtype", dtype=meta["dtype"])
    return sizes


def _expected_shapes(sizes) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for l in range(2, len(sizes) + 1):
        out[f"theta_{l}"] = (sizes[l - 1], sizes[l - 2])  # (n_l, n_{l-1})
        out[f"b_{l}"] = (sizes[l - 1],)
    return out


def _names_error(source, sizes, expected, arrays) -> ModelFileError:
    missing, extra = sorted(set(expected) - set(arrays)), sorted(set(arrays) - set(expected))
    return ModelFileError("modelfile.err.arrays", param="path", path=source, sizes=sizes, missing=missing,
                          extra=extra)


def model_from_arrays(arrays: dict, source: str = "model") -> Model:
    """A ``Model`` from a dict of arrays as ``save_model`` writes them (``metadata`` as JSON bytes), validated."""
    arrays = dict(arrays)
    if "metadata" not in arrays:
        raise ModelFileError("modelfile.err.no_metadata", param="path", path=source)
    metadata = np.asarray(arrays.pop("metadata"))
    if metadata.dtype.hasobject:
        raise ModelFileError("modelfile.err.object_array", param="path", path=source, name="metadata",
                             dtype=str(metadata.dtype))
    meta = _parse_metadata(metadata.tobytes(), source)
    sizes = _check_metadata(meta, source)
    expected = _expected_shapes(sizes)
    if set(arrays) != set(expected):
        raise _names_error(source, sizes, expected, arrays)
    for name, want in expected.items():
        arr = np.asarray(arrays[name])
        if arr.shape != want:
            raise ModelFileError("modelfile.err.shape", param="path", path=source, name=name, shape=arr.shape,
                                 expected=want, sizes=sizes)
        if arr.dtype.name != meta["dtype"]:
            raise ModelFileError("modelfile.err.dtype_of", param="path", path=source, name=name,
                                 dtype=str(arr.dtype), expected=meta["dtype"])
    return _build(meta, sizes, arrays, source)


def _build(meta, sizes, arrays, source) -> Model:
    """The checked arrays and metadata -> a Model (values, input, classes and the network itself checked)."""
    def bad(which, /, **values):
        return ModelFileError(f"modelfile.err.{which}", param="path", path=source, **values)

    theta, b = [None, None], [None, None]
    for l in range(2, len(sizes) + 1):
        for name, dest in (("theta", theta), ("b", b)):
            arr = arrays[f"{name}_{l}"]
            if not np.all(np.isfinite(arr)):
                raise bad("not_finite", name=f"{name}_{l}")
            dest.append(arr)
    inp = meta["input"]
    if not (isinstance(inp, dict) and isinstance(inp.get("shape"), list)
            and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in inp["shape"])
            and math.prod(inp["shape"]) == sizes[0]
            and isinstance(inp.get("scale"), (int, float)) and not isinstance(inp.get("scale"), bool)
            and math.isfinite(inp["scale"])):
        raise bad("input", n_inputs=sizes[0], value=inp)
    n_classes = class_count(sizes[-1])  # a single output unit tells two classes apart
    if not (isinstance(meta["classes"], list) and len(meta["classes"]) in (n_classes, 0)
            and all(isinstance(c, str) for c in meta["classes"])):
        raise bad("classes", n_classes=n_classes, value=meta["classes"])
    try:
        net = Network(sizes, meta["hidden_activation"], meta["output_activation"], dtype=meta["dtype"],
                      theta=theta, b=b)
        return Model(net, loss=meta["loss"], input_shape=tuple(inp["shape"]), input_scale=float(inp["scale"]),
                     classes=meta["classes"], dataset=meta.get("dataset"), config=meta.get("config") or {},
                     metrics=meta.get("metrics") or {})
    except NNScratchError as exc:
        raise bad("network", inner={lang: exc.message(lang) for lang in LANGUAGES}) from None
    except (TypeError, ValueError, AttributeError) as exc:
        # a field of the wrong JSON type that the engine does not check itself
        raise bad("network", inner={lang: str(exc) for lang in LANGUAGES}) from None


def models_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where `nnscratch train` keeps models without --out: $XDG_DATA_HOME/nnscratch/models (~/.local/share/...)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME", "")
    # the XDG spec says a relative value is to be ignored
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "nnscratch" / "models"


def default_model_path(dataset: str, environ: Mapping[str, str] | None = None,
                       now: datetime.datetime | None = None) -> Path:
    import datetime

    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return models_dir(environ) / f"{dataset}-{stamp}{SUFFIX}"


def latest_model_path(dataset: str | None = "mnist", environ: Mapping[str, str] | None = None) -> Path | None:
    """The most recently written model in ``models_dir()`` (of ``dataset`` if given), or None."""
    folder = models_dir(environ)
    if not folder.is_dir():
        return None
    pattern = f"{dataset}-*{SUFFIX}" if dataset else f"*{SUFFIX}"
    candidates = [p for p in folder.glob(pattern) if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime_ns, default=None)
