"""Classification metrics from labels and predicted probabilities."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """counts[i, j] = how many samples of class i were predicted as j. (k, k) int64"""
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return counts


def precision_recall(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-class precision (column-wise) and recall (row-wise); 0 where a class never occurs."""
    tp = np.diag(cm).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(cm.sum(axis=0) > 0, tp / cm.sum(axis=0), 0.0)
        recall = np.where(cm.sum(axis=1) > 0, tp / cm.sum(axis=1), 0.0)
    return precision, recall


def confident_mistakes(proba: np.ndarray, y_true, k: int = 10) -> list[dict]:
    """The k misclassified samples the model was most sure of: index, true, predicted, confidence."""
    y_true = np.asarray(y_true)
    pred = proba.argmax(axis=1)
    wrong = np.flatnonzero(pred != y_true)
    confidence = proba[wrong, pred[wrong]]
    top = wrong[np.argsort(-confidence, kind="stable")[:k]]
    return [{"index": int(i), "true": int(y_true[i]), "predicted": int(pred[i]),
             "confidence": float(proba[i, pred[i]])} for i in top]
