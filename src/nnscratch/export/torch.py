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

import math
import re
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from nnscratch.activations import LEAKY_SLOPE
from nnscratch.errors import ConfigError, ModelFileError, NNScratchError, require
from nnscratch.export import check_out_path
from nnscratch.io.files import write_atomically
from nnscratch.model import Model
from nnscratch.network import Network, check_dtype, check_sizes

# activation name -> the torch.nn module computing it: (source text for the snippet, factory given torch.nn)
TORCH_MODULES = {
    "identity": ("nn.Identity()", lambda nn: nn.Identity()),
    "sigmoid": ("nn.Sigmoid()", lambda nn: nn.Sigmoid()),
    "tanh": ("nn.Tanh()", lambda nn: nn.Tanh()),
    "relu": ("nn.ReLU()", lambda nn: nn.ReLU()),
    "leaky_relu": (f"nn.LeakyReLU({LEAKY_SLOPE})", lambda nn: nn.LeakyReLU(LEAKY_SLOPE)),
    "softmax": ("nn.Softmax(dim=1)", lambda nn: nn.Softmax(dim=1)),
}

# "0.weight", also with the prefix a wrapper adds: "module.0.weight" (DistributedDataParallel), "net.0.bias"
_KEY = re.compile(r"^(?P<prefix>(?:[A-Za-z_]\w*\.)*)(?P<index>\d+)\.(?P<kind>weight|bias)$")


def _torch_module(name: str) -> tuple:
    if name not in TORCH_MODULES:
        # step(z) = 1[z > 0] has a zero derivative everywhere: PyTorch has no such layer to train
        raise ConfigError(f"the {name!r} activation has no torch.nn layer (it is not differentiable): "
                          f"retrain with one of {', '.join(TORCH_MODULES)}")
    return TORCH_MODULES[name]


def _layout(sizes, hidden: str, output: str) -> list[tuple]:
    """The Sequential's modules, Linear then activation per layer l = 2..L, as (source text, factory)."""
    sizes = check_sizes(sizes)
    modules = []
    for l in range(2, len(sizes) + 1):
        n_in, n_out = sizes[l - 2], sizes[l - 1]
        modules.append((f"nn.Linear({n_in}, {n_out})", lambda nn, n_in=n_in, n_out=n_out: nn.Linear(n_in, n_out)))
        modules.append(_torch_module(output if l == len(sizes) else hidden))
    return modules


def sequential_snippet(sizes, hidden: str, output: str, path: str = "model.pt", input_scale: float = 1 / 255) -> str:
    """Python source that builds the matching ``nn.Sequential`` and loads the state dict at ``path``."""
    body = "".join(f"    {text},\n" for text, _ in _layout(sizes, hidden, output))
    return (
        "import torch\n"
        "from torch import nn\n\n"
        f"model = nn.Sequential(\n{body})\n"
        f"model.load_state_dict(torch.load({str(path)!r}, weights_only=True))\n"
        f"# model(x) takes x = raw inputs * {input_scale:g} (for uint8 pixels: x in [0, 1]) and returns a(L)\n"
    )


def build_sequential(sizes, hidden: str, output: str):
    """A fresh ``torch.nn.Sequential`` with the layout of an nnscratch network (PyTorch's own init)."""
    torch = require("torch", "torch")
    from torch import nn

    return torch.nn.Sequential(*(make(nn) for _, make in _layout(sizes, hidden, output)))


def linear_index(l: int) -> int:
    """Position in the Sequential of the Linear holding theta(l): 0 for l = 2, 2 for l = 3, ..."""
    return 2 * (l - 2)


def state_dict(model: Model | Network) -> OrderedDict:
    """PyTorch state dict of the network: ``{2(l-2)}.weight`` = theta(l), ``{2(l-2)}.bias`` = b(l)."""
    torch = require("torch", "torch")
    net = model.network if isinstance(model, Model) else model
    for l in net.layers:
        _torch_module(net.f(l).name)
    out = OrderedDict()
    for l in net.layers:
        out[f"{linear_index(l)}.weight"] = torch.from_numpy(net.theta[l].copy())  # (n_l, n_{l-1})
        out[f"{linear_index(l)}.bias"] = torch.from_numpy(net.b[l].copy())        # (n_l,)
    return out


def to_torch(model: Model | Network):
    """The ``nn.Sequential`` computing ``model.predict_proba`` (inputs in network units), weights loaded."""
    net = model.network if isinstance(model, Model) else model
    module = build_sequential(net.sizes, net.hidden.name, net.output.name)
    module.load_state_dict(state_dict(net))
    return module.to(getattr(require("torch", "torch"), net.dtype.name))


def export_torch(model: Model, path) -> Path:
    """Write ``model``'s state dict to ``path`` (.pt/.pth) with ``torch.save``, atomically; returns the path."""
    torch = require("torch", "torch")
    path = check_out_path(path, "torch")
    sd = state_dict(model)
    return write_atomically(path, lambda f: torch.save(sd, f))


def load_state_dict(path) -> dict:
    """The state dict in a ``torch.save`` file, read with ``weights_only=True`` (no code from the file runs)."""
    import zipfile

    torch = require("torch", "torch")
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"state dict file {str(path)!r} does not exist")
    if not zipfile.is_zipfile(path):  # torch.save writes a zip archive (since PyTorch 1.6); don't unpickle others
        raise ModelFileError(f"{str(path)!r} is not a file written by torch.save: save the state dict with "
                             f"torch.save(model.state_dict(), path)")
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 -- torch raises UnpicklingError, KeyError, EOFError, RuntimeError ... for foreign files
        raise ModelFileError(_load_failure(path, exc)) from None
    return _check_mapping(obj, str(path))


