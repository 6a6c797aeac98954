"""``nnscratch exercise list | show NAME [--skeleton] | check NAME FILE.py``: graded exercises.

Exit status of ``check``: 0 pass, 1 a wrong answer, 2 a file that does not load, a
missing or raising function, a time-out or a crash (and an unknown exercise name).
"""

from __future__ import annotations

import sys

from nnscratch.cli._common import (
    Parser,
    add_json_flag,
    add_subcommand,
    display_width,
    nonneg_int,
    positive_float,
    print_json,
)
from nnscratch.errors import NNScratchError
from nnscratch.i18n import t


def register(sub, lang):
    ex = add_subcommand(sub, "exercise", lang, "exercises.cli.help", None)
    actions = ex.add_subparsers(dest="exercise_command", metavar="ACTION", parser_class=Parser, required=True)

    listing = add_subcommand(actions, "list", lang, "exercises.cli.list", _list)
    add_json_flag(listing)

    show = add_subcommand(actions, "show", lang, "exercises.cli.show", _show)
    show.add_argument("name", metavar="NAME", help=t("exercises.cli.name", lang))
    show.add_argument("--skeleton", action="store_true", help=t("exercises.cli.skeleton", lang))
    add_json_flag(show)

    check = add_subcommand(actions, "check", lang, "exercises.cli.check", _check)
    check.add_argument("name", metavar="NAME", help=t("exercises.cli.name", lang))
    check.add_argument("file", metavar="FILE.py", help=t("exercises.cli.file", lang))
    check.add_argument("--timeout", type=positive_float, default=20.0, metavar="S",
                       help=t("exercises.cli.timeout", lang))
    check.add_argument("--seed", type=nonneg_int, default=0, help=t("exercises.cli.seed", lang))
    add_json_flag(check)


def _list(args) -> int:
    from nnscratch.exercises import list_exercises

    items = list_exercises()
    if args.json:
        print_json(items)
        return 0
    width = max(display_width(e["name"]) for e in items)
    for e in items:
        pad = " " * (width - display_width(e["name"]))
        print(f"  {e['chapter']}   {e['name']}{pad}  {e['title'][args.lang]}")
    return 0


def _show(args) -> int:
    from nnscratch.exercises import describe, skeleton

    info = describe(args.name, args.lang)
    if args.skeleton:
        text = skeleton(args.name, args.lang)
        if args.json:
            print_json({**info, "skeleton": text})
        else:
            sys.stdout.write(text)
        return 0
    if args.json:
        print_json(info)
        return 0
    print(f"{info['title']} ({info['name']}) · {t('exercises.cli.chapter', args.lang)} {info['chapter']}\n")
    print(info["task"] + "\n")
    print(t("exercises.cli.function", args.lang))
    print(f"  {info['signature']}")
    print("\n".join("  " + line for line in info["docstring"].splitlines()) + "\n")
    print(t("exercises.cli.try", args.lang, name=info["name"]))
    return 0


def _check(args) -> int:
    from nnscratch.exercises import check_file

    try:
        result = check_file(args.name, args.file, seed=args.seed, timeout=args.timeout, lang=args.lang)
    except NNScratchError as exc:  # an unknown exercise: exit 2 like any other input that cannot be graded
        if args.json:
            print_json({"name": args.name, "passed": False, "status": "error", "cases": 0, "failed_case": None,
                        "hint": None, "error": exc.to_dict(args.lang)})
        print(t("cli.err.line", args.lang, prog=args.prog, message=exc.message(args.lang)), file=sys.stderr)
        return 2
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.report(args.lang))
    if result.exit_code == 2:
        # the file could not be graded (does not load, no such function, it raised, timed out or crashed):
        # the report above has the details; stderr gets the one line every failed command gives
        message = (result.error or {}).get("message") or result.status
        print(t("cli.err.line", args.lang, prog=args.prog, message=message.splitlines()[0]), file=sys.stderr)
    return result.exit_code
