"""Logistic regression (逻辑回归), lecture section 1, and its softmax extension.

Binary, as the lecture writes it:

    P(y=1 | x) = p(x) = sigma(w^T x + b)
    J(w) = -sum[y ln p + (1-y) ln(1-p)]          (negative log-likelihood)
    dJ/dw = sum (p(x_i) - y_i) x_i,   w <- w - alpha dJ/dw

For K > 2 classes p becomes softmax(W x + b) and J the sum of -ln p_{y_i}; the
gradient keeps the same shape, (P - Y)^T X. Weights are stored as the
lecture's theta, (n_out, n_in): one row for binary, one per class for softmax.

Both losses are computed from the logits z, never from p, so that a
confident wrong prediction costs a large finite number instead of ln(0).
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np

from nnscratch.activations import sigmoid, softmax
from nnscratch.errors import ConfigError, DataError, DivergenceError

# ---- the math: each loss beside its gradient with respect to the logits ----


def binary_cross_entropy(z, t, axis=None):
    """J = -sum[t ln sigma(z) + (1-t) ln(1-sigma(z))] = sum[ln(1 + e^z) - t z].  z, t: (m, 1)

    ``axis`` sums over the samples only, for many weight vectors at once (an array of J's).
    """
    j = np.sum(np.logaddexp(0, z) - t * z, axis=axis)
    return float(j) if axis is None else j


def binary_cross_entropy_grad(z, t):
    """dJ/dz = sigma(z) - t = p(x) - y."""
    return sigmoid(z) - t


def softmax_cross_entropy(z, t) -> float:
    """J = -sum_i ln softmax(z_i)[y_i] = sum[logsumexp(z_i) - t_i . z_i].  z, t (one-hot): (m, K)"""
    zmax = z.max(axis=1, keepdims=True)
    logsumexp = zmax[:, 0] + np.log(np.sum(np.exp(z - zmax), axis=1))
    return float(np.sum(logsumexp - np.sum(t * z, axis=1)))


def softmax_cross_entropy_grad(z, t):
    """dJ/dz = softmax(z) - t."""
    return softmax(z) - t


def _loss_pair(n_out: int):
    return (binary_cross_entropy, binary_cross_entropy_grad) if n_out == 1 else (
        softmax_cross_entropy, softmax_cross_entropy_grad)


def logits(X, theta, b):
    """z = X theta^T + b.  X: (m, n), theta: (n_out, n), b: (n_out,) -> (m, n_out)"""
    return X @ theta.T + b


def loss(X, T, theta, b) -> float:
    """The lecture's J: the negative log-likelihood summed over the samples."""
    return _loss_pair(theta.shape[0])[0](logits(X, theta, b), T)


def loss_grad(X, T, theta, b):
    """(dJ/dtheta, dJ/db) = ((P - T)^T X, sum(P - T)): for one sample, (p(x) - y) x as in the lecture."""
    delta = _loss_pair(theta.shape[0])[1](logits(X, theta, b), T)  # (m, n_out)
    return delta.T @ X, delta.sum(axis=0)


def loss_and_grad(X, T, theta, b):
    """(J, dJ/dtheta, dJ/db) from one computation of the logits."""
    f, f_grad = _loss_pair(theta.shape[0])
    z = logits(X, theta, b)
    delta = f_grad(z, T)
    return f(z, T), delta.T @ X, delta.sum(axis=0)


def probabilities(X, theta, b):
    """P(class | x) for every class: (m, 2) [1-p, p] for binary, (m, K) softmax otherwise."""
    z = logits(X, theta, b)
    if theta.shape[0] == 1:
        p = sigmoid(z)
        return np.hstack([1 - p, p])
    return softmax(z)


def targets(codes, n_out: int, dtype=float):
    """Class indices (m,) -> the loss's targets: y as a column (m, 1) for binary, one-hot (m, K) otherwise."""
    if n_out == 1:
        return codes.astype(dtype)[:, None]
    return np.eye(n_out, dtype=dtype)[codes]


def n_outputs(n_classes: int) -> int:
    """Rows of theta: one for two classes (the lecture's sigmoid), one per class for softmax."""
    return 1 if n_classes == 2 else n_classes


def encode_labels(y, classes=None, m: int | None = None):
    """(classes, codes): the sorted distinct labels (or the given ``classes``) and each label's index there."""
    y = np.asarray(y)
    if y.ndim != 1 or (m is not None and y.shape[0] != m):
        raise DataError(f"y must hold one label per sample: expected shape ({m if m is not None else 'm'},), "
                        f"got {y.shape}")
    classes = np.unique(y) if classes is None else np.asarray(classes)
    if classes.size < 2:
        raise DataError(f"logistic regression needs at least two classes, got {classes.tolist()!r}")
    codes = np.searchsorted(classes, y)
    unknown = (codes >= classes.size) | (classes[np.minimum(codes, classes.size - 1)] != y)
    if np.any(unknown):
        raise DataError(f"label {y[unknown][0].item()!r} is not one of the classes {classes.tolist()!r}")
    return classes, codes


# ---- homework II: the negative gradient is a descent direction ------------


@dataclass(frozen=True)
class TaylorCheck:
    """J(w + dw) = J(w) + grad . dw + O(|dw|^2): with dw = -eps grad, J drops by about eps |grad|^2."""

    step: float  # eps
    loss: float  # J(w)
    grad_norm_sq: float  # |grad J(w)|^2
    loss_after: float  # J(w - eps grad)
    predicted: float  # first order: J(w) - eps |grad|^2
    direction_loss: float  # J(w + dw) for a random dw with |dw| = eps
    direction_predicted: float  # J(w) + grad . dw

    @property
    def decreased(self) -> bool:
        return self.loss_after < self.loss


def taylor_check(X, y, step: float, rng: np.random.Generator, theta=None, b=None) -> TaylorCheck:
    """Homework II numerically at (theta, b), by default zero (where training starts): a step along -grad
    lowers J, and J(w + dw) = J(w) + grad . dw to first order for a random dw of length ``step``."""
    X = _check_X(X)
    if not (isinstance(step, Real) and np.isfinite(step) and step > 0):
        raise ConfigError(f"the Taylor step must be a positive number, got {step!r}")
    classes, codes = encode_labels(y, m=X.shape[0])
    n_out = n_outputs(classes.size)
    T = targets(codes, n_out, X.dtype)
    theta = np.zeros((n_out, X.shape[1]), X.dtype) if theta is None else np.asarray(theta, dtype=X.dtype)
    b = np.zeros(n_out, X.dtype) if b is None else np.asarray(b, dtype=X.dtype)
    if theta.shape != (n_out, X.shape[1]) or b.shape != (n_out,):
        raise ConfigError(f"theta and b must have shapes {(n_out, X.shape[1])} and {(n_out,)}, "
                          f"got {theta.shape} and {b.shape}")
    j, g_theta, g_b = loss_and_grad(X, T, theta, b)
    g_sq = float(np.sum(g_theta**2) + np.sum(g_b**2))
    d_theta, d_b = rng.standard_normal(theta.shape), rng.standard_normal(b.shape)
    scale = step / np.sqrt(np.sum(d_theta**2) + np.sum(d_b**2))
    d_theta, d_b = d_theta * scale, d_b * scale
    return TaylorCheck(
        step=float(step),
        loss=j,
        grad_norm_sq=g_sq,
        loss_after=loss(X, T, theta - step * g_theta, b - step * g_b),
        predicted=j - step * g_sq,
        direction_loss=loss(X, T, theta + d_theta, b + d_b),
        direction_predicted=j + float(np.sum(g_theta * d_theta) + np.sum(g_b * d_b)),
    )


# ---- gradient descent: the state is the momentum velocity -----------------


class GradientDescent:
    """Full-batch gradient descent (batch_size None), or SGD on batches (1: the lecture's per-sample rule).

    The step uses the mean gradient of the batch, (1/m) dJ/dw: the minimiser is
    the same as J's, and one learning rate then suits any number of samples.
    With momentum mu, v <- mu v - alpha g and w <- w + v (mu = 0: plain descent).
    ``update_b=False`` keeps b where it is, for paths drawn over the weights alone.
    """

    def __init__(self, lr: float, batch_size: int | None = None, momentum: float = 0.0, update_b: bool = True):
        self.lr = lr
        self.batch_size = batch_size
        self.momentum = momentum
        self.update_b = update_b
        self.velocity = None

    def epoch(self, X, T, theta, b, rng: np.random.Generator):
        """Yield (theta, b) after each update of one pass over the samples; the inputs are not modified."""
        m = X.shape[0]
        if self.velocity is None:
            self.velocity = (np.zeros_like(theta), np.zeros_like(b))
        if self.batch_size is None or self.batch_size >= m:
            batches = [slice(None)]
        else:
            order = rng.permutation(m)
            batches = [order[i : i + self.batch_size] for i in range(0, m, self.batch_size)]
        for idx in batches:
            xb, tb = X[idx], T[idx]
            g_theta, g_b = loss_grad(xb, tb, theta, b)
            v_theta, v_b = self.velocity
            v_theta = self.momentum * v_theta - self.lr * g_theta / xb.shape[0]
            v_b = self.momentum * v_b - self.lr * g_b / xb.shape[0]
            self.velocity = (v_theta, v_b)
            theta, b = theta + v_theta, (b + v_b if self.update_b else b)
            yield theta, b


def descent_path(X, y, theta, b, *, lr: float, steps: int, batch_size: int | None = None,
                 momentum: float = 0.0, update_b: bool = True, rng: np.random.Generator | None = None):
    """The parameters after each of ``steps`` updates from (theta, b): GD, SGD and momentum paths to draw.

    Binary labels; theta has one weight per feature. With ``update_b=False`` b stays fixed, so a path over
    two features' weights lies on the contour map of ``loss_grid``. Returns (thetas (steps+1, n), bs (steps+1,)).
    """
    X = _check_X(X)
    classes, codes = encode_labels(y, m=X.shape[0])
    if classes.size != 2:
        raise DataError(f"descent_path takes two classes, got {classes.size}: {classes.tolist()!r}")
    theta0 = np.asarray(theta, dtype=X.dtype).reshape(1, -1)
    b0 = np.asarray(b, dtype=X.dtype).reshape(1)
    if theta0.shape[1] != X.shape[1]:
        raise ConfigError(f"theta has {theta0.shape[1]} weights but X has {X.shape[1]} features")
    _check_hyper(lr, 1, batch_size, momentum)
    if isinstance(steps, bool) or not isinstance(steps, Integral) or steps < 1:
        raise ConfigError(f"steps must be a positive integer, got {steps!r}")
    rng = rng if rng is not None else np.random.default_rng()
    T = targets(codes, 1, X.dtype)
    opt = GradientDescent(lr, batch_size, momentum, update_b)
    thetas, bs = [theta0[0]], [b0[0]]
    theta, b = theta0, b0
    while len(thetas) <= steps:
        for theta, b in opt.epoch(X, T, theta, b, rng):
            thetas.append(theta[0])
            bs.append(b[0])
            if len(thetas) > steps:
                break
    return np.stack(thetas), np.array(bs)


def loss_grid(X, y, w1, w2, b: float = 0.0):
    """J(w1, w2) at fixed b for every pair of the 1-D grids w1, w2 (two features): (len(w2), len(w1)),
    rows along w2 as contour plots expect."""
    X = _check_X(X)
    if X.shape[1] != 2:
        raise DataError(f"loss_grid takes two features, got {X.shape[1]}")
    classes, codes = encode_labels(y, m=X.shape[0])
    if classes.size != 2:
        raise DataError(f"loss_grid takes two classes, got {classes.size}: {classes.tolist()!r}")
    W1, W2 = np.meshgrid(np.asarray(w1, dtype=float), np.asarray(w2, dtype=float))
    z = X[:, 0, None, None] * W1 + X[:, 1, None, None] * W2 + b  # (m, len(w2), len(w1))
    return binary_cross_entropy(z, codes.astype(float)[:, None, None], axis=0)


# ---- validation at the public API ----------------------------------------


def _check_X(X):
    """X as a 2-D finite float array; float32 stays float32 (MNIST in float64 would double the memory)."""
    try:
        X = np.asarray(X)
        if not np.issubdtype(X.dtype, np.floating):
            X = X.astype(float)
    except (TypeError, ValueError):
        raise DataError("features X must be numbers") from None
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise DataError(f"features X must be a non-empty 2-D array (samples, features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise DataError(f"features X must be finite, got {float(X[~np.isfinite(X)][0])}")
    return X


def _check_hyper(lr, epochs, batch_size, momentum):
    if not (isinstance(lr, Real) and np.isfinite(lr) and lr > 0):
        raise ConfigError(f"learning rate must be a positive number, got {lr!r}")
    if isinstance(epochs, bool) or not isinstance(epochs, Integral) or epochs < 1:
        raise ConfigError(f"epochs must be a positive integer, got {epochs!r}")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, Integral)
                                   or batch_size < 1):
        raise ConfigError(f"batch size must be a positive integer or None (full batch), got {batch_size!r}")
    if not (isinstance(momentum, Real) and 0 <= momentum < 1):
        raise ConfigError(f"momentum must be in [0, 1), got {momentum!r}")


