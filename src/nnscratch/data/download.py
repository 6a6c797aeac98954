"""Fetch a dataset's files from public mirrors into a folder, verified and atomically.

Each file is tried on every mirror in turn. The bytes stream into a hidden
temporary file next to the final one; only a file that is a well-formed IDX
file of the published shape, whose checksum matches where one is published,
is moved into place. So a truncated, empty or HTML response never stays in
the folder, and an interrupted run leaves the old state.
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from nnscratch.data.checks import FileCheck, WrongDatasetError, read_checked
from nnscratch.data.idx import is_gzip
from nnscratch.data.locate import download_dir, find_files
from nnscratch.data.registry import get_spec
from nnscratch.errors import ConfigError, DataError, DownloadError, os_reason
from nnscratch.i18n import LANGUAGES, t
from nnscratch.i18n.errors_data import both
from nnscratch.io.files import temp_beside

DEFAULT_TIMEOUT = 30.0  # seconds without a byte before a mirror counts as failed
_CHUNK = 1 << 16
USER_AGENT = "nnscratch (Python urllib; the neural-network lecture as software)"


@dataclass(frozen=True)
class FetchedFile:
    check: FileCheck
    status: str  # "present" (already there and valid) or "downloaded"
    url: str | None = None

    def to_dict(self) -> dict:
        return {**self.check.to_dict(), "status": self.status, "url": self.url}


@dataclass(frozen=True)
class DownloadResult:
    dataset: str
    data_dir: Path
    files: tuple[FetchedFile, ...]

    def to_dict(self) -> dict:
        return {"dataset": self.dataset, "data_dir": str(self.data_dir),
                "files": [f.to_dict() for f in self.files]}


class _Rejected(Exception):
    """A response that arrived but is not the file; ``reason`` is {lang: text}."""

    def __init__(self, key, **values):
        super().__init__(key)
        self.reason = both(key, **values)


def download_dataset(name: str = "mnist", dest_dir: str | os.PathLike[str] | None = None, *,
                     mirrors: str | Iterable[str] | None = None,
                     progress: Callable[[int, int | None, str], object] | None = None,
                     timeout: float = DEFAULT_TIMEOUT, environ: Mapping[str, str] | None = None) -> DownloadResult:
    """Make sure ``dest_dir`` holds the four files of dataset ``name``, downloading what is missing.

    ``dest_dir`` defaults to ``$NNSCRATCH_DATA``, else the user cache (never the
    copy bundled with nnscratch). Files already present and valid are kept.
    ``mirrors`` replaces the registry's base URLs (tried in order).
    ``progress(done_bytes, total_bytes_or_None, file_name)`` is called as bytes
    arrive. Raises ``DownloadError`` listing every URL tried when a file cannot
    be had from any mirror.
    """
    spec = get_spec(name)
    mirrors = list(spec.mirrors if mirrors is None else _as_mirrors(mirrors))
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ConfigError("data.err.timeout", param="timeout", timeout=timeout)
    folder = download_dir(spec.name, dest_dir, environ=environ)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError("data.err.mkdir", param="dest_dir", folder=str(folder), reason=os_reason(exc)) from None

    found = find_files(spec, folder)
    kept = {}
    for fspec in spec.files:
        path = found[fspec.role]
        if path is None:
            continue
        if path.is_dir():
            raise DataError("data.err.name_is_folder", param="dest_dir", path=str(path), stem=fspec.stem)
        try:
            kept[fspec.role] = FetchedFile(read_checked(spec, fspec, path, exact=True, checksum=True)[1], "present")
        except WrongDatasetError as exc:
            # a folder of another dataset is not overwritten: that would lose it
            raise DataError("data.err.wrong_dataset_kept", param="dest_dir", **exc.values) from None
        except DataError:
            pass  # damaged: replaced below, and removed once a good copy is in place

    results = []
    for fspec in spec.files:
        if fspec.role in kept:
            results.append(kept[fspec.role])
            continue
        check, url = _fetch_file(spec, fspec, folder, mirrors, progress, timeout)
        damaged = found[fspec.role]
        if damaged is not None and damaged != check.path:
            damaged.unlink(missing_ok=True)
        # the mirror that worked is tried first for the next file
        base = url[: -len(fspec.download_name)]
        mirrors.remove(base)
        mirrors.insert(0, base)
        results.append(FetchedFile(check, "downloaded", url))
    return DownloadResult(spec.name, folder, tuple(results))


def _as_mirrors(mirrors) -> tuple[str, ...]:
    if isinstance(mirrors, str):
        mirrors = (mirrors,)
    mirrors = tuple(mirrors)
    if not mirrors or not all(isinstance(m, str) and m.strip("/") for m in mirrors):
        raise ConfigError("data.err.mirrors", param="mirrors", mirrors=mirrors)
    return tuple(m if m.endswith("/") else m + "/" for m in mirrors)


def _fetch_file(spec, fspec, folder, mirrors, progress, timeout):
    failures = []
    for base in mirrors:
        url = base + fspec.download_name
        try:
            tmp = _stream_to_temp(url, folder, fspec, progress, timeout)
        except urllib.error.HTTPError as exc:
            failures.append((url, both("data.err.net_system", reason=f"HTTP {exc.code} {exc.reason}")))
            continue
        except urllib.error.URLError as exc:
            failures.append((url, _reason(exc.reason)))
            continue
        except _Rejected as exc:
            failures.append((url, exc.reason))
            continue
        except (TimeoutError, http.client.HTTPException, OSError, ValueError) as exc:
            failures.append((url, _reason(exc)))
            continue
        try:
            check = _verify(spec, fspec, tmp)
            final = folder / (fspec.download_name if is_gzip(tmp) else fspec.stem)
            os.replace(tmp, final)
        except DataError as exc:
            # the temporary name means nothing to the user: the URL says which copy it was
            failures.append((url, {lang: _without_path(exc.message(lang), tmp) for lang in LANGUAGES}))
            continue
        finally:
            tmp.unlink(missing_ok=True)
        return dataclasses.replace(check, path=final), url
    raise _failure_error(spec, fspec, folder, failures)


def _without_path(message: str, path: Path) -> str:
    for sep in (": ", "："):
        message = message.replace(f"{path}{sep}", "")
    return message


def _stream_to_temp(url, folder, fspec, progress, timeout) -> Path:
    # What a mirror may send at most: the IDX bytes themselves (a gzip of them is
    # smaller); more is not this file, and must not fill the disk.
    limit = fspec.nbytes + 4096
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        fd, tmp = temp_beside(folder / fspec.download_name)
    except OSError as exc:
        # the folder, not the mirror, is at fault: trying other mirrors would not help
        raise DownloadError("data.err.unwritable", param="dest_dir", folder=str(folder),
                            reason=os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get("Content-Type", "")
            if "html" in kind.lower():
                raise _Rejected("data.err.reject_html", kind=kind)
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > limit:
                raise _Rejected("data.err.reject_too_big", total=f"{total:,}", limit=f"{limit:,}")
            done = 0
            while chunk := response.read(_CHUNK):
                done += len(chunk)
                if done > limit:
                    raise _Rejected("data.err.reject_too_long", limit=f"{limit:,}")
                out.write(chunk)
                if progress is not None:
                    progress(done, total, fspec.download_name)
            if done == 0:
                raise _Rejected("data.err.reject_empty")
            if total is not None and done < total:
                raise _Rejected("data.err.reject_truncated", done=f"{done:,}", total=f"{total:,}")
            out.flush()
            os.fsync(out.fileno())
        return tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _verify(spec, fspec, tmp) -> FileCheck:
    _, check = read_checked(spec, fspec, tmp, exact=True, checksum=True)
    if check.checksum == "unknown" and fspec.gz_sha256:
        # only the published .gz checksum is known and this copy is not that .gz
        raise DataError("data.err.gz_checksum", path=str(tmp), file=fspec.download_name, expected=fspec.gz_sha256)
    return check


def _reason(exc) -> dict[str, str]:
    """A network failure in every language, {lang: text}; the system's refusal through ``os_reason`` (its own
    words, quoted in zh, only for codes without a translation)."""
    if isinstance(exc, http.client.IncompleteRead):
        return both("data.err.net_truncated", n=f"{len(exc.partial):,}")
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return both("data.err.net_timeout")
    if isinstance(exc, OSError) and exc.strerror:
        reason = os_reason(exc)  # "Connection refused" / "连接被拒绝", without the errno
        return {lang: t("data.err.net_system", lang, reason=reason.in_language(lang)) for lang in LANGUAGES}
    return both("data.err.net_system", reason=str(exc) or type(exc).__name__)


def _failure_error(spec, fspec, folder, failures) -> DownloadError:
    tried = {lang: "; ".join(f"{url} -> {why[lang] if isinstance(why, dict) else why}" for url, why in failures)
             for lang in LANGUAGES}
    return DownloadError("data.err.download_failed", param="mirrors", title=spec.title, file=fspec.download_name,
                         tried=tried, names=", ".join(f.download_name for f in spec.files),
                         homepage=spec.homepage, folder=str(folder), name=spec.name,
                         urls=[url for url, _ in failures])
