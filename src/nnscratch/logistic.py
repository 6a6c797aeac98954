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

from collections.abc import Iterator
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from nnscratch.activations import sigmoid, softmax
from nnscratch.errors import BudgetError, ConfigError, DataError, DivergenceError

# Divergence, checked after every epoch: the mean loss J/N starts at ln K (zero weights: every class
# equally likely). Above EXPLODING_FACTOR * ln K the steps overshoot and grow (a mean probability of the
# right class below 2^-10 for two classes); a full run that ends no lower than ln K never got anywhere.
EXPLODING_FACTOR = 10.0
# Features beyond this magnitude are blamed for a divergence: the curvature of J grows as |x|^2,
# so such features need a much smaller learning rate, and standardising them is the cure.
LARGE_FEATURE = 100.0
# Budgets, checked before training: the (m, K) matrices of probabilities and targets, and the
# multiply-adds of all epochs (each computes X theta^T twice: for the step and for the loss).
MAX_ELEMENTS = 50_000_000
MAX_WORK = 2 * 10**11
MAX_STEPS = 1_000_000
MAX_PATH_STEPS = 100_000  # parameters kept by descent_path, one row per step

Array = NDArray[Any]

# ---- the math: each loss beside its gradient with respect to the logits ----


def binary_cross_entropy(z: Array, t: Array, axis: int | None = None) -> float | Array:
    """J = -sum[t ln sigma(z) + (1-t) ln(1-sigma(z))] = sum[ln(1 + e^z) - t z].  z, t: (m, 1)

    ``axis`` sums over the samples only, for many weight vectors at once (an array of J's).
    """
    j = np.sum(np.logaddexp(0, z) - t * z, axis=axis)
    return float(j) if axis is None else j


def binary_cross_entropy_grad(z: Array, t: Array) -> Array:
    """dJ/dz = sigma(z) - t = p(x) - y."""
    return sigmoid(z) - t


def softmax_cross_entropy(z: Array, t: Array) -> float:
    """J = -sum_i ln softmax(z_i)[y_i] = sum[logsumexp(z_i) - t_i . z_i].  z, t (one-hot): (m, K)"""
    zmax = z.max(axis=1, keepdims=True)
    logsumexp = zmax[:, 0] + np.log(np.sum(np.exp(z - zmax), axis=1))
    return float(np.sum(logsumexp - np.sum(t * z, axis=1)))


def softmax_cross_entropy_grad(z: Array, t: Array) -> Array:
    """dJ/dz = softmax(z) - t."""
    return softmax(z) - t


def _loss_pair(n_out: int):
    return (binary_cross_entropy, binary_cross_entropy_grad) if n_out == 1 else (
        softmax_cross_entropy, softmax_cross_entropy_grad)


def logits(X: Array, theta: Array, b: Array) -> Array:
    """z = X theta^T + b.  X: (m, n), theta: (n_out, n), b: (n_out,) -> (m, n_out)"""
    return X @ theta.T + b


def loss(X: Array, T: Array, theta: Array, b: Array) -> float:
    """The lecture's J: the negative log-likelihood summed over the samples."""
    return _loss_pair(theta.shape[0])[0](logits(X, theta, b), T)


def loss_grad(X: Array, T: Array, theta: Array, b: Array) -> tuple[Array, Array]:
    """(dJ/dtheta, dJ/db) = ((P - T)^T X, sum(P - T)): for one sample, (p(x) - y) x as in the lecture."""
    delta = _loss_pair(theta.shape[0])[1](logits(X, theta, b), T)  # (m, n_out)
    return delta.T @ X, delta.sum(axis=0)


def loss_and_grad(X: Array, T: Array, theta: Array, b: Array) -> tuple[float, Array, Array]:
    """(J, dJ/dtheta, dJ/db) from one computation of the logits."""
    f, f_grad = _loss_pair(theta.shape[0])
    z = logits(X, theta, b)
    delta = f_grad(z, T)
    return f(z, T), delta.T @ X, delta.sum(axis=0)


def probabilities(X: Array, theta: Array, b: Array) -> Array:
    """P(class | x) for every class: (m, 2) [1-p, p] for binary, (m, K) softmax otherwise."""
    z = logits(X, theta, b)
    if theta.shape[0] == 1:
        p = sigmoid(z)
        return np.hstack([1 - p, p])
    return softmax(z)


def targets(codes: Array, n_out: int, dtype: DTypeLike = float) -> Array:
    """Class indices (m,) -> the loss's targets: y as a column (m, 1) for binary, one-hot (m, K) otherwise."""
    if n_out == 1:
        return codes.astype(dtype)[:, None]
    return np.eye(n_out, dtype=dtype)[codes]


