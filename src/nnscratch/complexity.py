"""Homework V (作业 V): how many parameters a fully connected network has, and how to shrink it.

For layer sizes n_1..n_L the network has sum_l n_l n_{l-1} weights and
sum_l n_l biases; a forward pass costs sum_l n_l n_{l-1} multiply-adds per
sample. Every figure here is computed, not quoted.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

from nnscratch.errors import ConfigError
from nnscratch.network import check_sizes

BYTES = {"float64": 8, "float32": 4, "float16": 2, "int8": 1}


def _check_dtype(dtype: str) -> int:
    if dtype not in BYTES:
        raise ConfigError("complexity.err.dtype", param="dtype", dtype=dtype, choices=", ".join(BYTES))
    return BYTES[dtype]


def _check_batch(batch: int) -> int:
    if isinstance(batch, bool) or not isinstance(batch, Integral) or batch < 1:
        raise ConfigError("complexity.err.batch", param="batch", batch=batch)
    return int(batch)


def _check_image(image: Sequence[int]) -> tuple[int, int]:
    try:
        h, w = image
        ok = all(isinstance(v, Integral) and not isinstance(v, bool) and v > 0 for v in (h, w))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ConfigError("complexity.err.image", param="image", image=image)
    return int(h), int(w)


def layer_table(sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Per layer l = 2..L: weights n_l*n_{l-1}, biases n_l, their sum."""
    sizes = check_sizes(sizes)
    return [{"layer": l, "shape": [sizes[l - 1], sizes[l - 2]], "weights": sizes[l - 1] * sizes[l - 2],
             "biases": sizes[l - 1], "parameters": sizes[l - 1] * sizes[l - 2] + sizes[l - 1]}
            for l in range(2, len(sizes) + 1)]


def summary(sizes: Sequence[int], batch: int = 128, dtype: str = "float32") -> dict[str, Any]:
    """Parameters, multiply-adds per sample and memory of weights and of one batch's activations."""
    sizes = check_sizes(sizes)
    width, batch = _check_dtype(dtype), _check_batch(batch)
    layers = layer_table(sizes)
    total = sum(r["parameters"] for r in layers)
    macs = sum(r["weights"] for r in layers)
    return {"sizes": sizes, "layers": layers, "total": total, "multiply_adds_per_sample": macs,
            "weights_bytes": total * width, "batch": batch,
            # a(l) and z(l) of every layer are kept for backprop
            "activations_bytes": batch * (sizes[0] + 2 * sum(sizes[1:])) * width, "dtype": dtype}


def with_input(sizes: Sequence[int], n_inputs: int) -> list[int]:
    """``sizes`` with the input layer replaced by ``n_inputs`` units (a larger image, flattened)."""
    return [n_inputs] + list(sizes[1:])


def reductions(sizes: Sequence[int], image: tuple[int, int], dtype: str = "float32") -> list[dict[str, Any]]:
    """What each measure of the lecture's answer does to the parameter count of ``sizes`` at input ``image``.

    Only measures that shrink the weights' bytes are listed (a 1x1 image cannot be downsampled,
    and 5x5 filters are no saving over a 1x1 input).
    """
    h, w = _check_image(image)
    _check_dtype(dtype)
    base = with_input(sizes, h * w)
    total = summary(base)["total"]
    out: list[dict[str, Any]] = []

    def add(key: str, new_total: int, detail: dict[str, Any], bytes_total: int | None = None) -> None:
        bytes_total = new_total * BYTES[dtype] if bytes_total is None else bytes_total
        # the factor is in bytes, so that lower precision, which keeps the count, shows its gain too
        factor = total * BYTES[dtype] / bytes_total
        if factor > 1:
            out.append({"measure": key, "parameters": new_total, "factor": factor, "detail": detail,
                        "weights_bytes": bytes_total})

    # Downsampling: average-pool the image to 28x28 (or by 4 in each direction if already small).
    down = (28, 28) if h * w > 28 * 28 else (max(1, h // 2), max(1, w // 2))
    add("downsample", summary(with_input(base, down[0] * down[1]))["total"],
        {"input": f"{h}x{w} -> {down[0]}x{down[1]}"})
    # Weight sharing as in convolution: the first layer's n_2 units become n_2 5x5 filters applied everywhere.
    n2 = base[1]
    conv = n2 * 25 + n2
    # The next layer then reads pooled feature maps (pooled to 7x7 here) instead of the raw pixels.
    after = summary([n2 * 7 * 7] + list(base[2:]))["total"] if len(base) > 2 else 0
    add("weight_sharing", conv + after, {"first_layer": f"{n2} filters of 5x5 (+{n2} biases) instead of {h * w}x{n2}",
                                         "then": f"{n2}x7x7 pooled features into the next layer"})
    # Fewer or narrower layers: halve every hidden layer.
    narrow = [base[0]] + [max(1, n // 2) for n in base[1:-1]] + [base[-1]]
    add("narrower", summary(narrow)["total"], {"sizes": narrow})
    # Lower precision: the same count, fewer bytes each (float16: half of float32; int8: a quarter).
    add("float16", total, {"bytes_per_parameter": 2}, total * 2)
    add("int8", total, {"bytes_per_parameter": 1}, total * 1)
    return out


def compare(sizes: Sequence[int], batch: int = 128, image: tuple[int, int] | None = None,
            dtype: str = "float32") -> dict[str, Any]:
    """Homework V as data: the network's parameters and memory and, for a larger input ``image``
    (height, width), the same network's figures, how much it grows and the measures that shrink it.

    Keys: sizes, layers, total, multiply_adds_per_sample, weights_bytes, batch, activations_bytes, and
    with ``image`` an ``input`` record (image, sizes, layers, total, growth, multiply_adds_per_sample,
    weights_bytes, activations_bytes, reductions).
    """
    base = summary(sizes, batch, dtype)
    result = {k: base[k] for k in ("sizes", "layers", "total", "multiply_adds_per_sample", "weights_bytes", "batch",
                                   "activations_bytes")}
    if image is not None:
        h, w = _check_image(image)
        big = summary(with_input(base["sizes"], h * w), batch, dtype)
        result["input"] = {"image": [h, w], "growth": big["total"] / base["total"],
                           **{k: big[k] for k in ("sizes", "layers", "total", "multiply_adds_per_sample",
                                                  "weights_bytes", "activations_bytes")},
                           "reductions": reductions(base["sizes"], (h, w), dtype)}
    return result
