"""Fixtures shared by the whole test suite."""

from pathlib import Path

import pytest

# ../shared/data/mnist from the repository root: the real MNIST files (see its README)
MNIST_DIR = Path(__file__).resolve().parents[1].parent / "shared/data/mnist"


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The folder with the four real MNIST files, read-only; the test is skipped without it."""
    if not (MNIST_DIR / "train-images-idx3-ubyte.gz").is_file():
        pytest.skip(f"real MNIST not found at {MNIST_DIR}")
    return MNIST_DIR


@pytest.fixture
def data_cli(monkeypatch):
    """``nnscratch ...`` run in-process (returns the exit status) with only the ``data`` commands
    registered, so data tests do not depend on the state of other areas' commands."""
    import nnscratch.cli as cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", ("data",))
    return cli.main
