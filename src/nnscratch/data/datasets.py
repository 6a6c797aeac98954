"""Datasets in MNIST's layout: four IDX files in one folder, loaded as uint8.

A registry entry (``DATASETS``) knows each dataset's file names, public
mirrors, checksums and class names. ``load_dataset`` finds the folder
(``data_dir``, else ``$NNSCRATCH_DATA``, else the user cache), checks every file
strictly and returns a frozen ``Dataset``; the pixels stay uint8 and are
scaled per batch by whoever trains on them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnscratch.data.idx import is_gzip, read_idx
from nnscratch.errors import ConfigError, DataError

ROLES = ("train_images", "train_labels", "test_images", "test_labels")
ENV_DATA_DIR = "NNSCRATCH_DATA"


@dataclass(frozen=True)
class FileSpec:
    """One of a dataset's four files.

    ``sha256`` is of the decompressed IDX bytes, so any recompression of the
    file still matches; ``gz_sha256`` is of the original ``.gz`` as published,
    for datasets whose decompressed checksum nobody publishes.
    """

    role: str
    stem: str  # "train-images-idx3-ubyte"
    shape: tuple[int, ...]
    sha256: str | None = None
    gz_sha256: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Accepted file names, most usual first: with or without .gz, and the
        'train-images.idx3-ubyte' spelling some archives use."""
        dotted = self.stem.replace("-idx", ".idx")
        return (self.stem, self.stem + ".gz", dotted, dotted + ".gz")

    @property
    def download_name(self) -> str:
        return self.stem + ".gz"

    @property
    def nbytes(self) -> int:
        """Size of the decompressed IDX file."""
        return 4 + 4 * len(self.shape) + int(np.prod(self.shape))


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    title: str
    classes: tuple[str, ...]
    mirrors: tuple[str, ...]
    files: tuple[FileSpec, ...]
    homepage: str
    image_shape: tuple[int, int] = (28, 28)

    def file(self, role: str) -> FileSpec:
        return next(f for f in self.files if f.role == role)


