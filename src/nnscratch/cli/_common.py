"""Pieces every subcommand shares: one-line argparse errors, flag types, JSON
output and the progress bar (always on stderr, so stdout stays clean JSON)."""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata

from nnscratch.errors import ConfigError
from nnscratch.i18n import resolve_lang, t


class _HelpFormatter(argparse.HelpFormatter):
    # Help texts are plain text (they say "98%"), not %-format templates.
    def _expand_help(self, action):
        return self._get_help_string(action)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: what is wrong and where to look."""

    def __init__(self, *args, lang: str = "en", **kwargs):
        self.lang = lang
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        # argparse's own words, in the user's language too
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)
        self.add_argument("-h", "--help", action="help", help=t("cli.help", lang))

    def format_usage(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix=t("cli.usage", self.lang))
        return formatter.format_help()

    def format_help(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix=t("cli.usage", self.lang))
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()

    def error(self, message):  # argparse's hook; never returns
        self.exit(2, f"{self.prog}: error: {message} ({t('cli.see_help', self.lang, prog=self.prog)})\n")


def pre_parse_lang(argv: list[str]) -> str:
    """The language for help texts, known before the parser exists."""
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    return resolve_lang(explicit)


def add_subcommand(sub, name: str, lang: str, help_key: str, handler, **kwargs) -> Parser:
    """A subparser with translated help, a --json flag and its handler attached."""
    parser = sub.add_parser(name, help=t(help_key, lang), description=t(help_key, lang), lang=lang, **kwargs)
    parser.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help=t("cli.lang", lang))
    parser.set_defaults(handler=handler, prog=parser.prog)
    return parser


def add_json_flag(parser: Parser) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli.json", parser.lang))


def emit(args, result, format_text) -> None:
    """Print ``result`` as JSON with --json, else as the text ``format_text(result, lang)``."""
    if getattr(args, "json", False):
        print_json(result)
    else:
        print(format_text(result, args.lang))


def print_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=_json_default, allow_nan=False)
    sys.stdout.write("\n")


def _json_default(value):
    import numpy as np

    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def display_width(text: str) -> int:
    """Columns on a terminal: CJK characters (训练集, お) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---- flag types: argparse turns a ValueError/TypeError from these into one line


def _number(kind, text):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a{'n integer' if kind is int else ' number'}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def finite_float(text: str) -> float:
    return _number(float, text)


def _bounded(kind, ok, need: str):
    """A flag type: a number of ``kind`` for which ``ok(value)`` holds, else "must be <need>"."""

    def parse(text: str):
        value = _number(kind, text)
        if not ok(value):
            raise argparse.ArgumentTypeError(f"must be {need}, got {text!r}")
        return value

    parse.__name__ = need  # argparse names the type in some messages
    return parse


positive_int = _bounded(int, lambda v: v > 0, "a positive integer")
nonneg_int = _bounded(int, lambda v: v >= 0, "zero or a positive integer")
positive_float = _bounded(float, lambda v: v > 0, "a positive number")
nonneg_float = _bounded(float, lambda v: v >= 0, "zero or a positive number")
unit_interval = _bounded(float, lambda v: 0 <= v < 1, "in [0, 1)")


def layer_sizes(text: str) -> list[int]:
    """'784,30,10' -> [784, 30, 10]: at least two positive sizes."""
    parts = [p.strip() for p in text.replace("x", ",").split(",")]
    try:
        sizes = [int(p) for p in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of layer sizes such as 784,30,10"
        ) from None
    if len(sizes) < 2:
        raise argparse.ArgumentTypeError(f"needs at least an input and an output size, got {text!r}")
    if any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError(f"every layer size must be a positive integer, got {text!r}")
    return sizes


def progress(total: int, desc: str, *, enabled: bool = True, unit: str = "it"):
    """A tqdm progress bar on stderr (silent when disabled or stderr is not a terminal)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
                disable=not enabled or not sys.stderr.isatty(), dynamic_ncols=True)


def config_error(message: str) -> ConfigError:
    return ConfigError(message)
