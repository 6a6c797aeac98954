"""nnscratch: the neural-network lecture as software, written from scratch in NumPy.

    >>> import numpy as np, nnscratch as nn
    >>> net = nn.Network([2, 4, 1], hidden="tanh", output="sigmoid", init="xavier", rng=np.random.default_rng(0))
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]); y = np.array([0, 1, 1, 0])
    >>> history = nn.fit(net, X, y, "cross_entropy", nn.TrainConfig(epochs=2000, batch_size=4, lr=0.5))
    >>> net.predict(X).tolist()
    [0, 1, 1, 0]
"""

from nnscratch.activations import ACTIVATIONS, get_activation
from nnscratch.backprop import Gradients, backprop
from nnscratch.errors import NNScratchError
from nnscratch.gradcheck import check_gradients
from nnscratch.losses import LOSSES, get_loss
from nnscratch.model import Model
from nnscratch.network import Network
from nnscratch.optim import SGD, Adam
from nnscratch.train import Callback, History, TrainConfig, evaluate, fit

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "LOSSES", "Adam", "Callback", "Gradients", "History", "Model", "NNScratchError", "Network",
    "SGD", "TrainConfig", "backprop", "check_gradients", "evaluate", "fit", "get_activation", "get_loss",
]
