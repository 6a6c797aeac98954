"""Reading one of a dataset's files strictly and comparing its checksum with the published one."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnscratch.data.idx import is_gzip, read_idx
from nnscratch.data.registry import DATASETS, DatasetSpec, FileSpec
from nnscratch.errors import DataError


@dataclass(frozen=True)
class FileCheck:
    """What was found about one file: where it is and what its checksum says.

    ``checksum`` is "verified" (matches the published SHA-256), "mismatch"
    (differs from the published SHA-256 of the decompressed bytes: damaged or
    another file), "unknown" (no published checksum applies to this copy,
    e.g. a recompressed copy where only the original .gz's is published) or
    "unchecked" (not computed).
    """

    role: str
    path: Path
    sha256: str | None  # of the decompressed bytes; None when not computed
    checksum: str = "unchecked"
    expected: str | None = None  # the published SHA-256 it was compared with

    @property
    def verified(self) -> bool:
        return self.checksum == "verified"

    def to_dict(self) -> dict:
        return {"role": self.role, "file": self.path.name, "path": str(self.path), "sha256": self.sha256,
                "checksum": self.checksum, "expected_sha256": self.expected, "verified": self.verified}


class WrongDatasetError(DataError):
    """The file is another registered dataset's (all of them use MNIST's file names)."""


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def read_checked(spec: DatasetSpec, fspec: FileSpec, path: str | os.PathLike[str], *, exact: bool = False,
                 checksum: bool = False, strict: bool = True) -> tuple[np.ndarray, FileCheck]:
    """Read one file of ``spec`` strictly -> (array, FileCheck).

    ``exact`` demands the published number of items (downloads); otherwise any
    count is fine (subsets, test fixtures). ``checksum`` computes the SHA-256
    and compares it with the published one; with ``strict`` a mismatch is a
    ``DataError``, otherwise it is only reported in the ``FileCheck``.
    """
    path = Path(path)
    shape = fspec.shape if exact else (None, *fspec.shape[1:])
    is_labels = fspec.role.endswith("labels")
    # labels are small: their checksum always tells one dataset from another
    hasher = hashlib.sha256() if checksum or is_labels else None
    array = read_idx(path, shape=shape, dtype=np.uint8, hasher=hasher)
    digest = hasher.hexdigest() if hasher else None
    # hashing the .gz itself is only worth it where a published .gz checksum can match
    gz_digest = file_sha256(path) if (checksum and fspec.gz_sha256 or is_labels) and is_gzip(path) else None
    refuse_other_dataset(spec, path, digest, gz_digest)
    if not checksum:
        return array, FileCheck(fspec.role, path, None)
    if fspec.sha256:
        status, expected = ("verified" if digest == fspec.sha256 else "mismatch"), fspec.sha256
    elif fspec.gz_sha256 and gz_digest == fspec.gz_sha256:
        status, expected = "verified", fspec.gz_sha256
    else:
        # a recompressed copy cannot be vouched for, but is not wrong either
        status, expected = "unknown", None
    if strict and status == "mismatch":
        raise DataError("data.err.checksum_mismatch", param="data_dir", path=str(path), digest=digest,
                        title=spec.title, stem=fspec.stem, expected=fspec.sha256, name=spec.name,
                        folder=str(path.parent))
    return array, FileCheck(fspec.role, path, digest, status, expected)


def refuse_other_dataset(spec: DatasetSpec, path: Path, digest: str | None, gz_digest: str | None) -> None:
    """Same file names for MNIST, Fashion-MNIST and KMNIST make one easy to
    load as another; a checksum of another dataset's file gives it away."""
    mine = {digest, gz_digest} - {None}
    for other in DATASETS.values():
        for of in other.files:
            if other is not spec and mine & {of.sha256, of.gz_sha256}:
                raise WrongDatasetError("data.err.wrong_dataset", param="name", path=str(path),
                                        other_title=other.title, other_name=other.name, stem=of.stem,
                                        title=spec.title)
