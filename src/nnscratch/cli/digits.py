"""`nnscratch train`, `evaluate`, `predict` and `params`: the lecture's handwritten-digit case study."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from nnscratch import losses
from nnscratch.activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnscratch.cli._common import (
    MODEL_SUFFIXES,
    add_json_flag,
    add_subcommand,
    byte_size,
    check_outputs,
    emit,
    flag_error,
    layer_sizes,
    nonneg_float,
    nonneg_int,
    positive_float,
    positive_int,
    print_json,
    progress,
    unit_interval,
)
from nnscratch.cli.data import DownloadBars, add_data_flags, load_from_args
from nnscratch.data import may_download
from nnscratch.errors import BudgetError, ConfigError, DivergenceError, NNScratchError, OutputError, require
from nnscratch.fastprop import ENGINES
from nnscratch.i18n import t
from nnscratch.network import INITS
from nnscratch.optim import OPTIMIZERS, SCHEDULES
from nnscratch.presets import PRESETS
from nnscratch.recipes import IMAGE_DATASETS
from nnscratch.train import Callback
from nnscratch.viz import PLOT_SUFFIXES  # matplotlib is imported only when a plot is drawn

TOY_NAMES = ("xor", "circles", "gaussians", "spiral", "moons", "linear")
# The dataset a preset is made for, when --dataset is not given: `train --preset xor` trains XOR.
PRESET_DATASETS = {"xor": "xor", "toy": "moons"}
# Library parameter -> train flag, where the names differ (the rest match by dest: lr, momentum, epochs, ...).
TRAIN_FLAGS = {"sizes": "--layers", "layers": "--layers", "hidden": "--activation", "output": "--output-activation",
               "n_validation": "--validation"}


def register(sub, lang):
    p = add_subcommand(sub, "train", lang, "digits.train.help", run_train, param_flags=TRAIN_FLAGS)
    add_data_flags(p, datasets=IMAGE_DATASETS + TOY_NAMES, default=None)
    p.add_argument("--preset", choices=tuple(PRESETS), help=t("digits.preset", lang))
    # the parameters each preset sets: an error in one of them, with its flag not typed, is the preset's
    p.set_defaults(preset_fields={name: frozenset(recipe) | {"sizes"} for name, recipe in PRESETS.items()})
    p.add_argument("--layers", type=layer_sizes, metavar="784,H,...,10", help=t("digits.layers", lang))
    p.add_argument("--activation", choices=HIDDEN_ACTIVATIONS, help=t("digits.activation", lang))
    p.add_argument("--output-activation", choices=OUTPUT_ACTIVATIONS, help=t("digits.output_activation", lang))
    p.add_argument("--loss", type=losses.canonical_name, choices=losses.names(), help=t("digits.loss", lang))
    p.add_argument("--init", choices=INITS, help=t("digits.init", lang))
    p.add_argument("--optimizer", choices=OPTIMIZERS, help=t("digits.optimizer", lang))
    p.add_argument("--lr", type=positive_float, metavar="A", help=t("digits.lr", lang))
    p.add_argument("--lr-bias", type=positive_float, metavar="A", help=t("core.help.lr_bias", lang))
    p.add_argument("--momentum", type=nonneg_float, metavar="M", help=t("digits.momentum", lang))
    p.add_argument("--weight-decay", type=nonneg_float, metavar="L2", help=t("digits.weight_decay", lang))
    p.add_argument("--schedule", choices=SCHEDULES, help=t("digits.schedule", lang))
    p.add_argument("--batch-size", type=positive_int, metavar="B", help=t("digits.batch_size", lang))
    p.add_argument("--epochs", type=positive_int, metavar="E", help=t("digits.epochs", lang))
    p.add_argument("--patience", type=positive_int, metavar="P", help=t("digits.patience", lang))
    p.add_argument("--validation", type=nonneg_int, metavar="N", help=t("digits.validation", lang))
    p.add_argument("--dtype", choices=("float32", "float64"), default="float32", help=t("digits.dtype", lang))
    p.add_argument("--seed", type=nonneg_int, default=0, help=t("digits.seed", lang))
    p.add_argument("--engine", choices=ENGINES, help=t("digits.engine", lang))
    p.add_argument("--dropout", type=unit_interval, metavar="P", help=t("digits.dropout", lang))
    p.add_argument("--input-dropout", type=unit_interval, metavar="P", help=t("digits.input_dropout", lang))
    p.add_argument("--memory-budget", type=byte_size, metavar="BYTES", help=t("digits.memory_budget", lang))
    p.add_argument("--out", type=Path, metavar="FILE.npz", help=t("digits.out", lang))
    p.add_argument("--plot", type=Path, metavar="FILE.png", help=t("digits.train_plot", lang))
    p.add_argument("--find-lr", action="store_true", help=t("lrfind.flag", lang))
    p.add_argument("--augment", metavar="SPEC", help=t("augment.spec", lang))
    add_json_flag(p)

    p = add_subcommand(sub, "evaluate", lang, "digits.evaluate.help", run_evaluate)
    p.add_argument("model", type=Path, metavar="MODEL", help=t("digits.model", lang))
    add_data_flags(p, datasets=IMAGE_DATASETS, default=None, test_only=True)
    p.add_argument("--mistakes", type=nonneg_int, default=10, metavar="K", help=t("digits.mistakes", lang))
    p.add_argument("--plot", type=Path, metavar="FILE.png", help=t("digits.eval_plot", lang))
    p.add_argument("--weights-plot", type=Path, metavar="FILE.png", help=t("digits.weights_plot", lang))
    add_json_flag(p)

    p = add_subcommand(sub, "predict", lang, "digits.predict.help", run_predict)
    p.add_argument("model", type=Path, metavar="MODEL", help=t("digits.model", lang))
    p.add_argument("images", type=Path, nargs="+", metavar="IMAGE", help=t("digits.images", lang))
    p.add_argument("--show", type=Path, metavar="FILE.png", help=t("digits.show", lang))
    add_json_flag(p)

    p = add_subcommand(sub, "params", lang, "digits.params.help", run_params)
    p.add_argument("layers", type=layer_sizes, metavar="LAYERS", help=t("digits.params_layers", lang))
    p.add_argument("--input", type=_image_size, metavar="HxW", help=t("digits.params_input", lang))
    p.add_argument("--batch", type=positive_int, default=128, help=t("digits.params_batch", lang))
    add_json_flag(p)


# ---------------------------------------------------------------------------------------------- train


class _Reporter(Callback):
    """Progress bar per epoch and one line per finished epoch (stderr when stdout carries JSON)."""

    MAX_LINES = 20  # a 1000-epoch XOR run prints every 50th epoch, not a thousand lines

    def __init__(self, args, epochs):
        self.lang, self.epochs = args.lang, epochs
        self.every = -(-epochs // self.MAX_LINES)
        self.out = sys.stderr if args.json else sys.stdout
        self.bar = None

    def on_batch_end(self, step, steps, loss):
        if self.bar is None:
            self.bar = progress(steps, t("digits.epoch_bar", self.lang), unit="batch")
        self.bar.update(1)

    def on_epoch_end(self, record):
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        if record["epoch"] % self.every == 0 or record["epoch"] in (1, self.epochs):
            print(format_epoch(record, self.epochs, self.lang), file=self.out, flush=True)


def format_epoch(r, total, lang):
    def pct(v):
        return "  -   " if v is None else f"{100 * v:6.2f}%"

    val = "" if r["validation_loss"] is None else \
        f"  {t('digits.val', lang)} {r['validation_loss']:.4f} {pct(r['validation_accuracy'])}"
    return (f"{t('digits.epoch', lang)} {r['epoch']:>3}/{total}  {t('digits.train', lang)} {r['train_loss']:.4f} "
            f"{pct(r['train_accuracy'])}{val}  {t('digits.test', lang)} {pct(r.get('test_accuracy'))}  "
            f"({r['seconds']:.2f} s)")


def dataset_of(args) -> str:
    """--dataset if given, else the preset's own dataset, else MNIST."""
    return args.dataset or PRESET_DATASETS.get(args.preset, "mnist")


