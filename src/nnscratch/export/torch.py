"""A Model as a PyTorch state dict, and such a state dict back as a Model.

nnscratch and PyTorch store a layer the same way: ``theta(l)`` is (n_l, n_{l-1})
like ``nn.Linear.weight`` (out_features, in_features) and ``b(l)`` is its
``bias``. The network ``784 -> 30 -> 10`` with hidden relu and softmax output is

    nn.Sequential(nn.Linear(784, 30), nn.ReLU(), nn.Linear(30, 10), nn.Softmax(dim=1))

whose state dict keys are ``0.weight, 0.bias, 2.weight, 2.bias``: Linear k
holds theta(k // 2 + 2). Every Linear is followed by one activation module
(``nn.Identity`` for identity), so the keys never depend on the activations.

The Sequential takes inputs in network units, as PyTorch's ``ToTensor`` gives
them (pixels in [0, 1]); the model's ``input_scale`` is not part of it.
Files are written with ``torch.save(state_dict)`` and read with
``torch.load(weights_only=True)``, which refuses to run code from a file.
"""

from __future__ import annotations

import functools
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from nnscratch.activations import TorchLayer, get_activation, names
from nnscratch.errors import ConfigError, ModelFileError, require
from nnscratch.export.common import check_out_path
from nnscratch.io.files import write_atomically
from nnscratch.losses import get_loss
from nnscratch.model import Model, class_count
from nnscratch.network import Network, check_dtype, check_sizes

# "0.weight", also with the prefix a wrapper adds: "module.0.weight" (DistributedDataParallel), "net.0.bias"
_KEY = re.compile(r"^(?P<prefix>(?:[A-Za-z_]\w*\.)*)(?P<index>\d+)\.(?P<kind>weight|bias)$")


def _torch_layer(name: str) -> TorchLayer:
    """The ``torch.nn`` module of the activation called ``name``, from its registry record."""
    layer = get_activation(name).torch
    if layer is None:
        # step(z) = 1[z > 0] has a zero derivative everywhere: PyTorch has no such layer to train
        raise ConfigError("export.err.no_torch_layer", param="activation", activation=name,
                          choices=", ".join(names(exportable="torch")))
    return layer


def _linear(nn: Any, *, n_in: int, n_out: int) -> Any:
    return nn.Linear(n_in, n_out)


def _layout(sizes: Sequence[int], hidden: str, output: str) -> list[tuple[str, Callable[[Any], Any]]]:
    """The Sequential's modules, Linear then activation per layer l = 2..L, as (source text, factory given nn)."""
    sizes = check_sizes(sizes)
    modules: list[tuple[str, Callable[[Any], Any]]] = []
    for l in range(2, len(sizes) + 1):
        n_in, n_out = sizes[l - 2], sizes[l - 1]
        modules.append((f"nn.Linear({n_in}, {n_out})", functools.partial(_linear, n_in=n_in, n_out=n_out)))
        layer = _torch_layer(output if l == len(sizes) else hidden)
        modules.append((layer.source, layer.build))
    return modules


def sequential_snippet(sizes: Sequence[int], hidden: str, output: str, path: str = "model.pt",
                       input_scale: float = 1 / 255) -> str:
    """Python source that builds the matching ``nn.Sequential`` and loads the state dict at ``path``."""
    body = "".join(f"    {text},\n" for text, _ in _layout(sizes, hidden, output))
    return (
        "import torch\n"
        "from torch import nn\n\n"
        f"model = nn.Sequential(\n{body})\n"
        f"model.load_state_dict(torch.load({str(path)!r}, weights_only=True))\n"
        f"# model(x) takes x = raw inputs * {input_scale:g} (for uint8 pixels: x in [0, 1]) and returns a(L)\n"
    )


def build_sequential(sizes: Sequence[int], hidden: str, output: str) -> Any:
    """A fresh ``torch.nn.Sequential`` with the layout of an nnscratch network (PyTorch's own init)."""
    torch = require("torch", "torch")
    from torch import nn

    return torch.nn.Sequential(*(make(nn) for _, make in _layout(sizes, hidden, output)))


def linear_index(l: int) -> int:
    """Position in the Sequential of the Linear holding theta(l): 0 for l = 2, 2 for l = 3, ..."""
    return 2 * (l - 2)


