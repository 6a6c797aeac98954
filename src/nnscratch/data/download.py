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
from dataclasses import dataclass
from pathlib import Path

from nnscratch.data.datasets import (
    FileCheck,
    WrongDatasetError,
    find_files,
    get_spec,
    read_checked,
    resolve_data_dir,
)
from nnscratch.data.idx import is_gzip
from nnscratch.errors import ConfigError, DataError, DownloadError
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
    """A response that arrived but is not the file."""


def download_dataset(name: str = "mnist", dest_dir=None, *, mirrors=None, progress=None,
                     timeout: float = DEFAULT_TIMEOUT, environ=None) -> DownloadResult:
    """Make sure ``dest_dir`` holds the four files of dataset ``name``, downloading what is missing.

    ``dest_dir`` defaults to the folder ``load_dataset`` would read
    (``$NNSCRATCH_DATA``, else the user cache). Files already present and
    valid are kept. ``mirrors`` replaces the registry's base URLs (tried in
    order). ``progress(done_bytes, total_bytes_or_None, file_name)`` is called
    as bytes arrive. Raises ``DownloadError`` listing every URL tried when a
    file cannot be had from any mirror.
    """
    spec = get_spec(name)
    mirrors = list(spec.mirrors if mirrors is None else _as_mirrors(mirrors))
    if not timeout or not timeout > 0:
        raise ConfigError(f"timeout must be a positive number of seconds, got {timeout!r}")
    folder = Path(dest_dir).expanduser() if dest_dir is not None else resolve_data_dir(name, environ=environ)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create the data folder {folder}: {exc.strerror or exc}; "
                            f"choose another with --data-dir") from None

    found = find_files(spec, folder)
    kept = {}
    for fspec in spec.files:
        if found[fspec.role] is None:
            continue
        try:
            kept[fspec.role] = FetchedFile(read_checked(spec, fspec, found[fspec.role], exact=True, checksum=True)[1],
                                           "present")
        except WrongDatasetError as exc:
            # a folder of another dataset is not overwritten: that would lose it
            raise DataError(f"{exc}; nothing was downloaded") from None
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
    out = tuple(m if m.endswith("/") else m + "/" for m in mirrors)
    if not out or not all(isinstance(m, str) and m.strip("/") for m in out):
        raise ConfigError(f"mirrors must be a non-empty list of base URLs, got {mirrors!r}")
    return out


def _fetch_file(spec, fspec, folder, mirrors, progress, timeout):
    failures = []
    for base in mirrors:
        url = base + fspec.download_name
        try:
            tmp = _stream_to_temp(url, folder, fspec, progress, timeout)
        except urllib.error.HTTPError as exc:
            failures.append((url, f"HTTP {exc.code} {exc.reason}"))
            continue
        except urllib.error.URLError as exc:
            failures.append((url, _reason(exc.reason)))
            continue
        except (_Rejected, http.client.HTTPException, socket.timeout, OSError, ValueError) as exc:
            failures.append((url, _reason(exc)))
            continue
        try:
            check = _verify(spec, fspec, tmp)
            final = folder / (fspec.download_name if is_gzip(tmp) else fspec.stem)
            os.replace(tmp, final)
        except DataError as exc:
            failures.append((url, str(exc).replace(f"{tmp}: ", "")))
            continue
        finally:
            tmp.unlink(missing_ok=True)
        return dataclasses.replace(check, path=final), url
    raise DownloadError(_failure_message(spec, fspec, folder, failures))


def _stream_to_temp(url, folder, fspec, progress, timeout) -> Path:
    # What a mirror may send at most: the IDX bytes themselves (a gzip of them is
    # smaller); more is not this file, and must not fill the disk.
    limit = fspec.nbytes + 4096
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        fd, tmp = temp_beside(folder / fspec.download_name)
    except OSError as exc:
        # the folder, not the mirror, is at fault: trying other mirrors would not help
        raise DownloadError(f"cannot write into the data folder {folder}: {exc.strerror or exc}; "
                            f"choose another with --data-dir") from None
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get("Content-Type", "")
            if "html" in kind.lower():
                raise _Rejected(f"the server sent an HTML page ({kind}), not the file")
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > limit:
                raise _Rejected(f"the server offers {total:,} bytes, more than the file can be ({limit:,})")
            done = 0
            while chunk := response.read(_CHUNK):
                done += len(chunk)
                if done > limit:
                    raise _Rejected(f"the server sent more than {limit:,} bytes, more than the file can be")
                out.write(chunk)
                if progress is not None:
                    progress(done, total, fspec.download_name)
            if done == 0:
                raise _Rejected("the server sent an empty response")
            if total is not None and done < total:
                raise _Rejected(f"truncated: got {done:,} of {total:,} bytes")
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
        raise DataError(f"{tmp}: does not match the SHA-256 published for {fspec.download_name} "
                        f"({fspec.gz_sha256})")
    return check


def _reason(exc) -> str:
    if isinstance(exc, http.client.IncompleteRead):
        return f"truncated: the connection closed after {len(exc.partial):,} bytes"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror  # "Connection refused", without the errno
    return str(exc) or type(exc).__name__


def _failure_message(spec, fspec, folder, failures) -> str:
    tried = "; ".join(f"{url} -> {why}" for url, why in failures)
    names = ", ".join(f.download_name for f in spec.files)
    return (
        f"could not download {spec.title}'s {fspec.download_name} from any mirror (tried: {tried}). "
        f"To place the files by hand: fetch {names} from one of these addresses later, or from a copy "
        f"you trust (see {spec.homepage}), put them (gzip-compressed or not) into {folder}, and check them with "
        f"`nnscratch data info --dataset {spec.name} --data-dir {folder}`"
    )
