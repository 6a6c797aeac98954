"""Pieces every subcommand shares: one-line argparse errors in the user's language, help
wrapped by display width, flag types, JSON output and the progress bar (always on stderr,
so stdout stays clean JSON)."""

from __future__ import annotations

import argparse
import contextvars
import json
import math
import re
import sys
import unicodedata

from nnscratch.i18n import resolve_lang, t

# The language of the parser now parsing: flag types (called by argparse, which passes them only
# the text) read it to word their errors.
_LANG = contextvars.ContextVar("nnscratch_cli_lang", default="en")


def current_lang() -> str:
    return _LANG.get()


def flag_error(key: str, **values) -> argparse.ArgumentTypeError:
    """A flag type's error in the language of the running parser (argparse prefixes the flag)."""
    return argparse.ArgumentTypeError(t(key, current_lang(), **values))


# ---- help wrapped by display width

# No line starts with these (closing punctuation) nor ends with the opening ones.
_NO_BREAK_BEFORE = set("，。、：；！？）」』》〉】％,.;:!?)]}%")
_NO_BREAK_AFTER = set("（「『《〈【([{")
# ">= 98%", "< 0.5": an operator stays with the number after it.
_OPERATOR = re.compile(r"^[<>=≤≥≈~±]+$")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def display_width(text: str) -> int:
    """Columns on a terminal: CJK characters (训练集, お) take two."""
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _chunks(text: str) -> list[tuple[bool, str]]:
    """``text`` as unbreakable chunks (space_before, chunk): ASCII words stay whole, CJK characters
    may break between each other, punctuation stays with its neighbour."""
    atoms: list[tuple[bool, str]] = []  # (space before, atom)
    word, space = "", False
    for ch in text:
        if ch.isspace():
            if word:
                atoms.append((space, word))
                word = ""
                space = False
            space = space or bool(atoms)
        elif _is_wide(ch):
            if word:
                atoms.append((space, word))
                word, space = "", False
            atoms.append((space, ch))
            space = False
        else:
            word += ch
    if word:
        atoms.append((space, word))
    chunks: list[tuple[bool, str]] = []
    for space, atom in atoms:
        if chunks:
            prev_space, prev = chunks[-1]
            glue = (not space and (not _is_wide(atom[0]) and not _is_wide(prev[-1])
                                   or atom[0] in _NO_BREAK_BEFORE or prev[-1] in _NO_BREAK_AFTER))
            glue = glue or (space and _OPERATOR.match(prev.rsplit(" ", 1)[-1]) is not None)
            if glue:
                chunks[-1] = (prev_space, prev + (" " if space else "") + atom)
                continue
        chunks.append((space, atom))
    return chunks


