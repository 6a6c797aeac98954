"""Model files: one ``.npz`` with the arrays and a JSON metadata record.

Why npz: NumPy reads and writes it with no extra dependency, every tool
(Python, C via cnpy, Julia, JavaScript) can open the zip, and with
``allow_pickle=False`` loading runs no code. The arrays are ``theta_l`` and
``b_l`` for l = 2..L (the lecture's indices); ``metadata`` holds the JSON as
UTF-8 bytes: format version, layer sizes, activations, loss, input scaling,
class names, training config and metrics.

Loading validates every key, shape, dtype and value; saving is atomic, so an
interrupted save leaves the old file intact.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
from pathlib import Path

import numpy as np

from nnscratch.errors import ModelFileError, NNScratchError
from nnscratch.io.files import check_output_path, write_atomically
from nnscratch.model import Model
from nnscratch.network import Network

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


def save_model(model: Model, path) -> Path:
    """Write ``model`` to ``path`` (.npz) atomically; returns the path written."""
    path = check_output_path(path, (SUFFIX,), "model", "model")
    net = model.network
    arrays = {f"{name}_{l}": getattr(net, name)[l] for l in net.layers for name in ("theta", "b")}
    meta = json.dumps(model_to_metadata(model), ensure_ascii=False, allow_nan=False).encode()
    arrays["metadata"] = np.frombuffer(meta, dtype=np.uint8)
    # Ctrl-C or a full disk mid-write leaves the old model in place.
    write_atomically(path, lambda f: np.savez(f, **arrays))
    return path


def load_model(path) -> Model:
    """Read and validate a model file written by ``save_model``."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"model file {str(path)!r} does not exist: train one with 'nnscratch train --out {path}'")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError):
        # np.load's own message suggests enabling pickle, the one thing never to do with a stranger's file
        raise ModelFileError(f"{str(path)!r} is not an nnscratch model file: it is not an .npz archive "
                             "(a model saved by 'nnscratch train --out FILE.npz')") from None
    return model_from_arrays(arrays, source=str(path))


def model_from_arrays(arrays: dict, source: str = "model") -> Model:
    def bad(msg):
        return ModelFileError(f"{source!r}: {msg}")

    if "metadata" not in arrays:
        raise bad("no metadata record; this is not a model saved by nnscratch")
    try:
        meta = json.loads(arrays.pop("metadata").tobytes().decode())
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise bad(f"metadata is not valid JSON ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise bad("metadata does not describe an nnscratch model")
    version = meta.get("format_version")
    if not isinstance(version, int):
        raise bad(f"format_version must be an integer, got {version!r}")
    if version > FORMAT_VERSION:
        raise bad(f"written by a newer nnscratch (model format {version}, this version reads up to "
                  f"{FORMAT_VERSION}): upgrade with 'pip install -U nnscratch'")
    for key in ("sizes", "hidden_activation", "output_activation", "loss", "dtype", "input", "classes"):
        if key not in meta:
            raise bad(f"metadata lacks {key!r}")
    sizes = meta["sizes"]
    if not (isinstance(sizes, list) and len(sizes) >= 2 and all(isinstance(n, int) and n > 0 for n in sizes)):
        raise bad(f"sizes must be a list of at least two positive integers, got {sizes!r}")
    if meta["dtype"] not in ("float32", "float64"):
        raise bad(f"dtype must be float32 or float64, got {meta['dtype']!r}")
    expected = {f"{name}_{l}" for l in range(2, len(sizes) + 1) for name in ("theta", "b")}
    if set(arrays) != expected:
        missing, extra = sorted(expected - set(arrays)), sorted(set(arrays) - expected)
        raise bad(f"arrays do not match sizes {sizes}: missing {missing}, unexpected {extra}")
    theta, b = [None, None], [None, None]
    for l in range(2, len(sizes) + 1):
        for name, shape, dest in (("theta", (sizes[l - 1], sizes[l - 2]), theta), ("b", (sizes[l - 1],), b)):
            arr = arrays[f"{name}_{l}"]
            if arr.shape != shape:
                raise bad(f"{name}_{l} has shape {arr.shape}, expected {shape} for sizes {sizes}")
            if arr.dtype.name != meta["dtype"]:
                raise bad(f"{name}_{l} has dtype {arr.dtype}, expected {meta['dtype']}")
            if not np.all(np.isfinite(arr)):
                raise bad(f"{name}_{l} contains NaN or infinite weights; the training that wrote it diverged")
            dest.append(arr)
    inp = meta["input"]
    if not (isinstance(inp, dict) and isinstance(inp.get("shape"), list)
            and math.prod(inp["shape"]) == sizes[0] and isinstance(inp.get("scale"), (int, float))):
        raise bad(f"input must give a shape whose size is {sizes[0]} and a numeric scale, got {inp!r}")
    if not (isinstance(meta["classes"], list) and len(meta["classes"]) in (sizes[-1], 0)):
        raise bad(f"classes must list {sizes[-1]} names, got {meta['classes']!r}")
    try:
        net = Network(sizes, meta["hidden_activation"], meta["output_activation"], dtype=meta["dtype"], theta=theta, b=b)
    except NNScratchError as exc:
        raise bad(str(exc)) from None
    return Model(net, loss=meta["loss"], input_shape=tuple(inp["shape"]), input_scale=float(inp["scale"]),
                 classes=meta["classes"], dataset=meta.get("dataset"), config=meta.get("config") or {},
                 metrics=meta.get("metrics") or {})


def models_dir(environ=None) -> Path:
    """Where `nnscratch train` keeps models without --out: $XDG_DATA_HOME/nnscratch/models (~/.local/share/...)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME", "")
    # the XDG spec says a relative value is to be ignored
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "nnscratch" / "models"


def default_model_path(dataset: str, environ=None, now=None) -> Path:
    import datetime

    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return models_dir(environ) / f"{dataset}-{stamp}{SUFFIX}"


def latest_model_path(dataset: str | None = "mnist", environ=None) -> Path | None:
    """The most recently written model in ``models_dir()`` (of ``dataset`` if given), or None."""
    folder = models_dir(environ)
    if not folder.is_dir():
        return None
    pattern = f"{dataset}-*{SUFFIX}" if dataset else f"*{SUFFIX}"
    candidates = [p for p in folder.glob(pattern) if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime_ns, default=None)
