"""The lecture's first chapters: ``mle urn|gaussian|homework``, ``logreg``, ``perceptron``.

Flags are parsed and files read here; the numbers come from ``nnscratch.mle``,
``nnscratch.logistic`` and ``nnscratch.perceptron``; text and JSON are printed here.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

from nnscratch.cli._common import (
    Parser,
    add_json_flag,
    add_subcommand,
    display_width,
    finite_float,
    nonneg_int,
    positive_float,
    positive_int,
    print_json,
    unit_interval,
)
from nnscratch.errors import ConfigError, DataError
from nnscratch.i18n import t


def register(sub, lang):
    mle = add_subcommand(sub, "mle", lang, "chapters.mle.help", None)
    kinds = mle.add_subparsers(dest="mle_command", metavar="KIND", parser_class=Parser, required=True)

    urn = add_subcommand(kinds, "urn", lang, "chapters.urn.help", _urn)
    urn.add_argument("--draws", type=positive_int, default=100, metavar="N", help=t("chapters.urn.draws", lang))
    urn.add_argument("--white", type=nonneg_int, default=70, metavar="K", help=t("chapters.urn.white", lang))
    urn.add_argument("--plot", metavar="FILE.png", help=t("chapters.urn.plot", lang))
    add_json_flag(urn)

    gauss = add_subcommand(kinds, "gaussian", lang, "chapters.gauss.help", _gaussian)
    gauss.add_argument("values", nargs="*", type=finite_float, metavar="X", help=t("chapters.gauss.values", lang))
    gauss.add_argument("--file", metavar="FILE", help=t("chapters.gauss.file", lang))
    add_json_flag(gauss)

    homework = add_subcommand(kinds, "homework", lang, "chapters.hw1.help", _homework)
    add_json_flag(homework)

    logreg = add_subcommand(sub, "logreg", lang, "chapters.logreg.help", _logreg)
    source = logreg.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", metavar="FILE.csv", help=t("chapters.logreg.data", lang))
    source.add_argument("--dataset", metavar="NAME", help=t("chapters.logreg.dataset", lang))
    logreg.add_argument("--data-dir", metavar="DIR", help=t("chapters.logreg.data_dir", lang))
    logreg.add_argument("--epochs", type=positive_int, metavar="N", help=t("chapters.logreg.epochs", lang))
    logreg.add_argument("--lr", type=positive_float, default=0.5, metavar="A", help=t("chapters.logreg.lr", lang))
    logreg.add_argument("--batch-size", type=positive_int, metavar="B", help=t("chapters.logreg.batch", lang))
    logreg.add_argument("--momentum", type=unit_interval, default=0.0, metavar="M",
                        help=t("chapters.logreg.momentum", lang))
    logreg.add_argument("--seed", type=nonneg_int, default=0, help=t("chapters.seed", lang))
    logreg.add_argument("--taylor", type=positive_float, metavar="EPS", help=t("chapters.logreg.taylor", lang))
    add_json_flag(logreg)

    perc = add_subcommand(sub, "perceptron", lang, "chapters.perc.help", _perceptron)
    data = perc.add_mutually_exclusive_group()
    data.add_argument("--points", metavar="'X1,X2,Y;...'", help=t("chapters.perc.points", lang))
    data.add_argument("--data", metavar="FILE.csv", help=t("chapters.perc.data", lang))
    perc.add_argument("--eta", type=positive_float, default=1.0, help=t("chapters.perc.eta", lang))
    perc.add_argument("--w0", type=_numbers, metavar="W1,W2,...", help=t("chapters.perc.w0", lang))
    perc.add_argument("--b0", type=finite_float, default=0.0, help=t("chapters.perc.b0", lang))
    perc.add_argument("--rule", choices=("first", "cyclic", "random"), default="first",
                      help=t("chapters.perc.rule", lang))
    perc.add_argument("--seed", type=nonneg_int, default=0, help=t("chapters.seed", lang))
    perc.add_argument("--pick", type=_pick, action="append", default=[], metavar="K=NAME",
                      help=t("chapters.perc.pick", lang))
    perc.add_argument("--max-passes", type=positive_int, default=100, metavar="N",
                      help=t("chapters.perc.max_passes", lang))
    perc.add_argument("--dual", action="store_true", help=t("chapters.perc.dual", lang))
    perc.add_argument("--format", choices=("table", "markdown", "csv"), default="table",
                      help=t("chapters.perc.format", lang))
    perc.add_argument("--plot", metavar="FILE.png", help=t("chapters.perc.plot", lang))
    add_json_flag(perc)


# ---- flag types ------------------------------------------------------------


def _numbers(text: str) -> list[float]:
    """'0,0' -> [0.0, 0.0]."""
    return [finite_float(part.strip()) for part in text.split(",")]


def _pick(text: str) -> tuple[int, str]:
    """'5=M2' -> (5, 'M2'): at iteration 5, update on M2."""
    k, sep, name = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected ITERATION=NAME such as 5=M2, got {text!r}")
    try:
        k = int(k)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the iteration in {text!r} is not a whole number") from None
    if k < 1:
        raise argparse.ArgumentTypeError(f"the iteration in {text!r} must be 1 or more")
    return k, name.strip()


# ---- reading the user's files ----------------------------------------------


def _csv_rows(path) -> list[tuple[str, list[str]]]:
    """The non-blank rows of a CSV file, each with 'file:line' for error messages."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"no such file: {str(path)!r}") from None
    except IsADirectoryError:
        raise DataError(f"{str(path)!r} is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise DataError(f"{str(path)!r} is not a text (UTF-8) CSV file") from None
    except OSError as exc:
        raise DataError(f"cannot read {str(path)!r}: {exc.strerror}") from None
    rows = [(f"{path}:{i}", [field.strip() for field in row])
            for i, row in enumerate(csv.reader(text.splitlines()), 1)]
    rows = [(where, fields) for where, fields in rows if any(fields)]
    if not rows:
        raise DataError(f"{str(path)!r} is empty: expected rows of numbers")
    return rows


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"{where}: {text!r} is not a number") from None
    if not np.isfinite(value):
        raise DataError(f"{where}: {text!r} is not a finite number")
    return value


