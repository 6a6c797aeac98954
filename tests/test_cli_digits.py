"""`nnscratch train / evaluate / predict / params`: the handwritten-digit case study end to end."""

import json

import numpy as np
import pytest

from cli_helpers import assert_one_line_error, run_cli
from nnscratch.data import load_dataset, write_idx
from nnscratch.io.model import load_model, save_model


@pytest.fixture
def tiny_mnist(tmp_path):
    """An MNIST-layout folder with 300 training and 100 test images of two easy patterns per class."""
    rng = np.random.default_rng(0)
    folder = tmp_path / "tiny"
    folder.mkdir()

    def images(labels):
        x = rng.integers(0, 30, (len(labels), 28, 28), dtype=np.uint8)
        for i, k in enumerate(labels):
            x[i, 2 * k:2 * k + 4, 4:24] = 255  # a bar whose height says the class
        return x

    for part, n in (("train", 300), ("t10k", 100)):
        y = np.arange(n, dtype=np.uint8) % 10
        write_idx(folder / f"{part}-images-idx3-ubyte.gz", images(y))
        write_idx(folder / f"{part}-labels-idx1-ubyte.gz", y)
    return folder


def train(capsys, tmp_path, *extra):
    out = tmp_path / "model.npz"
    code, stdout, err = run_cli(capsys, "train", "--out", out, "--json", *extra)
    assert code == 0, err
    return json.loads(stdout), out


def test_train_json_on_a_small_mnist_layout_folder(capsys, tmp_path, tiny_mnist):
    r, out = train(capsys, tmp_path, "--data-dir", tiny_mnist, "--epochs", "3", "--validation", "50",
                   "--layers", "784,32,10", "--batch-size", "20")
    assert set(r) >= {"test_accuracy", "validation_accuracy", "seconds", "history", "model"}
    assert len(r["history"]) == 3 and r["model"] == str(out)
    assert set(r["history"][0]) >= {"epoch", "train_loss", "train_accuracy", "validation_loss",
                                    "validation_accuracy", "test_accuracy"}
    assert r["test_accuracy"] > 0.9
    model = load_model(out)
    assert model.input_shape == (28, 28) and model.input_scale == pytest.approx(1 / 255)
    assert model.metrics["test_accuracy"] == r["test_accuracy"] and model.config["train"]["epochs"] == 3


def test_same_seed_same_model(capsys, tmp_path, tiny_mnist):
    args = ("--data-dir", tiny_mnist, "--epochs", "1", "--validation", "50", "--layers", "784,16,10", "--seed", "4")
    _, first = train(capsys, tmp_path, *args)
    a = load_model(first).network.theta[2].copy()
    _, second = train(capsys, tmp_path, *args)
    np.testing.assert_array_equal(a, load_model(second).network.theta[2])


def test_train_xor_reaches_100_and_no_hidden_layer_cannot(capsys, tmp_path):
    r, _ = train(capsys, tmp_path, "--dataset", "xor")
    assert r["test_accuracy"] == 1.0
    r, _ = train(capsys, tmp_path, "--dataset", "xor", "--layers", "2,2")
    assert r["test_accuracy"] <= 0.75 and "cannot be split by any line" in r["note"]


def test_train_text_output_and_plot(capsys, tmp_path):
    code, out, _ = run_cli(capsys, "train", "--dataset", "moons", "--epochs", "30", "--out", tmp_path / "m.npz",
                           "--plot", tmp_path / "curves.png")
    assert code == 0 and "test accuracy" in out and "model saved to" in out
    assert (tmp_path / "curves.png").stat().st_size > 1000


def test_train_without_out_saves_where_serve_finds_it(capsys, tmp_path, monkeypatch):
    from nnscratch.io.model import latest_model_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, err = run_cli(capsys, "train", "--dataset", "xor", "--epochs", "5", "--json")
    assert code == 0, err
    assert latest_model_path("xor") is not None and str(latest_model_path("xor")) == json.loads(out)["model"]


def test_params_homework_v(capsys):
    code, out, _ = run_cli(capsys, "params", "784,30,10", "--input", "256x256", "--json")
    r = json.loads(out)
    assert code == 0 and r["total"] == 23860
    assert [l["parameters"] for l in r["layers"]] == [784 * 30 + 30, 30 * 10 + 10]
    assert r["input"]["total"] == 65536 * 30 + 30 + 310
    measures = {m["measure"]: m for m in r["input"]["reductions"]}
    assert set(measures) == {"downsample", "weight_sharing", "narrower", "float16", "int8"}
    assert measures["downsample"]["parameters"] == 23860 and measures["int8"]["factor"] == 4
    code, out, _ = run_cli(capsys, "--lang", "zh", "params", "784,30,10")
    assert "共 23,860 个参数" in out


