"""Loading a dataset in MNIST's layout: four IDX files in one folder, read as uint8.

``load_dataset`` finds the folder (see ``nnscratch.data.locate``), checks
every file strictly and returns a frozen ``Dataset``; the pixels stay uint8 and
are scaled per batch by whoever trains on them. ``load_test_set`` reads only
the two test files (all that ``evaluate`` needs).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnscratch.data.checks import FileCheck, read_checked
from nnscratch.data.download import download_dataset
from nnscratch.data.locate import find_files, locate, missing_files_error
from nnscratch.data.registry import PARTS, check_parts, get_spec
from nnscratch.errors import DataError


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train and test sets as uint8: images flattened to (n, 784), labels (n,).

    A part that was not asked for (``parts=("test",)``) is None. ``origin`` says
    how the folder was chosen: "argument", "environment", "cache" or "bundled".
    """

    name: str
    x_train: np.ndarray | None  # (n_train, 784) uint8
    y_train: np.ndarray | None  # (n_train,) uint8
    x_test: np.ndarray | None  # (n_test, 784) uint8
    y_test: np.ndarray | None  # (n_test,) uint8
    classes: tuple[str, ...]
    image_shape: tuple[int, int] = (28, 28)
    data_dir: Path | None = None
    files: tuple[FileCheck, ...] = ()
    origin: str | None = None

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def n_features(self) -> int:
        return self.image_shape[0] * self.image_shape[1]

    def __repr__(self):
        def count(y):
            return None if y is None else len(y)

        return (f"Dataset({self.name!r}, train={count(self.y_train)}, test={count(self.y_test)}, "
                f"image_shape={self.image_shape}, data_dir={str(self.data_dir) if self.data_dir else None!r}, "
                f"origin={self.origin!r})")


def load_dataset(name: str = "mnist", data_dir: str | os.PathLike[str] | None = None, *,
                 parts: str | Iterable[str] = PARTS, download: bool = False, verify: bool = False,
                 progress: Callable[[int, int | None, str], object] | None = None,
                 environ: Mapping[str, str] | None = None) -> Dataset:
    """Load dataset ``name`` from its folder (see ``nnscratch.data.locate``).

    Every file is checked: IDX header, image size, image count against label
    count, labels in 0..n_classes-1. ``parts`` ("train", "test") chooses
    which files are needed at all. ``verify`` also checks SHA-256 checksums
    where published (about 0.05 s more for MNIST) and refuses a mismatch.
    ``download`` fetches missing files first (into the folder found, see
    ``may_download`` for when a command should ask for it);
    ``progress(done_bytes, total_bytes, file_name)`` sees the transfer.
    """
    return _load(name, data_dir, parts=parts, download=download, checksum=verify, strict=True,
                 progress=progress, environ=environ)


def load_test_set(name: str = "mnist", data_dir: str | os.PathLike[str] | None = None, *, verify: bool = False,
                  environ: Mapping[str, str] | None = None) -> Dataset:
    """Only the test images and labels of ``name`` (``x_train`` and ``y_train`` are None).

    A folder that holds just the two test files is enough.
    """
    return _load(name, data_dir, parts=("test",), download=False, checksum=verify, strict=True, progress=None,
                 environ=environ)


def inspect_dataset(name: str = "mnist", data_dir: str | os.PathLike[str] | None = None, *,
                    environ: Mapping[str, str] | None = None) -> Dataset:
    """Like ``load_dataset(verify=True)``, but a checksum mismatch is reported in
    ``Dataset.files`` instead of raised, so a folder can be described whole."""
    return _load(name, data_dir, parts=PARTS, download=False, checksum=True, strict=False, progress=None,
                 environ=environ)


def _load(name, data_dir, *, parts, download, checksum, strict, progress, environ) -> Dataset:
    spec = get_spec(name)
    parts = check_parts(parts)
    wanted = spec.files_of(parts)
    location = locate(spec.name, data_dir, parts=parts, environ=environ)
    folder = location.folder
    if folder.exists() and not folder.is_dir():
        raise missing_files_error(spec, location, dict.fromkeys(f.role for f in wanted))
    found = find_files(spec, folder, wanted) if folder.is_dir() else dict.fromkeys(f.role for f in wanted)
    if download and None in found.values():
        download_dataset(spec.name, folder, progress=progress)
        found = find_files(spec, folder, wanted)
    if None in found.values():
        raise missing_files_error(spec, location, found)

    arrays, checks = {}, []
    for fspec in wanted:
        path = found[fspec.role]
        assert path is not None  # no file is missing: checked just above
        arrays[fspec.role], check = read_checked(spec, fspec, path, checksum=checksum, strict=strict)
        checks.append(check)
    for part in parts:
        _check_pair(spec, found[f"{part}_images"], arrays[f"{part}_images"],
                    found[f"{part}_labels"], arrays[f"{part}_labels"])
    pixels = spec.image_shape[0] * spec.image_shape[1]

    def flat(role):
        # (n, 28, 28) -> (n, 784) is a view: read_idx's array is C-contiguous
        return arrays[role].reshape(-1, pixels) if role in arrays else None

    return Dataset(
        name=spec.name,
        x_train=flat("train_images"),
        y_train=arrays.get("train_labels"),
        x_test=flat("test_images"),
        y_test=arrays.get("test_labels"),
        classes=spec.classes,
        image_shape=spec.image_shape,
        data_dir=folder,
        files=tuple(checks),
        origin=location.origin,
    )


def _check_pair(spec, images_path, images, labels_path, labels):
    if len(images) != len(labels):
        raise DataError("data.err.count_mismatch", param="data_dir", images=images_path.name,
                        n_images=f"{len(images):,}", labels=labels_path.name, n_labels=f"{len(labels):,}",
                        folder=str(images_path.parent), name=spec.name)
    bad = np.flatnonzero(labels >= len(spec.classes))
    if bad.size:
        raise DataError("data.err.label_range", param="data_dir", path=str(labels_path), label=int(labels[bad[0]]),
                        index=int(bad[0]), count=f"{bad.size:,}", title=spec.title, last=len(spec.classes) - 1)
