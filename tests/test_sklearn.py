"""The scikit-learn adapter: scikit-learn's own estimator checks, Pipeline, GridSearchCV."""

import importlib
import sys

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the sklearn extra is not installed: pip install 'nnscratch[sklearn]'")

from sklearn.datasets import load_digits, load_iris
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from nnscratch.errors import MissingExtraError
from nnscratch.sklearn import MLPClassifier


@parametrize_with_checks([
    MLPClassifier(),  # the defaults users get
    MLPClassifier(hidden_layer_sizes=(8, 8), activation="tanh", optimizer="momentum", learning_rate=0.05,
                  epochs=20, random_state=0),
])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)


def test_pipeline_on_digits(digits):
    X_train, X_test, y_train, y_test = digits
    clf = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(32,), epochs=20, random_state=0))
    assert clf.fit(X_train, y_train).score(X_test, y_test) > 0.93
    proba = clf.predict_proba(X_test)
    assert proba.shape == (len(X_test), 10) and np.allclose(proba.sum(axis=1), 1)


def test_grid_search():
    X, y = load_iris(return_X_y=True)
    search = GridSearchCV(
        make_pipeline(StandardScaler(), MLPClassifier(epochs=30, random_state=0)),
        {"mlpclassifier__hidden_layer_sizes": [(4,), (16,)], "mlpclassifier__learning_rate": [1e-3, 1e-2]},
        cv=3,
    )
    search.fit(X, y)
    assert search.best_score_ > 0.85
    assert set(search.best_params_) == {"mlpclassifier__hidden_layer_sizes", "mlpclassifier__learning_rate"}


def test_arbitrary_labels_and_fitted_attributes():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    clf = MLPClassifier(hidden_layer_sizes=(), epochs=50, learning_rate=0.05, random_state=0)  # softmax regression
    clf.fit(StandardScaler().fit_transform(X), names)
    assert list(clf.classes_) == ["setosa", "versicolor", "virginica"]
    assert set(clf.predict(StandardScaler().fit_transform(X))) <= set(clf.classes_)
    assert clf.network_.sizes == [4, 3] and clf.n_iter_ == 50 and len(clf.history_) == 50
    assert clf.loss_ == clf.history_[-1]["train_loss"]


def test_same_random_state_same_model():
    X, y = load_iris(return_X_y=True)
    a = MLPClassifier(hidden_layer_sizes=(5,), epochs=3, random_state=7).fit(X, y)
    b = MLPClassifier(hidden_layer_sizes=(5,), epochs=3, random_state=7).fit(X, y)
    np.testing.assert_array_equal(a.predict_proba(X), b.predict_proba(X))


@pytest.mark.parametrize("params, message", [
    ({"hidden_layer_sizes": (0,)}, "hidden_layer_sizes"),
    ({"hidden_layer_sizes": "big"}, "hidden_layer_sizes"),
    ({"hidden_layer_sizes": (2.5,)}, "hidden_layer_sizes"),
    ({"activation": "softmax"}, "hidden activation"),
    ({"optimizer": "lbfgs"}, "optimizer"),
    ({"learning_rate": -1}, "learning rate"),
    ({"epochs": 0}, "epochs"),
    ({"loss": "hinge"}, "loss"),
    ({"dtype": "float16"}, "dtype"),
    ({"init": "orthogonal"}, "initialisation"),
])
def test_bad_hyperparameters_fail_in_fit(params, message):
    X, y = load_iris(return_X_y=True)
    clf = MLPClassifier(**params)  # stored as given, like every scikit-learn estimator
    with pytest.raises(ValueError, match=message):
        clf.fit(X, y)


def test_to_model_exports_to_onnx(tmp_path):
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    from nnscratch.export.onnx import export_onnx, run_onnx

    X, y = load_digits(return_X_y=True)  # 8x8 pixels 0..16
    clf = MLPClassifier(hidden_layer_sizes=(20,), epochs=5, random_state=0).fit(X / 16, y)
    # the ONNX graph takes raw pixels and does the / 16 itself
    model = clf.to_model(input_scale=1 / 16, input_shape=(8, 8), dataset="sklearn-digits")
    output, label = run_onnx(export_onnx(model, tmp_path / "digits.onnx"), X.astype(np.float32))
    assert np.max(np.abs(output - clf.predict_proba(X / 16))) < 1e-5
    np.testing.assert_array_equal(model.classes, [str(c) for c in range(10)])
    np.testing.assert_array_equal(label, clf.predict(X / 16))


def test_missing_sklearn_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # as if scikit-learn were not installed
    monkeypatch.delitem(sys.modules, "nnscratch.sklearn")
    with pytest.raises(MissingExtraError, match=r'pip install "nnscratch\[sklearn\]"'):
        importlib.import_module("nnscratch.sklearn")


def test_auto_initialisation_is_the_networks_one_rule():
    from nnscratch.network import default_init

    X, y = load_iris(return_X_y=True)
    for activation in ("relu", "tanh"):
        auto = MLPClassifier((5,), activation, epochs=2, random_state=0).fit(X, y)
        explicit = MLPClassifier((5,), activation, epochs=2, init=default_init(activation), random_state=0).fit(X, y)
        for a, b in zip(auto.network_.parameters(), explicit.network_.parameters(), strict=True):
            np.testing.assert_array_equal(a, b)


def test_a_run_that_does_not_learn_warns_as_scikit_learn_does():
    """A learning rate too small to move the loss: the trainer's 'never moved off its start' verdict (a
    DivergenceError for `nnscratch train`) becomes scikit-learn's ConvergenceWarning, and the estimator is fitted."""
    from sklearn.exceptions import ConvergenceWarning

    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((40, 3)), rng.integers(0, 2, 40)
    clf = MLPClassifier((8, 8), "tanh", init="normal", optimizer="sgd", learning_rate=1e-9, epochs=60,
                        random_state=0)
    with pytest.warns(ConvergenceWarning, match="learning rate"):
        clf.fit(X, y)
    assert clf.n_iter_ >= 1 and clf.predict(X).shape == (40,)


def test_one_class_is_a_keyed_error_naming_y():
    from nnscratch.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        MLPClassifier().fit(np.zeros((3, 2)), [1, 1, 1])
    assert info.value.param == "y" and info.value.key == "sklearn.err.one_class"
