"""Writing user files so that an interruption never leaves half of one.

Everything nnscratch saves (models, IDX files, downloads, plots, exports)
goes through a hidden temp file beside the target and ``os.replace``: a
crash, a full disk or Ctrl-C mid-write leaves the old file intact.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from nnscratch.errors import ConfigError


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
    raise FileExistsError(f"no free temporary name next to {path}")


def check_output_path(path, suffixes: tuple[str, ...], kind: str, example: str) -> Path:
    """``path`` as a Path after checking a ``kind`` file can be written there: a known suffix, an existing folder.

    Called before any long work, so that a typo fails at once rather than after training.
    """
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise ConfigError(f"{kind} files end in {' or '.join(suffixes)}, got {str(path)!r}: use e.g. {example}{suffixes[0]}")
    if path.is_dir():
        raise ConfigError(f"{str(path)!r} is a folder; give a file name such as {path / (example + suffixes[0])}")
    if not path.parent.exists():
        raise ConfigError(f"folder {str(path.parent)!r} does not exist: create it first")
    return path


def write_atomically(path, write) -> Path:
    """Call ``write(binary_file)`` on a temp file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