def run_config_from_args(args):
    from nnscratch.recipes import RunConfig

    return RunConfig.from_preset(
        args.preset, dataset_of(args), layers=args.layers, hidden=args.activation, output=args.output_activation,
        loss=args.loss, init=args.init, optimizer=args.optimizer, lr=args.lr, lr_bias=args.lr_bias,
        momentum=args.momentum, weight_decay=args.weight_decay, schedule=args.schedule, batch_size=args.batch_size,
        epochs=args.epochs, patience=args.patience, seed=args.seed, dtype=args.dtype, n_validation=args.validation,
        augment=args.augment, engine=args.engine, dropout=args.dropout,
        input_dropout=args.input_dropout, memory_budget=args.memory_budget)


def run_train(args):
    from nnscratch.io.model import default_model_path
    from nnscratch.recipes import load_task, settle, train_model
    from nnscratch.train import check_training_budget

    started = time.perf_counter()
    cfg = run_config_from_args(args)
    if args.find_lr:
        return run_find_lr(args, cfg)
    out = args.out or default_model_path(cfg.dataset)
    # Every output is checked before the data is read and before training: a typo, a missing or read-only
    # folder fails now, not after minutes of training.
    try:
        check_outputs([("--out" if args.out else None, out, MODEL_SUFFIXES, "model",
                        {"create_parent": args.out is None}),
                       ("--plot", args.plot, PLOT_SUFFIXES, "plot")])
    except OutputError as exc:
        if args.out is None and exc.flag is None:
            exc.cli_wrap = "cli.err.default_out"
        raise
    if args.plot:
        require("matplotlib", "plot")  # a missing extra is said now, not after the training
    # Download on first use only into the default cache; a folder the user named must already hold the files.
    with DownloadBars() as bars:
        data = load_task(cfg, args.data_dir, download=may_download(args.data_dir), progress=bars)
    cfg = settle(cfg, data)  # split, epochs and (for data unlike MNIST in scale) the rate, from the data
    try:
        # a run too large for the memory budget is refused before anything is said about how it would train
        check_training_budget(cfg.layers, cfg.dtype, cfg.train, len(data.x_train), memory_budget=cfg.memory_budget)
        for line in decided_lines(cfg, args.lang):
            print(line, file=sys.stderr if args.json else sys.stdout, flush=True)
        result = train_model(cfg, data, _Reporter(args, cfg.train.epochs), score_test_each_epoch=True)
    except DivergenceError as exc:
        exc.cli_wrap = "cli.err.diverged_not_saved"  # a diverged run is not worth a file
        raise
    except BudgetError as exc:
        exc.cli_wrap = "cli.err.budget_flag"  # the remedy, as the command line spells it
        raise
    result.model.metrics["seconds_total"] = time.perf_counter() - started
    path, save_problem = _save_trained(result.model, out, args.lang)
    if args.plot:
        from nnscratch.viz.digits import plot_learning_curves, save_figure

        try:  # the model is saved: a plot that fails now must not hide the summary
            save_figure(plot_learning_curves(result.history.epochs, lang=args.lang), args.plot)
        except NNScratchError as exc:
            record = exc.to_dict(args.lang)
            record["message"] = t("cli.fmt.flag", args.lang, flag="--plot", message=record["message"])
            save_problem = save_problem or record
    note = _xor_note(cfg, result, args.lang)
    summary = {"test_accuracy": result.test["accuracy"], "test_accuracy_interval": result.test["accuracy_interval"],
               "test_loss": result.test["loss"],
               "validation_accuracy": result.history.epochs[-1]["validation_accuracy"],
               "seconds": time.perf_counter() - started, "training_seconds": result.seconds,
               "epochs": len(result.history.epochs), "stopped_early": result.history.stopped_early,
               "history": result.history.epochs, "model": str(path), "dataset": cfg.dataset,
               "config": cfg.to_dict(), "parameters": result.model.network.n_parameters}
    if note:
        summary["note"] = note
    if save_problem:
        summary["error"] = save_problem
    if args.json:
        print_json(summary)
    else:
        print(t("digits.train_done", args.lang, acc=100 * result.test["accuracy"], n=len(data.y_test),
                seconds=summary["seconds"], path=path))
        if result.test["accuracy_interval"]:
            print(interval_line(result.test["accuracy_interval"], len(data.y_test), args.lang))
        if note:
            print(note)
    if cfg.train.engine == "auto":
        # This run used NumPy if the compiled kernels were not in the cache yet: compile them now, in the
        # background, so the next run has them (never before or during a training, which it would slow).
        from nnscratch import compiled

        compiled.warm_in_background()
    if save_problem:
        print(t("cli.err.line", args.lang, prog=args.prog, message=save_problem["message"]), file=sys.stderr)
        return 1
    return 0


