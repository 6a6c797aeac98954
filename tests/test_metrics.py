"""metrics.py against confusion matrices, precision, recall and mistakes worked out by hand."""

import numpy as np
import pytest

from nnscratch.errors import ConfigError
from nnscratch.metrics import (
    accuracy_interval,
    confident_mistakes,
    confusion_matrix,
    precision_recall,
    wilson_interval,
)

# Seven samples of three classes. By hand:
#   true 0: predicted 0, 1          -> row 0 = [1, 1, 0]
#   true 1: predicted 1, 1          -> row 1 = [0, 2, 0]
#   true 2: predicted 2, 0, 2       -> row 2 = [1, 0, 2]
Y_TRUE = [0, 0, 1, 1, 2, 2, 2]
Y_PRED = [0, 1, 1, 1, 2, 0, 2]
CM = [[1, 1, 0],
      [0, 2, 0],
      [1, 0, 2]]


def test_confusion_matrix_by_hand():
    cm = confusion_matrix(Y_TRUE, Y_PRED, 3)
    assert cm.dtype == np.int64 and cm.tolist() == CM
    assert cm.sum() == len(Y_TRUE) and np.trace(cm) == 5  # 5 of 7 right


def test_confusion_matrix_has_a_row_for_a_class_that_never_occurs():
    cm = confusion_matrix(Y_TRUE, Y_PRED, 4)
    assert cm.shape == (4, 4) and cm[:3, :3].tolist() == CM and cm[3].sum() == cm[:, 3].sum() == 0


def test_confusion_matrix_accepts_integral_floats_and_numpy_ints():
    assert confusion_matrix(np.array(Y_TRUE, float), np.array(Y_PRED, np.uint8), np.int64(3)).tolist() == CM


def test_precision_and_recall_by_hand():
    precision, recall = precision_recall(np.array(CM))
    # precision: of those predicted j, the share that are j (columns): 1/2, 2/3, 2/2
    np.testing.assert_allclose(precision, [1 / 2, 2 / 3, 1.0])
    # recall: of those of class i, the share predicted i (rows): 1/2, 2/2, 2/3
    np.testing.assert_allclose(recall, [1 / 2, 1.0, 2 / 3])


def test_precision_and_recall_are_zero_for_a_class_never_seen_nor_predicted():
    with np.errstate(all="raise"):  # no 0/0 warnings on the way
        precision, recall = precision_recall(confusion_matrix(Y_TRUE, Y_PRED, 4))
    assert precision[3] == 0 and recall[3] == 0
    np.testing.assert_allclose(precision[:3], [1 / 2, 2 / 3, 1.0])


def test_confident_mistakes_by_hand():
    scores = np.array([[0.8, 0.1, 0.1],
                       [0.3, 0.6, 0.1],    # mistake: true 0, predicted 1 with 0.6
                       [0.1, 0.8, 0.1],
                       [0.2, 0.7, 0.1],
                       [0.1, 0.1, 0.8],
                       [0.9, 0.05, 0.05],  # mistake: true 2, predicted 0 with 0.9
                       [0.2, 0.1, 0.7]])
    mistakes = confident_mistakes(scores, Y_TRUE, Y_PRED)
    assert mistakes == [{"index": 5, "true": 2, "predicted": 0, "confidence": 0.9},
                        {"index": 1, "true": 0, "predicted": 1, "confidence": 0.6}]
    assert confident_mistakes(scores, Y_TRUE, Y_PRED, k=1) == mistakes[:1]
    assert confident_mistakes(scores, Y_TRUE, Y_PRED, k=0) == []
    assert confident_mistakes(scores, Y_TRUE, Y_TRUE) == []  # nothing wrong, nothing listed


def test_confident_mistakes_use_the_given_decisions_not_an_argmax():
    """A single sigmoid unit: the scores are [1 - a, a]; the decision comes from the model, not from here."""
    a = np.array([0.9, 0.2, 0.6])
    scores = np.stack([1 - a, a], axis=1)
    mistakes = confident_mistakes(scores, [0, 0, 1], [1, 0, 1])
    assert mistakes == [{"index": 0, "true": 0, "predicted": 1, "confidence": pytest.approx(0.9)}]


def test_ties_keep_the_samples_order():
    scores = np.full((4, 2), 0.5)
    assert [m["index"] for m in confident_mistakes(scores, [0, 0, 0, 0], [1, 1, 1, 1])] == [0, 1, 2, 3]


