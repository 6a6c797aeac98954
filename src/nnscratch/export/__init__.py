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
from typing import TYPE_CHECKING, Any

from nnscratch.errors import require
from nnscratch.export import onnx as onnx_export
from nnscratch.export import torch as torch_export
from nnscratch.export.common import CHECK_SAMPLES, FORMATS, check_out_path, format_for_path, random_raw_inputs

if TYPE_CHECKING:
    from nnscratch.model import Model

__all__ = ["CHECK_SAMPLES", "FORMATS", "check_out_path", "export_model", "format_for_path", "random_raw_inputs"]
def export_model(model: Model, path: str | Path, fmt: str | None = None, *, opset: int | None = None,
                 check_samples: int = CHECK_SAMPLES, source: str | None = None) -> dict[str, Any]:
    """Write ``model`` as ``fmt`` (default: from the file name), run the file in its own runtime on
    ``check_samples`` random raw inputs, and return what was done, as plain data.

    The report: format, model (``source``), path, sizes, activations, input_scale, classes,
    checked_samples, runtime, max_abs_diff (largest |runtime's a(L) - nnscratch's a(L)|), bytes; for
    ONNX also opset, input and outputs; for PyTorch the state dict keys and a snippet that loads it.
    The runtime is checked for before anything is written.
    """
    fmt = fmt or format_for_path(path)
    out = check_out_path(path, fmt)
    net = model.network
    x_raw = random_raw_inputs(model, check_samples)
    report: dict[str, Any] = {
        "format": fmt, "model": source, "path": str(out), "sizes": net.sizes,
        "hidden_activation": net.hidden.name, "output_activation": net.output.name,
        "input_scale": model.input_scale, "classes": model.classes, "checked_samples": check_samples}
    if fmt == "onnx":
        require("onnxruntime", "onnx")  # checks the file after writing: fail before writing if it cannot
        opset = onnx_export.OPSET if opset is None else opset
        onnx_export.export_onnx(model, out, opset=opset)
        report.update(opset=opset, input=onnx_export.INPUT, outputs=[onnx_export.OUTPUT, onnx_export.LABEL],
                      runtime="onnxruntime", max_abs_diff=onnx_export.max_abs_diff(model, out, x_raw))
    else:
        torch_export.export_torch(model, out)
        report.update(keys=list(torch_export.state_dict(model)),
                      snippet=torch_export.sequential_snippet(net.sizes, net.hidden.name, net.output.name, str(out),
                                                              model.input_scale),
                      # the Sequential takes network units: the model's own scaling of the raw inputs
                      runtime="torch", max_abs_diff=torch_export.max_abs_diff(model, model.scale_raw(x_raw)))
    report["bytes"] = out.stat().st_size
    return report