# ---- the estimator --------------------------------------------------------


class LogisticRegression:
    """Unregularised logistic regression fitted by gradient descent, with scikit-learn's method names.

    Two classes: the lecture's sigmoid model; more: softmax (multinomial). Fitted
    attributes: ``classes_``, ``coef_`` (1 or K, n_features), ``intercept_``,
    ``n_features_in_``, ``loss_curve_`` (J / N after each epoch), ``n_iter_``
    (epochs run), ``converged_`` (mean gradient below ``tol``).
    ``seed`` (int or np.random.Generator) only shuffles the SGD batches.
    """

    def __init__(self, lr: float = 0.5, epochs: int = 1000, batch_size: int | None = None,
                 momentum: float = 0.0, tol: float = 1e-6, seed=None):
        self.lr = lr
        self.epochs = epochs
        self.batch_size = batch_size
        self.momentum = momentum
        self.tol = tol
        self.seed = seed

    # -- scikit-learn's interface

    def fit(self, X, y):
        """Start from zero weights and run up to ``epochs`` passes, stopping early once converged."""
        X, codes = self._start(X, y, classes=None, reset=True)
        T = targets(codes, self.coef_.shape[0], X.dtype)
        for _ in range(self.epochs):
            self._epoch(X, T)
            if self.converged_:
                break
        return self

    def partial_fit(self, X, y, classes=None):
        """One pass over (X, y), continuing from the current weights. ``classes`` is required on the first call
        when y need not contain every class."""
        first = not hasattr(self, "coef_")
        X, codes = self._start(X, y, classes=classes, reset=first)
        self._epoch(X, targets(codes, self.coef_.shape[0], X.dtype))
        return self

    def predict_proba(self, X):
        return probabilities(self._check_fitted_X(X), self.coef_, self.intercept_)

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def score(self, X, y) -> float:
        """Accuracy: the fraction of samples whose predicted class is y."""
        y = np.asarray(y)
        predicted = self.predict(X)
        if y.shape != predicted.shape:
            raise DataError(f"y has shape {y.shape} but X has {predicted.shape[0]} samples")
        return float(np.mean(predicted == y))

    def loss(self, X, y) -> float:
        """The lecture's J (summed negative log-likelihood) of (X, y) under the fitted weights."""
        X = self._check_fitted_X(X)
        return loss(X, targets(self._codes(y, X.shape[0]), self.coef_.shape[0]), self.coef_, self.intercept_)

    # -- internals

    def _start(self, X, y, classes, reset):
        X = _check_X(X)
        _check_hyper(self.lr, self.epochs, self.batch_size, self.momentum)
        if not (isinstance(self.tol, Real) and self.tol >= 0):
            raise ConfigError(f"tol must be zero or a positive number, got {self.tol!r}")
        if reset:
            found, _ = encode_labels(y, None if classes is None else np.unique(classes), m=X.shape[0])
            n_out = n_outputs(found.size)
            self.classes_ = found
            self.n_features_in_ = X.shape[1]
            # The loss is convex: zero is as good a start as any.
            self.coef_ = np.zeros((n_out, X.shape[1]), dtype=X.dtype)
            self.intercept_ = np.zeros(n_out, dtype=X.dtype)
            self.loss_curve_ = []
            self.n_iter_ = 0
            self.converged_ = False
            self._optimizer = GradientDescent(self.lr, self.batch_size, self.momentum)
            self._rng = self.seed if isinstance(self.seed, np.random.Generator) else np.random.default_rng(self.seed)
        elif X.shape[1] != self.n_features_in_:
            raise DataError(f"X has {X.shape[1]} features but the model was fitted with {self.n_features_in_}")
        return X, self._codes(y, X.shape[0])

    def _codes(self, y, m):
        return encode_labels(y, self.classes_, m)[1]

    def _epoch(self, X, T):
        for self.coef_, self.intercept_ in self._optimizer.epoch(X, T, self.coef_, self.intercept_, self._rng):
            pass
        m = X.shape[0]
        j, g_theta, g_b = loss_and_grad(X, T, self.coef_, self.intercept_)
        self.n_iter_ += 1
        if not np.isfinite(j):
            raise DivergenceError(f"the loss became {j} at epoch {self.n_iter_}: "
                                  f"lower the learning rate (now {self.lr})", epoch=self.n_iter_, loss=j)
        self.loss_curve_.append(j / m)
        self.converged_ = bool(max(np.abs(g_theta).max(), np.abs(g_b).max()) / m < self.tol)

    def _check_fitted_X(self, X):
        if not hasattr(self, "coef_"):
            raise ConfigError("this LogisticRegression is not fitted yet: call fit(X, y) first")
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise DataError(f"X has {X.shape[1]} features but the model was fitted with {self.n_features_in_}")
        return X