def decided_lines(cfg, lang):
    """What ``recipes.settle`` chose from the data, as text lines (none when the user gave everything)."""
    from nnscratch.recipes import MAX_AUTO_EPOCHS

    d = cfg.decided
    lines = []
    if "n_validation" in d:
        lines.append(t("recipes.decided.split", lang, n_train=d["n_train"], n_validation=d["n_validation"]))
    if "epochs" in d and d["epochs"] != d["preset_epochs"]:  # unchanged epochs are not news
        lines.append(t("recipes.decided.epochs", lang, epochs=d["epochs"], preset_epochs=d["preset_epochs"],
                       most=max(MAX_AUTO_EPOCHS, d["preset_epochs"])))
    if "lr_from" in d:
        key = "recipes.decided.lr" if d["lr_from"] == "range test" else "recipes.decided.lr_preset"
        lines.append(t(key, lang, lr=d["lr"]))
    return lines


def interval_line(interval, n, lang):
    low, high = 100 * interval[0], 100 * interval[1]
    return t("recipes.interval", lang, low=low, high=high, half=(high - low) / 2, n=n)


def run_find_lr(args, cfg):
    """`train --find-lr`: the learning-rate range test on the training data with the chosen recipe; no training."""
    from nnscratch.recipes import LR_OF_LOWEST, load_task, lr_range_test, settle

    check_outputs([("--plot", args.plot, PLOT_SUFFIXES, "plot")])
    if args.plot:
        require("matplotlib", "plot")
    with DownloadBars() as bars:
        data = load_task(cfg, args.data_dir, download=may_download(args.data_dir), progress=bars)
    cfg.auto = [k for k in cfg.auto if k != "lr"]  # the test itself, not a rate chosen by it, is wanted here
    cfg = settle(cfg, data)
    test = lr_range_test(cfg, data)
    batch = len(data.x_train) if cfg.train.optimizer == "gd" else min(cfg.train.batch_size, len(data.x_train))
    default_lr = None if test.lowest is None else float(f"{LR_OF_LOWEST * test.lowest:.2g}")
    result = {**test.to_dict(), "default_lr": default_lr, "optimizer": cfg.train.optimizer, "batch_size": batch,
              "dataset": cfg.dataset, "source": data.source, "n_train": len(data.x_train), "config": cfg.to_dict()}
    if args.plot:
        from nnscratch.viz import save_figure
        from nnscratch.viz.lrfind import plot_range_test

        save_figure(plot_range_test(test, lang=args.lang), args.plot)
        result["plot"] = str(args.plot)
    emit(args, result, format_range_test)
    return 0


