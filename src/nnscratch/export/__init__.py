"""Leaving nnscratch with the model intact: ONNX for deployment, PyTorch for training further.

``nnscratch.export.onnx`` writes a standard ONNX graph (Gemm + activation per
layer, the input scaling included); ``nnscratch.export.torch`` writes a state
dict with the key names of ``torch.nn.Sequential(Linear, act, Linear, act, ...)``
and reads such a state dict back into a Model. Both need an optional extra
(``pip install "nnscratch[onnx]"`` / ``"nnscratch[torch]"``), imported only
when used, so the core stays NumPy-only.
"""

from __future__ import annotations

from pathlib import Path

from nnscratch.errors import ConfigError
from nnscratch.io.files import check_output_path

# --format value -> file suffixes it writes, the first one suggested in messages
FORMATS = {"onnx": (".onnx",), "torch": (".pt", ".pth")}


def format_for_path(path) -> str:
    """The export format a file name asks for by its suffix ('model.onnx' -> 'onnx')."""
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    raise ConfigError(f"cannot tell the export format from {str(path)!r}: name the file "
                      f"{' or '.join('model' + s[0] for s in FORMATS.values())}, or pass --format")


def check_out_path(path, fmt: str) -> Path:
    """``path`` as a Path after checking it can receive a ``fmt`` file: right suffix, existing folder."""
    return check_output_path(path, FORMATS[fmt], f"{fmt}", "model")


def random_raw_inputs(model, n: int = 256, seed: int = 0):
    """``n`` random inputs in the model's raw units (0..255 for MNIST pixels), for checking an export.

    Uniform over [0, 1/input_scale], the range a scaled input in [0, 1] comes from.
    """
    import numpy as np

    high = 1.0 / model.input_scale if model.input_scale > 0 else 1.0
    rng = np.random.default_rng(seed)
    return (rng.random((n, model.network.sizes[0])) * high).astype(np.float32)