def test_predict_refuses_models_that_do_not_take_images(capsys, tmp_path):
    train(capsys, tmp_path, "--dataset", "xor", "--epochs", "2")
    png = tmp_path / "d.png"
    png.write_bytes(b"")
    assert_one_line_error(capsys, "predict", tmp_path / "model.npz", png, text="not 28x28 images")


@pytest.mark.parametrize("argv,text", [
    (["train", "--epochs", "0"], "must be a positive integer"),
    (["train", "--batch-size", "0"], "must be a positive integer"),
    (["train", "--lr", "fast"], "is not a number"),
    (["train", "--lr", "-0.1"], "must be a positive number"),
    (["train", "--layers", "784,-30,10"], "positive integer"),
    (["train", "--activation", "swish"], "invalid choice"),
    (["train", "--optimizer", "lbfgs"], "invalid choice"),
    (["train", "--preset", "huge"], "invalid choice"),
    (["train", "--dataset", "xor", "--out", "model.pkl"],
     "--out: cannot write 'model.pkl': the file name must end in .npz"),
    (["train", "--dataset", "xor", "--layers", "3,4,2"], "does not fit xor: the first size must be 2"),
    (["train", "--dataset", "xor", "--momentum", "1.5", "--optimizer", "momentum"], "momentum must be in"),
    (["params", "784,30,10", "--input", "big"], "not an image size"),
    (["params", "784,0"], "positive integer"),
    (["evaluate", "missing.npz"], "does not exist"),
    (["evaluate", "missing.npz", "--weights-plot", "w.gif"],
     "--weights-plot: cannot write 'w.gif': the file name must end in .png"),
    (["predict", "missing.npz", "x.png"], "does not exist"),
])
def test_bad_inputs_are_one_line_errors(capsys, tmp_path, monkeypatch, argv, text):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(capsys, *argv, text=text)


def test_layers_that_do_not_fit_mnist(capsys, tmp_path, tiny_mnist):
    assert_one_line_error(capsys, "train", "--data-dir", tiny_mnist, "--validation", "50", "--layers", "784,30,9",
                          "--out", tmp_path / "m.npz",
                          text="the first size must be 784 (inputs) and the last 10 (classes)")
    assert not (tmp_path / "m.npz").exists()


def test_validation_split_larger_than_the_training_set(capsys, tmp_path, tiny_mnist):
    assert_one_line_error(capsys, "train", "--data-dir", tiny_mnist, "--out", tmp_path / "m.npz",
                          "--validation", "5000",
                          text="--validation: a validation split of 5000 images leaves nothing to train on")


def test_missing_or_partial_dataset_folder(capsys, tmp_path, tiny_mnist):
    assert_one_line_error(capsys, "train", "--data-dir", tmp_path / "nowhere", "--out", tmp_path / "m.npz",
                          text="nowhere")
    (tiny_mnist / "t10k-labels-idx1-ubyte.gz").unlink()
    err = assert_one_line_error(capsys, "train", "--data-dir", tiny_mnist, "--out", tmp_path / "m.npz")
    assert "t10k-labels-idx1-ubyte" in err


def test_ctrl_c_during_training_keeps_the_old_model(capsys, tmp_path, tiny_mnist, monkeypatch):
    import nnscratch.recipes

    _, out = train(capsys, tmp_path, "--data-dir", tiny_mnist, "--epochs", "1", "--validation", "50")
    before = out.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(nnscratch.recipes, "fit", interrupted)
    code, _, err = run_cli(capsys, "train", "--data-dir", tiny_mnist, "--out", out, "--validation", "50")
    assert code == 130 and "interrupted" in err and "Traceback" not in err
    assert out.read_bytes() == before


def test_evaluate_refuses_a_model_for_another_input_size(capsys, tmp_path, tiny_mnist):
    from nnscratch.model import Model
    from nnscratch.network import Network

    path = save_model(Model(Network([100, 10]), dataset="mnist"), tmp_path / "small.npz")
    assert_one_line_error(capsys, "evaluate", path, "--data-dir", tiny_mnist, text="takes 100 inputs")


# ------------------------------------------------------------------------------ real MNIST, end to end


def photo_of(digit28, rng, size=(180, 140)):
    """A 'photo' of an MNIST digit: upscaled, dark ink on uneven light paper, noisy, off-centre, colour."""
    from PIL import Image

    h, w = size
    ink = np.asarray(Image.fromarray(digit28).resize((100, 100), Image.BILINEAR), dtype=float) / 255
    paper = 0.85 + 0.1 * np.linspace(0, 1, w)[None, :] + rng.normal(0, 0.02, (h, w))
    top, left = rng.integers(10, h - 110), rng.integers(5, w - 105)
    paper[top:top + 100, left:left + 100] -= 0.7 * ink
    rgb = np.clip(np.stack([paper, paper * 0.97, paper * 0.9], axis=-1), 0, 1)
    return Image.fromarray((rgb * 255).astype(np.uint8))


