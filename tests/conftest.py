"""Fixtures shared by the whole test suite."""

import os
import tempfile
from pathlib import Path

import pytest

# Caches and saved models of the user's own machine never reach a test: the suite runs with an empty
# cache folder (no downloaded data, no compiled kernels, a matplotlib font cache built afresh) and an
# empty data folder (no saved models), set here before anything imports matplotlib or Numba, so child
# processes inherit them too. Tests that need a state make it themselves.
_ISOLATED = tempfile.mkdtemp(prefix="nnscratch-tests-")
for _name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "MPLCONFIGDIR"):
    os.environ[_name] = os.path.join(_ISOLATED, _name.lower())
os.environ.pop("NUMBA_CACHE_DIR", None)
os.environ["NNSCRATCH_NO_BACKGROUND_COMPILE"] = "1"  # no compiler started behind a test's back
os.environ.pop("NNSCRATCH_DATA", None)

from nnscratch.data import bundled_dir


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The folder with the four real MNIST files: the copy bundled with nnscratch. Read-only: never write into it."""
    folder = bundled_dir("mnist")
    if folder is None:  # only a broken install lacks it; say so rather than fail every test that trains
        pytest.skip("the MNIST copy bundled with nnscratch is missing (nnscratch/data/mnist)")
    return folder


@pytest.fixture
def data_cli(monkeypatch):
    """``nnscratch ...`` run in-process (returns the exit status) with only the ``data`` commands
    registered, so data tests do not depend on the state of other areas' commands."""
    import nnscratch.cli as cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", ("data",))
    return cli.main
