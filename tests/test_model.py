"""One decision rule and one class count (Model/Network), and the library functions the CLI and web lab call."""

import numpy as np
import pytest

from nnscratch.activations import names
from nnscratch.complexity import compare, reductions
from nnscratch.errors import ConfigError
from nnscratch.model import Model, check_digit_model, class_count
from nnscratch.network import Network
from nnscratch.recipes import RunConfig, check_fit, evaluation_report, load_task


def sigmoid_2_16_1(seed=0):
    return Model(Network([2, 16, 1], "tanh", "sigmoid", init="xavier", rng=np.random.default_rng(seed),
                         dtype=np.float64), classes=["0", "1"])


# ------------------------------------------------------------------------------------------ class count


def test_class_count_of_a_single_unit_is_two():
    assert [class_count(n) for n in (1, 2, 3, 10)] == [2, 2, 3, 10]
    assert Model(Network([2, 1], rng=np.random.default_rng(0))).classes == ["0", "1"]
    assert Model(Network([2, 3], rng=np.random.default_rng(0))).n_classes == 3


def test_the_model_stores_the_one_spelling_of_its_loss():
    assert Model(Network([2, 2], rng=np.random.default_rng(0)), loss="cross-entropy").loss == "cross_entropy"
    with pytest.raises(ConfigError) as info:
        Model(Network([2, 2], rng=np.random.default_rng(0)), loss="hinge")
    assert info.value.param == "loss"


def test_class_names_must_match_the_class_count():
    with pytest.raises(ConfigError) as info:
        Model(Network([2, 3], rng=np.random.default_rng(0)), classes=["a", "b"])
    assert info.value.key == "model.err.classes" and info.value.param == "classes"
    assert "2 class names given for a network with 3 output unit(s)" in str(info.value)


# ------------------------------------------------------------------------------------------ decisions


@pytest.mark.parametrize("output", names("output"))
@pytest.mark.parametrize("n_out", [1, 3])
def test_class_scores_rank_the_decided_class_first(output, n_out):
    if output == "softmax" and n_out == 1:
        pytest.skip("a single softmax unit is always 1")
    model = Model(Network([4, n_out], "sigmoid", output, rng=np.random.default_rng(1), dtype=np.float64))
    x = np.random.default_rng(2).standard_normal((200, 4)) * 3
    out = model.predict_proba(x)
    scores = model.class_scores(out)
    assert scores.shape == (200, model.n_classes)
    np.testing.assert_array_equal(scores.argmax(axis=1), model.decide(out))
    np.testing.assert_array_equal(model.predict(x), model.network.decide(out))


def test_a_2_16_1_sigmoid_model_that_check_fit_accepts_is_evaluated():
    """The issue's crash: argmax over one column and sizes[-1] classes gave an IndexError."""
    cfg = RunConfig.from_preset("toy", dataset="circles", layers=[2, 16, 1], output="sigmoid", epochs=1)
    data = load_task(cfg)
    check_fit(cfg, data)  # a single sigmoid unit for two classes is accepted ...
    model = sigmoid_2_16_1()
    report = evaluation_report(model, data.x_test, data.y_test, mistakes=5)  # ... and evaluated
    pred = model.predict_raw(data.x_test)
    cm = np.array(report["confusion_matrix"])
    assert cm.shape == (2, 2) and cm.sum() == len(data.y_test) and report["classes"] == ["0", "1"]
    assert report["accuracy"] == pytest.approx(np.mean(pred == data.y_test))
    assert cm[1, 1] == np.sum((pred == 1) & (data.y_test == 1))
    a = model.predict_proba_raw(data.x_test)[:, 0]
    for m in report["mistakes"]:
        i = m["index"]
        assert m["predicted"] == pred[i] != data.y_test[i]
        assert m["confidence"] == pytest.approx(a[i] if pred[i] == 1 else 1 - a[i])
    assert [m["confidence"] for m in report["mistakes"]] == sorted((m["confidence"] for m in report["mistakes"]),
                                                                     reverse=True)


def test_evaluation_report_by_hand_with_a_threshold_unit():
    """One sigmoid unit a = sigmoid(x_1 - x_2): class 1 when x_1 > x_2."""
    net = Network([2, 1], "sigmoid", "sigmoid", dtype=np.float64,
                  theta=[None, None, np.array([[1.0, -1.0]])], b=[None, None, np.array([0.0])])
    model = Model(net, input_scale=0.5, classes=["low", "high"])
    x_raw = np.array([[4.0, 0.0], [0.0, 4.0], [2.0, 0.0], [0.0, 2.0]])   # scaled: x1 - x2 = 2, -2, 1, -1
    y = np.array([1, 1, 0, 0])                                           # rows 1 and 2 are mistakes
    report = evaluation_report(model, x_raw, y)
    assert report["confusion_matrix"] == [[1, 1], [1, 1]] and report["accuracy"] == 0.5
    assert report["precision"] == [0.5, 0.5] and report["recall"] == [0.5, 0.5]
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    assert report["mistakes"] == [{"index": 1, "true": 1, "predicted": 0, "confidence": pytest.approx(1 - s(-2))},
                                  {"index": 2, "true": 0, "predicted": 1, "confidence": pytest.approx(s(1))}]