def _data_rows(path, is_header):
    """The CSV rows of ``path`` without its first row when ``is_header(fields)`` says it is a header."""
    rows = _csv_rows(path)
    if is_header(rows[0][1]):
        rows = rows[1:]
    if not rows:
        raise DataError(f"{str(path)!r} has a header but no data rows")
    return rows


def _same_width(rows, minimum: int, needs: str):
    """Every row as wide as the first, and that at least ``minimum``; ``needs`` says what a row holds."""
    width = len(rows[0][1])
    if width < minimum:
        raise DataError(f"{rows[0][0]}: a row needs {needs}, got {','.join(rows[0][1])!r}")
    for where, fields in rows:
        if len(fields) != width:
            raise DataError(f"{where}: expected {width} values like the first row, got {len(fields)}")


def _read_labelled_csv(path):
    """Numeric feature columns and a label in the last column; a header row is allowed. -> (X, y)"""
    rows = _data_rows(path, lambda fields: not all(_is_number(f) for f in fields[:-1]))
    _same_width(rows, 2, "feature columns and a label in the last column")
    X = np.array([[_number(f, where) for f in fields[:-1]] for where, fields in rows])
    labels = [fields[-1] for _, fields in rows]
    if not all(_is_number(v) for v in labels):
        return X, np.array(labels)  # class names such as 'cat', 'dog'
    y = np.array([_number(v, where) for v, (where, _) in zip(labels, rows)])
    return X, (y.astype(int) if np.all(y == np.round(y)) else y)