def _load_failure(path: Path, exc: Exception) -> str:
    """Why torch.load(weights_only=True) refused ``path``, in words that say what to do."""
    import pickle

    if isinstance(exc, pickle.UnpicklingError):
        # Not a hint to use weights_only=False: that would run whatever code the file holds.
        return (f"{str(path)!r} holds Python objects besides tensors (e.g. a whole module saved with torch.save(model)); "
                f"nnscratch reads only state dicts, with weights_only=True so that no code from the file runs: "
                f"save model.state_dict() instead")
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"{str(path)!r} is a zip archive but not a readable torch.save file ({first})"


def _check_mapping(obj, source: str) -> dict:
    if not isinstance(obj, Mapping):
        raise ModelFileError(f"{source!r} holds a {type(obj).__name__}, not a state dict: save it with "
                             f"torch.save(model.state_dict(), path)")
    return dict(obj)


def _linear_layers(sd: dict, source: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(weight, bias), ...] of the Linear modules in Sequential order, checked to chain."""
    torch = require("torch", "torch")
    prefixes, layers = set(), {}  # layers: Sequential index -> {"weight": array, "bias": array}
    for key, value in sd.items():
        match = _KEY.match(str(key))
        if match is None:
            raise ModelFileError(f"{source!r}: unexpected key {key!r}; only nn.Sequential state dicts of "
                                 f"Linear layers and parameter-free activations are supported")
        if not isinstance(value, torch.Tensor):
            raise ModelFileError(f"{source!r}: {key!r} holds a {type(value).__name__}, not a tensor")
        if not value.is_floating_point():
            raise ModelFileError(f"{source!r}: {key!r} has dtype {value.dtype}, expected a floating-point tensor")
        prefixes.add(match["prefix"])
        layers.setdefault(int(match["index"]), {})[match["kind"]] = value.detach().cpu().to(torch.float64).numpy()  # numpy has no bfloat16
    if not layers:
        raise ModelFileError(f"{source!r}: the state dict is empty; expected keys such as '0.weight', '0.bias'")
    if len(prefixes) > 1:
        raise ModelFileError(f"{source!r}: keys come from several modules ({', '.join(sorted(map(repr, prefixes)))}); "
                             f"save the state dict of the one nn.Sequential")
    prefix, out = prefixes.pop(), []
    for index in sorted(layers):
        name = f"{prefix}{index}"
        parts = layers[index]
        for kind in ("weight", "bias"):
            if kind not in parts:
                raise ModelFileError(f"{source!r}: missing key {name}.{kind}; "
                                     f"every Linear needs a weight and a bias")
        weight, bias = parts["weight"], parts["bias"]
        if weight.ndim != 2 or bias.shape != weight.shape[:1]:
            raise ModelFileError(f"{source!r}: Linear {name!r} has weight {tuple(weight.shape)} and bias "
                                 f"{tuple(bias.shape)}; a Linear has weight (out, in) and bias (out,)")
        if out and weight.shape[1] != out[-1][0].shape[0]:
            raise ModelFileError(f"{source!r}: Linear {name!r} takes {weight.shape[1]} inputs but the Linear "
                                 f"before it gives {out[-1][0].shape[0]} outputs")
        if not (np.all(np.isfinite(weight)) and np.all(np.isfinite(bias))):
            raise ModelFileError(f"{source!r}: Linear {name!r} contains NaN or infinite values")
        out.append((weight, bias))
    return out


def import_torch_state_dict(source, *, hidden: str = "relu", output: str = "softmax", sizes=None,
                      input_scale: float = 1 / 255, input_shape=None, classes=None, loss: str | None = None,
                      dtype="float32") -> Model:
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
        raise ModelFileError(f"{name!r}: the weights give layer sizes {found}, not the {check_sizes(sizes)} asked for")
    if isinstance(input_scale, bool) or not isinstance(input_scale, (int, float, np.number)) \
            or not (math.isfinite(input_scale) and input_scale > 0):
        raise ConfigError(f"input scale must be a positive number, got {input_scale!r}")
    # 784 inputs are MNIST-layout images: 28x28 lets 'nnscratch predict' read image files for the model
    input_shape = tuple(input_shape) if input_shape else ((28, 28) if found[0] == 784 else (found[0],))
    if math.prod(input_shape) != found[0]:
        raise ConfigError(f"input shape {input_shape} holds {math.prod(input_shape)} values, "
                          f"but the first layer takes {found[0]}")
    classes = [str(c) for c in classes] if classes else []
    if classes and len(classes) != found[-1]:
        raise ConfigError(f"{len(classes)} class names given for {found[-1]} outputs")
    dtype = check_dtype(dtype)
    try:
        net = Network(found, hidden, output, dtype=dtype,
                      theta=[None, None] + [w for w, _ in layers], b=[None, None] + [bb for _, bb in layers])
    except NNScratchError as exc:
        raise ConfigError(str(exc)) from None
    if loss is None:
        loss = "cross_entropy" if net.output.name in ("softmax", "sigmoid") else "quadratic"
    return Model(net, loss=loss, input_shape=input_shape, input_scale=float(input_scale), classes=classes,
                 config={"imported_from": name})


def max_abs_diff(model: Model, x) -> float:
    """max |PyTorch's a(L) - nnscratch's a(L)| for inputs ``x`` (N, n_1) in network units."""
    torch = require("torch", "torch")
    x = np.asarray(x, model.network.dtype)
    with torch.no_grad():
        out = to_torch(model)(torch.from_numpy(x)).numpy()
    return float(np.max(np.abs(out - model.predict_proba(x)))) if len(x) else 0.0
