"""The lecture's first chapters: ``mle urn|gaussian|homework``, ``logreg``, ``perceptron``.

Flags are parsed here; files are read by ``nnscratch.io.table``; the numbers come from
``nnscratch.mle``, ``nnscratch.logistic`` and ``nnscratch.perceptron``; text and JSON are printed here.
Errors are the library's, keyed and rendered in the user's language by ``nnscratch.cli``.
"""

from __future__ import annotations

import csv
import sys

import numpy as np

from nnscratch.cli._common import (
    Parser,
    add_json_flag,
    add_subcommand,
    display_width,
    finite_float,
    flag_error,
    nonneg_int,
    number_list,
    positive_float,
    positive_int,
    print_json,
    unit_interval,
)
from nnscratch.errors import ConfigError
from nnscratch.i18n import t
from nnscratch.io.table import parse_points, read_labelled_csv, read_points, read_values


def register(sub, lang):
    mle = add_subcommand(sub, "mle", lang, "chapters.mle.help", None)
    kinds = mle.add_subparsers(dest="mle_command", metavar="KIND", parser_class=Parser, required=True)

    urn = add_subcommand(kinds, "urn", lang, "chapters.urn.help", _urn, param_flags={"n": "--draws", "k": "--white"})
    urn.add_argument("--draws", type=positive_int, default=100, metavar="N", help=t("chapters.urn.draws", lang))
    urn.add_argument("--white", type=nonneg_int, default=70, metavar="K", help=t("chapters.urn.white", lang))
    urn.add_argument("--plot", metavar="FILE.png", help=t("chapters.urn.plot", lang))
    add_json_flag(urn)

    # The values come inline or from --file: the message says which value, no flag to blame.
    gauss = add_subcommand(kinds, "gaussian", lang, "chapters.gauss.help", _gaussian,
                           param_flags={"values": None, "path": "--file"})
    gauss.add_argument("values", nargs="*", type=finite_float, metavar="X", help=t("chapters.gauss.values", lang))
    gauss.add_argument("--file", metavar="FILE", help=t("chapters.gauss.file", lang))
    add_json_flag(gauss)

    homework = add_subcommand(kinds, "homework", lang, "chapters.hw1.help", _homework)
    add_json_flag(homework)

    logreg = add_subcommand(sub, "logreg", lang, "chapters.logreg.help", _logreg,
                            param_flags={"path": "--data", "X": "--data", "y": "--data", "step": "--taylor"})
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

    perc = add_subcommand(sub, "perceptron", lang, "chapters.perc.help", _perceptron,
                          param_flags={"path": "--data", "X": None, "y": None, "names": None, "pick": "--pick",
                                       "picks": "--pick", "points": "--points", "dual": "--dual"})
    data = perc.add_mutually_exclusive_group()
    data.add_argument("--points", metavar="'X1,X2,Y;...'", help=t("chapters.perc.points", lang))
    data.add_argument("--data", metavar="FILE.csv", help=t("chapters.perc.data", lang))
    perc.add_argument("--eta", type=positive_float, default=1.0, help=t("chapters.perc.eta", lang))
    perc.add_argument("--w0", type=number_list, metavar="W1,W2,...", help=t("chapters.perc.w0", lang))
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


def _pick(text: str) -> tuple[int, str]:
    """'5=M2' -> (5, 'M2'): at iteration 5, update on M2."""
    k_text, sep, name = text.partition("=")
    if not sep or not name.strip():
        raise flag_error("chapters.err.pick_format", text=text)
    try:
        k = int(k_text)
    except ValueError:
        raise flag_error("chapters.err.pick_number", text=text) from None
    if k < 1:
        raise flag_error("chapters.err.pick_number", text=text)
    return k, name.strip()


# ---- output helpers -----------------------------------------------------------


def _g(x) -> str:
    """A number as the text shows it: six significant digits (a subnormal such as 1e-320, which holds
    fewer digits than that, in its shortest exact form: '1e-320', not '9.99989e-321')."""
    x = float(x)
    if 0 < abs(x) < np.finfo(float).tiny:
        return repr(x)
    return f"{x:.6g}"


def _vector(values) -> str:
    return "(" + ", ".join(_g(v) for v in values) + ")"


