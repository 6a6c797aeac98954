"""A trained model: the network plus what is needed to use it on new data.

Every class decision goes through here: ``Model.decide`` is ``Network.decide``
(the largest output, or a(L) > threshold for a single output unit), and the number
of classes is ``class_count(n_L)`` (a single unit tells two classes apart).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch.errors import ConfigError
from nnscratch.losses import get_loss
from nnscratch.network import Network

Array = NDArray[Any]

# What the digit readers (`nnscratch predict`, the web lab's digits section) feed a model: 28x28 images.
DIGIT_SHAPE = (28, 28)


def class_count(n_outputs: int) -> int:
    """Classes a network with ``n_outputs`` output units tells apart: one per unit, or two for a
    single unit, whose a(L) above or below a threshold is the decision (see ``Network.decide``)."""
    return 2 if n_outputs == 1 else n_outputs


@dataclass
class Model:
    """A Network with its loss, input layout and class names.

    ``input_scale`` turns stored raw values into network inputs (1/255 for
    MNIST's uint8 pixels); ``predict_proba`` takes inputs already in network
    units (pixels in [0, 1]), ``predict_proba_raw`` takes raw stored values.
    ``classes`` has ``n_classes`` names, in the order of ``decide``'s indices.
    """

    network: Network
    loss: str = "cross_entropy"
    input_shape: tuple[int, ...] = ()
    input_scale: float = 1.0
    classes: list[str] = field(default_factory=list)
    dataset: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loss = get_loss(self.loss).name  # one spelling stored and printed: 'cross-entropy' -> 'cross_entropy'
        self.input_shape = tuple(self.input_shape) or (self.network.sizes[0],)
        self.classes = list(self.classes) or [str(i) for i in range(self.n_classes)]
        if len(self.classes) != self.n_classes:
            raise ConfigError("model.err.classes", param="classes", n=len(self.classes),
                              n_out=self.network.sizes[-1], n_classes=self.n_classes)

    @property
    def n_classes(self) -> int:
        """How many classes the network's output layer tells apart (2 for a single output unit)."""
        return class_count(self.network.sizes[-1])

    # -- inputs ------------------------------------------------------------------

    def scale_raw(self, x_raw: Any) -> Array:
        """Raw stored values (e.g. uint8 pixels) -> network inputs, in the network's dtype: x_raw * input_scale."""
        dtype = self.network.dtype
        out: Array = np.asarray(x_raw, dtype) * dtype.type(self.input_scale)
        return out

    # -- outputs -----------------------------------------------------------------

    def predict_proba(self, x: Any) -> Array:
        """Output a(L) per sample; x: (m, n_1), (m, *input_shape) or one sample, in network units."""
        x = np.asarray(x)
        k = len(self.input_shape)
        if x.ndim >= k and x.shape[x.ndim - k:] == self.input_shape:
            x = x.reshape(-1, self.network.sizes[0])  # (m, 28, 28) -> (m, 784); one sample -> (1, 784)
        out: Array = self.network.predict_proba(x)
        return out

    def predict_proba_raw(self, x_raw: Any) -> Array:
        """``predict_proba`` of raw stored values (see ``scale_raw``)."""
        return self.predict_proba(self.scale_raw(x_raw))

    def decide(self, out: Array) -> Array:
        """The class index of each row of outputs a(L) (m, n_L): the network's rule. (m,) int"""
        decided: Array = self.network.decide(out)
        return decided

    def class_scores(self, out: Array) -> Array:
        """(m, n_classes) scores whose row-wise largest is the decided class, to rank confidence.

        Several units: a(L) itself. A single unit: [threshold - (a - threshold), a], i.e. [1 - a, a]
        for a probability (sigmoid) and [-a, a] for outputs centred on 0.
        """
        if out.shape[1] > 1:
            return out
        threshold = self.network.output.threshold
        return np.concatenate([2 * threshold - out, out], axis=1)

    def predict(self, x: Any) -> Array:
        """The class index of each sample (inputs in network units). (m,)"""
        return self.decide(self.predict_proba(x))

    def predict_raw(self, x_raw: Any) -> Array:
        """The class index of each sample given in raw stored values. (m,)"""
        return self.decide(self.predict_proba_raw(x_raw))


def check_digit_model(model: Model, source: object = "the model") -> None:
    """The requirement of the digit readers: 784 inputs laid out as a 28x28 image.

    ``source`` names the model in the message (its path). Raises ConfigError (param "model").
    """
    if model.network.sizes[0] != DIGIT_SHAPE[0] * DIGIT_SHAPE[1] or tuple(model.input_shape) != DIGIT_SHAPE:
        raise ConfigError("model.err.not_digit_model", param="model", source=str(source),
                          shape=tuple(model.input_shape))
