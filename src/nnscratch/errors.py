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

Bugs stay ordinary exceptions with tracebacks.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


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
        return t(self.key, lang, **self.values)

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