def _perceptron_points(rows):
    """Rows of [NAME,] x1, ..., xd, y -> (X, y, names); a row without a name is M<row number>."""
    named = [fields[0] != "" and not _is_number(fields[0]) for _, fields in rows]
    numeric = [(where, fields[1:] if has_name else fields) for (where, fields), has_name in zip(rows, named)]
    _same_width(numeric, 2, "coordinates and a label (+1 or -1)")
    values = np.array([[_number(f, where) for f in fields] for where, fields in numeric])
    names = [fields[0] if has_name else f"M{i + 1}" for i, ((_, fields), has_name) in enumerate(zip(rows, named))]
    return values[:, :-1], values[:, -1], names


def _points_flag(text: str):
    """--points '3,3,+1;4,3,+1;1,1,-1' (or 'A:3,3,+1;...') -> (X, y, names)."""
    rows = []
    for i, item in enumerate(text.split(";"), 1):
        if not item.strip():
            continue
        name, sep, coords = item.partition(":")
        fields = [name.strip()] if sep else []
        fields += [f.strip() for f in (coords if sep else item).split(",")]
        rows.append((f"--points, point {i}", fields))
    if not rows:
        raise ConfigError(f"--points has no points: expected e.g. '3,3,+1;4,3,+1;1,1,-1', got {text!r}")
    return _perceptron_points(rows)


def _read_values(path) -> list[float]:
    """Numbers separated by commas, spaces or new lines; a first line without any number is a header."""
    def tokens(fields):
        return [v for f in fields for v in f.split()]

    rows = _data_rows(path, lambda fields: not any(_is_number(v) for v in tokens(fields)))
    return [_number(v, where) for where, fields in rows for v in tokens(fields)]


# ---- output helpers -----------------------------------------------------------


def _g(x) -> str:
    """A number as the text shows it: six significant digits."""
    return f"{float(x):.6g}"


def _vector(values) -> str:
    return "(" + ", ".join(_g(v) for v in values) + ")"


def _aligned(header: list[str], body: list[list[str]]) -> str:
    widths = [max(display_width(cell) for cell in column) for column in zip(header, *body)]
    return "\n".join(
        "  ".join(cell + " " * (w - display_width(cell)) for cell, w in zip(line, widths)).rstrip()
        for line in [header, *body]
    )


def _markdown(header: list[str], body: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *body]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def _save_plot(path, make_figure, lang) -> None:
    from nnscratch.viz import save_figure

    save_figure(make_figure(), path)
    print(t("chapters.plot_saved", lang, path=path), file=sys.stderr)


def _check_plot(path):
    if path:
        from nnscratch.viz import check_plot_path

        check_plot_path(path)


# ---- mle ------------------------------------------------------------------


def _power(base: str, e: int) -> str:
    return "" if e == 0 else base if e == 1 else f"{base}^{e}"


def _urn_derivative(n: int, k: int) -> str:
    """dL/dp written as the lecture factors it."""
    if k == 0:
        return f"-{n}" + _power("(1-p)", n - 1)
    if k == n:
        return f"{n}" + _power("p", n - 1)
    powers = " ".join(filter(None, (_power("p", k - 1), _power("(1-p)", n - k - 1))))
    return f"C({n},{k}) {powers} [{k}(1-p) - {n - k}p]".replace("  ", " ")


