"""The tools that keep the code so (issue 14, point 8): a typed package, ruff and mypy configured and clean.

.ci/run runs the same two commands; here they are also tests, so a lint or type error shows up in the
test run that caused it, with the tool's own report as the failure message.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import nnscratch

ROOT = Path(__file__).resolve().parents[1]

# The engine: the lecture's math, which mypy checks strictly (see [[tool.mypy.overrides]]).
ENGINE = ["activations", "losses", "network", "backprop", "fastprop", "optim", "train", "gradcheck", "metrics"]
# What `mypy --strict` turns on per module (strict itself may only be set globally).
STRICT_FLAGS = ["disallow_untyped_defs", "disallow_incomplete_defs", "disallow_untyped_calls",
                "disallow_any_generics", "check_untyped_defs", "warn_return_any", "no_implicit_reexport"]
# The command lines of .ci/run, exactly.
RUFF = [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "examples", "notebooks/build.py"]
MYPY = [sys.executable, "-m", "mypy"]


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_package_declares_its_type_hints(pyproject):
    # PEP 561: the marker file sits in the package and ships in the wheel (package data)
    assert (Path(nnscratch.__file__).parent / "py.typed").is_file()
    assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["nnscratch"]


def test_mypy_checks_every_engine_module_strictly(pyproject):
    strict = [o for o in pyproject["tool"]["mypy"].get("overrides", [])
              if all(o.get(flag) for flag in STRICT_FLAGS)]
    modules = {m for o in strict for m in ([o["module"]] if isinstance(o["module"], str) else o["module"])}
    assert {f"nnscratch.{name}" for name in ENGINE} <= modules
    for name in ENGINE:  # a module renamed away would leave the override checking nothing
        assert importlib.util.find_spec(f"nnscratch.{name}") is not None, name


def test_ruff_lets_l_be_the_lectures_layer_index(pyproject):
    assert "E741" in pyproject["tool"]["ruff"]["lint"]["ignore"]


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed")
def test_ruff_is_clean():
    result = _run(RUFF)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_is_clean():
    result = _run(MYPY)
    assert result.returncode == 0, result.stdout + result.stderr