def state_dict(model: Model | Network) -> OrderedDict[str, Any]:
    """PyTorch state dict of the network: ``{2(l-2)}.weight`` = theta(l), ``{2(l-2)}.bias`` = b(l)."""
    torch = require("torch", "torch")
    net = model.network if isinstance(model, Model) else model
    for l in net.layers:
        _torch_layer(net.f(l).name)
    out: OrderedDict[str, Any] = OrderedDict()
    params = net.parameters()  # [theta(2), b(2), theta(3), b(3), ...]
    for i, l in enumerate(net.layers):
        out[f"{linear_index(l)}.weight"] = torch.from_numpy(params[2 * i].copy())     # theta(l) (n_l, n_{l-1})
        out[f"{linear_index(l)}.bias"] = torch.from_numpy(params[2 * i + 1].copy())   # b(l) (n_l,)
    return out


def to_torch(model: Model | Network) -> Any:
    """The ``nn.Sequential`` computing ``model.predict_proba`` (inputs in network units), weights loaded."""
    net = model.network if isinstance(model, Model) else model
    module = build_sequential(net.sizes, net.hidden.name, net.output.name)
    module.load_state_dict(state_dict(net))
    return module.to(getattr(require("torch", "torch"), net.dtype.name))


def export_torch(model: Model, path: str | Path) -> Path:
    """Write ``model``'s state dict to ``path`` (.pt/.pth) with ``torch.save``, atomically; returns the path."""
    torch = require("torch", "torch")
    path = check_out_path(path, "torch")
    sd = state_dict(model)
    return write_atomically(path, lambda f: torch.save(sd, f))


def load_state_dict(path: str | Path) -> dict[str, Any]:
    """The state dict in a ``torch.save`` file, read with ``weights_only=True`` (no code from the file runs)."""
    import pickle
    import zipfile

    torch = require("torch", "torch")
    path = Path(path)
    if not path.is_file():
        raise ModelFileError("export.err.torch_missing_file", param="path", path=str(path))
    if not zipfile.is_zipfile(path):  # torch.save writes a zip archive (since PyTorch 1.6); don't unpickle others
        raise ModelFileError("export.err.torch_not_a_save", param="path", path=str(path))
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        # weights_only=True refused an object. Not a hint to use weights_only=False: that would run
        # whatever code the file holds.
        raise ModelFileError("export.err.torch_objects", param="path", path=str(path)) from None
    except Exception as exc:  # torch raises KeyError, EOFError, RuntimeError ... for foreign zip files
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelFileError("export.err.torch_unreadable", param="path", path=str(path), reason=first) from None
    return _check_mapping(obj, str(path))


def _check_mapping(obj: Any, source: str) -> dict[str, Any]:
    if not isinstance(obj, Mapping):
        raise ModelFileError("export.err.torch_not_mapping", param="source", source=source, kind=type(obj).__name__)
    return dict(obj)