def _urn(args) -> int:
    from dataclasses import asdict

    from nnscratch.mle import estimate_urn, urn_likelihood_prime

    lang, n, k = args.lang, args.draws, args.white
    _check_plot(args.plot)
    est = estimate_urn(n, k)
    if args.plot:
        from nnscratch.viz.chapters import likelihood_figure

        _save_plot(args.plot, lambda: likelihood_figure(n, k), lang)
    if args.json:
        print_json({"objective": "likelihood", "argument": "p", **asdict(est)})
        return 0
    p = _g(est.estimate)
    print(t("chapters.urn.title", lang))
    print(t("chapters.urn.observed", lang, n=n, k=k))
    print(t("chapters.urn.objective", lang, n=n, k=k, nk=n - k))
    print(t("chapters.urn.estimate", lang, n=n, k=k, p=p))
    print(t("chapters.urn.likelihood", lang, p=p, value=_g(est.likelihood)))
    print(t("chapters.urn.log_likelihood", lang, p=p, value=_g(est.log_likelihood)))
    points = ", ".join(_g(s.p) for s in est.stationary_points)
    print(t("chapters.urn.roots", lang, derivative=_urn_derivative(n, k), points=points or "-"))
    for s in est.stationary_points:
        if s.kind == "maximum":
            print(t("chapters.urn.maximum", lang, p=_g(s.p), value=_g(s.likelihood)))
        elif s.p == 0:
            print(t("chapters.urn.reject_zero", lang, k=k))
        else:
            print(t("chapters.urn.reject_one", lang, black=n - k))
    if k in (0, n):
        slope = float(urn_likelihood_prime(est.estimate, n, k))
        print(t("chapters.urn.boundary", lang, p=p, slope=_g(slope)))
    print(t("chapters.urn.numeric", lang, p=_g(est.numeric_estimate),
            diff=f"{abs(est.numeric_estimate - est.estimate):.1e}"))
    return 0


def _gaussian(args) -> int:
    from dataclasses import asdict

    from nnscratch.mle import estimate_gaussian

    lang = args.lang
    if args.file and args.values:
        raise ConfigError("give the values inline or with --file, not both")
    if not args.file and not args.values:
        raise ConfigError("no values given: pass numbers (nnscratch mle gaussian 1.2 3.4 5) or --file FILE")
    est = estimate_gaussian(_read_values(args.file) if args.file else args.values)
    if args.json:
        print_json({"objective": "likelihood", "argument": ["mu", "sigma"], **asdict(est)})
        return 0
    print(t("chapters.gauss.title", lang, n=est.n))
    print(t("chapters.gauss.objective", lang))
    print(t("chapters.gauss.mu", lang, mu=_g(est.mu)))
    print(t("chapters.gauss.sigma", lang, sigma=_g(est.sigma)))
    print(t("chapters.gauss.unbiased", lang, sigma=_g(est.sigma_unbiased)))
    print(t("chapters.gauss.log_likelihood", lang, value=_g(est.log_likelihood)))
    return 0


def _homework(args) -> int:
    from dataclasses import asdict

    from nnscratch.mle import homework_one

    lang = args.lang
    n, k, p = 100, 70, 0.7  # the numbers of the lecture's homework I
    first, second = homework_one(n, k, p)
    if args.json:
        print_json({"questions": [asdict(first), asdict(second)]})
        return 0
    print(t("chapters.hw1.title", lang))
    print(t("chapters.hw1.q1", lang, n=n, k=k))
    print(t("chapters.hw1.a1", lang, value=_g(first.value)))
    print(t("chapters.hw1.q2", lang, percent=_g(100 * p)))
    print(t("chapters.hw1.a2", lang, p=_g(p), value=_g(second.value)))
    print(t("chapters.hw1.rule", lang))
    return 0


# ---- logreg ---------------------------------------------------------------

# Per data source: (epochs, batch size); None is the full batch, the lecture's gradient descent.
_LOGREG_DEFAULTS = {"csv": (1000, None), "dataset": (10, 100)}


