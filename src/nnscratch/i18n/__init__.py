"""English and Chinese user-facing text.

Each module in this package holds one area's catalog as ``MESSAGES = {key:
{"en": ..., "zh": ...}}``; keys are namespaced by area (``train.epoch``), so
areas never collide. The language comes from ``--lang``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English. Terms follow the lecture (感知机, 反向传播, 似然函数, 误分类点, 超平面).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from nnscratch.errors import ConfigError
from nnscratch.i18n.catalog import LANGUAGES, catalog, t

__all__ = ["LANGUAGES", "catalog", "resolve_lang", "t"]


def resolve_lang(explicit: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language to speak: the explicit choice, else the locale (zh_* -> zh), else en.

    The locale is read as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG;
    the first one that is set and not empty decides.
    """
    if explicit:
        if explicit not in LANGUAGES:
            raise ConfigError("errors.unknown_language", param="lang", value=explicit, choices=", ".join(LANGUAGES))
        return explicit
    env = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return "zh" if env.lower().startswith("zh") else "en"