def format_range_test(r, lang):
    rates = r["rates"]
    lines = [t("lrfind.header", lang, steps=len(rates), batch=r["batch_size"], optimizer=r["optimizer"],
               lr_min=rates[0] if rates else 0.0, lr_max=rates[-1] if rates else 0.0)]
    for i in np.unique(np.linspace(0, len(rates) - 1, min(len(rates), 12)).round().astype(int)) if rates else ():
        lines.append(t("lrfind.row", lang, rate=rates[i], loss=r["smoothed"][i]))
    lines.append(t(f"lrfind.stopped.{r['stopped_by']}", lang))
    if r["suggested"] is None:
        lines.append(t("lrfind.no_suggestion", lang))
    else:
        steepest = "-" if r["steepest"] is None else f"{r['steepest']:.3g}"
        lines.append(t("lrfind.suggest", lang, lowest=r["lowest"], steepest=steepest, suggested=r["suggested"]))
    if r.get("default_lr"):
        lines.append(t("recipes.finder_default", lang, lr=r["default_lr"]))
    return "\n".join(lines)


def _save_trained(model, out, lang):
    """Save a finished training: to ``out``, else (the folder vanished, the disk filled meanwhile) to a
    fallback file in the current folder or the temp folder. -> (path, None) or (fallback, problem record)."""
    import tempfile

    from nnscratch.io.model import save_model

    try:
        return save_model(model, out), None
    except OutputError as exc:
        first = exc
    problem = first.message(lang).rstrip(".。")
    for folder in (Path.cwd(), Path(tempfile.gettempdir())):
        fallback = folder / f"nnscratch-rescued-{Path(out).stem}.npz"
        try:
            path = save_model(model, fallback)
        except OutputError:
            continue
        return path, {"key": "cli.err.saved_elsewhere", "path": str(path),
                      "message": t("cli.err.saved_elsewhere", lang, problem=problem, fallback=path)}
    raise OutputError("cli.err.not_saved", param="path", problem=problem, fallback=tempfile.gettempdir())


