"""Data: the IDX format, MNIST-layout datasets and their downloads, and 2-D toy sets.

    >>> from nnscratch.data import load_dataset, train_validation_split
    >>> ds = load_dataset("mnist")      # uint8, (60000, 784); MNIST is bundled with nnscratch
    >>> x_tr, y_tr, x_val, y_val = train_validation_split(ds.x_train, ds.y_train, rng=0)

Modules, each importing only those before it:
``idx`` (the file format), ``registry`` (what each dataset is), ``locate``
(where its files are; may a command download?), ``checks`` (read one file,
compare checksums), ``download``, ``datasets`` (load), and beside them
``split`` and ``toy``.
"""

from nnscratch.data.checks import FileCheck
from nnscratch.data.datasets import Dataset, inspect_dataset, load_dataset, load_test_set
from nnscratch.data.download import DEFAULT_TIMEOUT, DownloadResult, download_dataset
from nnscratch.data.idx import read_idx, write_idx
from nnscratch.data.locate import (
    bundled_dir,
    default_cache_dir,
    locate,
    may_download,
    resolve_data_dir,
)
from nnscratch.data.registry import DATASETS, ENV_DATA_DIR, DatasetSpec, FileSpec, get_spec
from nnscratch.data.split import as_generator, train_validation_split
from nnscratch.data.toy import TOY_DATASETS, make_toy, xor_points

__all__ = [
    "DATASETS", "ENV_DATA_DIR", "Dataset", "DatasetSpec", "FileCheck", "FileSpec",
    "bundled_dir", "default_cache_dir", "get_spec", "inspect_dataset", "load_dataset", "load_test_set", "locate",
    "may_download", "resolve_data_dir", "train_validation_split", "as_generator",
    "DEFAULT_TIMEOUT", "DownloadResult", "download_dataset",
    "read_idx", "write_idx",
    "TOY_DATASETS", "make_toy", "xor_points",
]