@pytest.mark.slow
def test_default_train_evaluate_predict_on_real_mnist(capsys, tmp_path, mnist_dir):
    r, model_path = train(capsys, tmp_path, "--data-dir", mnist_dir)
    assert r["test_accuracy"] >= 0.98, r["test_accuracy"]

    code, out, _ = run_cli(capsys, "evaluate", model_path, "--data-dir", mnist_dir, "--json",
                           "--plot", tmp_path / "eval.png", "--weights-plot", tmp_path / "weights.png")
    report = json.loads(out)
    assert code == 0 and report["accuracy"] == pytest.approx(r["test_accuracy"])
    cm = np.array(report["confusion_matrix"])
    assert cm.shape == (10, 10) and cm.sum() == 10000 and np.trace(cm) == round(report["accuracy"] * 10000)
    assert len(report["precision"]) == 10 and report["mistakes"][0]["confidence"] > 0.5
    assert (tmp_path / "eval.png").stat().st_size > 1000 and (tmp_path / "weights.png").stat().st_size > 1000

    ds = load_dataset("mnist", mnist_dir)
    rng = np.random.default_rng(0)
    files, truth = [], []
    for i in range(40):
        path = tmp_path / f"photo{i}.jpg"
        photo_of(ds.x_test[i].reshape(28, 28), rng).save(path, quality=85)
        files.append(path)
        truth.append(str(ds.y_test[i]))
    code, out, err = run_cli(capsys, "predict", model_path, *files, "--json", "--show", tmp_path / "seen.png")
    assert code == 0, err
    results = json.loads(out)
    assert [r["file"] for r in results] == [str(f) for f in files]
    assert all(len(r["probabilities"]) == 10 and abs(sum(r["probabilities"]) - 1) < 1e-4 for r in results)
    assert all(r["label"] == str(r["digit"]) for r in results)
    hits = np.mean([r["label"] == t for r, t in zip(results, truth, strict=True)])
    assert hits >= 0.9, hits  # about the model's test accuracy, on photos
    assert (tmp_path / "seen.png").is_file()


@pytest.mark.slow
def test_lecture_preset_reaches_95_percent(capsys, tmp_path, mnist_dir):
    r, model_path = train(capsys, tmp_path, "--data-dir", mnist_dir, "--preset", "lecture")
    assert r["config"]["layers"] == [784, 30, 10] and r["config"]["loss"] == "quadratic"
    assert r["test_accuracy"] >= 0.95, r["test_accuracy"]
    assert load_model(model_path).network.hidden.name == "sigmoid"


def test_first_train_downloads_mnist_into_the_cache(capsys, tmp_path, mnist_dir, monkeypatch):
    """A user on the internet types `nnscratch train` with no data: it downloads, verifies, trains."""
    import dataclasses

    from helpers_http import serve
    from nnscratch.data import registry as datasets

    monkeypatch.delenv("NNSCRATCH_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with serve(mnist_dir) as url:
        # as a dataset that nnscratch does not bundle (Fashion-MNIST, KMNIST) is fetched
        spec = dataclasses.replace(datasets.DATASETS["mnist"], mirrors=(url,), bundled=None)
        monkeypatch.setitem(datasets.DATASETS, "mnist", spec)
        r, _ = train(capsys, tmp_path, "--epochs", "1", "--layers", "784,32,10")
    cache = tmp_path / "cache" / "nnscratch" / "mnist"
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in mnist_dir.glob("*.gz"))
    assert r["test_accuracy"] > 0.9


def test_weights_plot_says_how_many_neurons_it_draws(capsys, tmp_path, tiny_mnist, monkeypatch):
    pytest.importorskip("matplotlib")
    import nnscratch.cli.digits

    monkeypatch.setattr(nnscratch.cli.digits, "MAX_WEIGHT_IMAGES", 4)  # 100 in use; 4 keeps the figure quick
    _, model = train(capsys, tmp_path, "--data-dir", tiny_mnist, "--epochs", "1", "--validation", "50",
                     "--layers", "784,6,10")
    code, out, err = run_cli(capsys, "evaluate", model, "--data-dir", tiny_mnist, "--weights-plot", tmp_path / "w.png")
    assert code == 0, err
    assert "the first 4 of 6 hidden neurons" in out and (tmp_path / "w.png").stat().st_size > 1000
    monkeypatch.setattr(nnscratch.cli.digits, "MAX_WEIGHT_IMAGES", 6)
    code, out, err = run_cli(capsys, "evaluate", model, "--data-dir", tiny_mnist, "--json",
                             "--weights-plot", tmp_path / "w.png")
    assert json.loads(out)["weights_plot"] == {"path": str(tmp_path / "w.png"), "drawn": 6, "neurons": 6}


def test_train_without_dataset_uses_the_preset_dataset(capsys, tmp_path):
    r, _ = train(capsys, tmp_path, "--preset", "xor", "--epochs", "3")
    assert r["dataset"] == "xor" and r["config"]["layers"] == [2, 4, 2]