def n_outputs(n_classes: int) -> int:
    """Rows of theta: one for two classes (the lecture's sigmoid), one per class for softmax."""
    return 1 if n_classes == 2 else n_classes


def encode_labels(y: ArrayLike, classes: ArrayLike | None = None, m: int | None = None) -> tuple[Array, Array]:
    """(classes, codes): the sorted distinct labels (or the given ``classes``) and each label's index there."""
    y = np.asarray(y)
    if y.ndim != 1 or (m is not None and y.shape[0] != m):
        raise DataError("logistic.err.labels_shape", param="y", m=m if m is not None else "m", shape=y.shape)
    classes = np.unique(y) if classes is None else np.asarray(classes)
    if classes.size < 2:
        raise DataError("logistic.err.few_classes", param="y", classes=_listing(classes))
    codes = np.searchsorted(classes, y)
    unknown = (codes >= classes.size) | (classes[np.minimum(codes, classes.size - 1)] != y)
    if np.any(unknown):
        raise DataError("logistic.err.unknown_label", param="y", label=repr(y[unknown][0].item()),
                        classes=_listing(classes))
    return classes, codes


def _listing(values, limit: int = 10) -> str:
    """'[0, 1]', or the first ``limit`` values and a count: a message stays one short line."""
    values = np.asarray(values).tolist()
    if len(values) <= limit:
        return repr(values)
    return repr(values[:limit])[:-1] + f", ... (+{len(values) - limit})]"


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


def taylor_check(X: ArrayLike, y: ArrayLike, step: float, rng: np.random.Generator, theta: ArrayLike | None = None,
                 b: ArrayLike | None = None) -> TaylorCheck:
    """Homework II numerically at (theta, b), by default zero (where training starts): a step along -grad
    lowers J, and J(w + dw) = J(w) + grad . dw to first order for a random dw of length ``step``."""
    X = _check_X(X)
    if not (isinstance(step, Real) and np.isfinite(step) and step > 0):
        raise ConfigError("logistic.err.taylor_step", param="step", step=repr(step))
    classes, codes = encode_labels(y, m=X.shape[0])
    n_out = n_outputs(classes.size)
    T = targets(codes, n_out, X.dtype)
    theta = np.zeros((n_out, X.shape[1]), X.dtype) if theta is None else np.asarray(theta, dtype=X.dtype)
    b = np.zeros(n_out, X.dtype) if b is None else np.asarray(b, dtype=X.dtype)
    if theta.shape != (n_out, X.shape[1]) or b.shape != (n_out,):
        raise ConfigError("logistic.err.theta_shape", param="theta", want_theta=(n_out, X.shape[1]),
                          want_b=(n_out,), theta=theta.shape, b=b.shape)
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

    def __init__(self, lr: float, batch_size: int | None = None, momentum: float = 0.0,
                 update_b: bool = True) -> None:
        self.lr = lr
        self.batch_size = batch_size
        self.momentum = momentum
        self.update_b = update_b
        self.velocity: tuple[Array, Array] | None = None

    def batches(self, m: int, rng: np.random.Generator) -> list:
        """The sample indices of each update in one pass: all at once, or shuffled batches."""
        if self.batch_size is None or self.batch_size >= m:
            return [slice(None)]
        order = rng.permutation(m)
        return [order[i : i + self.batch_size] for i in range(0, m, self.batch_size)]

    def step(self, X: Array, T: Array, theta: Array, b: Array) -> tuple[Array, Array]:
        """One update on the batch (X, T): v <- mu v - alpha g / m, w <- w + v. Returns the new (theta, b)."""
        if self.velocity is None:
            self.velocity = (np.zeros_like(theta), np.zeros_like(b))
        g_theta, g_b = loss_grad(X, T, theta, b)
        v_theta, v_b = self.velocity
        v_theta = self.momentum * v_theta - self.lr * g_theta / X.shape[0]
        v_b = self.momentum * v_b - self.lr * g_b / X.shape[0]
        self.velocity = (v_theta, v_b)
        return theta + v_theta, (b + v_b if self.update_b else b)

    def epoch(self, X: Array, T: Array, theta: Array, b: Array,
              rng: np.random.Generator) -> Iterator[tuple[Array, Array]]:
        """Yield (theta, b) after each update of one pass over the samples; the inputs are not modified."""
        for idx in self.batches(X.shape[0], rng):
            theta, b = self.step(X[idx], T[idx], theta, b)
            yield theta, b

    def run_epoch(self, X: Array, T: Array, theta: Array, b: Array,
                  rng: np.random.Generator) -> tuple[Array, Array]:
        """(theta, b) after one pass over the samples; the inputs are not modified."""
        for idx in self.batches(X.shape[0], rng):
            theta, b = self.step(X[idx], T[idx], theta, b)
        return theta, b


