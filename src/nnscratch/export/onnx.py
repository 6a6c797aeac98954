"""A Model as a standard ONNX graph, runnable by onnxruntime, OpenCV, TensorRT, browsers, ...

The graph is the lecture's forward pass, one Gemm and one activation node per layer:

    input (N, n_1) raw values, e.g. uint8 pixels given as float32 0..255
    a(1) = input * input_scale                       Mul
    z(l) = a(l-1) theta(l)^T + b(l)                  Gemm, transB=1 (theta is (n_l, n_{l-1}))
    a(l) = f(z(l))                                   Relu / Sigmoid / Tanh / LeakyRelu / Softmax ...
    output = a(L) (N, n_L),  label = argmax a(L) (N,)

so the file needs nothing but the ONNX standard operators. The class names,
input shape and scaling travel in the model's metadata properties.

Precision: the graph computes in float32 (every runtime supports it); a
float64 model's weights are rounded to float32, which moves its outputs by
about 1e-7.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from nnscratch.activations import get_activation
from nnscratch.errors import ConfigError, require
from nnscratch.export.common import check_out_path
from nnscratch.io.files import write_atomically
from nnscratch.model import Model
from nnscratch.network import Network

# Opset 17 (ONNX 1.12, 2022) has every operator used here with today's
# semantics (Softmax over one axis since 13) and is read by every runtime
# of the last years; IR version 8 is the one that opset shipped with, so an
# older onnxruntime does not refuse the file for a newer IR.
OPSET = 17
IR_VERSION = 8
INPUT, OUTPUT, LABEL = "input", "output", "label"

def _activation_nodes(helper: Any, name: str, z: str, a: str, l: int) -> list[Any]:
    """Nodes computing a = f(z) for the activation called ``name``, as its registry record spells them.

    A record's chain of ops runs z -> ... -> a; an op with a ``constant`` takes it as its second input
    (an initializer named after the layer, e.g. step's Greater(z, 0) reads ``step_0_2``).
    """
    chain = get_activation(name).onnx
    if not chain:  # a record without an ONNX spelling: a registry entry that forgot its export
        raise ConfigError("export.err.no_onnx_op", param="activation", activation=name)
    nodes, source = [], z
    for i, op in enumerate(chain):
        target = a if i == len(chain) - 1 else f"{name}_{i}_{l}_out"
        inputs = [source] if op.constant is None else [source, f"{name}_{i}_{l}_const"]
        nodes.append(helper.make_node(op.op, inputs, [target], name=f"{name}_{l}" if i == 0 else f"{name}_{i}_{l}",
                                      **dict(op.attrs)))
        source = target
    return nodes


def _activation_constants(numpy_helper: Any, name: str, l: int) -> list[Any]:
    """The initializers the ops of ``name``'s chain read as second input (step's 0)."""
    return [numpy_helper.from_array(np.array(op.constant, np.float32), f"{name}_{i}_{l}_const")
            for i, op in enumerate(get_activation(name).onnx) if op.constant is not None]


def _label_nodes(helper: Any, net: Network, a_last: str) -> list[Any]:
    """label = the predicted class index, as ``Network.predict`` decides it."""
    if net.sizes[-1] > 1:
        return [helper.make_node("ArgMax", [a_last], [LABEL], axis=1, keepdims=0, name="argmax")]
    # one output unit: a(L) > the output activation's threshold (0.5 for a probability, 0 for outputs
    # centred on 0), the rule of Network.decide, read from the registry record
    return [helper.make_node("Greater", [a_last, "threshold"], ["above"], name="threshold"),
            helper.make_node("Reshape", ["above", "flat"], ["above_flat"], name="flatten_label"),
            helper.make_node("Cast", ["above_flat"], [LABEL], to=7, name="label_cast")]  # 7 = INT64


def metadata(model: Model) -> dict[str, str]:
    """What a user of the .onnx file needs besides the graph, as string properties."""
    net = model.network
    return {
        "nnscratch.classes": json.dumps(list(model.classes), ensure_ascii=False),
        "nnscratch.input_shape": json.dumps(list(model.input_shape)),
        "nnscratch.input_scale": repr(float(model.input_scale)),
        "nnscratch.sizes": json.dumps(net.sizes),
        "nnscratch.hidden_activation": net.hidden.name,
        "nnscratch.output_activation": net.output.name,
        "nnscratch.loss": model.loss,
        "nnscratch.dataset": model.dataset or "",
    }


def to_onnx(model: Model, *, opset: int = OPSET) -> Any:
    """The ``onnx.ModelProto`` computing ``model.predict_proba_raw`` (and the predicted label)."""
    onnx = require("onnx", "onnx")
    from onnx import TensorProto, helper, numpy_helper

    import nnscratch

    if not isinstance(opset, int) or isinstance(opset, bool) or not 13 <= opset <= onnx.defs.onnx_opset_version():
        raise ConfigError("export.err.opset", param="opset", opset=opset, newest=onnx.defs.onnx_opset_version())
    net = model.network
    f32 = np.float32
    inits = [numpy_helper.from_array(np.array(model.input_scale, f32), "input_scale"),
             numpy_helper.from_array(np.array(net.output.threshold, f32), "threshold"),
             numpy_helper.from_array(np.array([-1], np.int64), "flat")]
    nodes = [helper.make_node("Mul", [INPUT, "input_scale"], ["a_1"], name="input_scaling")]
    params = net.parameters()  # [theta(2), b(2), theta(3), b(3), ...]
    for i, l in enumerate(net.layers):
        inits += [numpy_helper.from_array(params[2 * i].astype(f32), f"theta_{l}"),    # (n_l, n_{l-1})
                  numpy_helper.from_array(params[2 * i + 1].astype(f32), f"b_{l}")]    # (n_l,)
        a_out = OUTPUT if l == net.L else f"a_{l}"
        nodes.append(helper.make_node("Gemm", [f"a_{l - 1}", f"theta_{l}", f"b_{l}"], [f"z_{l}"],
                                      transB=1, name=f"gemm_{l}"))
        nodes += _activation_nodes(helper, net.f(l).name, f"z_{l}", a_out, l)
        inits += _activation_constants(numpy_helper, net.f(l).name, l)
    nodes += _label_nodes(helper, net, OUTPUT)
    # Unused constants (threshold and flat for multi-class nets) would make checkers warn.
    used = {name for node in nodes for name in node.input}
    inits = [t for t in inits if t.name in used]

    graph = helper.make_graph(
        nodes, "nnscratch_mlp",
        inputs=[helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, ["N", net.sizes[0]])],
        outputs=[helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["N", net.sizes[-1]]),
                 helper.make_tensor_value_info(LABEL, TensorProto.INT64, ["N"])],
        initializer=inits,
        doc_string=f"nnscratch network {net.sizes}: input in raw units, scaled by {model.input_scale!r}; "
                   f"output a(L) ({net.output.name}); label its predicted class index",
    )
    proto = helper.make_model(graph, producer_name="nnscratch", producer_version=nnscratch.__version__,
                              opset_imports=[helper.make_opsetid("", opset)], ir_version=IR_VERSION)
    helper.set_model_props(proto, metadata(model))
    onnx.checker.check_model(proto, full_check=True)
    return proto


def export_onnx(model: Model, path: str | Path, *, opset: int = OPSET) -> Path:
    """Write ``model`` as an ONNX file at ``path`` (.onnx), atomically; returns the path."""
    path = check_out_path(path, "onnx")
    proto = to_onnx(model, opset=opset)
    return write_atomically(path, lambda f: f.write(proto.SerializeToString()))


def run_onnx(path_or_proto: Any, x_raw: Any) -> tuple[np.ndarray, np.ndarray]:
    """(output, label) of the ONNX model for raw inputs ``x_raw`` (N, n_1), run by onnxruntime on CPU."""
    ort = require("onnxruntime", "onnx")
    source = path_or_proto.SerializeToString() if hasattr(path_or_proto, "SerializeToString") else str(path_or_proto)
    session = ort.InferenceSession(source, providers=["CPUExecutionProvider"])
    output, label = session.run([OUTPUT, LABEL], {INPUT: np.asarray(x_raw, np.float32)})
    return output, label


def max_abs_diff(model: Model, path_or_proto: Any, x_raw: Any) -> float:
    """max |onnxruntime's a(L) - nnscratch's a(L)| over the raw inputs ``x_raw``."""
    output, _ = run_onnx(path_or_proto, x_raw)
    return float(np.max(np.abs(output - model.predict_proba_raw(x_raw)))) if len(output) else 0.0
