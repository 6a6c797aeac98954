"""nnscratch's network as a scikit-learn classifier: use it in Pipeline, GridSearchCV, cross_val_score.

    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from nnscratch.sklearn import MLPClassifier
    >>> clf = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(30,), epochs=20, random_state=0))
    >>> clf.fit(X_train, y_train).score(X_test, y_test)  # doctest: +SKIP

The estimator follows scikit-learn's contract (it passes ``check_estimator``):
hyperparameters are stored as given and validated in ``fit``; learned state
ends in ``_`` (``classes_``, ``network_``, ``history_``); labels may be any
values (``classes_`` maps them to the output units 0..K-1 of a softmax
layer). Training is ``nnscratch.train.Trainer``, the one loop ``nnscratch train`` and the
web lab use: the lecture's backpropagation; "auto" initialisation is ``network.default_init``.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np

from nnscratch.errors import require

require("sklearn", "sklearn")  # a missing extra fails here with the pip command to run

from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from nnscratch.errors import ConfigError, DivergenceError
from nnscratch.losses import get_loss
from nnscratch.model import Model
from nnscratch.network import DTYPES, Network, default_init
from nnscratch.train import TrainConfig, Trainer

try:  # scikit-learn >= 1.6
    from sklearn.utils.validation import validate_data as _validate_data
except ImportError:  # pragma: no cover -- scikit-learn 1.3 to 1.5
    def _validate_data(estimator, *args, **kwargs):
        return estimator._validate_data(*args, **kwargs)

# The trainer's verdict on a run whose loss never moved off its start (a DivergenceError): scikit-learn
# reports such a run with a ConvergenceWarning and keeps the estimator, as its own MLPClassifier does.
STUCK_KEY = "core.err.stuck"


class MLPClassifier(ClassifierMixin, BaseEstimator):
    """A multilayer network with a softmax output, trained by backpropagation.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default (100,)
        n_2 .. n_{L-1}, the hidden layers' sizes; ``()`` gives softmax regression.
    activation : {"relu", "sigmoid", "tanh", "leaky_relu", "identity"}, default "relu"
        Hidden activation f.
    loss : {"cross_entropy", "quadratic"}, default "cross_entropy"
    optimizer : {"adam", "sgd", "momentum", "nesterov", "gd"}, default "adam"
    learning_rate : float, default 1e-3
    momentum : float, default 0.9
        For the momentum and nesterov optimizers.
    weight_decay : float, default 0.0
        L2 penalty coefficient.
    batch_size : int, default 32
    epochs : int, default 50
    schedule : {"constant", ...}, default "constant"
        Learning-rate schedule, as ``nnscratch train --schedule``.
    patience : int or None, default None
        Stop after this many epochs without a lower training loss.
    init : {"auto", "normal", "xavier", "he"}, default "auto"
        "auto" is He for (leaky) ReLU, Xavier otherwise.
    dtype : {"float64", "float32"}, default "float64"
    random_state : int, RandomState or None, default None
        Seeds the initial weights and the mini-batch order.

    Attributes
    ----------
    classes_ : ndarray (n_classes,), the labels, in output-unit order
    network_ : nnscratch.network.Network, theta(l) and b(l) after training
    history_ : list of dict, one record per epoch (train_loss, train_accuracy, lr, seconds)
    loss_ : float, the last epoch's mean training loss
    n_iter_ : int, epochs run
    n_features_in_ : int; feature_names_in_ when fitted on a DataFrame
    """

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, loss="cross_entropy", optimizer="adam",
                 learning_rate=1e-3, momentum=0.9, weight_decay=0.0, batch_size=32, epochs=50,
                 schedule="constant", patience=None, init="auto", dtype="float64", random_state=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.batch_size = batch_size
        self.epochs = epochs
        self.schedule = schedule
        self.patience = patience
        self.init = init
        self.dtype = dtype
        self.random_state = random_state

    # -- scikit-learn API ----------------------------------------------------------

    def fit(self, X: Any, y: Any) -> MLPClassifier:
        """Train on X (n_samples, n_features) and labels y (n_samples,); returns self.

        A loss that explodes raises DivergenceError (a ValueError is not what it is: the data were fine);
        a loss that never moves off its start gives a ConvergenceWarning, as scikit-learn's own estimators do.
        """
        dtype = self._dtype()
        X, y = _validate_data(self, X, y, dtype=dtype)
        check_classification_targets(y)
        classes, y_index = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise ConfigError("sklearn.err.one_class", param="y", label=classes[0])
        hidden = self._hidden_sizes()
        init = default_init(self.activation) if self.init == "auto" else self.init  # the one rule: He for ReLUs
        rs = check_random_state(self.random_state)
        init_seed, order_seed = (int(s) for s in rs.randint(0, 2**31 - 1, size=2))
        config = TrainConfig(epochs=self.epochs, batch_size=self.batch_size, optimizer=self.optimizer,
                             lr=self.learning_rate, momentum=self.momentum, weight_decay=self.weight_decay,
                             schedule=self.schedule, patience=self.patience, seed=order_seed)
        net = Network([X.shape[1], *hidden, len(classes)], self.activation, "softmax", init=init,
                      rng=np.random.default_rng(init_seed), dtype=dtype)
        trainer = Trainer(net, X, y_index.reshape(-1), self.loss, config)
        try:
            trainer.fit()
        except DivergenceError as exc:
            if exc.key != STUCK_KEY:
                raise
            warnings.warn(str(exc), ConvergenceWarning, stacklevel=2)
        epochs: list[dict[str, Any]] = trainer.history.epochs
        self.classes_ = classes
        self.network_ = net
        self.history_ = epochs
        self.n_iter_ = len(epochs)
        self.loss_ = epochs[-1]["train_loss"]
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """a(L): the softmax probability of each class, (n_samples, n_classes), columns in ``classes_`` order."""
        check_is_fitted(self)
        X = _validate_data(self, X, reset=False, dtype=self.network_.dtype)
        return self.network_.predict_proba(X)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """ln a(L), (n_samples, n_classes); -inf where a probability rounded to 0."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """The decided label per sample (the network's rule: the most probable class), (n_samples,)."""
        check_is_fitted(self)
        return self.classes_[self.network_.decide(self.predict_proba(X))]

    # -- nnscratch ------------------------------------------------------------------

    def to_model(self, *, input_scale: float = 1.0, input_shape: tuple[int, ...] = (),
                 dataset: str | None = None) -> Model:
        """The fitted network as an nnscratch Model, for ``save_model`` and the ONNX/PyTorch exporters.

        The class names become ``str(label)``; ``input_scale`` is what the
        Pipeline's scaling did to raw values, if it was a constant factor.
        """
        check_is_fitted(self)
        # only plain values go into the model file's JSON metadata (a RandomState object would not)
        plain = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.get_params().items()
                 if isinstance(v, (str, numbers.Number, tuple, type(None)))}
        return Model(self.network_.copy(), loss=get_loss(self.loss).name, input_shape=input_shape,
                     input_scale=input_scale, classes=[str(c) for c in self.classes_], dataset=dataset,
                     config={"sklearn": plain}, metrics={"train_loss": self.loss_})

    # -- validation ----------------------------------------------------------------

    def _hidden_sizes(self) -> list[int]:
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
            sizes = (sizes,)
        try:
            out = [int(n) for n in sizes]
        except (TypeError, ValueError):
            out = None
        if out is None or any(isinstance(n, bool) or n != int(n) or n <= 0 for n in sizes):
            raise ConfigError("sklearn.err.hidden_layer_sizes", param="hidden_layer_sizes",
                              value=self.hidden_layer_sizes)
        return out

    def _dtype(self) -> type:
        if self.dtype not in DTYPES:
            raise ConfigError("sklearn.err.dtype", param="dtype", value=self.dtype, choices=", ".join(DTYPES))
        return DTYPES[self.dtype]