def descent_path(X: ArrayLike, y: ArrayLike, theta: ArrayLike, b: ArrayLike, *, lr: float, steps: int,
                 batch_size: int | None = None, momentum: float = 0.0, update_b: bool = True,
                 rng: np.random.Generator | None = None) -> tuple[Array, Array]:
    """The parameters after each of ``steps`` updates from (theta, b): GD, SGD and momentum paths to draw.

    Binary labels; theta has one weight per feature. With ``update_b=False`` b stays fixed, so a path over
    two features' weights lies on the contour map of ``loss_grid``. Returns (thetas (steps+1, n), bs (steps+1,)).
    """
    X = _check_X(X)
    classes, codes = encode_labels(y, m=X.shape[0])
    if classes.size != 2:
        raise DataError("logistic.err.two_classes", param="y", count=classes.size, classes=_listing(classes))
    theta0 = np.asarray(theta, dtype=X.dtype).reshape(1, -1)
    b0 = np.asarray(b, dtype=X.dtype).reshape(1)
    if theta0.shape[1] != X.shape[1]:
        raise ConfigError("logistic.err.theta_features", param="theta", weights=theta0.shape[1],
                          features=X.shape[1])
    _check_hyper(lr, 1, batch_size, momentum)
    if isinstance(steps, bool) or not isinstance(steps, Integral) or steps < 1:
        raise ConfigError("logistic.err.steps", param="steps", steps=repr(steps))
    if steps > MAX_PATH_STEPS:
        raise BudgetError("logistic.err.too_many_steps", param="steps", steps=steps, budget=MAX_PATH_STEPS)
    rng = rng if rng is not None else np.random.default_rng()
    T = targets(codes, 1, X.dtype)
    opt = GradientDescent(lr, batch_size, momentum, update_b)
    thetas, bs = [theta0[0]], [b0[0]]
    theta, b = theta0, b0
    while len(thetas) <= steps:
        for theta_k, b_k in opt.epoch(X, T, theta, b, rng):
            thetas.append(theta_k[0])
            bs.append(b_k[0])
            theta, b = theta_k, b_k
            if len(thetas) > steps:
                break
    return np.stack(thetas), np.array(bs)


def loss_grid(X: ArrayLike, y: ArrayLike, w1: ArrayLike, w2: ArrayLike, b: float = 0.0) -> Array:
    """J(w1, w2) at fixed b for every pair of the 1-D grids w1, w2 (two features): (len(w2), len(w1)),
    rows along w2 as contour plots expect."""
    X = _check_X(X)
    if X.shape[1] != 2:
        raise DataError("logistic.err.two_features", param="X", features=X.shape[1])
    classes, codes = encode_labels(y, m=X.shape[0])
    if classes.size != 2:
        raise DataError("logistic.err.two_classes", param="y", count=classes.size, classes=_listing(classes))
    W1, W2 = np.meshgrid(np.asarray(w1, dtype=float), np.asarray(w2, dtype=float))
    z = X[:, 0, None, None] * W1 + X[:, 1, None, None] * W2 + b  # (m, len(w2), len(w1))
    return cast(Array, binary_cross_entropy(z, codes.astype(float)[:, None, None], axis=0))  # with an axis: an array


# ---- validation at the public API ----------------------------------------


def _check_X(X: ArrayLike) -> Array:
    """X as a 2-D finite float array; float32 stays float32 (MNIST in float64 would double the memory)."""
    try:
        X = np.asarray(X)
        if not np.issubdtype(X.dtype, np.floating):
            X = X.astype(float)
    except (TypeError, ValueError):
        raise DataError("logistic.err.not_numbers", param="X") from None
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise DataError("logistic.err.shape", param="X", shape=X.shape)
    if not np.all(np.isfinite(X)):
        raise DataError("logistic.err.not_finite", param="X", value=float(X[~np.isfinite(X)][0]))
    scale = float(np.max(np.abs(X)))
    # Past max^(1/4) of the float type (1e77 in float64), X theta and the curvature |x|^2 that the
    # learning rate must fit overflow or leave no usable rate: no learning rate can help, standardising can.
    if scale > np.finfo(X.dtype).max ** 0.25:
        raise DataError("logistic.err.feature_scale", param="X", scale=f"{scale:.3g}")
    return X