def _mnist_layout(n_train, n_test, checksums):
    """The four files of a dataset laid out like MNIST; ``checksums`` maps a
    stem to (sha256 of the IDX bytes, sha256 of the published .gz)."""
    layout = (
        ("train_images", "train-images-idx3-ubyte", (n_train, 28, 28)),
        ("train_labels", "train-labels-idx1-ubyte", (n_train,)),
        ("test_images", "t10k-images-idx3-ubyte", (n_test, 28, 28)),
        ("test_labels", "t10k-labels-idx1-ubyte", (n_test,)),
    )
    return tuple(FileSpec(role, stem, shape, *checksums[stem]) for role, stem, shape in layout)


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            name="mnist",
            title="MNIST",
            classes=tuple("0123456789"),
            mirrors=(
                "https://ossci-datasets.s3.amazonaws.com/mnist/",
                "https://storage.googleapis.com/cvdf-datasets/mnist/",
                "http://yann.lecun.com/exdb/mnist/",
            ),
            # of the decompressed bytes: ../shared/data/mnist/README.md
            files=_mnist_layout(60000, 10000, {
                "train-images-idx3-ubyte": ("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", None),
                "train-labels-idx1-ubyte": ("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", None),
                "t10k-images-idx3-ubyte": ("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", None),
                "t10k-labels-idx1-ubyte": ("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", None),
            }),
            homepage="http://yann.lecun.com/exdb/mnist/",
        ),
        DatasetSpec(
            name="fashion-mnist",
            title="Fashion-MNIST",
            classes=("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                     "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            mirrors=(
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
            ),
            # of the published .gz files, as listed by tensorflow_datasets (url_checksums/fashion_mnist.txt)
            files=_mnist_layout(60000, 10000, {
                "train-images-idx3-ubyte": (None, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                "train-labels-idx1-ubyte": (None, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                "t10k-images-idx3-ubyte": (None, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                "t10k-labels-idx1-ubyte": (None, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
            }),
            homepage="https://github.com/zalandoresearch/fashion-mnist",
        ),
        DatasetSpec(
            name="kmnist",
            title="Kuzushiji-MNIST",
            # the ten hiragana the classes stand for, in label order
            classes=("お", "き", "す", "つ", "な", "は", "ま", "や", "れ", "を"),
            mirrors=(
                "http://codh.rois.ac.jp/kmnist/dataset/kmnist/",
                "https://codh.rois.ac.jp/kmnist/dataset/kmnist/",
            ),
            # of the published .gz files, as listed by tensorflow_datasets (url_checksums/kmnist.txt)
            files=_mnist_layout(60000, 10000, {
                "train-images-idx3-ubyte": (None, "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4"),
                "train-labels-idx1-ubyte": (None, "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17"),
                "t10k-images-idx3-ubyte": (None, "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5"),
                "t10k-labels-idx1-ubyte": (None, "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c"),
            }),
            homepage="https://github.com/rois-codh/kmnist",
        ),
    )
}


def get_spec(name: str) -> DatasetSpec:
    try:
        return DATASETS[name]
    except (KeyError, TypeError):
        raise ConfigError(f"unknown dataset {name!r}: choose one of {', '.join(DATASETS)}") from None


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


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train and test sets as uint8: images flattened to (n, 784), labels (n,)."""

    name: str
    x_train: np.ndarray  # (n_train, 784) uint8
    y_train: np.ndarray  # (n_train,) uint8
    x_test: np.ndarray  # (n_test, 784) uint8
    y_test: np.ndarray  # (n_test,) uint8
    classes: tuple[str, ...]
    image_shape: tuple[int, int] = (28, 28)
    data_dir: Path | None = None
    files: tuple[FileCheck, ...] = ()

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def n_features(self) -> int:
        return self.image_shape[0] * self.image_shape[1]

    def __repr__(self):
        return (f"Dataset({self.name!r}, train={len(self.y_train)}, test={len(self.y_test)}, "
                f"image_shape={self.image_shape}, data_dir={str(self.data_dir) if self.data_dir else None!r})")


# ---- where the files are


def default_cache_dir(name: str, environ=None) -> Path:
    """``$XDG_CACHE_HOME/nnscratch/<name>``, else ``~/.cache/nnscratch/<name>``."""
    environ = os.environ if environ is None else environ
    xdg = environ.get("XDG_CACHE_HOME", "")
    # the XDG spec says a relative value is to be ignored
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "nnscratch" / name


def resolve_data_dir(name: str = "mnist", data_dir=None, *, environ=None) -> Path:
    """The folder for dataset ``name``: ``data_dir``, else ``$NNSCRATCH_DATA``, else the user cache."""
    return _locate(get_spec(name), data_dir, environ)[0]


def _locate(spec, data_dir, environ):
    environ = os.environ if environ is None else environ
    if data_dir is not None and str(data_dir) != "":
        return Path(data_dir).expanduser(), "given as --data-dir"
    if environ.get(ENV_DATA_DIR):
        return Path(environ[ENV_DATA_DIR]).expanduser(), f"from ${ENV_DATA_DIR}"
    return default_cache_dir(spec.name, environ), "the user cache"


def find_files(spec: DatasetSpec, folder) -> dict[str, Path | None]:
    """Role -> the first accepted name present in ``folder`` (None when absent)."""
    folder = Path(folder)
    found = {}
    for f in spec.files:
        found[f.role] = next((folder / n for n in f.names if (folder / n).is_file()), None)
    return found


def _missing_files_message(spec: DatasetSpec, folder: Path, origin: str, found: dict) -> str:
    missing = [f"{f.stem}[.gz]" for f in spec.files if found[f.role] is None]
    present = [p.name for p in found.values() if p is not None]
    if not folder.exists():
        where = f"the folder {folder} ({origin}) does not exist"
    elif not folder.is_dir():
        where = f"{folder} ({origin}) is not a folder"
    else:
        where = f"{folder} ({origin}) lacks {', '.join(missing)}"
        if present:
            where += f" (found: {', '.join(present)})"
    return (
        f"{spec.title} is not available: {where}. "
        f"To fix: run `nnscratch data download --dataset {spec.name} --data-dir {folder}`; "
        f"or put the four files {', '.join(f.stem + '[.gz]' for f in spec.files)} there by hand "
        f"(from {spec.mirrors[0]}); or point --data-dir or ${ENV_DATA_DIR} to a folder that holds them"
    )


# ---- checking and loading


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def read_checked(spec: DatasetSpec, fspec: FileSpec, path, *, exact=False, checksum=False, strict=True):
    """Read one file of ``spec`` strictly -> (array, FileCheck).

    ``exact`` demands the published number of items (downloads); otherwise any
    count is fine (subsets, test fixtures). ``checksum`` computes the SHA-256
    and compares it with the published one; with ``strict`` a mismatch is a
    ``DataError``, otherwise it is only reported in the ``FileCheck``.
    """
    path = Path(path)
    shape = fspec.shape if exact else (None, *fspec.shape[1:])
    is_labels = fspec.role.endswith("labels")
    hasher = hashlib.sha256() if checksum or is_labels else None
    array = read_idx(path, shape=shape, dtype=np.uint8, hasher=hasher)
    digest = hasher.hexdigest() if hasher else None
    # hashing the .gz itself is only worth it where a published .gz checksum can match
    gz_digest = _file_sha256(path) if (checksum and fspec.gz_sha256 or is_labels) and is_gzip(path) else None
    _refuse_other_dataset(spec, path, digest, gz_digest)
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
        raise DataError(
            f"{path}: the SHA-256 of its decompressed bytes is {digest}, but {spec.title}'s "
            f"{fspec.stem} has {fspec.sha256}; the file is damaged or from another dataset: replace it with "
            f"`nnscratch data download --dataset {spec.name} --data-dir {path.parent}`"
        )
    return array, FileCheck(fspec.role, path, digest, status, expected)


class WrongDatasetError(DataError):
    """The file is another registered dataset's (all of them use MNIST's file names)."""


def _refuse_other_dataset(spec, path, digest, gz_digest):
    """Same file names for MNIST, Fashion-MNIST and KMNIST make one easy to
    load as another; a checksum of another dataset's file gives it away."""
    mine = {digest, gz_digest} - {None}
    for other in DATASETS.values():
        for of in other.files:
            if other is not spec and mine & {of.sha256, of.gz_sha256}:
                raise WrongDatasetError(
                    f"{path}: this is {other.title}'s {of.stem}, not {spec.title}'s; use "
                    f"--dataset {other.name}, or point --data-dir to a folder with {spec.title}"
                )


def load_dataset(name: str = "mnist", data_dir=None, *, download: bool = False, verify: bool = False,
                 progress=None, environ=None) -> Dataset:
    """Load dataset ``name`` from its folder (see ``resolve_data_dir``).

    Every file is checked: IDX header, image size, image count against label
    count, labels in 0..n_classes-1. ``verify`` also checks SHA-256 checksums
    where published (about 0.05 s more for MNIST) and refuses a mismatch.
    ``download`` fetches missing files first; ``progress(done_bytes,
    total_bytes, file_name)`` sees the transfer.
    """
    return _load(name, data_dir, download=download, checksum=verify, strict=True, progress=progress,
                 environ=environ)


def inspect_dataset(name: str = "mnist", data_dir=None, *, environ=None) -> Dataset:
    """Like ``load_dataset(verify=True)``, but a checksum mismatch is reported in
    ``Dataset.files`` instead of raised, so a folder can be described whole."""
    return _load(name, data_dir, download=False, checksum=True, strict=False, progress=None, environ=environ)


def _load(name, data_dir, *, download, checksum, strict, progress, environ) -> Dataset:
    spec = get_spec(name)
    folder, origin = _locate(spec, data_dir, environ)
    if folder.exists() and not folder.is_dir():
        raise DataError(_missing_files_message(spec, folder, origin, dict.fromkeys(ROLES)))
    found = find_files(spec, folder) if folder.is_dir() else dict.fromkeys(ROLES)
    if download and None in found.values():
        from nnscratch.data.download import download_dataset

        download_dataset(spec.name, folder, progress=progress)
        found = find_files(spec, folder)
    if None in found.values():
        raise DataError(_missing_files_message(spec, folder, origin, found))

    arrays, checks = {}, []
    for fspec in spec.files:
        arrays[fspec.role], check = read_checked(spec, fspec, found[fspec.role], checksum=checksum, strict=strict)
        checks.append(check)
    for part in ("train", "test"):
        _check_pair(spec, found[f"{part}_images"], arrays[f"{part}_images"],
                    found[f"{part}_labels"], arrays[f"{part}_labels"])
    pixels = spec.image_shape[0] * spec.image_shape[1]
    return Dataset(
        name=spec.name,
        # (n, 28, 28) -> (n, 784) is a view: read_idx's array is C-contiguous
        x_train=arrays["train_images"].reshape(-1, pixels),
        y_train=arrays["train_labels"],
        x_test=arrays["test_images"].reshape(-1, pixels),
        y_test=arrays["test_labels"],
        classes=spec.classes,
        image_shape=spec.image_shape,
        data_dir=folder,
        files=tuple(checks),
    )


def _check_pair(spec, images_path, images, labels_path, labels):
    if len(images) != len(labels):
        raise DataError(
            f"{images_path.name} holds {len(images):,} images but {labels_path.name} holds "
            f"{len(labels):,} labels (in {images_path.parent}); the files belong to different sets or one "
            f"is damaged: replace them with "
            f"`nnscratch data download --dataset {spec.name} --data-dir {images_path.parent}`"
        )
    bad = np.flatnonzero(labels >= len(spec.classes))
    if bad.size:
        raise DataError(
            f"{labels_path}: label {int(labels[bad[0]])} at index {int(bad[0])} is out of range "
            f"({bad.size:,} such labels); {spec.title} labels are 0..{len(spec.classes) - 1}"
        )


def train_validation_split(x, y, n_validation: int = 5000, *, rng):
    """Hold out ``n_validation`` random samples of a training set -> (x_train, y_train, x_val, y_val).

    ``rng`` is a ``np.random.Generator`` or a seed; the same seed gives the
    same split. Both parts keep the original order of the samples.
    """
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ConfigError(f"x has {len(x)} samples but y has {len(y)}")
    if isinstance(n_validation, bool) or not isinstance(n_validation, (int, np.integer)):
        raise ConfigError(f"n_validation must be an integer, got {n_validation!r}")
    if not 0 <= n_validation < len(x):
        raise ConfigError(f"n_validation must be in 0..{len(x) - 1} for {len(x)} samples, got {n_validation}")
    rng = as_generator(rng)
    held_out = np.zeros(len(x), dtype=bool)
    held_out[rng.choice(len(x), size=int(n_validation), replace=False)] = True
    return x[~held_out], y[~held_out], x[held_out], y[held_out]


def as_generator(rng) -> np.random.Generator:
    """A ``np.random.Generator`` from a Generator or an integer seed."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise ConfigError(f"rng must be a numpy Generator or an integer seed, got {rng!r}")
