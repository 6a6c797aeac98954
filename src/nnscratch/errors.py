"""Errors a user can cause and fix, as data.

Every error raised at a boundary (CLI flag, file, HTTP request, saved model,
public API argument) is one of these. It carries a message *key* from the i18n
catalog, the *values* that fill it in, and the library *param* that held the bad
value (``"sizes"``, ``"lr"``, ``"path"``; never a CLI flag). ``str(exc)`` is
the English message, so Python users read English by default; the CLI and the
web lab call ``exc.message(lang)`` and add which flag or field carried ``param``.

    raise ConfigError("engine.err.layer_size_positive", param="sizes", sizes=sizes)
    # i18n:  "engine.err.layer_size_positive": {"en": "every layer size must be ... got {sizes}",
    #                                           "zh": "每一层的神经元个数都必须是正整数，实际为 {sizes}"}

A value that is itself text (why a file or the system refused) is a ``Reason``: a catalog key and
its values, English when read as a string, rendered in the message's language by ``message(lang)``.
``os_reason(exc)`` is the one way to turn an OSError into one (never ``exc.strerror``, which is English).

Bugs stay ordinary exceptions with tracebacks.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


class Reason(str):
    """Why something failed, as catalog text: a value for another message's ``{reason}``.

    It *is* its English text, so ``str(exc)``, JSON and code that reads ``exc.values["reason"]`` see a
    plain string; it keeps its ``key`` and ``values``, so ``NNScratchError.message(lang)`` renders it
    in ``lang`` (``reason.in_language("zh")``). An unknown key fails here, where it is made.

        raise ModelFileError("modelfile.err.bad_member", ..., reason=Reason("modelfile.reason.fortran_order"))
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Reason:
        from nnscratch.i18n.catalog import t

        self = super().__new__(cls, t(key, "en", **values))
        self.key, self.values = key, values
        return self

    def in_language(self, lang: str) -> str:
        from nnscratch.i18n.catalog import t

        return t(self.key, lang, **self.values)

    def __reduce__(self):  # errors travel between processes (sweeps): rebuild from the key, not the text
        return _reason, (self.key, self.values)


def _reason(key: str, values: dict[str, Any]) -> Reason:
    return Reason(key, **values)


def os_reason(exc: BaseException) -> Reason:
    """Why the system refused (``exc`` an OSError, or any exception), in every language.

    A common errno code (ENOENT, EACCES, ENOSPC, ECONNREFUSED ...) or host-name lookup code
    (``socket.gaierror``: EAI_NONAME ...) becomes its catalog reason ``os.reason.<CODE>``
    (i18n/errors_os.py); any other code keeps the system's own text (``os.reason.other``).
    """
    import errno
    import socket

    from nnscratch.i18n.catalog import catalog

    code = getattr(exc, "errno", None)
    if isinstance(code, int) and not isinstance(code, bool):
        if isinstance(exc, socket.gaierror):  # EAI_* codes are negative and not errno codes
            names = {getattr(socket, n): n for n in ("EAI_NONAME", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA")
                     if hasattr(socket, n)}
            name = names.get(code)
        else:
            name = errno.errorcode.get(code)
        if name is not None and f"os.reason.{name}" in catalog():
            return Reason(f"os.reason.{name}")
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return Reason("os.reason.other", reason=text)


class NNScratchError(Exception):
    """Base class of the errors that users can cause and fix.

    key: an i18n message key; param: the library parameter at fault (or None);
    values: the fields the message needs, also useful to programs (``exc.values["epoch"]``).
    """

    def __init__(self, key: str, /, *, param: str | None = None, **values: Any):
        self.key = key
        self.param = param
        self.values = values
        super().__init__(key)

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` ("en" or "zh"), with its values filled in."""
        from nnscratch.i18n.catalog import catalog, t

        if self.key not in catalog():
            # Only for text that is not a catalog key yet; tests/test_i18n_errors.py keeps src free of them.
            return self.key
        values = {name: value.in_language(lang) if isinstance(value, Reason) else value
                  for name, value in self.values.items()}
        return t(self.key, lang, **values)

    def __str__(self) -> str:
        return self.message("en")

    def to_dict(self, lang: str = "en") -> dict:
        """A JSON-ready record: the class, key, param, message in ``lang`` and the values as plain data."""
        from nnscratch.jsonable import jsonable

        return {"error": type(self).__name__, "key": self.key, "param": self.param,
                "message": self.message(lang), "values": jsonable(self.values)}


class ConfigError(NNScratchError, ValueError):
    """A parameter value that is out of range or of the wrong kind."""


class BudgetError(ConfigError):
    """A request whose size (memory, steps, rows) is over the budget; the message says what it needs and how to
    change it."""


class DataError(NNScratchError, ValueError):
    """A data file (IDX, CSV, image) that is missing, malformed or inconsistent."""


class ModelFileError(NNScratchError, ValueError):
    """A model file that cannot be loaded: wrong format, version, keys, shapes or values."""


class OutputError(NNScratchError, OSError):
    """An output path that cannot be written, or that would overwrite one of the inputs."""


class DownloadError(NNScratchError):
    """Every mirror failed; the message lists what was tried and how to place files by hand."""


class DivergenceError(NNScratchError):
    """Training produced a non-finite, exploding or stuck loss.

    The network keeps the parameters of the last finite step, so callers can
    still inspect or save them. values: epoch, loss, lr (and what the message needs).
    """

    @property
    def epoch(self) -> int | None:
        return self.values.get("epoch")

    @property
    def loss(self) -> float | None:
        return self.values.get("loss")


class MissingExtraError(NNScratchError, ImportError):
    """An optional dependency is not installed; the message names the pip extra."""


def require(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or fail naming the extra that provides it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError("errors.missing_extra", module=module, extra=extra) from exc
