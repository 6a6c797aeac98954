"""The child process of ``check_file``: load a student's file, grade one function, write the verdict.

    python -m nnscratch.exercises._worker NAME FILE SEED LANG OUT.json

The verdict goes to OUT.json, not stdout, so whatever the student's code prints
cannot be mistaken for it. Exit status 0 means OUT.json was written.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

MEMORY_LIMIT = 4 << 30  # bytes of address space: a runaway allocation fails here, not in the machine


def _limit_memory() -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass


def grade(name: str, path: Path, seed: int, lang: str):
    import numpy as np

    from nnscratch.exercises.grader import CheckResult, _error_line, _error_result, run_cases
    from nnscratch.exercises.registry import get_exercise
    from nnscratch.i18n import t  # noqa: F401  (catalog loaded before the student's code runs)

    exercise = get_exercise(name)
    n_cases = len(exercise.cases(np.random.default_rng(seed)))
    sys.path.insert(0, str(path.parent))  # the student's own helper modules beside the file
    os.chdir(path.parent)                 # and relative paths in it, as when they run it themselves
    spec = importlib.util.spec_from_file_location("student_solution", path)
    assert spec is not None and spec.loader is not None  # a path ending in .py always has a source loader
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as exc:
        return _error_result(name, "syntax", lang, n_cases, line=exc.lineno, path=str(path), message=exc.msg)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt in the file are load errors too
        return _error_result(name, "load", lang, n_cases, line=_error_line(exc, str(path)), path=str(path),
                             message=f"{type(exc).__name__}: {exc}")
    fn = getattr(module, name, None)
    if fn is None:
        defined = sorted(k for k, v in vars(module).items()
                         if callable(v) and getattr(v, "__module__", None) == module.__name__)
        return _error_result(name, "missing", lang, n_cases, path=str(path), defined=", ".join(defined) or "-")
    if not callable(fn):
        return _error_result(name, "not_callable", lang, n_cases, path=str(path), got=type(fn).__name__)
    try:
        return run_cases(exercise, fn, seed=seed, lang=lang, filename=str(path))
    except BaseException as exc:  # noqa: BLE001 - sys.exit() inside the function
        return CheckResult(name, "error", n_cases, lang=lang,
                           error={"key": "raised", "message": f"{type(exc).__name__}: {exc}",
                                  "line": _error_line(exc, str(path))})


def main(argv) -> int:
    name, path, seed, lang, out = argv
    _limit_memory()
    result = grade(name, Path(path), int(seed), lang)
    Path(out).write_text(json.dumps(result.to_dict(), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
