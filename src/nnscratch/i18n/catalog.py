"""The merged message catalog and ``t``: pure data and lookup, importing nothing of nnscratch.

errors.py renders its messages through this module, and ``nnscratch.i18n`` (which
raises ConfigError) re-exports it, so the import arrows stay one way.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

LANGUAGES = ("en", "zh")


@functools.cache
def catalog() -> dict[str, dict[str, str]]:
    """Every catalog module's MESSAGES merged: {key: {"en": ..., "zh": ...}}."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        module = importlib.import_module(f"nnscratch.i18n.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            assert key not in merged, f"message key {key!r} defined twice"
            assert set(texts) == set(LANGUAGES), f"message {key!r} needs both en and zh"
            merged[key] = texts
    return merged


def t(key: str, lang: str = "en", **fields: object) -> str:
    """The message ``key`` in ``lang``, with ``{fields}`` filled in."""
    text = catalog()[key][lang]
    return text.format(**fields) if fields else text