def _logreg(args) -> int:
    from nnscratch.logistic import LogisticRegression

    lang = args.lang
    if args.data_dir and not args.dataset:
        raise ConfigError("--data-dir goes with --dataset (e.g. --dataset mnist --data-dir DIR)")
    if args.dataset:
        X, y, X_test, y_test = _load_image_dataset(args)
        source, kind = args.dataset, "dataset"
    else:
        (X, y), X_test, y_test = _read_labelled_csv(args.data), None, None
        source, kind = args.data, "csv"
    if args.taylor:
        return _taylor(X, y, args.taylor, args.seed, source, args)
    epochs, batch = _LOGREG_DEFAULTS[kind]
    model = LogisticRegression(lr=args.lr, epochs=args.epochs or epochs,
                               batch_size=args.batch_size or batch, momentum=args.momentum, seed=args.seed)
    model.fit(X, y)
    train_right = int(np.sum(model.predict(X) == y))
    binary = model.coef_.shape[0] == 1
    out = {
        "classes": model.classes_.tolist(),
        "w": model.coef_[0].tolist() if binary else model.coef_.tolist(),
        "b": float(model.intercept_[0]) if binary else model.intercept_.tolist(),
        "train_accuracy": train_right / len(y),
        "loss": model.loss_curve_[-1],
        "loss_curve": model.loss_curve_,
        "epochs": model.n_iter_,
        "converged": model.converged_,
    }
    if X_test is not None:
        test_right = int(np.sum(model.predict(X_test) == y_test))
        out["test_accuracy"] = test_right / len(y_test)
    if args.json:
        print_json(out)
        return 0
    print(t("chapters.logreg.title_binary" if binary else "chapters.logreg.title_softmax", lang,
            classes=len(model.classes_), features=X.shape[1], samples=X.shape[0], source=source))
    if binary:
        print(t("chapters.logreg.classes", lang, neg=model.classes_[0], pos=model.classes_[1]))
    method = ("chapters.logreg.gd" if model.batch_size is None or model.batch_size >= len(y)
              else "chapters.logreg.sgd" if model.batch_size == 1 else "chapters.logreg.minibatch")
    print(t("chapters.logreg.training", lang, method=t(method, lang, batch=model.batch_size), lr=_g(model.lr),
            momentum=_g(model.momentum)))
    print(t("chapters.logreg.converged" if model.converged_ else "chapters.logreg.stopped", lang,
            epochs=model.n_iter_, tol=_g(model.tol)))
    if model.coef_.size <= 40:
        if binary:
            print(f"w = {_vector(model.coef_[0])}")
            print(f"b = {_g(model.intercept_[0])}")
        else:
            for c, row, b in zip(model.classes_, model.coef_, model.intercept_):
                print(f"w[{c}] = {_vector(row)}    b[{c}] = {_g(b)}")
    else:
        print(t("chapters.logreg.shape", lang, rows=model.coef_.shape[0], cols=model.coef_.shape[1]))
    print(t("chapters.logreg.loss", lang, first=_g(model.loss_curve_[0]), last=_g(model.loss_curve_[-1]),
            epochs=model.n_iter_))
    print(t("chapters.logreg.train_accuracy", lang, acc=f"{out['train_accuracy']:.4f}", right=train_right,
            total=len(y)))
    if X_test is not None:
        print(t("chapters.logreg.test_accuracy", lang, acc=f"{out['test_accuracy']:.4f}", right=test_right,
                total=len(y_test)))
    if binary and train_right == len(y) and not model.converged_:
        print(t("chapters.logreg.separable", lang))
    return 0


def _load_image_dataset(args):
    """Pixels scaled to [0, 1] in float32 (float64 would double the memory of MNIST) and labels."""
    from nnscratch.cli.data import load_from_args

    # Like `train`: fetch a missing dataset into the cache, but never into a folder the user named.
    ds = load_from_args(args, download=args.data_dir is None)
    scale = np.float32(1 / 255)
    return ds.x_train.astype(np.float32) * scale, ds.y_train, ds.x_test.astype(np.float32) * scale, ds.y_test


def _taylor(X, y, step, seed, source, args) -> int:
    from dataclasses import asdict

    from nnscratch.logistic import taylor_check

    lang = args.lang
    check = taylor_check(X, y, step, np.random.default_rng(seed))
    if args.json:
        print_json({**asdict(check), "decreased": check.decreased})
        return 0
    print(t("chapters.taylor.title", lang, source=source))
    print(t("chapters.taylor.loss", lang, j=_g(check.loss), g=_g(check.grad_norm_sq)))
    verdict = (t("chapters.taylor.lower", lang, drop=_g(check.loss - check.loss_after)) if check.decreased
               else t("chapters.taylor.not_lower", lang))
    print(t("chapters.taylor.step", lang, eps=_g(step), after=_g(check.loss_after), verdict=verdict))
    print(t("chapters.taylor.first_order", lang, predicted=_g(check.predicted),
            remainder=f"{check.loss_after - check.predicted:.3g}"))
    print(t("chapters.taylor.direction", lang, actual=_g(check.direction_loss),
            predicted=_g(check.direction_predicted),
            remainder=f"{check.direction_loss - check.direction_predicted:.3g}"))
    print(t("chapters.taylor.why", lang))
    return 0


