"""`nnscratch train`, `evaluate`, `predict` and `params`: the lecture's handwritten-digit case study."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

from nnscratch.activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnscratch.cli._common import (
    add_json_flag,
    add_subcommand,
    emit,
    layer_sizes,
    nonneg_float,
    nonneg_int,
    positive_float,
    positive_int,
    print_json,
    progress,
)
from nnscratch.cli.data import DownloadBars, add_data_flags, load_from_args
from nnscratch.errors import ConfigError
from nnscratch.i18n import t
from nnscratch.network import INITS
from nnscratch.optim import OPTIMIZERS, SCHEDULES
from nnscratch.presets import PRESETS
from nnscratch.recipes import IMAGE_DATASETS
from nnscratch.train import Callback

TOY_NAMES = ("xor", "circles", "gaussians", "spiral", "moons", "linear")


def register(sub, lang):
    p = add_subcommand(sub, "train", lang, "digits.train.help", run_train)
    add_data_flags(p, datasets=IMAGE_DATASETS + TOY_NAMES)
    p.add_argument("--preset", choices=tuple(PRESETS), help=t("digits.preset", lang))
    p.add_argument("--layers", type=layer_sizes, metavar="784,H,...,10", help=t("digits.layers", lang))
    p.add_argument("--activation", choices=HIDDEN_ACTIVATIONS, help=t("digits.activation", lang))
    p.add_argument("--output-activation", choices=OUTPUT_ACTIVATIONS, help=t("digits.output_activation", lang))
    p.add_argument("--loss", choices=("cross-entropy", "quadratic"), help=t("digits.loss", lang))
    p.add_argument("--init", choices=INITS, help=t("digits.init", lang))
    p.add_argument("--optimizer", choices=OPTIMIZERS, help=t("digits.optimizer", lang))
    p.add_argument("--lr", type=positive_float, metavar="A", help=t("digits.lr", lang))
    p.add_argument("--momentum", type=nonneg_float, metavar="M", help=t("digits.momentum", lang))
    p.add_argument("--weight-decay", type=nonneg_float, metavar="L2", help=t("digits.weight_decay", lang))
    p.add_argument("--schedule", choices=SCHEDULES, help=t("digits.schedule", lang))
    p.add_argument("--batch-size", type=positive_int, metavar="B", help=t("digits.batch_size", lang))
    p.add_argument("--epochs", type=positive_int, metavar="E", help=t("digits.epochs", lang))
    p.add_argument("--patience", type=positive_int, metavar="P", help=t("digits.patience", lang))
    p.add_argument("--validation", type=nonneg_int, metavar="N", help=t("digits.validation", lang))
    p.add_argument("--dtype", choices=("float32", "float64"), default="float32", help=t("digits.dtype", lang))
    p.add_argument("--seed", type=nonneg_int, default=0, help=t("digits.seed", lang))
    p.add_argument("--out", type=Path, metavar="FILE.npz", help=t("digits.out", lang))
    p.add_argument("--plot", type=Path, metavar="FILE.png", help=t("digits.train_plot", lang))
    add_json_flag(p)

    p = add_subcommand(sub, "evaluate", lang, "digits.evaluate.help", run_evaluate)
    p.add_argument("model", type=Path, metavar="MODEL", help=t("digits.model", lang))
    add_data_flags(p, datasets=IMAGE_DATASETS, default=None)
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
    p.add_argument("layers", type=layer_sizes, metavar="784,30,10", help=t("digits.params_layers", lang))
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


def run_config_from_args(args):
    from nnscratch.recipes import RunConfig

    return RunConfig.from_preset(
        args.preset, args.dataset, layers=args.layers, hidden=args.activation, output=args.output_activation,
        loss=args.loss, init=args.init, optimizer=args.optimizer, lr=args.lr, momentum=args.momentum,
        weight_decay=args.weight_decay, schedule=args.schedule, batch_size=args.batch_size, epochs=args.epochs,
        patience=args.patience, seed=args.seed, dtype=args.dtype, n_validation=args.validation)


def run_train(args):
    from nnscratch.io.model import default_model_path, save_model
    from nnscratch.recipes import load_task, train_model

    started = time.perf_counter()
    cfg = run_config_from_args(args)
    out = args.out or default_model_path(cfg.dataset)
    _check_output_paths(out, args.plot, must_exist=args.out is not None)
    # Download on first use only into the default cache; a folder the user named must already hold the files.
    explicit_dir = args.data_dir is not None or os.environ.get("NNSCRATCH_DATA")
    with DownloadBars() as bars:
        data = load_task(cfg, args.data_dir, download=not explicit_dir, progress=bars)
    result = train_model(cfg, data, _Reporter(args, cfg.train.epochs), score_test_each_epoch=True)
    if args.out is None:
        out.parent.mkdir(parents=True, exist_ok=True)
    result.model.metrics["seconds_total"] = time.perf_counter() - started
    path = save_model(result.model, out)
    if args.plot:
        from nnscratch.viz.digits import plot_learning_curves, save_figure

        save_figure(plot_learning_curves(result.history.epochs, lang=args.lang), args.plot)
    note = _xor_note(cfg, result, args.lang)
    summary = {"test_accuracy": result.test["accuracy"], "test_loss": result.test["loss"],
               "validation_accuracy": result.history.epochs[-1]["validation_accuracy"],
               "seconds": time.perf_counter() - started, "training_seconds": result.seconds,
               "epochs": len(result.history.epochs), "stopped_early": result.history.stopped_early,
               "history": result.history.epochs, "model": str(path), "dataset": cfg.dataset,
               "config": cfg.to_dict(), "parameters": result.model.network.n_parameters}
    if note:
        summary["note"] = note
    if args.json:
        print_json(summary)
    else:
        print(t("digits.train_done", args.lang, acc=100 * result.test["accuracy"], n=len(data.y_test),
                seconds=summary["seconds"], path=path))
        if note:
            print(note)
    return 0


def _check_output_paths(out, plot, must_exist):
    """Fail before training, not after minutes of it, if a result cannot be written."""
    if out.suffix != ".npz":
        raise ConfigError(f"--out must name a .npz file, got {str(out)!r}: e.g. --out model.npz")
    if out.is_dir():
        raise ConfigError(f"--out {str(out)!r} is a folder: give a file name such as {out / 'model.npz'}")
    if must_exist and out.parent != Path() and not out.parent.exists():
        raise ConfigError(f"--out: folder {str(out.parent)!r} does not exist: create it first")
    if plot is not None:
        from nnscratch.viz import check_plot_path

        check_plot_path(plot)


def _xor_note(cfg, result, lang):
    if cfg.dataset != "xor":
        return None
    if len(cfg.layers) == 2:
        return t("digits.xor_linear", lang, acc=100 * result.test["accuracy"])
    return t("digits.xor_solved", lang) if result.test["accuracy"] == 1.0 else None


# ---------------------------------------------------------------------------------------------- evaluate


def run_evaluate(args):
    from nnscratch.io.model import load_model
    from nnscratch.recipes import evaluation_report

    from nnscratch.viz import check_plot_path

    for path in (args.plot, args.weights_plot):  # before any work: a typo should not cost a whole evaluation
        if path is not None:
            check_plot_path(path)
    model = load_model(args.model)
    dataset = args.dataset or model.dataset or "mnist"
    if dataset not in IMAGE_DATASETS:
        raise ConfigError(f"{str(args.model)!r} was trained on {dataset!r}; evaluate works on "
                          f"{', '.join(IMAGE_DATASETS)} (toy models report their test accuracy when trained)")
    args.dataset = dataset
    ds = load_from_args(args)
    report = evaluation_report(model, ds.x_test, ds.y_test, mistakes=args.mistakes)
    report.update(model=str(args.model), dataset=dataset)
    if args.plot:
        _save_evaluation_plot(report, ds, args.plot, args.lang)
    if args.weights_plot:
        from nnscratch.viz.digits import plot_first_layer_weights, save_figure

        save_figure(plot_first_layer_weights(model.network.theta[2], lang=args.lang), args.weights_plot)
    emit(args, report, format_report)
    return 0


def _save_evaluation_plot(report, ds, path, lang):
    from nnscratch.viz.digits import plot_evaluation, save_figure

    wrong = report["mistakes"]
    save_figure(plot_evaluation(np.array(report["confusion_matrix"]), report["classes"],
                                ds.x_test[[m["index"] for m in wrong]], [m["true"] for m in wrong],
                                [m["predicted"] for m in wrong], [m["confidence"] for m in wrong], lang=lang), path)


def format_report(r, lang):
    lines = [t("digits.eval_header", lang, acc=100 * r["accuracy"], n=r["n"], dataset=r["dataset"]), "",
             t("digits.eval_per_class", lang)]
    for k, name in enumerate(r["classes"]):
        lines.append(f"  {name:>8}  {100 * r['precision'][k]:6.2f}%  {100 * r['recall'][k]:6.2f}%")
    lines += ["", t("digits.eval_confusion", lang),
              "        " + "".join(f"{c[:5]:>6}" for c in r["classes"])]
    for name, row in zip(r["classes"], r["confusion_matrix"]):
        lines.append(f"  {name[:5]:>5} " + "".join(f"{v:6d}" for v in row))
    if r["mistakes"]:
        lines += ["", t("digits.eval_mistakes", lang)]
        for m in r["mistakes"]:
            lines.append(f"  #{m['index']:<6} {r['classes'][m['true']]} -> {r['classes'][m['predicted']]}"
                         f"  ({100 * m['confidence']:.1f}%)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- predict


def run_predict(args):
    from nnscratch.io.image import preprocess_file
    from nnscratch.io.model import load_model

    model = load_model(args.model)
    if model.network.sizes[0] != 784 or tuple(model.input_shape) != (28, 28):
        raise ConfigError(f"{str(args.model)!r} takes inputs of shape {model.input_shape}, not 28x28 images: "
                          "predict needs a model trained on an MNIST-layout dataset")
    seen = [preprocess_file(path) for path in args.images]  # each (28, 28) in [0, 1]
    proba = model.predict_proba(np.stack(seen).reshape(len(seen), -1))
    # "digit" is the class index; "label" its name (the same for MNIST, a garment for Fashion-MNIST)
    results = [{"file": str(path), "digit": int(p.argmax()), "label": model.classes[int(p.argmax())],
                "probabilities": p.tolist()}
               for path, p in zip(args.images, proba)]
    if args.show:
        from nnscratch.io.image import save_mnist_png

        save_mnist_png(np.concatenate(seen, axis=1), args.show)
    if args.json:
        print_json(results)
    else:
        for r in results:
            bars = "  ".join(f"{c}:{100 * p:4.1f}%" for c, p in zip(model.classes, r["probabilities"]))
            print(f"{r['file']}: {r['label']}   ({bars})")
    return 0


# ---------------------------------------------------------------------------------------------- params


def _image_size(text):
    import argparse

    try:
        h, w = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an image size such as 256x256") from None
    if h <= 0 or w <= 0:
        raise argparse.ArgumentTypeError(f"image sides must be positive, got {text!r}")
    return h, w


def run_params(args):
    from nnscratch.complexity import reductions, summary, with_input

    base = summary(args.layers, args.batch)
    result = {"sizes": base["sizes"], "layers": base["layers"], "total": base["total"],
              "multiply_adds_per_sample": base["multiply_adds_per_sample"],
              "weights_bytes": base["weights_bytes"], "batch": args.batch,
              "activations_bytes": base["activations_bytes"]}
    if args.input:
        h, w = args.input
        big = summary(with_input(args.layers, h * w), args.batch)
        result["input"] = {"image": [h, w], "sizes": big["sizes"], "layers": big["layers"], "total": big["total"],
                           "growth": big["total"] / base["total"],
                           "multiply_adds_per_sample": big["multiply_adds_per_sample"],
                           "weights_bytes": big["weights_bytes"], "activations_bytes": big["activations_bytes"],
                           "reductions": reductions(args.layers, (h, w))}
    emit(args, result, format_params)
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