@pytest.mark.parametrize("call, param", [
    (lambda: confusion_matrix([0, 3], [0, 1], 3), "y_true"),          # label outside 0..2
    (lambda: confusion_matrix([0, 1], [0, -1], 3), "y_pred"),
    (lambda: confusion_matrix([0, 1.5], [0, 1], 3), "y_true"),        # not an index
    (lambda: confusion_matrix(["a", "b"], [0, 1], 3), "y_true"),      # names, not indices
    (lambda: confusion_matrix([0, np.nan], [0, 1], 3), "y_true"),
    (lambda: confusion_matrix([0, 1, 1], [0, 1], 3), "y_pred"),       # lengths differ
    (lambda: confusion_matrix([0], [0], 0), "n_classes"),
    (lambda: confusion_matrix([0], [0], True), "n_classes"),
    (lambda: confident_mistakes(np.zeros(3), [0], [0]), "scores"),     # not (m, k)
    (lambda: confident_mistakes(np.zeros((2, 2)), [0, 1], [0]), "y_pred"),
])
def test_bad_inputs_are_config_errors_naming_the_parameter(call, param):
    with pytest.raises(ConfigError) as info:
        call()
    assert info.value.param == param and info.value.key.startswith("metrics.err.")
    assert "metrics.err" not in str(info.value) and "metrics.err" not in info.value.message("zh")


# -- the Wilson score interval -------------------------------------------------------------------------
# By hand, z = 1.959964 (z^2 = 3.841459):
#   8 of 10:  centre = (0.8 + 0.1920730) / 1.3841459 = 0.7167401; half = 1.4160097 * sqrt(0.016 + 0.0096037)
#             = 0.2265777 -> 0.490162 .. 0.943318
#   0 of 10:  low 0; high = z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.277533
#   9,800 of 10,000: centre = 0.9798157, half = 0.0027496 -> 0.977066 .. 0.982565 (about +-0.27 points)


@pytest.mark.parametrize("k, n, low, high", [
    (8, 10, 0.490162, 0.943318),
    (0, 10, 0.0, 0.277533),
    (10, 10, 1 - 0.277533, 1.0),
    (9800, 10000, 0.977066, 0.982565),
])
def test_wilson_interval_by_hand(k, n, low, high):
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=2e-6)


def test_wilson_interval_of_98_percent_on_10000_images_is_about_027_points():
    low, high = wilson_interval(9800, 10_000)
    assert 100 * (high - low) / 2 == pytest.approx(0.27, abs=0.005)
    assert low < 0.98 < high


def test_wilson_interval_narrows_with_more_samples_and_widens_with_confidence():
    assert (np.diff(wilson_interval(98, 100)) > np.diff(wilson_interval(980, 1000))
            > np.diff(wilson_interval(9800, 10000)))
    assert np.diff(wilson_interval(80, 100, 0.99)) > np.diff(wilson_interval(80, 100, 0.95)) > \
        np.diff(wilson_interval(80, 100, 0.5))


def test_accuracy_interval_counts_right_answers():
    r = accuracy_interval(Y_TRUE, Y_PRED)  # 5 of 7
    assert r["accuracy"] == pytest.approx(5 / 7) and r["n"] == 7 and r["confidence"] == 0.95
    assert (r["low"], r["high"]) == wilson_interval(5, 7)


@pytest.mark.parametrize("call, param", [
    (lambda: wilson_interval(11, 10), "successes"),
    (lambda: wilson_interval(-1, 10), "successes"),
    (lambda: wilson_interval(0, 0), "successes"),
    (lambda: wilson_interval(1.5, 10), "successes"),
    (lambda: wilson_interval(1, 10.0), "n"),
    (lambda: wilson_interval(True, 10), "successes"),
    (lambda: wilson_interval(1, 10, 1.0), "confidence"),
    (lambda: wilson_interval(1, 10, 0), "confidence"),
    (lambda: wilson_interval(1, 10, "95%"), "confidence"),
    (lambda: accuracy_interval([], []), "successes"),
    (lambda: accuracy_interval([0, 1], [0]), "y_pred"),
])
def test_bad_interval_inputs_are_config_errors(call, param):
    with pytest.raises(ConfigError) as info:
        call()
    assert info.value.param == param and info.value.key.startswith("metrics.err.")
    assert "metrics.err" not in info.value.message("zh")
