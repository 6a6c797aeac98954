"""Request bodies checked at the boundary.

Every request body is a JSON object read under a size and a nesting limit; every
field is read through ``Body``, which checks type and range and names the bad
value in its message. Anything wrong becomes a ``RequestError``: a message key
from the catalog (i18n/errors_web.py), the field at fault and the HTTP status,
which the app renders in the page's language as a 4xx.
"""

from __future__ import annotations

import json
import math
import re

from nnscratch.errors import BudgetError, NNScratchError

# A digit is 784 numbers (~16 KB as JSON); the largest other body, a perceptron
# plane with its maximum number of points, is smaller still.
MAX_BODY_BYTES = 64 * 1024
# The deepest body the page sends is 3 levels ({"points": [[x1, x2, y], ...]}): Python's
# parser recurses once per level, so depth is checked on the raw bytes before parsing.
MAX_DEPTH = 16
SESSION_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")

_MISSING = object()


class RequestError(NNScratchError):
    """A bad request: a catalog key with its values, the field at fault (``param``) and the HTTP ``status``."""

    def __init__(self, key: str, /, *, status: int = 400, param: str | None = None, **values):
        super().__init__(key, param=param, **values)
        self.status = status


def json_kind(value) -> str:
    """The JSON name of a value's type, as a client sees it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


def nesting_depth(raw: bytes) -> int:
    """How deep lists and objects nest in a JSON text, counted without parsing (strings are skipped)."""
    brackets = _STRINGS.sub(b"", raw).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for b in brackets:
        depth += 1 if b in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _reject_constant(name):
    # Python's json accepts NaN and Infinity, which are not JSON and not numbers we can use.
    raise RequestError("web.err.json_constant", name=name)


def parse_json(raw: bytes, limit_depth: int = MAX_DEPTH) -> dict:
    """``raw`` as a JSON object, or a RequestError that says what is wrong with it."""
    if nesting_depth(raw) > limit_depth:
        raise RequestError("web.err.too_deep", limit=limit_depth)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError("web.err.not_utf8") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise RequestError("web.err.not_json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:  # the depth check above makes this unreachable; kept as the last guard
        raise RequestError("web.err.too_deep", limit=limit_depth) from None
    except ValueError:  # an integer of more than 4300 digits (Python's limit on int parsing)
        raise RequestError("web.err.number_too_long") from None
    if not isinstance(data, dict):
        raise RequestError("web.err.not_object", kind=json_kind(data))
    return data


async def read_json(request, limit: int = MAX_BODY_BYTES) -> dict:
    """The request body as a JSON object, refusing other media types and bodies over ``limit`` bytes."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        # Also what keeps other web sites from posting to this server: a cross-origin
        # JSON POST needs a CORS preflight, which this app never grants.
        raise RequestError("web.err.media_type", status=415, got=media_type or "none")
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise RequestError("web.err.content_length", got=declared)
    if declared is not None and int(declared) > limit:
        raise RequestError("web.err.too_large", status=413, limit=limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise RequestError("web.err.too_large", status=413, limit=limit)
    return parse_json(bytes(body))


def _is_number(value) -> bool:
    """A finite number that fits a float (an integer of 400 digits is valid JSON, but no usable value)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


class Body:
    """Typed, range-checked access to the fields of a JSON object; unknown fields are refused."""

    def __init__(self, data: dict, where: str = ""):
        self.data = data
        self.where = where
        self.known: set[str] = set()

    def _name(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def _at(self, name: str) -> dict:
        """The error's param and {field}: where in the body the bad value is (``config.hidden[0]``)."""
        field = self._name(name)
        return {"param": field, "field": field}

    def _get(self, name, default):
        self.known.add(name)
        if name in self.data and self.data[name] is not None:
            return self.data[name]
        if default is _MISSING:
            raise RequestError("web.err.required", **self._at(name))
        return default

    def number(self, name, default=_MISSING, *, lo=None, hi=None, lo_open=False, integer=False):
        """A finite number (an integer if ``integer``) in [lo, hi] (or (lo, hi] with ``lo_open``)."""
        value = self._get(name, default)
        if not _is_number(value) or (integer and not isinstance(value, int)):
            if integer:
                raise RequestError("web.err.not_integer", **self._at(name), value=value)
            raise RequestError("web.err.not_number", **self._at(name), value=value)
        too_low = lo is not None and (value <= lo if lo_open else value < lo)
        if too_low or (hi is not None and value > hi):
            low, high = lo if lo is not None else "-inf", hi if hi is not None else "inf"
            interval = f"{'(' if lo_open else '['}{low}, {high}]"
            raise RequestError("web.err.out_of_range", **self._at(name), interval=interval, value=value)
        return value

    def integer(self, name, default=_MISSING, *, lo=None, hi=None):
        return self.number(name, default, lo=lo, hi=hi, integer=True)

    def choice(self, name, choices, default=_MISSING):
        value = self._get(name, default)
        if not isinstance(value, str) or value not in choices:
            raise RequestError("web.err.choice", **self._at(name), value=value, choices=", ".join(choices))
        return value

    def session(self, name="session") -> str:
        return check_session(self._get(name, _MISSING))

    def vector(self, name, length, default=_MISSING, *, lo=None, hi=None) -> list[float]:
        """A list of exactly ``length`` finite numbers, each in [lo, hi]."""
        return self.numbers(name, default, min_len=length, max_len=length, lo=lo, hi=hi)

    def numbers(self, name, default=_MISSING, *, min_len=0, max_len, lo=None, hi=None, integer=False) -> list:
        value = self._get(name, default)
        if not isinstance(value, list):
            raise RequestError("web.err.not_numbers", **self._at(name), kind=json_kind(value))
        if not min_len <= len(value) <= max_len:
            if min_len == max_len:
                raise RequestError("web.err.count", **self._at(name), size=min_len, n=len(value))
            raise RequestError("web.err.count_range", **self._at(name), lo=min_len, hi=max_len, n=len(value))
        for i, v in enumerate(value):
            if not _is_number(v) or (integer and not isinstance(v, int)):
                if integer:
                    raise RequestError("web.err.not_integer", **self._at(f"{name}[{i}]"), value=v)
                raise RequestError("web.err.not_number", **self._at(f"{name}[{i}]"), value=v)
            if (lo is not None and v < lo) or (hi is not None and v > hi):
                raise RequestError("web.err.out_of_range", **self._at(f"{name}[{i}]"), interval=f"[{lo}, {hi}]",
                                   value=v)
        return value

    def list(self, name, default=_MISSING, *, max_len) -> list:
        value = self._get(name, default)
        if not isinstance(value, list):
            raise RequestError("web.err.not_list", **self._at(name), kind=json_kind(value))
        if len(value) > max_len:
            raise RequestError("web.err.too_many", **self._at(name), limit=max_len, n=len(value))
        return value

    def object(self, name, default=_MISSING) -> Body:
        value = self._get(name, default)
        if not isinstance(value, dict):
            raise RequestError("web.err.not_object_field", **self._at(name), kind=json_kind(value))
        return Body(value, self._name(name))

    def done(self) -> None:
        """Refuse fields nobody asked for: a typo should not silently fall back to a default."""
        unknown = sorted(set(self.data) - self.known)
        if unknown:
            raise RequestError("web.err.unknown_field", **self._at(unknown[0]),
                               expected=", ".join(sorted(self.known)) or "-")


def check_session(value) -> str:
    if not isinstance(value, str) or not SESSION_PATTERN.fullmatch(value):
        raise RequestError("web.err.session", param="session", value=value)
    return value


def check_budget(work: int, limit: int, *, formula: str, params: str, param: str) -> None:
    """Refuse a request whose work (in the endpoint's unit) is over ``limit``, before any of it is done.

    formula: how ``work`` was counted ("2 x 400 points x ..."); params: the fields to lower.
    """
    if work > limit:
        raise BudgetError("web.err.budget", param=param, work=work, limit=limit, formula=formula, params=params)
