"""Writing user files: checked before the work, never half-written, never over an input.

Everything nnscratch saves (models, IDX files, downloads, plots, exports)
goes through ``check_output_path`` before any long work starts (so a typo or a
read-only folder fails at once, not after minutes of training), and then
through a hidden temp file beside the target and ``os.replace``: a crash, a
full disk or Ctrl-C mid-write leaves the old file intact.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from nnscratch.errors import OutputError, os_reason


def temp_beside(path) -> tuple[int, Path]:
    """A new hidden file next to ``path`` -> (fd, Path), for writing and then ``os.replace``.

    Unlike ``tempfile.mkstemp`` (always mode 0600), the file gets the
    permissions the user's umask gives any new file.
    """
    path = Path(path)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise OutputError("files.err.no_temp_name", param="path", path=str(path))


# Why the system refused, as a message key suffix (the OS's own text is English only).
_REASONS = {errno.EACCES: "permission", errno.EPERM: "permission", errno.EROFS: "read_only",
            errno.ENOSPC: "disk_full", getattr(errno, "EDQUOT", -1): "disk_full",
            errno.ENAMETOOLONG: "name_too_long"}


def os_failure(key: str, exc: OSError, **values) -> OutputError:
    """An OutputError ``key.<reason>`` for the OSError ``exc``: permission, read_only, disk_full, or other
    (which shows the system's text in English and its error code in Chinese)."""
    reason = _REASONS.get(exc.errno, "other")
    if key == "files.err.not_writable" and exc.errno == errno.ENOENT:
        reason = "cannot_create"  # the folder exists, yet creating a file says ENOENT: /proc, /sys
    code = errno.errorcode.get(exc.errno, type(exc).__name__) if exc.errno else type(exc).__name__
    return OutputError(f"{key}.{reason}", param="path", reason=os_reason(exc), code=code, **values)


def same_file(a, b) -> bool:
    """True when ``a`` and ``b`` name one file: the same resolved name, or the same inode (a hard link)."""
    a, b = Path(a), Path(b)
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, ValueError):  # ValueError: a name with a NUL byte, which names no file
        return False


def check_output_path(path, suffixes: tuple[str, ...], kind: str, example: str, *,
                      inputs=(), create_parent: bool = False) -> Path:
    """``path`` as a Path, after checking that a ``kind`` file can be written there now.

    Checks: the suffix is one of ``suffixes``; ``path`` is none of ``inputs`` (by
    name or by inode: writing would destroy the user's file), not a folder nor a
    device; its folder exists (or, with ``create_parent``, is
    created) and is a folder; a file can really be created in it (a probe file,
    removed at once: permission bits say nothing for root, a read-only mount or
    /proc). Every failure is one ``OutputError`` with param "path".
    ``kind`` names the file for the reader of the code; messages show the suffixes.
    """
    path = Path(path)
    shown = str(path)
    if path.suffix.lower() not in suffixes:
        raise OutputError("files.err.suffix", param="path", path=shown, suffixes=" / ".join(suffixes),
                          example=example + suffixes[0])
    try:
        _check_place(path, shown, example + suffixes[0], inputs, create_parent)
    except OSError as exc:  # asking about the path failed itself: a name too long, a loop of links
        if isinstance(exc, OutputError):
            raise
        raise os_failure("files.err.not_writable", exc, path=shown, parent=str(path.parent)) from None
    return path


def _check_place(path: Path, shown: str, example: str, inputs, create_parent: bool) -> None:
    for source in inputs:
        if source is not None and same_file(path, source):
            raise OutputError("files.err.is_input", param="path", path=shown, input=str(source))
    if path.is_dir():
        raise OutputError("files.err.is_dir", param="path", path=shown, example=str(path / example))
    if path.exists() and not path.is_file():
        raise OutputError("files.err.not_regular", param="path", path=shown)
    parent = path.parent
    if not parent.exists():
        ancestor = next((p for p in parent.parents if p.exists()), None)
        if ancestor is not None and not ancestor.is_dir():
            raise OutputError("files.err.parent_not_dir", param="path", path=shown, parent=str(ancestor))
        if not create_parent:
            raise OutputError("files.err.no_parent", param="path", path=shown, parent=str(parent))
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_failure("files.err.not_writable", exc, path=shown, parent=str(parent)) from None
    if not parent.is_dir():
        raise OutputError("files.err.parent_not_dir", param="path", path=shown, parent=str(parent))
    try:
        fd, probe = temp_beside(path)
    except OSError as exc:
        raise os_failure("files.err.not_writable", exc, path=shown, parent=str(parent)) from None
    os.close(fd)
    probe.unlink(missing_ok=True)


def write_atomically(path, write) -> Path:
    """Call ``write(binary_file)`` on a temp file beside ``path``, then rename it over ``path``.

    An OSError on the way (disk full, folder removed meanwhile) becomes an
    ``OutputError`` naming the path; the old file, if any, is untouched.
    """
    path = Path(path)
    try:
        fd, tmp = temp_beside(path)
    except OutputError:
        raise
    except OSError as exc:
        raise os_failure("files.err.write_failed", exc, path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OutputError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise os_failure("files.err.write_failed", exc, path=str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