def test_evaluation_report_refuses_data_of_the_wrong_shape_naming_the_parameter():
    model = sigmoid_2_16_1()
    with pytest.raises(ConfigError) as info:
        evaluation_report(model, np.zeros((3, 5)), [0, 1, 0])
    assert info.value.param == "x_raw" and "takes 2 inputs per sample" in str(info.value)
    with pytest.raises(ConfigError) as info:
        evaluation_report(model, np.zeros((3, 2)), [0, 1])
    assert info.value.param == "y"


def test_check_fit_uses_the_class_count():
    cfg = RunConfig.from_preset("xor", dataset="xor")
    data = load_task(cfg)
    for last in (1, 2):
        cfg.layers = [2, 4, last]
        check_fit(cfg, data)
    cfg.layers = [2, 4, 3]
    with pytest.raises(ConfigError) as info:
        check_fit(cfg, data)
    assert info.value.param == "layers" and "does not fit xor: the first size must be 2" in str(info.value)
    assert "--layers" not in str(info.value)


def test_recipe_errors_name_parameters():
    with pytest.raises(ConfigError) as info:
        RunConfig.from_preset("huge")
    assert info.value.param == "preset" and info.value.key == "recipe.err.unknown_preset"
    with pytest.raises(ConfigError) as info:
        RunConfig.from_preset("toy", dataset="circles", colour="red")
    assert info.value.param == "overrides" and "colour" in str(info.value)
    with pytest.raises(ConfigError) as info:
        load_task(RunConfig.from_preset("toy", dataset="cifar"))
    assert info.value.param == "dataset" and "unknown dataset 'cifar'" in str(info.value)


# ------------------------------------------------------------------------------------------ 28x28 models


def test_check_digit_model():
    check_digit_model(Model(Network([784, 10], rng=np.random.default_rng(0)), input_shape=(28, 28)))
    for model in (Model(Network([2, 4, 2], rng=np.random.default_rng(0))),
                  Model(Network([784, 10], rng=np.random.default_rng(0)))):  # 784 inputs, but flat
        with pytest.raises(ConfigError, match="'toy.npz' takes inputs of shape .*, not 28x28 images") as info:
            check_digit_model(model, "toy.npz")
        assert info.value.param == "model" and "28x28" in info.value.message("zh")


# ------------------------------------------------------------------------------------------ homework V


def test_compare_is_homework_v_as_data():
    r = compare([784, 30, 10], 64, (256, 256))
    assert r["total"] == 23860 and r["batch"] == 64
    assert r["input"]["total"] == 65536 * 30 + 30 + 310
    assert r["input"]["growth"] == pytest.approx((65536 * 30 + 340) / 23860)
    assert {m["measure"] for m in r["input"]["reductions"]} == {"downsample", "weight_sharing", "narrower",
                                                              "float16", "int8"}
    assert "input" not in compare([784, 30, 10])


def test_only_measures_that_save_are_listed():
    """Issue 11, item 10: a 1x1 input listed 'weight sharing ... 0.0 x fewer' as a saving."""
    measures = reductions([784, 30, 10], (1, 1))
    assert all(m["factor"] > 1 for m in measures)
    assert {m["measure"] for m in measures}.isdisjoint({"weight_sharing", "downsample"})


@pytest.mark.parametrize("call, param", [
    (lambda: compare([784, 30, 10], 0), "batch"),
    (lambda: compare([784, 30, 10], image=(0, 5)), "image"),
    (lambda: compare([784, 30, 10], image="big"), "image"),
    (lambda: compare([784, 30, 10], dtype="float8"), "dtype"),
])
def test_complexity_errors_name_the_parameter(call, param):
    with pytest.raises(ConfigError) as info:
        call()
    assert info.value.param == param


# ------------------------------------------------------------------------------------------ export report


@pytest.mark.parametrize("fmt, extra", [("onnx", "onnxruntime"), ("torch", "torch")])
def test_export_model_returns_the_report_and_checks_with_the_models_own_scaling(tmp_path, fmt, extra):
    pytest.importorskip(extra)
    from nnscratch.export import export_model

    net = Network([6, 5, 3], "relu", "softmax", init="he", rng=np.random.default_rng(0))
    model = Model(net, input_scale=0.37, classes=["a", "b", "c"])  # not 1/255: the report must use this
    path = tmp_path / ("m.onnx" if fmt == "onnx" else "m.pt")
    report = export_model(model, path, check_samples=50, source="m.npz")
    assert report["format"] == fmt and report["model"] == "m.npz" and report["path"] == str(path)
    assert report["checked_samples"] == 50 and report["bytes"] == path.stat().st_size > 0
    assert report["max_abs_diff"] < 1e-5 and report["classes"] == ["a", "b", "c"] and report["input_scale"] == 0.37
    if fmt == "onnx":
        assert report["runtime"] == "onnxruntime" and report["outputs"] == ["output", "label"]
    else:
        assert report["keys"] == ["0.weight", "0.bias", "2.weight", "2.bias"] and "nn.ReLU()" in report["snippet"]


def test_export_model_refuses_an_unknown_format(tmp_path):
    from nnscratch.export import export_model

    model = Model(Network([2, 2], rng=np.random.default_rng(0)))
    with pytest.raises(ConfigError) as info:
        export_model(model, tmp_path / "m.bin")
    assert info.value.param == "path" and "--format" not in str(info.value)
    with pytest.raises(ConfigError) as info:
        export_model(model, tmp_path / "m.onnx", "tflite")
    assert info.value.param == "fmt"