def _linear_layers(sd: dict[str, Any], source: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(weight, bias), ...] of the Linear modules in Sequential order, checked to chain."""
    torch = require("torch", "torch")
    prefixes: set[str] = set()
    layers: dict[int, dict[str, np.ndarray]] = {}  # Sequential index -> {"weight": array, "bias": array}
    for key, value in sd.items():
        match = _KEY.match(str(key))
        if match is None:
            raise ModelFileError("export.err.torch_unexpected_key", param="source", source=source, entry=key)
        if not isinstance(value, torch.Tensor):
            raise ModelFileError("export.err.torch_not_tensor", param="source", source=source, entry=key,
                                 kind=type(value).__name__)
        if not value.is_floating_point():
            raise ModelFileError("export.err.torch_not_float", param="source", source=source, entry=key,
                                 dtype=str(value.dtype))
        prefixes.add(match["prefix"])
        # through float64: numpy has no bfloat16
        layers.setdefault(int(match["index"]), {})[match["kind"]] = value.detach().cpu().to(torch.float64).numpy()
    if not layers:
        raise ModelFileError("export.err.torch_empty", param="source", source=source)
    if len(prefixes) > 1:
        raise ModelFileError("export.err.torch_several_modules", param="source", source=source,
                             prefixes=", ".join(sorted(map(repr, prefixes))))
    prefix = prefixes.pop()
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for index in sorted(layers):
        name = f"{prefix}{index}"
        parts = layers[index]
        for kind in ("weight", "bias"):
            if kind not in parts:
                raise ModelFileError("export.err.torch_missing_key", param="source", source=source,
                                     entry=f"{name}.{kind}")
        weight, bias = parts["weight"], parts["bias"]
        if weight.ndim != 2 or bias.shape != weight.shape[:1]:
            raise ModelFileError("export.err.torch_linear_shape", param="source", source=source, name=name,
                                 weight=tuple(weight.shape), bias=tuple(bias.shape))
        if out and weight.shape[1] != out[-1][0].shape[0]:
            raise ModelFileError("export.err.torch_chain", param="source", source=source, name=name,
                                 n_in=weight.shape[1], n_prev=out[-1][0].shape[0])
        if not (np.all(np.isfinite(weight)) and np.all(np.isfinite(bias))):
            raise ModelFileError("export.err.torch_non_finite", param="source", source=source, name=name)
        out.append((weight, bias))
    return out


def import_torch_state_dict(source: str | Path | Mapping[str, Any], *, hidden: str = "relu", output: str = "softmax",
                            sizes: Sequence[int] | None = None, input_scale: float = 1 / 255,
                            input_shape: Sequence[int] | None = None, classes: Sequence[object] | None = None,
                            loss: str | None = None, dtype: Any = "float32") -> Model:
    """A Model from a PyTorch state dict (a ``.pt`` path or the dict itself) of Linear layers.

    The layer sizes come from the weight shapes (``sizes``, if given, must
    agree); the activations are not stored in a state dict, so ``hidden`` and
    ``output`` say what the Sequential used. ``input_scale`` turns raw inputs
    into the network units the Sequential was trained on (1/255: uint8 pixels
    -> [0, 1], as ``ToTensor`` does). Keys may carry one wrapper prefix such as
    DistributedDataParallel's ``module.``.
    """
    if isinstance(source, (str, Path)):
        name, sd = str(source), load_state_dict(source)
    else:
        name, sd = "state dict", _check_mapping(source, "state dict")
    layers = _linear_layers(sd, name)
    found = [layers[0][0].shape[1]] + [w.shape[0] for w, _ in layers]
    if sizes is not None and check_sizes(sizes) != found:
        raise ModelFileError("export.err.torch_sizes", param="sizes", source=name, found=found,
                             sizes=check_sizes(sizes))
    if isinstance(input_scale, bool) or not isinstance(input_scale, (int, float, np.number)) \
            or not (math.isfinite(input_scale) and input_scale > 0):
        raise ConfigError("export.err.input_scale", param="input_scale", input_scale=input_scale)
    # 784 inputs are MNIST-layout images: 28x28 lets 'nnscratch predict' read image files for the model
    input_shape = tuple(input_shape) if input_shape else ((28, 28) if found[0] == 784 else (found[0],))
    if math.prod(input_shape) != found[0]:
        raise ConfigError("export.err.input_shape", param="input_shape", input_shape=input_shape,
                          n=math.prod(input_shape), n_in=found[0])
    class_names = [str(c) for c in classes] if classes else []
    if class_names and len(class_names) != class_count(found[-1]):
        raise ConfigError("export.err.classes", param="classes", n=len(class_names), n_out=found[-1],
                          n_classes=class_count(found[-1]))
    dtype = check_dtype(dtype)
    # a bad hidden/output is the caller's choice, not the file's: Network's ConfigError naming it goes through
    net = Network(found, hidden, output, dtype=dtype,
                  theta=[None, None] + [w for w, _ in layers], b=[None, None] + [bb for _, bb in layers])
    loss = get_loss(loss or ("cross_entropy" if net.output.name in ("softmax", "sigmoid") else "quadratic")).name
    return Model(net, loss=loss, input_shape=input_shape, input_scale=float(input_scale), classes=class_names,
                 config={"imported_from": name})


def max_abs_diff(model: Model, x: Any) -> float:
    """max |PyTorch's a(L) - nnscratch's a(L)| for inputs ``x`` (N, n_1) in network units."""
    torch = require("torch", "torch")
    x = np.asarray(x, model.network.dtype)
    with torch.no_grad():
        out = to_torch(model)(torch.from_numpy(x)).numpy()
    return float(np.max(np.abs(out - model.predict_proba(x)))) if len(x) else 0.0