def _xor_note(cfg, result, lang):
    if cfg.dataset != "xor":
        return None
    if len(cfg.layers) == 2:
        return t("digits.xor_linear", lang, acc=100 * result.test["accuracy"])
    return t("digits.xor_solved", lang) if result.test["accuracy"] == 1.0 else None


# ---------------------------------------------------------------------------------------------- evaluate


# The weights plot draws at most this many neurons (one small image each) and says so.
MAX_WEIGHT_IMAGES = 100


def run_evaluate(args):
    from nnscratch.io.model import load_model
    from nnscratch.recipes import evaluation_report

    # before any work: a typo should not cost a whole evaluation
    check_outputs([("--plot", args.plot, PLOT_SUFFIXES, "plot"),
                   ("--weights-plot", args.weights_plot, PLOT_SUFFIXES, "weights")],
                  inputs=[args.model])
    if args.plot or args.weights_plot:
        require("matplotlib", "plot")
    model = load_model(args.model)
    dataset = args.dataset or model.dataset or "mnist"
    if dataset not in IMAGE_DATASETS:
        raise ConfigError("cli.err.evaluate_toy", param="dataset", path=str(args.model), dataset=dataset,
                          choices=", ".join(IMAGE_DATASETS))
    args.dataset = dataset
    ds = load_from_args(args, parts=("test",))  # a folder with only the two test files is enough
    report = evaluation_report(model, ds.x_test, ds.y_test, mistakes=args.mistakes)
    report.update(model=str(args.model), dataset=dataset)
    if args.plot:
        _save_evaluation_plot(report, ds, args.plot, args.lang)
    if args.weights_plot:
        from nnscratch.viz.digits import plot_first_layer_weights, save_figure

        theta2 = model.network.theta[2]
        drawn = min(len(theta2), MAX_WEIGHT_IMAGES)
        save_figure(plot_first_layer_weights(theta2, max_units=drawn, lang=args.lang), args.weights_plot)
        report["weights_plot"] = {"path": str(args.weights_plot), "drawn": drawn, "neurons": len(theta2)}
    emit(args, report, format_report)
    return 0


def _save_evaluation_plot(report, ds, path, lang):
    from nnscratch.viz.digits import plot_evaluation, save_figure

    wrong = report["mistakes"]
    save_figure(plot_evaluation(np.array(report["confusion_matrix"]), report["classes"],
                                ds.x_test[[m["index"] for m in wrong]], [m["true"] for m in wrong],
                                [m["predicted"] for m in wrong], [m["confidence"] for m in wrong], lang=lang), path)


