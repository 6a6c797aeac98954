"""Classification metrics from true and decided class indices.

Nothing here decides a class: the predictions come from ``Model.decide`` (the
network's rule), the class count from ``Model.n_classes``. Labels are class
indices 0..k-1.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch.errors import ConfigError

Array = NDArray[Any]


def _indices(labels: Any, n_classes: int, param: str) -> NDArray[np.int64]:
    """``labels`` as a 1-D int64 array, each in 0..n_classes-1 (ConfigError naming ``param`` otherwise)."""
    arr = np.asarray(labels).reshape(-1)
    if arr.dtype.kind in "iub":
        good = (arr >= 0) & (arr < n_classes)
    elif arr.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            good = np.isfinite(arr) & (arr == np.round(arr)) & (arr >= 0) & (arr < n_classes)
    else:  # strings, objects: names, not indices
        good = np.zeros(arr.shape, bool)
    if not np.all(good):
        bad = arr[np.argmin(good)]
        raise ConfigError("metrics.err.label_range", param=param, last=n_classes - 1,
                          bad=bad.item() if hasattr(bad, "item") else bad)
    return arr.astype(np.int64)


def confusion_matrix(y_true: Any, y_pred: Any, n_classes: int) -> NDArray[np.int64]:
    """counts[i, j] = how many samples of class i were predicted as j. (k, k) int64"""
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ConfigError("metrics.err.n_classes", param="n_classes", n_classes=n_classes)
    true = _indices(y_true, int(n_classes), "y_true")
    pred = _indices(y_pred, int(n_classes), "y_pred")
    if len(true) != len(pred):
        raise ConfigError("metrics.err.lengths", param="y_pred", n_true=len(true), n_pred=len(pred))
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (true, pred), 1)
    return counts


def precision_recall(cm: Array) -> tuple[Array, Array]:
    """Per-class precision (column-wise: of the samples predicted as j, the share that are j) and
    recall (row-wise: of the samples of class i, the share predicted as i); 0 where a class never occurs."""
    tp = np.diag(cm).astype(float)
    predicted, actual = cm.sum(axis=0), cm.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    return precision, recall


def confident_mistakes(scores: Array, y_true: Any, y_pred: Any, k: int = 10) -> list[dict[str, Any]]:
    """The k misclassified samples the model was most sure of: index, true, predicted, confidence.

    scores: (m, n_classes) from ``Model.class_scores`` (a(L) for a softmax layer); the confidence of a
    sample is its score for the predicted class. Ties keep the samples' order.
    """
    scores = np.asarray(scores)
    if scores.ndim != 2:
        raise ConfigError("metrics.err.scores_shape", param="scores", shape=scores.shape)
    true = _indices(y_true, scores.shape[1], "y_true")
    pred = _indices(y_pred, scores.shape[1], "y_pred")
    if len(true) != len(pred) or len(pred) != len(scores):
        raise ConfigError("metrics.err.lengths", param="y_pred", n_true=len(true), n_pred=len(pred))
    wrong = np.flatnonzero(pred != true)
    confidence = scores[wrong, pred[wrong]]
    top = wrong[np.argsort(-confidence, kind="stable")[:max(int(k), 0)]]
    return [{"index": int(i), "true": int(true[i]), "predicted": int(pred[i]),
             "confidence": float(scores[i, pred[i]])} for i in top]


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for a proportion: (low, high), both in [0, 1].

    ``successes`` right out of ``n`` (e.g. correctly classified test images). With p = successes / n and
    z the normal quantile of (1 + confidence) / 2 (1.96 for 95%):

        centre = (p + z^2 / 2n) / (1 + z^2 / n)
        half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)

    Unlike p +- z sqrt(p(1-p)/n) it never leaves [0, 1] and is not zero-width at p = 0 or 1
    (Wilson 1927; Brown, Cai and DasGupta 2001). 9,800 of 10,000 gives 97.71% to 98.26%, about +-0.27 points.
    """
    for name, value in (("successes", successes), ("n", n)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ConfigError("metrics.err.count_int", param=name, name=name, value=value)
    if n < 1 or not 0 <= successes <= n:
        raise ConfigError("metrics.err.count_range", param="successes", successes=successes, n=n)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise ConfigError("metrics.err.confidence", param="confidence", value=confidence)
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    p, n = successes / n, int(n)
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # the exact ends at p = 0 and p = 1 (rounding would put them a hair off 0 and 1)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def accuracy_interval(y_true: Any, y_pred: Any, confidence: float = 0.95) -> dict[str, Any]:
    """Accuracy with its Wilson interval: {"accuracy", "low", "high", "n", "confidence"}.

    y_true, y_pred: (m,) class indices, m >= 1.
    """
    true, pred = np.asarray(y_true).reshape(-1), np.asarray(y_pred).reshape(-1)
    if len(true) != len(pred):
        raise ConfigError("metrics.err.lengths", param="y_pred", n_true=len(true), n_pred=len(pred))
    right = int(np.sum(true == pred))
    low, high = wilson_interval(right, len(true), confidence)
    return {"accuracy": right / len(true) if len(true) else 0.0, "low": low, "high": high, "n": int(len(true)),
            "confidence": confidence}
