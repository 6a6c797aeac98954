"""Exercises graded by nnscratch: write the lecture's formulas yourself, then check them.

    >>> from nnscratch.exercises import check
    >>> def delta_hidden(theta_next, delta_next, fprime_z):
    ...     return (theta_next.T @ delta_next) * fprime_z
    >>> check("delta_hidden", delta_hidden).passed        # prints the verdict
    ✓ delta_hidden: all 11 hidden cases pass.
    True

From the command line: ``nnscratch exercise list``, ``nnscratch exercise show NAME
--skeleton > my.py``, ``nnscratch exercise check NAME my.py`` (the file runs in a
child process with a time limit). Shapes follow the lecture: vectors are 1-D,
theta(l) is (n_l, n_{l-1}).
"""

from __future__ import annotations

from nnscratch.exercises.grader import CheckResult, check, check_file, run_cases
from nnscratch.exercises.registry import EXERCISES, Exercise, get_exercise
from nnscratch.i18n import resolve_lang, t

__all__ = ["EXERCISES", "CheckResult", "Exercise", "check", "check_file", "describe", "get_exercise",
           "list_exercises", "run_cases", "skeleton"]


def list_exercises() -> list[dict]:
    """Every exercise as {name, chapter, title: {zh, en}, signature}, in the lecture's order."""
    return [{"name": e.name, "chapter": e.chapter,
             "title": {lang: t(f"exercises.{e.name}.title", lang) for lang in ("zh", "en")},
             "signature": e.signature} for e in EXERCISES.values()]


def describe(name: str, lang: str | None = None) -> dict:
    """The task of exercise ``name`` in ``lang``: {name, chapter, title, task, signature, docstring}."""
    lang = resolve_lang(lang)
    e = get_exercise(name)
    return {"name": e.name, "chapter": e.chapter, "title": t(f"exercises.{name}.title", lang),
            "task": t(f"exercises.{name}.task", lang), "signature": e.signature,
            "docstring": t(f"exercises.{name}.doc", lang), "hint": t(f"exercises.{name}.hint", lang)}


def skeleton(name: str, lang: str | None = None) -> str:
    """A Python file to fill in: the signature, a docstring with shapes, and ``raise NotImplementedError``."""
    d = describe(name, lang)
    lang = resolve_lang(lang)
    e = get_exercise(name)
    doc = "\n".join(("    " + line) if line else "" for line in d["docstring"].splitlines())
    return (
        f'"""{d["title"]} ({name})\n\n{d["task"]}\n\n'
        f'{t("exercises.skeleton.check", lang, name=name)}\n"""\n\n'
        "import numpy as np\n\n\n"
        f"def {name}({', '.join(e.params)}):\n"
        f'    """\n{doc}\n    """\n'
        f"    # {t('exercises.skeleton.todo', lang)}\n"
        "    raise NotImplementedError\n"
    )
