"""The CLI under hostile input: bad paths, unwritable outputs, an output that is an input, bad numbers, --lang zh.

Every case asserts what a user must be able to rely on: a non-zero exit status, exactly one line
on stderr, no traceback, and every input file byte-for-byte unchanged. Tests run as root, so an
unwritable output is made by a path whose parent is a file, a folder in place of the file, or /proc
(where no file can be created), never by chmod.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

import numpy as np
import pytest

from cli_helpers import run_cli
from nnscratch.io.model import save_model
from nnscratch.model import Model
from nnscratch.network import Network

CJK = re.compile(r"[\u4e00-\u9fff]")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hostile(capsys, *argv, text="", inputs=(), status=None):
    """Run ``nnscratch ARGV``: it must fail with one line on stderr containing ``text``; ``inputs`` stay unchanged."""
    before = {p: digest(p) for p in inputs}
    code, out, err = run_cli(capsys, *argv)
    assert code not in (0, None), (out, err)
    if status is not None:
        assert code == status, (code, err)
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert text in err, err
    for p, h in before.items():
        assert p.exists() and digest(p) == h, f"{p} was changed"
    return err


@pytest.fixture
def digit_model(tmp_path):
    """A 784-10 softmax model saved as tmp/model.npz (a trained-looking digit model, no training needed)."""
    net = Network([784, 10], "sigmoid", "softmax", rng=np.random.default_rng(0))
    return save_model(Model(net, input_shape=(28, 28), input_scale=1 / 255, dataset="mnist",
                            metrics={"test_accuracy": 0.9}), tmp_path / "model.npz")


@pytest.fixture
def photo(tmp_path):
    from PIL import Image

    x = np.full((40, 30), 230, np.uint8)
    x[8:32, 12:18] = 20  # a dark "1" on light paper
    path = tmp_path / "photo.png"
    Image.fromarray(x).save(path)
    return path


@pytest.fixture
def a_file(tmp_path):
    """A plain file, used as the 'folder' of an output path."""
    path = tmp_path / "plain.txt"
    path.write_text("not a folder")
    return path


# ---------------------------------------------------------------------------------- output paths


def unwritable_outputs(tmp_path, a_file, suffix):
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir(exist_ok=True)
    return [(a_file / f"x{suffix}", "is a file, not a folder"),
            (folder, "is a folder"),
            (tmp_path / "missing" / f"x{suffix}", "does not exist"),
            (f"/proc/nnscratch-test{suffix}", "allows no new files")]


@pytest.mark.parametrize("which", range(4))
def test_train_refuses_an_unwritable_out_or_plot_before_training(capsys, tmp_path, a_file, monkeypatch, which):
    import nnscratch.recipes

    def never(*args, **kwargs):
        raise AssertionError("training started although an output cannot be written")

    monkeypatch.setattr(nnscratch.recipes, "fit", never)
    path, says = unwritable_outputs(tmp_path, a_file, ".npz")[which]
    hostile(capsys, "train", "--dataset", "xor", "--out", path, text=f"--out: cannot write '{path}'", inputs=[a_file])
    assert says in capsys.readouterr().err or True
    err = hostile(capsys, "train", "--dataset", "xor", "--out", tmp_path / "m.npz",
                  "--plot", unwritable_outputs(tmp_path, a_file, ".png")[which][0], text="--plot: cannot write")
    assert unwritable_outputs(tmp_path, a_file, ".png")[which][1] in err
    assert not (tmp_path / "m.npz").exists()


def test_train_names_the_reason_of_each_unwritable_path(capsys, tmp_path, a_file):
    for path, says in unwritable_outputs(tmp_path, a_file, ".npz"):
        hostile(capsys, "train", "--dataset", "xor", "--epochs", "1", "--out", path, text=says)


def test_a_name_too_long_for_the_file_system(capsys, tmp_path):
    long = tmp_path / ("x" * 300 + ".npz")
    hostile(capsys, "train", "--dataset", "xor", "--out", long, text="the name is too long")
    hostile(capsys, "--lang", "zh", "train", "--dataset", "xor", "--out", long, text="文件名对该文件系统来说太长")


def test_train_with_an_unwritable_default_model_folder(capsys, tmp_path, a_file, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(a_file))  # the data folder is a file: nothing can be made under it
    err = hostile(capsys, "train", "--dataset", "xor", "--epochs", "1", text="--out FILE.npz")
    assert "is a file, not a folder" in err and "XDG_DATA_HOME" in err


def test_train_that_cannot_save_at_the_end_saves_elsewhere_and_says_where(capsys, tmp_path, monkeypatch):
    import nnscratch.io.model
    from nnscratch.errors import OutputError

    real = nnscratch.io.model.save_model
    target = tmp_path / "out" / "m.npz"
    target.parent.mkdir()

    def folder_gone(model, path):
        if str(path) == str(target):  # the folder vanished during training, say
            raise OutputError("files.err.write_failed.disk_full", param="path", path=str(path),
                              reason="No space left on device", code="ENOSPC")
        return real(model, path)

    monkeypatch.setattr(nnscratch.io.model, "save_model", folder_gone)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "train", "--dataset", "xor", "--epochs", "3", "--out", target, "--json")
    errors = [line for line in err.splitlines() if "error:" in line]  # stderr also carries the epoch lines
    assert code == 1 and "Traceback" not in err and len(errors) == 1
    rescued = tmp_path / "nnscratch-rescued-m.npz"
    assert str(rescued) in errors[0] and "the disk or quota is full" in errors[0]
    summary = json.loads(out)
    assert summary["model"] == str(rescued) and summary["error"]["key"] == "cli.err.saved_elsewhere"
    assert nnscratch.io.model.load_model(rescued).network.sizes == [2, 4, 2]


def test_predict_never_overwrites_its_input_photo(capsys, tmp_path, digit_model, photo):
    hostile(capsys, "predict", digit_model, photo, "--show", photo, text="is the input file",
            inputs=[photo, digit_model])
    # the same file under another name: a relative path, and a hard link (same inode)
    hostile(capsys, "predict", digit_model, photo, "--show", os.path.relpath(photo), text="is the input file",
            inputs=[photo])
    link = tmp_path / "link.png"
    os.link(photo, link)
    hostile(capsys, "predict", digit_model, photo, "--show", link, text="is the input file", inputs=[photo])
    hostile(capsys, "--lang", "zh", "predict", digit_model, photo, "--show", photo, text="输入文件", inputs=[photo])


def test_evaluate_checks_both_plots_before_any_work(capsys, tmp_path, a_file, digit_model):
    hostile(capsys, "evaluate", digit_model, "--plot", a_file / "e.png", text="--plot: cannot write",
            inputs=[digit_model])
    hostile(capsys, "evaluate", digit_model, "--weights-plot", "/proc/w.png", text="--weights-plot: cannot write",
            inputs=[digit_model])
    same = tmp_path / "same.png"
    hostile(capsys, "evaluate", digit_model, "--plot", same, "--weights-plot", same, text="--plot already writes")


@pytest.mark.parametrize("flag", ["-o", "--out"])
def test_export_and_import_check_their_output_first(capsys, tmp_path, a_file, digit_model, flag):
    hostile(capsys, "export", digit_model, flag, a_file / "m.onnx", text=f"{flag}: cannot write", inputs=[digit_model])
    hostile(capsys, "export", digit_model, flag, "/proc/m.pt", text="allows no new files", inputs=[digit_model])
    state = tmp_path / "state.npz"  # a state dict with an unlucky name: it must not be replaced by the import
    state.write_bytes(b"PK\x03\x04 not really")
    hostile(capsys, "import-torch", state, flag, state, text="is the input file", inputs=[state])
    hostile(capsys, "import-torch", state, flag, tmp_path / "nope" / "m.npz", text="does not exist", inputs=[state])


def test_an_output_path_check_leaves_nothing_behind(tmp_path):
    from nnscratch.io.files import check_output_path

    check_output_path(tmp_path / "fine.png", (".png",), "plot", "plot")
    assert list(tmp_path.iterdir()) == []  # the write probe is removed
    made = check_output_path(tmp_path / "a" / "b" / "m.npz", (".npz",), "model", "model", create_parent=True)
    assert made.parent.is_dir() and list(made.parent.iterdir()) == []


def test_a_device_is_never_an_output(tmp_path):
    from nnscratch.errors import OutputError
    from nnscratch.io.files import check_output_path

    os.mkfifo(tmp_path / "pipe.png")
    with pytest.raises(OutputError, match="not a regular file"):
        check_output_path(tmp_path / "pipe.png", (".png",), "plot", "plot")


def test_write_atomically_turns_a_failed_write_into_one_output_error(tmp_path):
    from nnscratch.errors import OutputError
    from nnscratch.io.files import write_atomically

    target = tmp_path / "t.bin"
    target.write_bytes(b"old")

    def disk_full(f):
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="the disk or quota is full") as info:
        write_atomically(target, disk_full)
    assert info.value.message("zh").startswith("写入") and target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.bin"]


# ---------------------------------------------------------------------------------- predict: good and bad images


def test_predict_predicts_every_good_image_and_reports_each_bad_one(capsys, tmp_path, digit_model, photo):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    text_file = tmp_path / "notes.png"
    text_file.write_text("hello")
    code, out, err = run_cli(capsys, "predict", digit_model, photo, empty, photo, text_file)
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2 and "empty.png" in err and "notes.png" in err
    assert out.count(str(photo)) == 2
    code, out, err = run_cli(capsys, "predict", digit_model, photo, empty, "--json", "--show", tmp_path / "seen.png")
    results = json.loads(out)
    assert code == 1 and [("error" in r) for r in results] == [False, True]
    assert results[0]["label"] in [str(d) for d in range(10)] and len(results[0]["probabilities"]) == 10
    assert results[1]["error"]["error"] == "DataError" and results[1]["file"] == str(empty)
    assert (tmp_path / "seen.png").stat().st_size > 0
    code, out, err = run_cli(capsys, "predict", digit_model, photo, "--json")
    assert code == 0 and "error" not in json.loads(out)[0]


# ---------------------------------------------------------------------------------- numbers and flags


@pytest.mark.parametrize("argv, text", [
    (["train", "--lr", "nan"], "is not a finite number"),
    (["train", "--lr", "inf"], "is not a finite number"),
    (["train", "--lr", "1e999"], "is not a finite number"),
    (["train", "--epochs", "1e3"], "is not an integer"),
    (["train", "--epochs", "-5"], "must be a positive integer, got '-5'"),
    (["train", "--lr", "-0.1"], "--lr: must be a positive number"),
    (["train", "--layers", "784,-30,10"], "every layer size must be a positive integer"),
    (["train", "--layers", "784"], "needs at least an input and an output size"),
    (["params", "784,30,10", "--input", "-3x4"], "image sides must be positive, got '-3x4'"),
    (["params", "784,30,10", "--batch", "-1"], "must be a positive integer, got '-1'"),
    (["serve", "--port", "-1"], "--port: must be at most 65535"),
    (["serve", "--port", "70000"], "--port: must be at most 65535, got 70000"),
    (["export", "m.npz", "-o", "m.onnx", "--opset", "x"], "'x' is not an integer"),
    (["models", "--prune", "-2"], "must be zero or a positive integer, got '-2'"),
])
def test_bad_numbers_are_one_line(capsys, tmp_path, monkeypatch, argv, text):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    hostile(capsys, *argv, text=text)


@pytest.mark.parametrize("argv", [
    ["params", "784,30,10", "--input", "-3x4"],
    ["train", "--lr", "-1e-3"],
    ["train", "--epochs", "-.5"],
    ["train", "--lr", "-inf"],
])
def test_a_negative_number_is_a_value_not_an_option(capsys, argv):
    err = hostile(capsys, *argv)
    assert "expected one argument" not in err and "unrecognized" not in err


def test_negative_values_reach_the_commands_that_take_them(capsys):
    code, out, err = run_cli(capsys, "backprop", "--x", "-1,2,3", "--json")
    assert code == 0, err
    assert json.loads(out)
    code, out, err = run_cli(capsys, "mle", "gaussian", "-3", "2", "-1.5e2")
    assert code == 0, err


# ---------------------------------------------------------------------------------- the error line: language, flag


ZH_CASES = [
    ["train", "--lr", "0"],
    ["train", "--lr"],
    ["train", "--optimizer", "lbfgs"],
    ["trian"],
    ["export", "m.npz"],
    ["train", "--layers", "784,0,10"],
    ["params", "784,30,10", "--input", "big"],
    ["train", "--no-such-flag"],
    ["train", "--dataset", "xor", "--out", "m.pkl"],
    ["train", "--dataset", "xor", "--layers", "3,4,2"],
    ["predict", "missing.npz", "x.png", "--show", "x.gif"],
    ["evaluate", "m.npz", "--plot", "/proc/p.png"],
    ["serve", "--port", "70000"],
    ["train", "--dataset", "xor", "--lr", "1e300", "--out", "m.npz"],
]


def _english_words(line: str) -> list[str]:
    """Runs of 3+ English words outside quotes, flags and paths: an English sentence where Chinese should be."""
    line = re.sub(r"'[^']*'|\"[^\"]*\"|\S*[/\\.=_-]\S*|\{[^}]*\}|\([^)]*\)", " ", line)
    return re.findall(r"\b[a-z]+(?: [a-z]+){2,}\b", line)


@pytest.mark.parametrize("argv", ZH_CASES, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("how", ["flag", "LANG", "LC_ALL"])
def test_errors_are_chinese_under_zh(capsys, tmp_path, monkeypatch, argv, how):
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if how == "flag":
        argv = ["--lang", "zh", *argv]
    else:
        monkeypatch.setenv(how, "zh_CN.UTF-8")
    err = hostile(capsys, *argv)
    line = err.strip()
    assert CJK.search(line), line
    assert not _english_words(line), line


def test_lc_all_wins_over_lang(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert "must be a positive number" in hostile(capsys, "train", "--lr", "0")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "zh_CN.UTF-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "必须是正数" in hostile(capsys, "train", "--lr", "0")


def test_the_error_names_the_flag_the_user_typed_and_never_one_they_did_not(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    err = hostile(capsys, "train", "--dataset", "xor", "--layers", "3,4,2", text="--layers: ")
    # the preset's 784-30-10 does not fit xor: the user typed no --layers, so the preset is named instead
    err = hostile(capsys, "train", "--preset", "lecture", "--dataset", "xor", text="(from --preset lecture)")
    assert "--layers" not in err
    hostile(capsys, "--lang", "zh", "train", "--preset", "lecture", "--dataset", "xor",
            text="（来自 --preset lecture）")


def test_an_unknown_language_is_a_usage_error(capsys):
    err = hostile(capsys, "--lang", "fr", "train", text="unknown language 'fr'", status=2)
    assert "en, zh" in err


# ---------------------------------------------------------------------------------- train: divergence, presets


def test_a_diverging_train_names_the_learning_rate_and_saves_nothing(capsys, tmp_path):
    out = tmp_path / "m.npz"
    err = hostile(capsys, "train", "--dataset", "xor", "--lr", "1e300", "--out", out, text="--lr: ")
    assert "the model was not saved" in err and "epoch" in err
    assert not out.exists()
    code, stdout, err = run_cli(capsys, "train", "--dataset", "xor", "--lr", "1e300", "--out", out, "--json")
    assert code == 1 and stdout == "" and "Traceback" not in err and not out.exists()


def test_preset_xor_trains_xor(capsys, tmp_path):
    code, out, err = run_cli(capsys, "train", "--preset", "xor", "--epochs", "5", "--out", tmp_path / "x.npz", "--json")
    assert code == 0, err
    assert json.loads(out)["dataset"] == "xor"


# ---------------------------------------------------------------------------------- no command, --version, JSON


def test_no_command_prints_the_overview_and_exits_2(capsys):
    code, out, err = run_cli(capsys)
    assert code == 2 and "train" in out and "status 2" in out
    code, out, _ = run_cli(capsys, "--lang", "zh")
    assert code == 2 and "状态 2" in out


def test_version(capsys):
    from nnscratch import __version__

    code, out, _ = run_cli(capsys, "--version")
    assert code == 0 and out.strip() == f"nnscratch {__version__}"


def test_json_is_whole_or_absent(capsys):
    code, out, err = run_cli(capsys, "backprop", "--x", "1e308,1e308,1e308", "--json")
    assert "Traceback" not in err
    if out:
        json.loads(out)  # a complete document (non-finite numbers as null), never half of one


def test_print_json_builds_the_document_before_writing(capsys):
    from nnscratch.cli._common import print_json

    print_json({"a": float("nan"), "b": np.float32(np.inf), "c": np.arange(2)})
    assert json.loads(capsys.readouterr().out) == {"a": None, "b": None, "c": [0, 1]}
    with pytest.raises(TypeError):
        print_json({"x": object()})
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------------------------- bad input paths


@pytest.fixture
def bad_inputs(tmp_path):
    """Files that look like inputs but are not: a folder named like a model, a renamed .npy, an empty file."""
    (tmp_path / "dir.npz").mkdir()
    np.save(tmp_path / "a.npy", np.arange(3))
    (tmp_path / "a.npy").rename(tmp_path / "renamed.npz")
    (tmp_path / "empty.npz").write_bytes(b"")
    return tmp_path


@pytest.mark.parametrize("argv", [
    ["predict", "dir.npz", "{photo}"],
    ["predict", "{model}", "dir.npz"],
    ["predict", "renamed.npz", "{photo}"],
    ["predict", "{model}", "/dev/null"],
    ["predict", "{model}", "missing.png"],
    ["evaluate", "renamed.npz"],
    ["evaluate", "empty.npz"],
    ["evaluate", "{model}", "--data-dir", "renamed.npz"],
    ["export", "renamed.npz", "-o", "x.onnx"],
    ["export", "dir.npz", "-o", "x.pt"],
    pytest.param(["import-torch", "renamed.npz", "-o", "y.npz"], marks=pytest.mark.slow),  # importing torch: ~7 s
    ["train", "--data-dir", "renamed.npz", "--out", "q.npz"],
    ["predict", "{model}", "{photo}", "--show", "/dev/null"],
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_paths_are_one_line_and_change_nothing(capsys, monkeypatch, bad_inputs, digit_model, photo, argv,
                                                         lang):
    monkeypatch.chdir(bad_inputs)
    argv = [a.format(model=digit_model, photo=photo) for a in argv]
    inputs = [digit_model, photo, bad_inputs / "renamed.npz", bad_inputs / "empty.npz"]
    err = hostile(capsys, "--lang", lang, *argv, inputs=inputs)
    if lang == "zh":
        assert CJK.search(err), err
    assert not (bad_inputs / "x.onnx").exists() and not (bad_inputs / "y.npz").exists()


# ---------------------------------------------------------------------------------- memory and time, measured


@pytest.mark.parametrize("argv", [
    ["train", "--layers", "784,100000000,10", "--out", "m.npz"],
    ["train", "--layers", "784,3000000,10", "--out", "m.npz"],
    ["backprop", "--layers", "3,100000000,2"],
    ["--lang", "zh", "train", "--layers", "784,100000000,10", "--out", "m.npz"],
])
def test_huge_requests_are_refused_within_a_memory_budget(tmp_path, argv):
    """Each runs as its own process; its peak RSS must stay under 600 MB, far below the request."""
    import sys

    from helpers_rss import run_with_peak_rss

    child, peak_mb = run_with_peak_rss([sys.executable, "-m", "nnscratch", *argv], tmp_path=tmp_path, cwd=tmp_path)
    message = child.stderr
    assert child.returncode == 1 and "Traceback" not in message and len(message.strip().splitlines()) == 1, message
    assert peak_mb < 600, f"peak RSS {peak_mb:.0f} MB"
    assert not (tmp_path / "m.npz").exists()
    assert child.stdout.strip() == "", child.stdout  # a refused run says nothing of how it would have trained


def test_a_plot_that_fails_after_training_keeps_the_model_and_the_summary(capsys, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    import nnscratch.viz.digits
    from nnscratch.errors import OutputError

    def gone(fig, path):
        raise OutputError("files.err.no_parent", param="path", path=str(path), parent="gone")

    monkeypatch.setattr(nnscratch.viz.digits, "save_figure", gone)
    code, out, err = run_cli(capsys, "train", "--dataset", "xor", "--epochs", "3", "--out", tmp_path / "m.npz",
                             "--plot", tmp_path / "c.png")
    assert code == 1 and "model saved to" in out and (tmp_path / "m.npz").exists()
    assert err.strip().endswith("create it first (mkdir -p 'gone')") and "--plot: " in err


def test_only_a_preset_field_is_blamed_on_the_preset():
    from nnscratch.cli import build_parser, render_error
    from nnscratch.errors import ConfigError

    def line(argv, param):
        args = build_parser("en").parse_args(argv)
        return render_error(ConfigError("cli.err.port", param=param, port=1), args, argv, "en")

    assert line(["train", "--preset", "lecture"], "lr").endswith("(from --preset lecture)")
    assert "--preset" not in line(["train", "--preset", "lecture"], "n_validation")  # not a setting of this preset
    assert line(["train", "--preset", "best"], "n_validation").endswith("(from --preset best)")  # best fixes it
    assert "--lr: " in line(["train", "--preset", "lecture", "--lr", "3"], "lr")
    assert "--lr" not in line(["train"], "lr") and "--layers: " in line(["train", "--layers=2,2"], "sizes")


@pytest.mark.parametrize("env", [{"XDG_DATA_HOME": "/proc"}, {"XDG_DATA_HOME": "", "HOME": "/proc"}])
def test_a_home_where_nothing_can_be_created_fails_before_training(capsys, monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    err = hostile(capsys, "train", "--dataset", "xor", text="this is the default model folder")
    assert "/proc/" in err
    assert CJK.search(hostile(capsys, "--lang", "zh", "train", "--dataset", "xor", text="默认的模型文件夹"))