def wrap_display(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces and between CJK characters only.

    A word or number longer than a line stays whole (a line may then be longer): splitting
    "random" into "r" / "andom" or ">= 98%" into ">=" / "98%" is worse than a long line.
    """
    width = max(width, 10)
    lines: list[str] = []
    line, used = "", 0
    for space, chunk in _chunks(text):
        w = display_width(chunk)
        sep = 1 if space and line else 0
        if line and used + sep + w > width:
            lines.append(line)
            line, used = chunk, w
        else:
            line += " " * sep + chunk
            used += sep + w
    if line:
        lines.append(line)
    return lines


class _HelpFormatter(argparse.HelpFormatter):
    # Help texts are plain text (they say "98%"), not %-format templates.
    def _expand_help(self, action):
        return self._get_help_string(action)

    def _format_usage(self, usage, actions, groups, prefix):
        text = super()._format_usage(usage, actions, groups, prefix)
        extra = display_width(prefix or "") - len(prefix or "")
        if extra > 0:  # "用法：" is 6 columns, not 3: align the continuation lines under the first
            lines = text.split("\n")
            text = "\n".join([lines[0]] + [" " * extra + line if line.startswith(" ") else line for line in lines[1:]])
        return text

    def _split_lines(self, text, width):
        return wrap_display(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip())]
        return "\n\n".join("\n".join(indent + line for line in wrap_display(" ".join(p.split()), width - len(indent)))
                           for p in paragraphs)


# ---- argparse's own messages in Chinese

_ARGPARSE_MESSAGES = [  # (pattern of argparse's English message, catalog key)
    (re.compile(r"^invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)$", re.S), "cli.ap.invalid_choice"),
    (re.compile(r"^invalid (?P<type>\S+) value: (?P<value>.*)$", re.S), "cli.ap.invalid_type"),
    (re.compile(r"^expected one argument$"), "cli.ap.expected_one"),
    (re.compile(r"^expected at most one argument$"), "cli.ap.expected_at_most_one"),
    (re.compile(r"^expected at least one argument$"), "cli.ap.expected_at_least_one"),
    (re.compile(r"^expected (?P<n>\d+) arguments?$"), "cli.ap.expected_n"),
    (re.compile(r"^the following arguments are required: (?P<args>.*)$", re.S), "cli.ap.required"),
    (re.compile(r"^one of the arguments (?P<args>.*) is required$", re.S), "cli.ap.one_of_required"),
    (re.compile(r"^unrecognized arguments: (?P<args>.*)$", re.S), "cli.ap.unrecognized"),
    (re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$", re.S), "cli.ap.ambiguous"),
    (re.compile(r"^not allowed with argument (?P<arg>.*)$", re.S), "cli.ap.not_allowed_with"),
    (re.compile(r"^ignored explicit argument (?P<value>.*)$", re.S), "cli.ap.ignored_explicit"),
    (re.compile(r"^unexpected option string: (?P<option>.*)$", re.S), "cli.ap.unexpected_option"),
    (re.compile(r"^unknown parser (?P<name>.*?) \(choices: (?P<choices>.*)\)$", re.S), "cli.ap.unknown_parser"),
]
_ARGUMENT_PREFIX = re.compile(r"^argument (?P<arg>[^:]+?): (?P<message>.*)$", re.S)


def translate_argparse(message: str, lang: str) -> str:
    """argparse's English ``message`` in ``lang`` (unchanged for en, or when the template is unknown)."""
    if lang == "en":
        return message
    m = _ARGUMENT_PREFIX.match(message)
    if m:
        return t("cli.ap.argument", lang, arg=m["arg"], message=translate_argparse(m["message"], lang))
    for pattern, key in _ARGPARSE_MESSAGES:
        m = pattern.match(message)
        if m:
            values = m.groupdict()
            if "type" in values:
                type_key = f"cli.ap.type.{values['type']}"
                from nnscratch.i18n import catalog

                values["type"] = t(type_key, lang) if type_key in catalog() else values["type"]
            return t(key, lang, **values)
    return message


# Values that start with "-" but are numbers or number lists: "-1", "-1e308", "-1,2,3", "-3x4", "-.5", "-inf".
_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d|inf\b|infinity\b|nan\b)", re.IGNORECASE)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line in the user's language: what is wrong and where to look.

    A token such as "-1,2,3", "-3x4" or "-1e308" is a value, not an option (no
    nnscratch option starts with a digit), so ``--x -1,2,3`` works without "=".
    """

    def __init__(self, *args, lang: str = "en", **kwargs):
        self.lang = lang
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False  # ours, translated, is added below
        super().__init__(*args, **kwargs)
        # argparse's own words, in the user's language too
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)
        self.add_argument("-h", "--help", action="help", help=t("cli.help", lang))

    def parse_known_args(self, args=None, namespace=None):
        token = _LANG.set(self.lang)
        try:
            return super().parse_known_args(args, namespace)
        finally:
            _LANG.reset(token)

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as err:
            # A library check used as a flag type (type=losses.canonical_name) raised one of our errors:
            # show its message, in the user's language, not argparse's "invalid canonical_name value".
            from nnscratch.errors import NNScratchError

            if isinstance(err.__context__, NNScratchError):
                raise argparse.ArgumentError(action, err.__context__.message(self.lang)) from None
            raise

    def _parse_optional(self, arg_string):
        if _NEGATIVE_VALUE.match(arg_string) and arg_string not in self._option_string_actions:
            return None  # a positional value
        return super()._parse_optional(arg_string)

    def format_usage(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups,
                            prefix=t("cli.usage", self.lang))
        return formatter.format_help()

    def format_help(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups,
                            prefix=t("cli.usage", self.lang))
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        text = formatter.format_help()
        if self.lang == "zh":  # argparse ends section titles with an ASCII colon
            for group in self._action_groups:
                text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message):  # argparse's hook; never returns
        message = translate_argparse(message, self.lang)
        self.exit(2, t("cli.err.usage", self.lang, prog=self.prog, message=message) + "\n")


def pre_parse_lang(argv: list[str]) -> str:
    """The language for help texts, known before the parser exists."""
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    return resolve_lang(explicit)


def add_subcommand(sub, name: str, lang: str, help_key: str, handler, *, param_flags: dict | None = None,
                   **kwargs) -> Parser:
    """A subparser with translated help, a --lang flag and its handler attached.

    ``param_flags`` maps library parameter names to this command's flags ({"sizes": "--layers"})
    where they differ from the flag's dest; the error line names the flag (cli/__init__.py).
    """
    parser = sub.add_parser(name, help=t(help_key, lang), description=t(help_key, lang), lang=lang, **kwargs)
    parser.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help=t("cli.lang", lang))
    parser.set_defaults(handler=handler, prog=parser.prog, param_flags=param_flags or {}, cli_parser=parser)
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
    """``obj`` as one JSON document on stdout, built whole before the first byte is written.

    NaN and infinities become null (``nnscratch.jsonable``), so the document is always valid JSON
    and an error can never leave half of one on stdout.
    """
    from nnscratch.jsonable import jsonable

    text = json.dumps(jsonable(obj), ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")


# ---- flag types: argparse turns an ArgumentTypeError from these into one line naming the flag


def _number(kind, text):
    try:
        value = kind(text)
    except ValueError:
        raise flag_error("cli.err.not_integer" if kind is int else "cli.err.not_number", value=text) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise flag_error("cli.err.not_finite", value=text)
    return value


def finite_float(text: str) -> float:
    return _number(float, text)


def integer(text: str) -> int:
    return _number(int, text)


def _bounded(kind, ok, need: str):
    """A flag type: a number of ``kind`` for which ``ok(value)`` holds, else "must be <need>" (key cli.need.<need>)."""

    def parse(text: str):
        value = _number(kind, text)
        if not ok(value):
            raise flag_error("cli.err.must_be", need=t(f"cli.need.{need}", current_lang()), value=text)
        return value

    parse.__name__ = need  # argparse names the type in some messages
    return parse


positive_int = _bounded(int, lambda v: v > 0, "positive_int")
nonneg_int = _bounded(int, lambda v: v >= 0, "nonneg_int")
positive_float = _bounded(float, lambda v: v > 0, "positive_float")
nonneg_float = _bounded(float, lambda v: v >= 0, "nonneg_float")
_UNITS = {"": 1, "b": 1, "k": 2**10, "kb": 2**10, "m": 2**20, "mb": 2**20, "g": 2**30, "gb": 2**30,
          "t": 2**40, "tb": 2**40}


def byte_size(text: str) -> int:
    """'8GB', '500M', '4294967296' -> bytes (binary units: 1 GB = 2^30 bytes); a positive size."""
    import re

    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)\s*", text)
    unit = match.group(2).lower() if match else ""
    if not match or unit not in _UNITS or float(match.group(1)) <= 0:
        raise flag_error("cli.err.byte_size", value=text)
    return int(float(match.group(1)) * _UNITS[unit])


unit_interval = _bounded(float, lambda v: 0 <= v < 1, "unit_interval")


def number_list(text: str) -> list[float]:
    """'0,0' -> [0.0, 0.0]: finite numbers separated by commas (a point, a weight vector)."""
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        raise flag_error("chapters.err.number_list", text=text) from None
    if not all(math.isfinite(v) for v in values):
        raise flag_error("chapters.err.number_list", text=text)
    return values


def layer_sizes(text: str) -> list[int]:
    """'784,30,10' -> [784, 30, 10]: at least two positive sizes."""
    parts = [p.strip() for p in text.replace("x", ",").split(",")]
    try:
        sizes = [int(p) for p in parts]
    except ValueError:
        raise flag_error("cli.err.layer_list", value=text) from None
    if len(sizes) < 2:
        raise flag_error("cli.err.layer_count", value=text)
    if any(s <= 0 for s in sizes):
        raise flag_error("cli.err.layer_positive", value=text)
    return sizes


def progress(total: int, desc: str, *, enabled: bool = True, unit: str = "it"):
    """A tqdm progress bar on stderr (silent when disabled or stderr is not a terminal)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
                disable=not enabled or not sys.stderr.isatty(), dynamic_ncols=True)


# ---- output paths: all checked before any work, each error naming the flag that gave the path


MODEL_SUFFIXES = (".npz",)


def check_outputs(outputs, inputs=()) -> None:
    """Check every output path before the work starts; the first bad one raises OutputError naming its flag.

    outputs: (flag, path, suffixes, example[, options]) with path None for an output not asked for;
    inputs: the files the command reads, none of which may be written (by name or inode); two outputs
    may not name one file either.
    """
    from nnscratch.errors import OutputError
    from nnscratch.io.files import check_output_path, same_file

    inputs = [p for p in inputs if p is not None]
    done: list = []
    for flag, path, suffixes, example, *options in outputs:
        if path is None:
            continue
        try:
            for other_flag, other in done:
                if same_file(path, other):
                    raise OutputError("files.err.twice", param="path", path=str(path), flag=other_flag)
            check_output_path(path, suffixes, example, example, inputs=inputs, **(options[0] if options else {}))
        except OutputError as exc:
            exc.flag = flag  # type: ignore[attr-defined]  # read by cli/__init__.py render_error
            raise
        done.append((flag, path))