def format_report(r, lang):
    lines = [t("digits.eval_header", lang, acc=100 * r["accuracy"], n=r["n"], dataset=r["dataset"])]
    if r.get("accuracy_interval"):
        lines.append(interval_line(r["accuracy_interval"], r["n"], lang))
    lines += ["", t("digits.eval_per_class", lang)]
    for k, name in enumerate(r["classes"]):
        lines.append(f"  {name:>8}  {100 * r['precision'][k]:6.2f}%  {100 * r['recall'][k]:6.2f}%")
    lines += ["", t("digits.eval_confusion", lang),
              "        " + "".join(f"{c[:5]:>6}" for c in r["classes"])]
    for name, row in zip(r["classes"], r["confusion_matrix"], strict=True):
        lines.append(f"  {name[:5]:>5} " + "".join(f"{v:6d}" for v in row))
    if r.get("weights_plot"):
        w = r["weights_plot"]
        key = "digits.weights_drawn_all" if w["drawn"] == w["neurons"] else "digits.weights_drawn_some"
        lines += ["", t(key, lang, path=w["path"], drawn=w["drawn"], neurons=w["neurons"])]
    if r["mistakes"]:
        lines += ["", t("digits.eval_mistakes", lang)]
        for m in r["mistakes"]:
            lines.append(f"  #{m['index']:<6} {r['classes'][m['true']]} -> {r['classes'][m['predicted']]}"
                         f"  ({100 * m['confidence']:.1f}%)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- predict


def run_predict(args):
    """Predict every image that can be read; report each one that cannot on stderr; exit 1 if any failed."""
    from nnscratch.io.image import preprocess_file
    from nnscratch.io.model import load_model
    from nnscratch.model import check_digit_model

    check_outputs([("--show", args.show, PLOT_SUFFIXES[:1], "seen")], inputs=[args.model, *args.images])
    model = load_model(args.model)
    check_digit_model(model, args.model)  # 784 inputs as a 28x28 image, as the web lab requires
    seen, results, failed = [], [], 0
    for path in args.images:
        try:
            seen.append(preprocess_file(path))  # (28, 28) in [0, 1]
            results.append({"file": str(path)})
        except NNScratchError as exc:
            failed += 1
            results.append({"file": str(path), "error": exc.to_dict(args.lang)})
            print(t("cli.err.line", args.lang, prog=args.prog, message=exc.message(args.lang)), file=sys.stderr)
    if seen:
        proba = model.predict_proba(np.stack(seen).reshape(len(seen), -1))
        good = zip(proba, model.decide(proba), strict=True)  # the network's rule, as evaluate and the web lab decide
        for r in results:
            if "error" not in r:
                p, d = next(good)
                # "digit" is the class index; "label" its name (the same for MNIST, a garment for Fashion-MNIST)
                r.update(digit=int(d), label=model.classes[int(d)], probabilities=p.tolist())
    if args.show and seen:
        from nnscratch.io.image import save_mnist_png

        save_mnist_png(np.concatenate(seen, axis=1), args.show)
    if args.json:
        print_json(results)
    else:
        for r in results:
            if "error" in r:
                continue
            bars = "  ".join(f"{c}:{100 * p:4.1f}%" for c, p in zip(model.classes, r["probabilities"], strict=True))
            print(f"{r['file']}: {r['label']}   ({bars})")
    return 1 if failed else 0


# ---------------------------------------------------------------------------------------------- params


def _image_size(text):
    try:
        h, w = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise flag_error("cli.err.image_size", value=text) from None
    if h <= 0 or w <= 0:
        raise flag_error("cli.err.image_side", value=text)
    return h, w


def run_params(args):
    from nnscratch.complexity import compare

    emit(args, compare(args.layers, args.batch, args.input), format_params)
    return 0


def _mb(n):
    return f"{n / 2**20:.2f} MiB"


def format_params(r, lang):
    lines = [t("digits.params_header", lang, sizes="-".join(map(str, r["sizes"])))]
    for row in r["layers"]:
        n, m = row["shape"]
        lines.append(f"  theta({row['layer']}) {n}x{m} = {row['weights']:,}  + b({row['layer']}) {row['biases']:,}"
                     f"  = {row['parameters']:,}")
    lines.append(t("digits.params_total", lang, total=r["total"], macs=r["multiply_adds_per_sample"],
                   wb=_mb(r["weights_bytes"]), batch=r["batch"], ab=_mb(r["activations_bytes"])))
    if "input" in r:
        i = r["input"]
        h, w = i["image"]
        lines += ["", t("digits.params_input_header", lang, h=h, w=w, sizes="-".join(map(str, i["sizes"])),
                        total=i["total"], growth=i["growth"], macs=i["multiply_adds_per_sample"],
                        wb=_mb(i["weights_bytes"]))]
        lines.append(t("digits.params_reduce", lang))
        for red in i["reductions"]:
            lines.append(f"  - {t('digits.measure.' + red['measure'], lang)}: {red['parameters']:,} "
                         f"({t('digits.params_factor', lang, f=red['factor'])}, {_mb(red['weights_bytes'])})")
    return "\n".join(lines)
