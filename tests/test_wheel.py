"""The wheel carries the bundled MNIST and its licence (.ci/wheel-smoke also trains from it in a fresh venv)."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nnscratch.data import DATASETS, bundled_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_the_mnist_files_byte_for_byte(tmp_path):
    # build from a copy: the working tree gets no build/ folder; no build isolation: no network needed
    copy = tmp_path / "src-copy"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copy(ROOT / "README.md", copy)
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(copy), "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist")], check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("nnscratch-*.whl")
    bundled = bundled_dir("mnist")
    names = [f.download_name for f in DATASETS["mnist"].files] + ["LICENSE", "README.md"]
    with zipfile.ZipFile(wheel) as archive:
        for name in names:
            assert archive.read(f"nnscratch/data/mnist/{name}") == (bundled / name).read_bytes(), name