def _check_hyper(lr, epochs, batch_size, momentum):
    if isinstance(lr, bool) or not (isinstance(lr, Real) and np.isfinite(lr) and lr > 0):
        raise ConfigError("logistic.err.lr", param="lr", lr=repr(lr))
    if isinstance(epochs, bool) or not isinstance(epochs, Integral) or epochs < 1:
        raise ConfigError("logistic.err.epochs", param="epochs", epochs=repr(epochs))
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, Integral)
                                   or batch_size < 1):
        raise ConfigError("logistic.err.batch_size", param="batch_size", batch_size=repr(batch_size))
    if isinstance(momentum, bool) or not (isinstance(momentum, Real) and 0 <= momentum < 1):
        raise ConfigError("logistic.err.momentum", param="momentum", momentum=repr(momentum))


def check_budget(m: int, n: int, n_out: int, epochs: int, batch_size: int | None) -> None:
    """Raise BudgetError unless training on m samples of n features with n_out outputs fits the budgets.

    Memory: the (m, n_out) targets and probabilities, the (n_out, n) weights. Time: every epoch
    computes X theta^T for the steps and again for the loss, 2 m n n_out multiply-adds, in
    ceil(m / batch_size) steps of a few microseconds of Python each.
    """
    elements = max(m * n_out, n_out * n)
    if elements > MAX_ELEMENTS:
        raise BudgetError("logistic.err.too_many_classes", param="y", m=m, n=n, k=n_out,
                          elements=f"{elements:,}", mb=f"{elements * 8 / 1e6:,.0f}", budget=f"{MAX_ELEMENTS:,}")
    steps_per_epoch = 1 if batch_size is None else -(-m // batch_size)
    work_per_epoch = 2 * m * n * n_out
    allowed = min(MAX_WORK // work_per_epoch, MAX_STEPS // steps_per_epoch)
    if epochs > allowed:
        raise BudgetError("logistic.err.too_many_epochs", param="epochs", epochs=epochs, m=m, n=n, k=n_out,
                          steps=f"{epochs * steps_per_epoch:,}", work=f"{epochs * work_per_epoch:,}",
                          max_steps=f"{MAX_STEPS:,}", max_work=f"{MAX_WORK:,}", allowed=max(allowed, 0))


# ---- the estimator --------------------------------------------------------


class LogisticRegression:
    """Unregularised logistic regression fitted by gradient descent, with scikit-learn's method names.

    Two classes: the lecture's sigmoid model; more: softmax (multinomial). Fitted
    attributes: ``classes_``, ``coef_`` (1 or K, n_features), ``intercept_``,
    ``n_features_in_``, ``loss_curve_`` (J / N after each epoch), ``n_iter_``
    (epochs run), ``converged_`` (mean gradient below ``tol``).
    ``seed`` (int or np.random.Generator) only shuffles the SGD batches.

    A loss that explodes (J/N above EXPLODING_FACTOR * ln K, or not finite) or a full run that ends no
    lower than where it started raises DivergenceError naming the learning rate, the epoch and the
    loss; the weights are those before the failing epoch. Huge features are blamed, rightly, on their scale.
    """

    # Set by fit / partial_fit (annotations only: before the first fit the attributes do not exist).
    classes_: Array
    n_features_in_: int
    coef_: Array
    intercept_: Array
    loss_curve_: list[float]
    n_iter_: int
    converged_: bool
    _optimizer: GradientDescent
    _rng: np.random.Generator

    def __init__(self, lr: float = 0.5, epochs: int = 1000, batch_size: int | None = None,
                 momentum: float = 0.0, tol: float = 1e-6,
                 seed: int | np.random.Generator | None = None) -> None:
        self.lr = lr
        self.epochs = epochs
        self.batch_size = batch_size
        self.momentum = momentum
        self.tol = tol
        self.seed = seed

    # -- scikit-learn's interface

    def fit(self, X: ArrayLike, y: ArrayLike) -> LogisticRegression:
        """Start from zero weights and run up to ``epochs`` passes, stopping early once converged."""
        X, codes = self._start(X, y, classes=None, reset=True)
        check_budget(X.shape[0], X.shape[1], self.coef_.shape[0], self.epochs, self.batch_size)
        T = targets(codes, self.coef_.shape[0], X.dtype)
        for _ in range(self.epochs):
            self._epoch(X, T)
            if self.converged_:
                break
        start = self._start_loss()
        if not self.converged_ and self.loss_curve_[-1] >= start:
            self._diverged(X, self.loss_curve_[-1], exploded=False)
        return self

    def partial_fit(self, X: ArrayLike, y: ArrayLike, classes: ArrayLike | None = None) -> LogisticRegression:
        """One pass over (X, y), continuing from the current weights. ``classes`` is required on the first call
        when y need not contain every class."""
        first = not hasattr(self, "coef_")
        X, codes = self._start(X, y, classes=classes, reset=first)
        check_budget(X.shape[0], X.shape[1], self.coef_.shape[0], 1, self.batch_size)
        self._epoch(X, targets(codes, self.coef_.shape[0], X.dtype))
        return self

    def predict_proba(self, X: ArrayLike) -> Array:
        return probabilities(self._check_fitted_X(X), self.coef_, self.intercept_)

    def predict(self, X: ArrayLike) -> Array:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy: the fraction of samples whose predicted class is y."""
        y = np.asarray(y)
        predicted = self.predict(X)
        if y.shape != predicted.shape:
            raise DataError("logistic.err.score_shape", param="y", shape=y.shape, m=predicted.shape[0])
        return float(np.mean(predicted == y))

    def loss(self, X: ArrayLike, y: ArrayLike) -> float:
        """The lecture's J (summed negative log-likelihood) of (X, y) under the fitted weights."""
        X = self._check_fitted_X(X)
        return loss(X, targets(self._codes(y, X.shape[0]), self.coef_.shape[0]), self.coef_, self.intercept_)

    # -- internals

    def _start(self, X: ArrayLike, y: ArrayLike, classes: ArrayLike | None, reset: bool) -> tuple[Array, Array]:
        X = _check_X(X)
        _check_hyper(self.lr, self.epochs, self.batch_size, self.momentum)
        if isinstance(self.tol, bool) or not (isinstance(self.tol, Real) and self.tol >= 0):
            raise ConfigError("logistic.err.tol", param="tol", tol=repr(self.tol))
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
            raise DataError("logistic.err.features_mismatch", param="X", features=X.shape[1],
                            fitted=self.n_features_in_)
        return X, self._codes(y, X.shape[0])

    def _codes(self, y, m):
        return encode_labels(y, self.classes_, m)[1]

    def _start_loss(self) -> float:
        """J/N at zero weights, where fit starts: ln 2 for the sigmoid, ln K for softmax over K classes."""
        return float(np.log(self.classes_.size))

    def _epoch(self, X, T):
        before = (self.coef_, self.intercept_, self._optimizer.velocity)
        with np.errstate(over="ignore", invalid="ignore"):
            theta, b = self._optimizer.run_epoch(X, T, self.coef_, self.intercept_, self._rng)
            m = X.shape[0]
            j, g_theta, g_b = loss_and_grad(X, T, theta, b)
        self.n_iter_ += 1
        if not (np.isfinite(j) and np.all(np.isfinite(theta)) and np.all(np.isfinite(b))) or (
                j / m > EXPLODING_FACTOR * self._start_loss()):
            # Keep the weights of the last good epoch, as train.fit does for networks.
            self.coef_, self.intercept_, self._optimizer.velocity = before
            self._diverged(X, j / m, exploded=True)
        self.coef_, self.intercept_ = theta, b
        self.loss_curve_.append(j / m)
        self.converged_ = bool(max(np.abs(g_theta).max(), np.abs(g_b).max()) / m < self.tol)

    def _diverged(self, X, loss_value: float, *, exploded: bool):
        """Raise DivergenceError (the loss ``exploded``, or ended no lower than it started): blame the
        learning rate, or the features' scale when they are large."""
        scale = float(np.max(np.abs(X)))
        values = {"epoch": self.n_iter_, "loss": float(loss_value), "lr": float(self.lr),
                  "start": round(self._start_loss(), 4), "suggest": f"{self.lr / 10:g}", "scale": f"{scale:.3g}"}
        if scale > LARGE_FEATURE:
            if exploded:
                raise DivergenceError("logistic.err.diverged_scale", param="X", **values)
            raise DivergenceError("logistic.err.no_progress_scale", param="X", **values)
        if exploded:
            raise DivergenceError("logistic.err.diverged", param="lr", **values)
        raise DivergenceError("logistic.err.no_progress", param="lr", **values)

    def _check_fitted_X(self, X: ArrayLike) -> Array:
        if not hasattr(self, "coef_"):
            raise ConfigError("logistic.err.not_fitted", param="model")
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise DataError("logistic.err.features_mismatch", param="X", features=X.shape[1],
                            fitted=self.n_features_in_)
        return X
