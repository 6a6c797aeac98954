"""Grading a student's function against the reference on hidden random cases.

``check(name, fn)`` grades a callable in this process (notebooks); ``check_file(name,
path)`` imports the function from a student's file in a child process with a time
limit, so an infinite loop, a crash or ``sys.exit`` in it is reported, never hangs
or crashes nnscratch. Both return a ``CheckResult``: passed, the first failing
case (inputs, expected, got) and a hint naming the lecture's formula and, when the
answer equals a known mistake's answer, that mistake.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnscratch.exercises.registry import Case, Exercise, copy_args, get_exercise
from nnscratch.i18n import resolve_lang, t


def display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

DEFAULT_TIMEOUT = 20.0  # seconds for loading the file and running every case
EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


@dataclass
class CheckResult:
    """The verdict on one exercise.

    status: "passed", "failed" (a wrong answer), "error" (the file does not load, the
    function is missing or raises), "timeout" or "crashed" (the child process died).
    cases: how many hidden cases there are; failed_case: the first wrong one as plain
    data (index, inputs, expected, got, where, reason); error: {key, message, line}.
    """

    name: str
    status: str
    cases: int
    failed_case: dict | None = None
    hint: str | None = None
    error: dict | None = None
    lang: str = "en"
    extra: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def exit_code(self) -> int:
        return {"passed": EXIT_PASS, "failed": EXIT_FAIL}.get(self.status, EXIT_ERROR)

    def to_dict(self) -> dict:
        return {"name": self.name, "passed": self.passed, "status": self.status, "cases": self.cases,
                "failed_case": self.failed_case, "hint": self.hint, "error": self.error}

    @classmethod
    def from_dict(cls, d: dict, lang: str) -> CheckResult:
        return cls(name=d["name"], status=d["status"], cases=d["cases"], failed_case=d.get("failed_case"),
                   hint=d.get("hint"), error=d.get("error"), lang=lang)

    def report(self, lang: str | None = None) -> str:
        """The verdict as text: a tick, or the failing case with inputs, expected, got and the hint."""
        lang = lang or self.lang
        if self.passed:
            return t("exercises.verdict.pass", lang, name=self.name, cases=self.cases)
        lines = []
        if self.error is not None:
            where = t("exercises.verdict.line", lang, line=self.error["line"]) if self.error.get("line") else ""
            message = self.error["message"]
            if self.error.get("key") == "raised":  # the exception as Python wrote it, introduced in the user's language
                message = t("exercises.err.raised", lang, message=message)
            lines.append(t("exercises.verdict.error", lang, name=self.name, message=message, where=where))
        if self.failed_case is not None:
            fc = self.failed_case
            if self.error is None:
                lines.append(t("exercises.verdict.fail", lang, name=self.name, index=fc["index"] + 1,
                               cases=self.cases, where=fc["where"]))
            else:
                lines.append(t("exercises.verdict.in_case", lang, index=fc["index"] + 1, cases=self.cases))
            lines.append(t("exercises.verdict.inputs", lang))
            lines += [f"    {k} = {_show(v, 7 + len(k))}" for k, v in fc["inputs"].items()]
            if "expected" in fc:
                for key, value in (("expected", fc["expected"]), ("got", fc["got"])):
                    label = f"  {t(f'exercises.verdict.{key}', lang)} "
                    lines.append(label + _show(value, display_width(label)))
        if self.hint:
            lines.append(f"  {t('exercises.verdict.hint', lang)} {self.hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def _repr_pretty_(self, p, cycle):  # IPython shows the verdict, not the dataclass
        p.text(self.report())


def _show(value, indent: int = 0) -> str:
    """A value of a failing case on a few lines (continued at ``indent``): arrays rounded, long ones shortened."""
    if isinstance(value, list) and value and all(isinstance(v, list) and v and isinstance(v[0], list) for v in value):
        return "[" + ", ".join(_show(v, indent + 1) for v in value) + "]"  # a list of matrices
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return str(value)  # layer sizes stay integers
    if isinstance(value, list):
        try:
            arr = np.array([np.nan if v is None else v for v in value], dtype=float)
        except (TypeError, ValueError):
            return repr(value)
        text = np.array2string(arr, precision=6, threshold=40, max_line_width=100, separator=", ")
        return text.replace("\n", "\n" + " " * indent)
    return repr(value) if isinstance(value, str) else str(value)


# ---- comparing answers -----------------------------------------------------------------------


class _Mismatch(Exception):
    def __init__(self, reason: str, where: str, **info):
        super().__init__(reason)
        self.reason, self.where, self.info = reason, where, info


def _pairs(exercise: Exercise, expected, got):
    """(label, expected part, got part) for each named output; _Mismatch when got has the wrong form."""
    names = exercise.outputs
    if len(names) == 1:
        return [(names[0], expected, got)]
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        raise _Mismatch("structure", ", ".join(names), got_type=_kind(got))
    return list(zip(names, expected, got, strict=False))


def _kind(value) -> str:
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of {len(value)}"
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    return type(value).__name__


def _compare_leaf(where, expected, got, tol):
    e = np.asarray(expected, dtype=np.float64)
    if got is None or isinstance(got, (str, bytes, dict)):
        raise _Mismatch("type", where, got_type=_kind(got))
    try:
        g = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise _Mismatch("type", where, got_type=_kind(got)) from None
    if not (e.size == 1 and g.size == 1) and g.shape != e.shape:
        reason = "transposed" if e.ndim == 2 and g.shape == e.shape[::-1] and e.shape[0] != e.shape[1] else "shape"
        raise _Mismatch(reason, where, expected_shape=list(e.shape), got_shape=list(g.shape))
    e, g = e.reshape(-1), g.reshape(-1)
    if not np.all(np.isfinite(g)) and np.all(np.isfinite(e)):
        raise _Mismatch("nonfinite", where)
    rtol, atol = tol
    if not np.all(np.abs(g - e) <= atol + rtol * np.abs(e)):
        raise _Mismatch("value", where)


def _compare(exercise: Exercise, expected, got, tol) -> _Mismatch | None:
    """None when ``got`` equals ``expected`` within ``tol``, else what differs first."""
    def walk(where, e, g):
        if isinstance(e, (list, tuple)):
            if not isinstance(g, (list, tuple)) or len(g) != len(e):
                raise _Mismatch("structure", where, got_type=_kind(g), expected_len=len(e))
            for i, (ei, gi) in enumerate(zip(e, g, strict=False)):
                walk(f"{where}[{i}]", ei, gi)
        else:
            _compare_leaf(where, e, g, tol)

    try:
        for where, e, g in _pairs(exercise, expected, got):
            walk(where, e, g)
    except _Mismatch as mismatch:
        return mismatch
    return None


def _plain(value):
    """A value of a case as JSON-ready data: functions by name, arrays as lists, NaN/inf as None."""
    if callable(value) and not isinstance(value, np.ndarray):
        return getattr(value, "__name__", repr(value))
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            return _plain(value.tolist())
        return repr(value)
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)[:200]


def _hint(exercise: Exercise, case: Case, expected, got, mismatch: _Mismatch, lang: str) -> str:
    """The mistake's hint when ``got`` is a known mistake's answer, else what is wrong + the formula."""
    formula = t(f"exercises.{exercise.name}.hint", lang)
    for mistake, wrong in exercise.mistakes.items():
        try:
            answer = wrong(*_positional(exercise, case))
        except Exception:  # noqa: BLE001 - a mistake that cannot apply to this case (shapes) is no match
            continue
        if answer is not None and _compare(exercise, answer, got, case.tol) is None \
                and _compare(exercise, expected, answer, case.tol) is not None:
            return t(f"exercises.{exercise.name}.mistake.{mistake}", lang)
    if mismatch.reason == "value":
        return formula
    values = {"where": mismatch.where, **{k: v for k, v in mismatch.info.items()}}
    values.setdefault("returns", exercise.signature.split(" -> ")[1])
    return t(f"exercises.reason.{mismatch.reason}", lang, **values) + " " + formula


def _positional(exercise: Exercise, case: Case) -> list:
    args = copy_args(case.args)
    return [args[p] for p in exercise.params]


# ---- running the cases -----------------------------------------------------------------------


def _error_line(exc: BaseException, filename: str | None) -> int | None:
    """The line of ``filename`` (the student's file) where ``exc`` was raised, if it passed through it."""
    frames = traceback.extract_tb(exc.__traceback__)
    if filename:
        mine = [f for f in frames if os.path.abspath(f.filename) == os.path.abspath(filename)]
        if mine:
            return mine[-1].lineno
    return None


def run_cases(exercise: Exercise, fn: Callable[..., Any], *, seed: int = 0, lang: str = "en",
              filename: str | None = None) -> CheckResult:
    """Run ``fn`` on every hidden case of ``exercise``; stop at the first wrong answer or exception."""
    cases = exercise.cases(np.random.default_rng(seed))
    if filename is None:
        filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    for index, case in enumerate(cases):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # overflow in e^-z is the student's business; the answer is graded
            expected = exercise.expected(case)
            inputs = {k: _plain(v) for k, v in case.args.items()}
            try:
                got = fn(*_positional(exercise, case))  # by position: students may name parameters their way
            except Exception as exc:  # noqa: BLE001 - any error of the student's code is reported, not raised
                message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                return CheckResult(exercise.name, "error", len(cases), lang=lang,
                                   failed_case={"index": index, "inputs": inputs, "where": exercise.name},
                                   error={"key": "raised", "message": message, "line": _error_line(exc, filename)},
                                   hint=t(f"exercises.{exercise.name}.hint", lang))
            mismatch = _compare(exercise, expected, got, case.tol)
            if mismatch is None:
                continue
            hint = _hint(exercise, case, expected, got, mismatch, lang)
        failed = {"index": index, "inputs": inputs, "expected": _plain(expected), "got": _plain(got),
                  "where": mismatch.where, "reason": mismatch.reason}
        return CheckResult(exercise.name, "failed", len(cases), failed_case=failed, hint=hint, lang=lang)
    return CheckResult(exercise.name, "passed", len(cases), lang=lang)


def check(name: str, fn: Callable[..., Any], *, seed: int = 0, lang: str | None = None,
          verbose: bool = True) -> CheckResult:
    """Grade the function ``fn`` as exercise ``name`` in this process; print the verdict unless ``verbose=False``.

        >>> from nnscratch.exercises import check
        >>> result = check("count_parameters", lambda sizes: 23860)    # prints the failing case and a hint
        >>> result.passed
        False
    """
    lang = resolve_lang(lang)
    exercise = get_exercise(name)
    if not callable(fn):
        from nnscratch.errors import ConfigError

        raise ConfigError("exercises.err.not_callable_arg", param="fn", name=name, got=type(fn).__name__)
    result = run_cases(exercise, fn, seed=seed, lang=lang)
    if verbose:
        print(result.report())
    return result


def _error_result(name: str, key: str, lang: str, cases: int, line=None, **values) -> CheckResult:
    return CheckResult(name, "error" if key not in ("timeout", "crashed") else key, cases, lang=lang,
                       error={"key": key, "message": t(f"exercises.err.{key}", lang, **values), "line": line},
                       hint=t(f"exercises.{name}.hint", lang) if key in ("missing", "not_callable") else None)


def check_file(name: str, path: str | os.PathLike[str], *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT,
               lang: str | None = None) -> CheckResult:
    """Grade the function ``name`` defined in the Python file ``path``, run in a child process.

    The child loads the file and runs every case; it is killed after ``timeout`` seconds
    (status "timeout"); a child that dies (sys.exit, os._exit, a signal, out of memory)
    gives status "crashed". Nothing the student's code does reaches this process.
    """
    lang = resolve_lang(lang)
    exercise = get_exercise(name)
    n_cases = len(exercise.cases(np.random.default_rng(seed)))
    path = Path(path)
    if not path.is_file():
        return _error_result(name, "no_file", lang, n_cases, path=str(path))
    with tempfile.TemporaryDirectory(prefix="nnscratch-check-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", "nnscratch.exercises._worker", name, str(path.resolve()), str(seed), lang,
               str(out)]
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                # not the student's folder: a numpy.py there must not shadow NumPy for nnscratch
                                cwd=tmp, env=env, start_new_session=True)
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.communicate()
            return _error_result(name, "timeout", lang, n_cases, seconds=f"{timeout:g}")
        finally:
            _kill_group(proc)  # anything the student's code left running in its session
        if proc.returncode == 0 and out.is_file():
            return CheckResult.from_dict(json.loads(out.read_text(encoding="utf-8")), lang)
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        code = proc.returncode
        how = f"signal {-code}" if code < 0 else f"exit status {code}"
        return _error_result(name, "crashed", lang, n_cases, how=how, output=" | ".join(tail) or "-")


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the child's process group (its own session, started by us)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
