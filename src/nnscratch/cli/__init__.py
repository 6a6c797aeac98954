"""The ``nnscratch`` command: flags -> config -> library call -> text or JSON.

Each area of the product registers its subcommands from its own module
(``cli/engine.py``, ``cli/chapters.py``, ...), so this file only assembles
them and turns user errors into one line on stderr with a non-zero status.
"""

from __future__ import annotations

import sys

from nnscratch.cli._common import Parser, pre_parse_lang
from nnscratch.errors import NNScratchError
from nnscratch.i18n import t

# Order is the order of `nnscratch --help`: the lecture's chapters first.
COMMAND_MODULES = ("chapters", "engine", "digits", "data", "web", "export")

EXIT_USER_ERROR = 1
EXIT_INTERRUPTED = 130


def build_parser(lang: str) -> Parser:
    import importlib

    parser = Parser(prog="nnscratch", description=t("cli.description", lang), lang=lang)
    parser.add_argument("--lang", choices=("en", "zh"), default=lang, help=t("cli.lang", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"nnscratch.cli.{name}").register(sub, lang)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        lang = pre_parse_lang(argv)
    except NNScratchError as exc:
        print(f"nnscratch: error: {exc}", file=sys.stderr)
        return 2
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0 if not argv else 2
    try:
        status = args.handler(args)
    except NNScratchError as exc:
        print(f"{args.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(f"{args.prog}: {t('cli.interrupted', lang)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