# ---- perceptron -----------------------------------------------------------


def _perceptron(args) -> int:
    from nnscratch.perceptron import lecture_example, plain_number, train_perceptron

    lang = args.lang
    _check_plot(args.plot)
    if args.points:
        X, y, names = _points_flag(args.points)
    elif args.data:
        X, y, names = _perceptron_points(_data_rows(args.data, lambda fields: not _is_number(fields[-1])))
    else:
        X, y, names = lecture_example()
    picks = {}
    for k, name in args.pick:
        if k in picks:
            raise ConfigError(f"two picks for iteration {k}: {picks[k]} and {name}")
        picks[k] = name
    result = train_perceptron(X, y, names, eta=args.eta, w0=args.w0, b0=args.b0, rule=args.rule, picks=picks,
                              max_passes=args.max_passes, rng=np.random.default_rng(args.seed), dual=args.dual)
    if args.plot:
        from nnscratch.viz.chapters import perceptron_figure

        _save_plot(args.plot, lambda: perceptron_figure(X, y, result.names, result.rows), lang)
    if args.json:
        print_json({
            "rows": [row.as_dict() for row in result.rows],
            "w": [plain_number(v) for v in result.w],
            "b": plain_number(result.b),
            "converged": result.converged,
            "model": result.model,
            "pocket": {"w": [plain_number(v) for v in result.pocket_w], "b": plain_number(result.pocket_b),
                       "misclassified": result.pocket_errors},
        })
        return 0
    header = [t(f"chapters.perc.h_{key}", lang) for key in ("iteration", "misclassified", "w", "b", "hyperplane")]
    header += [t("chapters.perc.h_alpha", lang)] if args.dual else []
    body = []
    for row in result.rows:
        used = row.misclassified or ("" if row.iteration == 0 else t("chapters.perc.none", lang))
        cells = [str(row.iteration), used, _vector(row.w), _g(row.b), row.hyperplane]
        body.append(cells + ([_vector(row.alpha)] if args.dual else []))
    if args.format == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows([header, *body])
        return 0
    updates = len([r for r in result.rows if r.misclassified])
    footer = [t("chapters.perc.converged", lang, updates=updates)] if result.converged else [
        t("chapters.perc.not_converged", lang, passes=args.max_passes, updates=updates),
        t("chapters.perc.pocket", lang, errors=result.pocket_errors, m=len(y)),
    ]
    footer.append(t("chapters.perc.model", lang, model=result.model))
    if args.format == "markdown":
        print(_markdown(header, body))
        print()
        print("\n\n".join(footer))
        return 0
    print(_perceptron_title(args, X, result.names, picks, lang))
    print()
    print(_aligned(header, body))
    print()
    print("\n".join(footer))
    return 0


def _perceptron_title(args, X, names, picks, lang) -> str:
    order = ", ".join(names)
    rule = t(f"chapters.perc.rule_{args.rule}", lang, order=order, seed=args.seed)
    rule += "".join(t("chapters.perc.rule_pick", lang, k=k, name=name) for k, name in sorted(picks.items()))
    w0 = args.w0 if args.w0 is not None else [0] * X.shape[1]
    title = t("chapters.perc.title", lang, m=X.shape[0], d=X.shape[1], eta=_g(args.eta), w0=_vector(w0),
              b0=_g(args.b0), rule=rule)
    return title + (t("chapters.perc.dual_form", lang) if args.dual else "")
