"""English and Chinese user-facing text.

Each module in this package holds one area's catalog as ``MESSAGES = {key:
{"en": ..., "zh": ...}}``; keys are namespaced by area (``train.epoch``), so
areas never collide. The language comes from ``--lang``, else ``LANG``, else
English. Terms follow the lecture (感知机, 反向传播, 似然函数, 误分类点, 超平面).
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil

LANGUAGES = ("en", "zh")


def resolve_lang(explicit: str | None = None, environ=os.environ) -> str:
    """The language to speak: the explicit choice, else $LANG (zh_* -> zh), else en."""
    if explicit:
        if explicit not in LANGUAGES:
            from nnscratch.errors import ConfigError

            raise ConfigError(f"unknown language {explicit!r}: choose one of {', '.join(LANGUAGES)}")
        return explicit
    env = environ.get("LANG", "") or environ.get("LC_ALL", "")
    return "zh" if env.lower().startswith("zh") else "en"


@functools.cache
def catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            assert key not in merged, f"message key {key!r} defined twice"
            assert set(texts) == set(LANGUAGES), f"message {key!r} needs both en and zh"
            merged[key] = texts
    return merged


def t(key: str, lang: str = "en", **fields) -> str:
    """The message ``key`` in ``lang``, with ``{fields}`` filled in."""
    text = catalog()[key][lang]
    return text.format(**fields) if fields else text
