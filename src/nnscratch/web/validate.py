"""Request bodies checked at the boundary.

Every request body is a JSON object read under a size limit; every field is
read through ``Body``, which checks type and range and names the bad value in
its message. Anything wrong becomes a ``RequestError`` that the app turns
into a 4xx ``{"error": "..."}`` response.
"""

from __future__ import annotations

import json
import math
import re

from nnscratch.errors import NNScratchError

# A digit is 784 numbers (~16 KB as JSON); the largest other body, a perceptron
# plane with its maximum number of points, is smaller still.
MAX_BODY_BYTES = 64 * 1024
SESSION_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")

_MISSING = object()


class RequestError(NNScratchError):
    """A bad request: the message says what is wrong; ``status`` is the HTTP code (4xx)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _reject_constant(name):
    # Python's json accepts NaN and Infinity, which are not JSON and not numbers we can use.
    raise ValueError(f"{name} is not a valid JSON number")


async def read_json(request, limit: int = MAX_BODY_BYTES) -> dict:
    """The request body as a JSON object, refusing other media types and bodies over ``limit`` bytes."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        # Also what keeps other web sites from posting to this server: a cross-origin
        # JSON POST needs a CORS preflight, which this app never grants.
        raise RequestError(f"send the body as application/json, got content type {media_type or 'none'!r}", 415)
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise RequestError(f"content-length must be a number of bytes, got {declared!r}")
    if declared is not None and int(declared) > limit:
        raise RequestError(f"the body is larger than the {limit} bytes accepted (content-length {declared})", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise RequestError(f"the body is larger than the {limit} bytes accepted", 413)
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise RequestError(f"the body must be a JSON object, got {type(data).__name__}")
    return data


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class Body:
    """Typed, range-checked access to the fields of a JSON object; unknown fields are refused."""

    def __init__(self, data: dict, where: str = ""):
        self.data = data
        self.where = where
        self.known: set[str] = set()

    def _name(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def _get(self, name, default):
        self.known.add(name)
        if name in self.data and self.data[name] is not None:
            return self.data[name]
        if default is _MISSING:
            raise RequestError(f"field {self._name(name)!r} is required")
        return default

    def number(self, name, default=_MISSING, *, lo=None, hi=None, lo_open=False, integer=False):
        """A finite number (an integer if ``integer``) in [lo, hi] (or (lo, hi] with ``lo_open``)."""
        value = self._get(name, default)
        kind = "a whole number" if integer else "a number"
        if not _is_number(value) or (integer and not isinstance(value, int)):
            raise RequestError(f"{self._name(name)} must be {kind}, got {value!r}")
        too_low = lo is not None and (value <= lo if lo_open else value < lo)
        if too_low or (hi is not None and value > hi):
            interval = f"{'(' if lo_open else '['}{lo if lo is not None else '-inf'}, {hi if hi is not None else 'inf'}]"
            raise RequestError(f"{self._name(name)} must be in {interval}, got {value!r}")
        return value

    def integer(self, name, default=_MISSING, *, lo=None, hi=None):
        return self.number(name, default, lo=lo, hi=hi, integer=True)

    def choice(self, name, choices, default=_MISSING):
        value = self._get(name, default)
        if not isinstance(value, str) or value not in choices:
            raise RequestError(f"unknown {self._name(name)} {value!r}: choose one of {', '.join(choices)}")
        return value

    def session(self, name="session") -> str:
        return check_session(self._get(name, _MISSING))

    def vector(self, name, length, default=_MISSING, *, lo=None, hi=None) -> list[float]:
        """A list of exactly ``length`` finite numbers, each in [lo, hi]."""
        return self.numbers(name, default, min_len=length, max_len=length, lo=lo, hi=hi)

    def numbers(self, name, default=_MISSING, *, min_len=0, max_len, lo=None, hi=None, integer=False) -> list:
        value = self._get(name, default)
        if not isinstance(value, list):
            raise RequestError(f"{self._name(name)} must be a list of numbers, got {type(value).__name__}")
        if not min_len <= len(value) <= max_len:
            size = str(min_len) if min_len == max_len else f"{min_len} to {max_len}"
            raise RequestError(f"{self._name(name)} must hold {size} numbers, got {len(value)}")
        for i, v in enumerate(value):
            if not _is_number(v) or (integer and not isinstance(v, int)):
                raise RequestError(f"{self._name(name)}[{i}] must be {'a whole number' if integer else 'a number'}, "
                                   f"got {v!r}")
            if (lo is not None and v < lo) or (hi is not None and v > hi):
                raise RequestError(f"{self._name(name)}[{i}] must be in [{lo}, {hi}], got {v!r}")
        return value

    def list(self, name, default=_MISSING, *, max_len) -> list:
        value = self._get(name, default)
        if not isinstance(value, list):
            raise RequestError(f"{self._name(name)} must be a list, got {type(value).__name__}")
        if len(value) > max_len:
            raise RequestError(f"{self._name(name)} may hold at most {max_len} items, got {len(value)}")
        return value

    def object(self, name, default=_MISSING) -> Body:
        value = self._get(name, default)
        if not isinstance(value, dict):
            raise RequestError(f"{self._name(name)} must be a JSON object, got {type(value).__name__}")
        return Body(value, self._name(name))

    def done(self) -> None:
        """Refuse fields nobody asked for: a typo should not silently fall back to a default."""
        unknown = sorted(set(self.data) - self.known)
        if unknown:
            raise RequestError(f"unknown field {self._name(unknown[0])!r}; "
                               f"expected {', '.join(sorted(self.known)) or 'no fields'}")


def check_session(value) -> str:
    if not isinstance(value, str) or not SESSION_PATTERN.fullmatch(value):
        raise RequestError(f"session must be 8 to 64 letters, digits, '-' or '_', got {value!r}")
    return value
