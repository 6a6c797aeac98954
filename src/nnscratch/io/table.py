"""Small text tables that users hand us: labelled points in CSV, columns of numbers, points typed inline.

The readers return NumPy arrays and raise ``DataError`` naming the file and line
(``'pts.csv:4'``) and the bad field; a file larger than ``MAX_TABLE_BYTES`` is
refused with a ``BudgetError`` before it is read (every field becomes a Python
object, so a table takes many times its size in memory).

    read_labelled_csv(path)  -> (X (m, n), y (m,))      logistic regression: features, label last
    read_points(path)        -> (X (m, d), y (m,), names) perceptron: [NAME,] x1, ..., xd, +1/-1
    parse_points(text)       -> (X, y, names)             '3,3,+1;4,3,+1;1,1,-1' or 'A:3,3,+1;...'
    read_values(path)        -> [float, ...]              numbers separated by commas, spaces, lines
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from nnscratch.errors import BudgetError, DataError, os_reason

MAX_TABLE_BYTES = 32 * 2**20
# Integer-valued labels become ints only below 2^53, where a float still holds every integer.
_EXACT_INT = 2.0**53

Rows = list[tuple[str, list[str]]]  # (where 'file:line', stripped fields) of each non-blank row


def csv_rows(path: str | os.PathLike[str]) -> Rows:
    """The non-blank rows of a CSV file, each with 'file:line' for error messages."""
    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataError("table.err.is_folder", param="path", path=shown)
        if size > MAX_TABLE_BYTES:
            raise BudgetError("table.err.too_large", param="path", path=shown, mib=f"{size / 2**20:.1f}",
                              budget=f"{MAX_TABLE_BYTES / 2**20:.0f}")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError("table.err.missing", param="path", path=shown) from None
    except IsADirectoryError:
        raise DataError("table.err.is_folder", param="path", path=shown) from None
    except UnicodeDecodeError:
        raise DataError("table.err.not_text", param="path", path=shown) from None
    except OSError as exc:
        raise DataError("table.err.unreadable", param="path", path=shown, reason=os_reason(exc)) from None
    # A file name with a new line or other control character is quoted, so the error stays one line.
    where = shown if shown.isprintable() else repr(shown)
    try:
        # newline="" keeps a quoted field's line break inside the field (where a number then fails,
        # instead of two lines being glued into one); line_num is the line where the row ends.
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = [(f"{where}:{reader.line_num}", [field.strip() for field in row]) for row in reader]
    except csv.Error as exc:
        raise DataError("table.err.not_csv", param="path", path=shown, reason=str(exc)) from None
    rows = [(where, fields) for where, fields in rows if any(fields)]
    if not rows:
        raise DataError("table.err.empty", param="path", path=shown)
    return rows


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def number(text: str, where: str, param: str = "path") -> float:
    """``text`` as a finite float, else a DataError that says where it stands."""
    try:
        value = float(text)
    except ValueError:
        raise DataError("table.err.not_a_number", param=param, where=where, text=text) from None
    if not math.isfinite(value):
        raise DataError("table.err.not_finite", param=param, where=where, text=text)
    return value


def data_rows(path: str | os.PathLike[str], is_header: Callable[[list[str]], bool]) -> Rows:
    """The CSV rows of ``path`` without its first row when ``is_header(fields)`` says it is a header."""
    rows = csv_rows(path)
    if is_header(rows[0][1]):
        rows = rows[1:]
    if not rows:
        raise DataError("table.err.header_only", param="path", path=str(path))
    return rows


def _check_widths(rows: Rows, minimum: int, labelled: bool, param: str) -> None:
    """Every row as wide as the first, and that at least ``minimum``."""
    where, first = rows[0]
    width = len(first)
    if width < minimum:
        if labelled:
            raise DataError("table.err.short_row_labelled", param=param, where=where, row=",".join(first))
        raise DataError("table.err.short_row_points", param=param, where=where, row=",".join(first))
    for where, fields in rows:
        if len(fields) != width:
            raise DataError("table.err.ragged", param=param, where=where, width=width, got=len(fields))


def read_labelled_csv(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray]:
    """Numeric feature columns and a label in the last column; a header row is allowed.

    Returns (X (m, n) float64, y (m,)): y holds ints when every label is a whole number,
    floats when some are not, and strings for class names such as 'cat', 'dog'.
    """
    rows = data_rows(path, lambda fields: not all(is_number(f) for f in fields[:-1]))
    _check_widths(rows, 2, True, "path")
    X = np.array([[number(f, where) for f in fields[:-1]] for where, fields in rows])
    labels = [fields[-1] for _, fields in rows]
    if not all(is_number(v) for v in labels):
        return X, np.array(labels)
    y = np.array([number(v, where) for v, (where, _) in zip(labels, rows, strict=True)])
    whole = np.all(y == np.round(y)) and np.all(np.abs(y) < _EXACT_INT)
    return X, (y.astype(np.int64) if whole else y)


def points_from_rows(rows: Rows, param: str = "path") -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Rows of [NAME,] x1, ..., xd, y -> (X (m, d), y (m,), names); a row without a name is M<row number>."""
    named = [fields[0] != "" and not is_number(fields[0]) for _, fields in rows]
    numeric = [(where, fields[1:] if has_name else fields)
               for (where, fields), has_name in zip(rows, named, strict=True)]
    _check_widths(numeric, 2, False, param)
    values = np.array([[number(f, where, param) for f in fields] for where, fields in numeric])
    names = [fields[0] if has_name else f"M{i + 1}"
             for i, ((_, fields), has_name) in enumerate(zip(rows, named, strict=True))]
    return values[:, :-1], values[:, -1], names


def read_points(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A CSV of perceptron points, [NAME,] x1, ..., xd, label (+1 or -1); a header row is allowed."""
    return points_from_rows(data_rows(path, lambda fields: not is_number(fields[-1])))


def parse_points(text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """'3,3,+1;4,3,+1;1,1,-1' (or 'A:3,3,+1;...') -> (X, y, names). Empty text is refused, never defaulted."""
    if len(text) > MAX_TABLE_BYTES:
        raise BudgetError("table.err.points_too_long", param="points", chars=len(text),
                          budget=MAX_TABLE_BYTES)
    rows = []
    for item in text.split(";"):
        if not item.strip():
            continue
        name, sep, coords = item.partition(":")
        fields = [name.strip()] if sep else []
        fields += [f.strip() for f in (coords if sep else item).split(",")]
        rows.append((repr(item.strip()), fields))
    if not rows:
        raise DataError("table.err.no_points", param="points", text=text)
    return points_from_rows(rows, "points")


def read_values(path: str | os.PathLike[str]) -> list[float]:
    """Numbers separated by commas, spaces or new lines; a first line without any number is a header."""
    def tokens(fields):
        return [v for f in fields for v in f.split()]

    rows = data_rows(path, lambda fields: not any(is_number(v) for v in tokens(fields)))
    return [number(v, where) for where, fields in rows for v in tokens(fields)]
