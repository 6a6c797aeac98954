"""Where a dataset's files are, and whether nnscratch may download into that folder.

The folder for a dataset is, in this order:

1. ``data_dir``, when the caller names one (``--data-dir``);
2. ``$NNSCRATCH_DATA``;
3. the user cache (``$XDG_CACHE_HOME/nnscratch/<name>``, else ``~/.cache/nnscratch/<name>``),
   when it holds the files;
4. the copy bundled with nnscratch (MNIST only), when there is one;
5. else the user cache again: where a download goes.

A download only ever writes into nnscratch's own cache: a folder the user named
(1 or 2) must already hold the files (``may_download``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from nnscratch.data.registry import ENV_DATA_DIR, PARTS, DatasetSpec, FileSpec, get_spec
from nnscratch.errors import DataError
from nnscratch.i18n.errors_data import both

# where each source of a folder comes from, for `nnscratch data info` and messages
ORIGINS = ("argument", "environment", "cache", "bundled")
_PACKAGE_DATA = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Location:
    """A dataset's folder and how it was chosen (one of ``ORIGINS``)."""

    folder: Path
    origin: str


def default_cache_dir(name: str, environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/nnscratch/<name>``, else ``~/.cache/nnscratch/<name>``."""
    environ = os.environ if environ is None else environ
    xdg = environ.get("XDG_CACHE_HOME", "")
    # the XDG spec says a relative value is to be ignored
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "nnscratch" / name


def bundled_dir(name: str) -> Path | None:
    """The folder of the copy of dataset ``name`` installed with nnscratch, or None (no copy)."""
    spec = get_spec(name)
    if spec.bundled is None:
        return None
    folder = _PACKAGE_DATA / spec.bundled
    return folder if folder.is_dir() else None


def _named(data_dir: str | os.PathLike[str] | None) -> TypeGuard[str | os.PathLike[str]]:
    return data_dir is not None and str(data_dir) != ""


def may_download(data_dir: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """The one rule for "may this command download?": only into nnscratch's own cache.

    False when the caller names a folder (``data_dir``) or ``$NNSCRATCH_DATA``
    does: a folder the user chose must already hold the files, and is never
    written to behind their back.
    """
    environ = os.environ if environ is None else environ
    return not _named(data_dir) and not environ.get(ENV_DATA_DIR)


def locate(name: str = "mnist", data_dir: str | os.PathLike[str] | None = None, *, parts: Iterable[str] = PARTS,
           environ: Mapping[str, str] | None = None) -> Location:
    """The folder for dataset ``name`` (see the module's docstring for the order)."""
    spec = get_spec(name)
    environ = os.environ if environ is None else environ
    if _named(data_dir):
        return Location(Path(data_dir).expanduser(), "argument")
    if environ.get(ENV_DATA_DIR):
        return Location(Path(environ[ENV_DATA_DIR]).expanduser(), "environment")
    cache = default_cache_dir(spec.name, environ)
    if _complete(spec, cache, parts):
        return Location(cache, "cache")
    bundled = bundled_dir(spec.name)
    if bundled is not None and _complete(spec, bundled, parts):
        return Location(bundled, "bundled")
    return Location(cache, "cache")


def download_dir(name: str = "mnist", data_dir: str | os.PathLike[str] | None = None, *,
                 environ: Mapping[str, str] | None = None) -> Path:
    """Where a download of ``name`` goes: ``data_dir``, else ``$NNSCRATCH_DATA``, else the user cache
    (never the copy bundled with nnscratch, which belongs to the installation)."""
    environ = os.environ if environ is None else environ
    if _named(data_dir):
        return Path(data_dir).expanduser()
    if environ.get(ENV_DATA_DIR):
        return Path(environ[ENV_DATA_DIR]).expanduser()
    return default_cache_dir(get_spec(name).name, environ)


def resolve_data_dir(name: str = "mnist", data_dir: str | os.PathLike[str] | None = None, *,
                     environ: Mapping[str, str] | None = None) -> Path:
    """The folder for dataset ``name``: ``data_dir``, else ``$NNSCRATCH_DATA``, else the cache or the bundled copy."""
    return locate(name, data_dir, environ=environ).folder


def find_files(spec: DatasetSpec, folder: str | os.PathLike[str],
               files: tuple[FileSpec, ...] | None = None) -> dict[str, Path | None]:
    """Role -> the first accepted name present in ``folder`` (None when absent).

    A regular file wins; a folder that carries the name is returned too, so
    that reading it says "is a folder" rather than "is missing".
    """
    folder = Path(folder)
    found: dict[str, Path | None] = {}
    for f in spec.files if files is None else files:
        candidates = [folder / n for n in f.names]
        found[f.role] = next((p for p in candidates if p.is_file()), None) or next(
            (p for p in candidates if p.exists()), None)
    return found


def _complete(spec, folder, parts) -> bool:
    return folder.is_dir() and None not in find_files(spec, folder, spec.files_of(parts)).values()


def missing_files_error(spec: DatasetSpec, location: Location, found: dict) -> DataError:
    """The error for a folder that lacks some of the files ``found`` asks for: what is wrong, and three fixes."""
    folder = location.folder
    common: dict[str, Any] = dict(
        param="data_dir", title=spec.title, name=spec.name, folder=str(folder), source=location.origin,
        origin=both(f"data.origin.{location.origin}"), files=", ".join(f.stem + "[.gz]" for f in spec.files),
        mirror=spec.mirrors[0])
    if not folder.exists():
        return DataError("data.err.folder_missing", **common)
    if not folder.is_dir():
        return DataError("data.err.folder_is_file", **common)
    missing = [f"{f.stem}[.gz]" for f in spec.files if f.role in found and found[f.role] is None]
    present = [p.name for p in found.values() if p is not None]
    found_note = both("data.hint.found", present=", ".join(present)) if present else both("data.hint.none")
    return DataError("data.err.files_missing", missing=", ".join(missing), found=found_note, **common)
