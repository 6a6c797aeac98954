"""What both exporters share: the formats and their suffixes, the output check, the random check inputs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nnscratch.errors import ConfigError
from nnscratch.io.files import check_output_path

if TYPE_CHECKING:
    import numpy as np

    from nnscratch.model import Model

# --format value -> file suffixes it writes, the first one suggested in messages
FORMATS = {"onnx": (".onnx",), "torch": (".pt", ".pth")}


# Random inputs an export is checked on: enough to cover every unit, a fraction of a second to run.
CHECK_SAMPLES = 256


def format_for_path(path: str | Path) -> str:
    """The export format a file name asks for by its suffix ('model.onnx' -> 'onnx')."""
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    raise ConfigError("export.err.unknown_format", param="path", path=str(path),
                      examples=" or ".join("model" + s[0] for s in FORMATS.values()), choices=", ".join(FORMATS))


def check_out_path(path: str | Path, fmt: str) -> Path:
    """``path`` as a Path after checking it can receive a ``fmt`` file: right suffix, existing folder."""
    if fmt not in FORMATS:
        raise ConfigError("export.err.format", param="fmt", format=fmt, choices=", ".join(FORMATS))
    return check_output_path(path, FORMATS[fmt], f"{fmt}", "model")


def random_raw_inputs(model: Model, n: int = CHECK_SAMPLES, seed: int = 0) -> np.ndarray:
    """``n`` random inputs in the model's raw units (0..255 for MNIST pixels), for checking an export.

    Uniform over [0, 1/input_scale], the range a scaled input in [0, 1] comes from.
    """
    import numpy as np

    high = 1.0 / model.input_scale if model.input_scale > 0 else 1.0
    rng = np.random.default_rng(seed)
    return (rng.random((n, model.network.sizes[0])) * high).astype(np.float32)
