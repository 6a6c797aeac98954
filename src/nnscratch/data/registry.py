"""What each dataset in MNIST's layout is: its files, their shapes and checksums, its mirrors and classes.

Pure data: this module imports nothing else of ``nnscratch.data``. The import
arrows run one way::

    registry  ->  locate (where the files are)  ->  checks (read + checksum)  ->  download  ->  datasets (load)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from nnscratch.errors import ConfigError

ROLES = ("train_images", "train_labels", "test_images", "test_labels")
PARTS = ("train", "test")
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
    def part(self) -> str:
        """"train" or "test"."""
        return self.role.split("_")[0]

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
    # the folder inside the installed package that holds a copy (None: download it)
    bundled: str | None = None

    def file(self, role: str) -> FileSpec:
        return next(f for f in self.files if f.role == role)

    def files_of(self, parts: Iterable[str] = PARTS) -> tuple[FileSpec, ...]:
        """The files of the given parts ("train", "test"), in registry order."""
        return tuple(f for f in self.files if f.part in parts)


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
            # of the decompressed bytes, as listed in nnscratch/data/mnist/README.md
            files=_mnist_layout(60000, 10000, {
                "train-images-idx3-ubyte": ("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", None),
                "train-labels-idx1-ubyte": ("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", None),
                "t10k-images-idx3-ubyte": ("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", None),
                "t10k-labels-idx1-ubyte": ("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", None),
            }),
            homepage="http://yann.lecun.com/exdb/mnist/",
            bundled="mnist",  # 11 MB, CC BY-SA 3.0: see nnscratch/data/mnist/LICENSE
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
        raise ConfigError("data.err.unknown_dataset", param="name", name=name, choices=", ".join(DATASETS)) from None


def check_parts(parts: str | Iterable[str]) -> tuple[str, ...]:
    """``parts`` as a tuple of "train"/"test", refusing anything else."""
    parts = (parts,) if isinstance(parts, str) else tuple(parts)
    if not parts or any(p not in PARTS for p in parts):
        raise ConfigError("data.err.parts", param="parts", parts=parts, choices=", ".join(PARTS))
    return parts