def _aligned(header: list[str], body: list[list[str]]) -> str:
    widths = [max(display_width(cell) for cell in column) for column in zip(header, *body, strict=True)]
    return "\n".join(
        "  ".join(cell + " " * (w - display_width(cell)) for cell, w in zip(line, widths, strict=True)).rstrip()
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
        raise ConfigError("chapters.err.values_twice", param="path")
    if not args.file and not args.values:
        raise ConfigError("chapters.err.no_values", param="values")
    est = estimate_gaussian(read_values(args.file) if args.file else args.values)
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
        raise ConfigError("chapters.err.data_dir_alone", param="data_dir")
    if args.dataset:
        X, y, X_test, y_test = _load_image_dataset(args)
        source, kind = args.dataset, "dataset"
    else:
        (X, y), X_test, y_test = read_labelled_csv(args.data), None, None
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
            for c, row, b in zip(model.classes_, model.coef_, model.intercept_, strict=True):
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
    from nnscratch.data import may_download

    # Like `train`: fetch a missing dataset into the cache, but never into a folder the user named.
    ds = load_from_args(args, download=may_download(args.data_dir))
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
    # An empty --points '' is refused by parse_points, never mistaken for "no points given".
    if args.points is not None:
        X, y, names = parse_points(args.points)
    elif args.data is not None:
        X, y, names = read_points(args.data)
    else:
        X, y, names = lecture_example()
    picks: dict[int, str] = {}
    for k, name in args.pick:
        if k in picks:
            raise ConfigError("chapters.err.two_picks", param="picks", k=k, first=picks[k], second=name)
        picks[k] = name
    result = train_perceptron(X, y, names, eta=args.eta, w0=args.w0, b0=args.b0, rule=args.rule, picks=picks,
                              max_passes=args.max_passes, rng=np.random.default_rng(args.seed), dual=args.dual)
    if args.plot:
        from nnscratch.viz.chapters import perceptron_figure

        _save_plot(args.plot, lambda: perceptron_figure(X, y, result.names, result.rows), lang)
    if args.json:
        print_json({
            "rows": [row.as_dict() for row in result.rows],
            "rows_omitted": result.rows_omitted,
            "updates": result.updates,
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
    gap = _gap(result.rows)
    for row in result.rows:
        used = row.misclassified or ("" if row.iteration == 0 else t("chapters.perc.none", lang))
        cells = [str(row.iteration), used, _vector(row.w), _g(row.b), row.hyperplane]
        body.append(cells + ([_vector(row.alpha)] if args.dual else []))
    omitted = t("chapters.perc.omitted", lang, n=f"{result.rows_omitted:,}", first=result.rows[gap - 1].iteration + 1,
                last=result.rows[gap].iteration - 1) if gap else None
    if args.format == "csv":
        # CSV stays a table of rows only: the note on what was left out goes to stderr.
        csv.writer(sys.stdout, lineterminator="\n").writerows([header, *body])
        if omitted:
            print(omitted, file=sys.stderr)
        return 0
    updates = result.updates
    footer = [t("chapters.perc.converged", lang, updates=updates)] if result.converged else [
        t("chapters.perc.not_converged", lang, passes=args.max_passes, updates=updates),
        t("chapters.perc.pocket", lang, errors=result.pocket_errors, m=len(y)),
    ]
    footer.append(t("chapters.perc.model", lang, model=result.model))
    if omitted:
        footer.insert(0, omitted)
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


def _gap(rows) -> int | None:
    """The index of the first row after the rows left out (iterations jump there), or None."""
    return next((i for i in range(1, len(rows)) if rows[i].iteration > rows[i - 1].iteration + 1), None)


def _perceptron_title(args, X, names, picks, lang) -> str:
    order = ", ".join(names)
    rule = t(f"chapters.perc.rule_{args.rule}", lang, order=order, seed=args.seed)
    rule += "".join(t("chapters.perc.rule_pick", lang, k=k, name=name) for k, name in sorted(picks.items()))
    w0 = args.w0 if args.w0 is not None else [0] * X.shape[1]
    title = t("chapters.perc.title", lang, m=X.shape[0], d=X.shape[1], eta=_g(args.eta), w0=_vector(w0),
              b0=_g(args.b0), rule=rule)
    return title + (t("chapters.perc.dual_form", lang) if args.dual else "")
