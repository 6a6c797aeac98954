"""The ``nnscratch`` command: flags -> config -> library call -> text or JSON.

Each area of the product registers its subcommands from its own module
(``cli/engine.py``, ``cli/chapters.py``, ...), so this file only assembles
them and turns user errors into one line on stderr with a non-zero status:
the library error's message in the chosen language, prefixed by the flag that
carried the bad value (the library names its parameter, ``exc.param``; each
subcommand maps parameters to flags). A flag the user did not type is never
blamed: a value that came from ``--preset`` says so instead.
"""

from __future__ import annotations

import sys
import warnings

from nnscratch.cli._common import Parser, pre_parse_lang
from nnscratch.errors import NNScratchError, os_reason
from nnscratch.i18n import resolve_lang, t

# Order is the order of `nnscratch --help`: the lecture's chapters first.
COMMAND_MODULES = ("chapters", "engine", "digits", "models", "data", "web", "export", "sweep", "exercise", "experiment",
                   "augment")

EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def build_parser(lang: str) -> Parser:
    import importlib

    from nnscratch import __version__

    parser = Parser(prog="nnscratch", description=t("cli.description", lang), epilog=t("cli.epilog", lang),
                    lang=lang)
    parser.add_argument("--lang", choices=("en", "zh"), default=lang, help=t("cli.lang", lang))
    parser.add_argument("--version", action="version", version=f"nnscratch {__version__}", help=t("cli.version", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"nnscratch.cli.{name}").register(sub, lang)
    return parser


def _typed(flag: str, args, argv: list[str]) -> str | None:
    """The spelling of ``flag`` the user typed (``-o`` for ``--out``, ``--out=V``, ``--ou``), or None."""
    parser = getattr(args, "cli_parser", None)
    spellings = next((a.option_strings for a in getattr(parser, "_actions", ()) if flag in a.option_strings), [flag])
    for token in argv:
        if token == "--":
            break
        name = token.split("=", 1)[0]
        for spelling in spellings:
            if name == spelling or (name.startswith("--") and len(name) > 2 and spelling.startswith(name)):
                return spelling
    return None


def flag_for(args, param: str | None) -> str | None:
    """The flag (or positional's name) that carries library parameter ``param`` in this subcommand."""
    if not param:
        return None
    explicit = getattr(args, "param_flags", None) or {}
    if param in explicit:
        return explicit[param]
    parser = getattr(args, "cli_parser", None)
    for action in getattr(parser, "_actions", ()):
        if action.dest == param:
            # a positional (MODEL, IMAGE) is not named: its message names the file already
            return max(action.option_strings, key=len, default=None)
    return None


def render_error(exc: NNScratchError, args, argv: list[str], lang: str) -> str:
    """The one line printed for ``exc``: message in ``lang``, with the flag that carried the bad value."""
    message = exc.message(lang)
    wrap = getattr(exc, "cli_wrap", None)  # e.g. "...; the model was not saved"
    if wrap:
        message = t(wrap, lang, message=message.rstrip(".。"))
    flag = getattr(exc, "flag", None) or flag_for(args, exc.param)
    if flag and flag.startswith("-"):
        typed = _typed(flag, args, argv)
        preset = getattr(args, "preset", None)
        if typed is None and preset and exc.param in getattr(args, "preset_fields", {}).get(preset, ()):
            message = t("cli.err.preset", lang, message=message, preset=preset)
        flag = typed
    if flag:
        message = t("cli.fmt.flag", lang, flag=flag, message=message)
    return t("cli.err.line", lang, prog=getattr(args, "prog", "nnscratch"), message=message)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        lang = pre_parse_lang(argv)
    except NNScratchError as exc:
        lang = resolve_lang()
        print(t("cli.err.usage", lang, prog="nnscratch", message=exc.message(lang)), file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        # `nnscratch` alone (or `nnscratch --lang zh`): the overview of commands, and the status of a
        # missing command (2), as argparse tools do; the epilog says so.
        parser.print_help()
        return EXIT_USAGE
    try:
        with warnings.catch_warnings():
            # NumPy's overflow warnings while a run diverges are noise on a terminal: the library detects
            # the divergence and the user gets its one line.
            warnings.simplefilter("ignore", RuntimeWarning)
            status = args.handler(args)
    except NNScratchError as exc:
        print(render_error(exc, args, argv, lang), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(t("cli.fmt.prog", lang, prog=args.prog, message=t("cli.interrupted", lang)), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the environment, not the program: a full disk, a vanished folder
        what = exc.filename if exc.filename is not None else type(exc).__name__
        import errno

        code = errno.errorcode.get(exc.errno, type(exc).__name__) if exc.errno else type(exc).__name__
        message = t("cli.err.os", lang, what=what, reason=os_reason(exc).in_language(lang), code=code)
        print(t("cli.err.line", lang, prog=args.prog, message=message), file=sys.stderr)
        return EXIT_USER_ERROR
    except MemoryError:
        print(t("cli.err.line", lang, prog=args.prog, message=t("cli.err.memory", lang)), file=sys.stderr)
        return EXIT_USER_ERROR
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
