"""The models `nnscratch train` keeps in the user data folder: list them, pick the best, prune the rest.

Only the small ``metadata`` member of each ``.npz`` is read (never the weights,
never with pickle), so listing a folder of large models is fast and safe. A
file that is not an nnscratch model is never picked and never deleted.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnscratch.errors import ModelFileError
from nnscratch.io.model import FORMAT, SUFFIX, models_dir

# The metadata record is a few kB; anything much larger is not ours (and is not read).
MAX_METADATA_BYTES = 1 << 20


@dataclass(frozen=True)
class SavedModel:
    """One model file: where it is and what its metadata says."""

    path: Path
    modified: datetime.datetime
    bytes: int
    dataset: str | None
    sizes: list
    hidden: str | None
    output: str | None
    input_shape: tuple
    accuracy: float | None  # the test accuracy recorded when it was trained, if any

    def to_dict(self) -> dict:
        return {"name": self.path.name, "path": str(self.path), "date": self.modified.isoformat(timespec="seconds"),
                "dataset": self.dataset, "sizes": list(self.sizes), "hidden_activation": self.hidden,
                "output_activation": self.output, "accuracy": self.accuracy, "bytes": self.bytes}


def read_metadata(path: str | os.PathLike[str]) -> dict:
    """The JSON metadata of the model file ``path``, read without loading any weights.

    Raises ModelFileError (param "path") if the file is not an nnscratch model.
    """
    path = Path(path)

    def bad(key):
        return ModelFileError(key, param="path", path=str(path))

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("metadata.npy")
            if info.file_size > MAX_METADATA_BYTES:
                raise bad("models.err.bad_metadata")
            raw = archive.read(info)
    except KeyError:
        raise bad("models.err.no_metadata") from None
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        raise bad("models.err.not_npz") from None
    try:
        array = np.lib.format.read_array(io.BytesIO(raw), allow_pickle=False)
        if array.dtype != np.uint8 or array.ndim != 1:
            raise ValueError
        meta = json.loads(array.tobytes().decode())
    except (ValueError, UnicodeDecodeError, EOFError):
        raise bad("models.err.bad_metadata") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise bad("models.err.no_metadata")
    return meta


def describe(path: str | os.PathLike[str]) -> SavedModel:
    """A ``SavedModel`` for ``path`` (ModelFileError if it is not an nnscratch model)."""
    path = Path(path)
    meta = read_metadata(path)
    stat = path.stat()
    accuracy = (meta.get("metrics") or {}).get("test_accuracy") if isinstance(meta.get("metrics"), dict) else None
    accuracy = float(accuracy) if isinstance(accuracy, (int, float)) and 0 <= accuracy <= 1 else None
    inp_value, sizes_value = meta.get("input"), meta.get("sizes")  # named once, so the checks narrow their types
    inp: dict = inp_value if isinstance(inp_value, dict) else {}
    sizes: list = sizes_value if isinstance(sizes_value, list) else []
    return SavedModel(path=path, modified=datetime.datetime.fromtimestamp(stat.st_mtime), bytes=stat.st_size,
                      dataset=meta.get("dataset") if isinstance(meta.get("dataset"), str) else None,
                      sizes=sizes, hidden=meta.get("hidden_activation"), output=meta.get("output_activation"),
                      input_shape=tuple(inp.get("shape") or ()), accuracy=accuracy)


def list_models(folder: str | os.PathLike[str] | None = None) -> tuple[list[SavedModel], list[Path]]:
    """(models, others): the nnscratch models in ``folder`` (default: ``models_dir()``), best first
    (highest recorded test accuracy, then newest), and the ``.npz`` files there that are not models."""
    folder = models_dir() if folder is None else Path(folder)
    models: list[SavedModel] = []
    others: list[Path] = []
    if not folder.is_dir():
        return models, others
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if not path.is_file() or path.is_symlink():
            continue
        try:
            models.append(describe(path))
        except (ModelFileError, OSError):
            others.append(path)
    models.sort(key=rank, reverse=True)
    return models, others


def rank(model: SavedModel) -> tuple:
    """Sort key, larger is better: a recorded accuracy beats none, then higher accuracy, then newer."""
    return (model.accuracy is not None, model.accuracy or 0.0, model.modified)


def best_digit_model(dataset: str = "mnist", folder: str | os.PathLike[str] | None = None) -> Path | None:
    """The saved 28x28 ``dataset`` model with the highest recorded test accuracy (newest on a tie), or None."""
    models, _ = list_models(folder)
    digits = [m for m in models if m.dataset == dataset and tuple(m.input_shape) == (28, 28)]
    return digits[0].path if digits else None


def prune(keep: int, folder: str | os.PathLike[str] | None = None) -> list[SavedModel]:
    """Delete all but the best ``keep`` models of each dataset in ``folder``; returns what was deleted.

    Only files whose metadata says they are nnscratch models are candidates: any other file is kept.
    """
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 0:
        from nnscratch.errors import ConfigError

        raise ConfigError("models.err.keep", param="keep", keep=keep)
    models, _ = list_models(folder)
    seen: dict = {}
    removed = []
    for model in models:  # best first
        seen[model.dataset] = seen.get(model.dataset, 0) + 1
        if seen[model.dataset] > keep:
            model.path.unlink(missing_ok=True)
            removed.append(model)
    return removed
