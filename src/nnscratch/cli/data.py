"""`nnscratch data download` and `nnscratch data info`, and the --dataset/--data-dir flags other commands share.

The library (``nnscratch.data``) finds, fetches and checks the files; this
module turns flags into its calls, its progress callback into a tqdm bar on
stderr, and its results into text or JSON on stdout.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nnscratch.cli._common import (
    Parser,
    add_json_flag,
    add_subcommand,
    display_width,
    positive_float,
    print_json,
    progress,
)
from nnscratch.data import (
    DATASETS,
    DEFAULT_TIMEOUT,
    download_dataset,
    get_spec,
    inspect_dataset,
    load_dataset,
)
from nnscratch.i18n import t


def add_data_flags(parser: Parser, *, datasets=None, default: str | None = "mnist", test_only: bool = False) -> None:
    """``--dataset NAME`` and ``--data-dir DIR``, for every command that reads an MNIST-layout dataset.

    ``test_only``: the command reads only the two test files (its help says so).
    """
    choices = tuple(DATASETS) if datasets is None else tuple(datasets)
    parser.add_argument("--dataset", choices=choices, default=default, metavar="NAME",
                        help=t("data.dataset", parser.lang, choices=", ".join(choices)))
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help=t("data.data_dir_test" if test_only else "data.data_dir", parser.lang))


def load_from_args(args, *, download: bool = False, verify: bool = False, parts=("train", "test")):
    """The ``Dataset`` that ``--dataset``/``--data-dir`` name, with a download bar if it comes to that.

    ``parts=("test",)`` reads only the test files (a folder with just those is enough).
    Pass ``download=may_download(args.data_dir)``: the one rule for when a command may fetch files.
    """
    with DownloadBars() as bars:
        return load_dataset(args.dataset, args.data_dir, parts=parts, download=download, verify=verify,
                            progress=bars)


class DownloadBars:
    """A ``progress(done_bytes, total_bytes, file_name)`` callback drawing one byte bar per file on stderr."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._bar = None
        self._name = None

    def __call__(self, done, total, name):
        if self._bar is None or name != self._name or done < self._bar.n:  # a new file, or the next mirror
            self.close()
            self._bar = progress(total, name, enabled=self.enabled, unit="B")
            self._bar.unit_scale = True
            self._name = name
        self._bar.update(done - self._bar.n)

    def close(self):
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def register(sub, lang):
    data = add_subcommand(sub, "data", lang, "data.help", None)
    actions = data.add_subparsers(dest="data_command", metavar="ACTION", parser_class=Parser, required=True)

    p = add_subcommand(actions, "download", lang, "data.download.help", _download)
    add_data_flags(p)
    p.add_argument("--mirror", action="append", metavar="URL", help=t("data.mirror", lang))
    p.add_argument("--timeout", type=positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=t("data.timeout", lang, default=DEFAULT_TIMEOUT))
    add_json_flag(p)

    p = add_subcommand(actions, "info", lang, "data.info.help", _info)
    add_data_flags(p)
    add_json_flag(p)


def _lang(args):
    return getattr(args, "lang", "en")


def _download(args):
    lang = _lang(args)
    # no --data-dir: $NNSCRATCH_DATA, else the user cache (never the copy bundled with nnscratch)
    with DownloadBars() as bars:
        result = download_dataset(args.dataset, args.data_dir, mirrors=args.mirror, progress=bars,
                                  timeout=args.timeout)
    if args.json:
        print_json(result.to_dict())
        return 0
    print(t("data.folder", lang, title=get_spec(args.dataset).title, folder=result.data_dir))
    for f in result.files:
        status = t("data.downloaded", lang, url=f.url) if f.status == "downloaded" else t("data.present", lang)
        check = t("data.verified" if f.check.verified else "data.unverified", lang)
        print(f"  {f.check.path.name:<28} {status}; {check}")
    print(t("data.use_it", lang, name=args.dataset, folder=result.data_dir))
    return 0


def _info(args):
    lang = _lang(args)
    spec = get_spec(args.dataset)
    ds = inspect_dataset(args.dataset, args.data_dir)
    parts = {"train": ds.y_train, "test": ds.y_test}
    counts = {part: np.bincount(y, minlength=ds.n_classes).tolist() for part, y in parts.items()}
    statuses = [f.checksum for f in ds.files]
    status = 1 if "mismatch" in statuses else 0  # scripts can tell a damaged folder
    if args.json:
        print_json({
            "dataset": ds.name, "title": spec.title, "data_dir": str(ds.data_dir), "source": ds.origin,
            "image_shape": list(ds.image_shape), "classes": list(ds.classes),
            **{part: {"count": len(y), "label_counts": counts[part]} for part, y in parts.items()},
            "files": [f.to_dict() for f in ds.files],
            "verified": statuses == ["verified"] * len(statuses),
        })
        return status
    print(t("data.folder", lang, title=spec.title, folder=ds.data_dir))
    print("  " + t("data.source", lang, source=t(f"data.source.{ds.origin}", lang)))
    height, width = ds.image_shape
    for part, y in parts.items():
        print("  " + t("data.split", lang, part=t(f"data.{part}", lang), count=f"{len(y):,}",
                       height=height, width=width, last=ds.n_classes - 1))
    print("  " + t("data.label_counts", lang))
    name_width = max(display_width(c) for c in ds.classes)
    print("    " + _pad("", name_width) + "".join(_pad(t(f"data.{part}", lang), 10, right=True) for part in parts))
    for k, name in enumerate(ds.classes):
        print("    " + _pad(name, name_width) + "".join(f"{counts[part][k]:>10,}" for part in parts))
    print("  " + t("data.files", lang))
    for f in ds.files:
        print(f"    {f.path.name:<28} sha256 {f.sha256}  {t(f'data.checksum.{f.checksum}', lang)}")
        if f.checksum == "mismatch":
            print("      " + t("data.expected", lang, sha256=f.expected))
    if "mismatch" in statuses:
        print("  " + t("data.some_mismatch", lang, name=ds.name, folder=ds.data_dir))
    elif "unknown" in statuses:
        print("  " + t("data.some_unknown", lang, title=spec.title, count=statuses.count("unknown")))
    else:
        print("  " + t("data.all_verified", lang))
    return status


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
