"""Data: the IDX format, MNIST-layout datasets and their downloads, and 2-D toy sets.

    >>> from nnscratch.data import load_dataset, train_validation_split
    >>> ds = load_dataset("mnist", "../shared/data/mnist")      # uint8, (60000, 784)
    >>> x_tr, y_tr, x_val, y_val = train_validation_split(ds.x_train, ds.y_train, rng=0)
"""

from nnscratch.data.datasets import (
    DATASETS,
    ENV_DATA_DIR,
    Dataset,
    DatasetSpec,
    FileCheck,
    FileSpec,
    default_cache_dir,
    get_spec,
    inspect_dataset,
    load_dataset,
    resolve_data_dir,
    train_validation_split,
)
from nnscratch.data.download import DEFAULT_TIMEOUT, DownloadResult, download_dataset
from nnscratch.data.idx import read_idx, write_idx
from nnscratch.data.toy import TOY_DATASETS, make_toy, xor_points

__all__ = [
    "DATASETS", "ENV_DATA_DIR", "Dataset", "DatasetSpec", "FileCheck", "FileSpec",
    "default_cache_dir", "get_spec", "inspect_dataset", "load_dataset", "resolve_data_dir", "train_validation_split",
    "DEFAULT_TIMEOUT", "DownloadResult", "download_dataset",
    "read_idx", "write_idx",
    "TOY_DATASETS", "make_toy", "xor_points",
]
