"""A trained model: the network plus what is needed to use it on new data."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnscratch.network import Network


@dataclass
class Model:
    """A Network with its loss, input layout and class names.

    ``input_scale`` turns stored raw values into network inputs (1/255 for
    MNIST's uint8 pixels); ``predict_proba`` takes inputs already in network
    units (pixels in [0, 1]), ``predict_proba_raw`` takes raw stored values.
    """

    network: Network
    loss: str = "cross_entropy"
    input_shape: tuple = ()
    input_scale: float = 1.0
    classes: list = field(default_factory=list)
    dataset: str | None = None
    config: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)

    def __post_init__(self):
        self.input_shape = tuple(self.input_shape) or (self.network.sizes[0],)
        self.classes = list(self.classes) or [str(i) for i in range(self.network.sizes[-1])]

    def predict_proba(self, x) -> np.ndarray:
        """Output a(L) per sample; x: (m, n_1), (m, *input_shape) or one sample, in network units."""
        x = np.asarray(x)
        k = len(self.input_shape)
        if x.ndim >= k and x.shape[x.ndim - k:] == self.input_shape:
            x = x.reshape(-1, self.network.sizes[0])  # (m, 28, 28) -> (m, 784); one sample -> (1, 784)
        return self.network.predict_proba(x)

    def predict_proba_raw(self, x) -> np.ndarray:
        return self.predict_proba(np.asarray(x, self.network.dtype) * self.network.dtype.type(self.input_scale))

    def predict(self, x) -> np.ndarray:
        return self.network.decide(self.predict_proba(x))
