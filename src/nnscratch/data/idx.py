"""The IDX file format of MNIST and its relatives, read strictly and written atomically.

An IDX file is a 4-byte magic number -- two zero bytes, a type code, the number
of dimensions -- then one big-endian uint32 per dimension, then the values in
C order, big-endian. Files may be gzip-compressed; the reader tells by the
first bytes, not by the name, so a file renamed either way still loads.

Every defect is a ``DataError`` that names the file and says what is wrong.
"""

from __future__ import annotations

import gzip
import math
import os
import zlib
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from nnscratch.errors import DataError, os_reason
from nnscratch.i18n.errors_data import both
from nnscratch.io.files import write_atomically

# type code -> dtype as stored (big-endian)
IDX_TYPES: dict[int, np.dtype] = {
    0x08: np.dtype("u1"),
    0x09: np.dtype("i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_CODE_OF_KIND = {(dt.kind, dt.itemsize): code for code, dt in IDX_TYPES.items()}

GZIP_MAGIC = b"\x1f\x8b"
MAX_NDIM = 32  # the format allows 255; NumPy arrays have at most 32 (NumPy 1) or 64 dimensions
# Deflate cannot compress better than about 1032:1, so a gzip file whose IDX
# header promises more than this many bytes per compressed byte is truncated or
# hostile; refusing it early avoids allocating what the header asks for.
_MAX_DEFLATE_RATIO = 1032
_READ_SIZE = 1 << 20
_MAX_CHUNK_OUT = 1 << 22


def read_idx(path: str | os.PathLike[str], *, shape: tuple[int | None, ...] | None = None,
             dtype: DTypeLike | None = None, hasher: Any = None) -> np.ndarray:
    """The array stored in the IDX file ``path`` (gzip or not), in native byte order.

    ``shape`` is what the caller expects, ``None`` for any size along an axis,
    e.g. ``(None, 28, 28)`` for images, and ``dtype`` the value type; a header
    that does not fit is refused before any data is read. ``hasher`` (e.g.
    ``hashlib.sha256()``) is fed every decompressed byte, so a checksum costs
    no second pass over the file.
    """
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        # a pipe or device: opening a pipe would wait forever for a writer
        raise DataError("data.err.idx_not_regular", param="path", path=str(path))
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise DataError("data.err.idx_missing", param="path", path=str(path)) from None
    except IsADirectoryError:
        raise DataError("data.err.idx_is_folder", param="path", path=str(path)) from None
    except OSError as exc:
        raise DataError("data.err.idx_unreadable", param="path", path=str(path), reason=os_reason(exc)) from None
    with f:
        file_size = os.fstat(f.fileno()).st_size
        compressed = f.read(2) == GZIP_MAGIC
        f.seek(0)
        stream = _Stream(path, _gunzip(f, path) if compressed else _plain(f), hasher)
        dtype, dims = _read_header(stream, path, shape, dtype)
        payload = math.prod(dims) * dtype.itemsize  # Python ints: a hostile header cannot overflow
        header_size = 4 + 4 * len(dims)
        if not compressed and file_size != header_size + payload:
            raise _size_error(path, dims, dtype, payload, file_size - header_size)
        if compressed and payload > _MAX_DEFLATE_RATIO * file_size:
            raise DataError("data.err.idx_gzip_too_small", param="path", path=str(path),
                            shape=_describe(dims, dtype), payload=f"{payload:,}", size=f"{file_size:,}")
        data = np.empty(dims, dtype=dtype)
        got = stream.readinto(data.reshape(-1).view(np.uint8).data)
        if got < payload:
            raise _size_error(path, dims, dtype, payload, got)
        extra = stream.drain()
        if extra:
            raise _size_error(path, dims, dtype, payload, payload + extra)
    return data if dtype.isnative or dtype.itemsize == 1 else data.astype(dtype.newbyteorder("="))


def write_idx(path: str | os.PathLike[str], array: ArrayLike) -> Path:
    """Write ``array`` as an IDX file, gzip-compressed if the name ends in ``.gz``.

    The file appears whole or not at all: it is written next to its final name
    and moved into place.
    """
    path = Path(path)
    array = np.asarray(array)
    code = _CODE_OF_KIND.get((array.dtype.kind, array.dtype.itemsize))
    if code is None:
        supported = ", ".join(str(dt.newbyteorder("=")) for dt in IDX_TYPES.values())
        raise DataError("data.err.idx_write_dtype", param="array", path=str(path), dtype=str(array.dtype),
                        supported=supported)
    if not 1 <= array.ndim <= MAX_NDIM:
        raise DataError("data.err.idx_write_ndim", param="array", path=str(path), max=MAX_NDIM, ndim=array.ndim)
    if any(n >= 2**32 for n in array.shape):
        raise DataError("data.err.idx_write_dims", param="array", path=str(path), shape=array.shape)
    header = bytes([0, 0, code, array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    body = np.ascontiguousarray(array, dtype=IDX_TYPES[code]).tobytes()
    def write(raw):
        if path.name.endswith(".gz"):
            # mtime=0 and no name: the same array always gives the same bytes
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                gz.write(header)
                gz.write(body)
        else:
            raw.write(header)
            raw.write(body)

    write_atomically(path, write)
    return path


def is_gzip(path: str | os.PathLike[str]) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == GZIP_MAGIC


# ---- reading


def _read_header(stream: _Stream, path: Path, shape: tuple[int | None, ...] | None,
                 want_dtype: DTypeLike | None) -> tuple[np.dtype[Any], tuple[int, ...]]:
    magic = stream.read(4)
    if not magic:
        raise DataError("data.err.idx_empty", param="path", path=str(path))
    if len(magic) < 4:
        raise DataError("data.err.idx_short", param="path", path=str(path), size=len(magic))
    if magic[:2] != b"\0\0":
        raise DataError("data.err.idx_magic", param="path", path=str(path), found=magic[:2].hex(" "),
                        hint=_looks_like(magic))
    code, ndim = magic[2], magic[3]
    if code not in IDX_TYPES:
        known = ", ".join(f"0x{c:02X}" for c in IDX_TYPES)
        raise DataError("data.err.idx_type", param="path", path=str(path), code=f"0x{code:02X}", known=known)
    if not 1 <= ndim <= MAX_NDIM:
        raise DataError("data.err.idx_ndim", param="path", path=str(path), ndim=ndim, max=MAX_NDIM)
    if shape is not None and ndim != len(shape):
        raise DataError("data.err.idx_ndim_mismatch", param="path", path=str(path), want=len(shape),
                        pattern=_pattern(shape), ndim=ndim, hint=_guess_kind(ndim))
    raw_dims = stream.read(4 * ndim)
    if len(raw_dims) < 4 * ndim:
        raise DataError("data.err.idx_header_cut", param="path", path=str(path), ndim=ndim)
    dims = tuple(int(n) for n in np.frombuffer(raw_dims, dtype=">u4"))
    dtype = IDX_TYPES[code]
    if want_dtype is not None and np.dtype(want_dtype) != dtype.newbyteorder("="):
        raise DataError("data.err.idx_dtype", param="path", path=str(path), want=str(np.dtype(want_dtype)),
                        got=str(dtype.newbyteorder("=")), code=f"0x{code:02X}")
    if shape is not None:
        for axis, (want, got) in enumerate(zip(shape, dims, strict=True)):
            if want is not None and want != got:
                raise DataError("data.err.idx_shape", param="path", path=str(path), pattern=_pattern(shape),
                                shape=_describe(dims, dtype), axis=axis, got=got, want=want)
    return dtype, dims


def _pattern(shape):
    return " x ".join("N" if n is None else str(n) for n in shape)


def _describe(dims, dtype):
    return f"{' x '.join(map(str, dims))} {dtype.newbyteorder('=')}"


def _guess_kind(ndim) -> dict:
    if ndim == 1:
        return both("data.hint.labels_file")
    if ndim == 3:
        return both("data.hint.images_file")
    return both("data.hint.none")


def _looks_like(head: bytes) -> dict:
    if head.lstrip()[:1] == b"<":
        return both("data.hint.html")
    if head[:2] == b"PK":
        return both("data.hint.zip")
    if head[:3] == b"BZh":
        return both("data.hint.bzip2")
    return both("data.hint.none")


def _size_error(path, dims, dtype, expected, actual) -> DataError:
    values = dict(param="path", path=str(path), shape=_describe(dims, dtype), expected=f"{expected:,}")
    if actual < expected:
        return DataError("data.err.idx_truncated", actual=f"{actual:,}", **values)
    return DataError("data.err.idx_extra", extra=f"{actual - expected:,}", **values)


class _Stream:
    """Decompressed bytes pulled on demand from an iterator of chunks."""

    def __init__(self, path, chunks, hasher):
        self._path, self._chunks, self._hasher = path, chunks, hasher
        self._pending = b""

    def _next(self) -> bytes:
        for chunk in self._chunks:
            if chunk:
                if self._hasher is not None:
                    self._hasher.update(chunk)
                return chunk
        return b""

    def read(self, n: int) -> bytes:
        out = bytes(self._pending)
        while len(out) < n:
            chunk = self._next()
            if not chunk:
                break
            out += chunk
        self._pending = memoryview(out)[n:]
        return out[:n]

    def readinto(self, view: memoryview) -> int:
        filled = 0
        chunk, self._pending = self._pending, b""
        while filled < len(view):
            if not chunk:
                chunk = memoryview(self._next())
                if not chunk:
                    break
            take = min(len(chunk), len(view) - filled)
            view[filled:filled + take] = chunk[:take]
            filled += take
            chunk = chunk[take:]
        self._pending = chunk
        return filled

    def drain(self) -> int:
        """How many bytes are left (read and discarded)."""
        left = len(self._pending)
        self._pending = b""
        while chunk := self._next():
            left += len(chunk)
        return left


def _plain(f):
    while chunk := f.read(_READ_SIZE):
        yield chunk


def _gunzip(f, path):
    """Decompressed chunks of a (possibly multi-member) gzip file; damage -> DataError."""
    member = zlib.decompressobj(wbits=31)
    data = b""
    try:
        while True:
            if not data:
                data = f.read(_READ_SIZE)
                if not data:
                    break
            # bounded output per call: a tiny hostile input cannot expand all at once
            yield member.decompress(data, _MAX_CHUNK_OUT)
            data = member.unconsumed_tail
            if member.eof:
                data = member.unused_data + data
                if not data.strip(b"\0"):
                    # gzip allows zero padding after the last member
                    data = f.read(_READ_SIZE)
                    while data and not data.strip(b"\0"):
                        data = f.read(_READ_SIZE)
                    if not data:
                        return
                member = zlib.decompressobj(wbits=31)
    except zlib.error as exc:
        raise DataError("data.err.gzip_corrupt", param="path", path=str(path), reason=str(exc)) from None
    if not member.eof:
        raise DataError("data.err.gzip_truncated", param="path", path=str(path))
