"""`nnscratch sweep`: a grid over any `train` flag, run on this machine's cores or a Dask cluster.

Every point is parsed by the `train` command's own parser and turned into a
RunConfig by the same function as `train`, so a sweep point means exactly what
the same flags mean to `nnscratch train`.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path

from nnscratch.cli._common import (
    Parser,
    add_json_flag,
    add_subcommand,
    display_width,
    positive_int,
    print_json,
    progress,
)
from nnscratch.errors import ConfigError
from nnscratch.i18n import t

# train flags that are about output, not about the run
NOT_SWEPT = ("out", "plot", "json", "lang", "help", "data-dir")
# a layers value holds commas, so networks are separated by ':'
LIST_SEPARATOR = {"layers": ":"}


def register(sub, lang):
    from nnscratch import sweep

    p = add_subcommand(sub, "sweep", lang, "sweep.help", run_sweep)
    p.add_argument("--grid", action="append", default=[], metavar="NAME=V1,V2", help=t("sweep.grid", lang))
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help=t("sweep.set", lang))
    p.add_argument("--preset", choices=tuple(sweep.PRESETS), help=t("sweep.preset", lang))
    p.add_argument("--data-dir", type=Path, metavar="DIR", help=t("data.data_dir", lang))
    p.add_argument("--workers", type=positive_int, metavar="N", help=t("sweep.workers", lang))
    p.add_argument("--cluster", metavar="ADDRESS", help=t("sweep.cluster", lang))
    p.add_argument("--out", type=Path, metavar="DIR", help=t("sweep.out", lang))
    p.add_argument("--resume", type=Path, metavar="DIR", help=t("sweep.resume", lang))
    p.add_argument("--sort", choices=sweep.METRICS, default="test_accuracy", help=t("sweep.sort", lang))
    p.add_argument("--csv", type=Path, metavar="FILE.csv", help=t("sweep.csv", lang))
    p.add_argument("--plot", type=Path, metavar="FILE.png", help=t("sweep.plot", lang))
    add_json_flag(p)


class _PointParser(Parser):
    """The train parser, raising instead of exiting: a bad grid value is a ConfigError naming the axis."""

    def error(self, message):
        from nnscratch.cli._common import translate_argparse

        raise _BadValue(translate_argparse(message, self.lang))  # "argument --lr: ..." in the user's language


class _BadValue(Exception):
    pass


def _train_parser(lang):
    from nnscratch.cli import digits

    root = _PointParser(prog="nnscratch sweep", lang=lang)
    sub = root.add_subparsers(dest="command", parser_class=_PointParser)
    digits.register(sub, lang)
    return root


def _names(root) -> list[str]:
    train = root._subparsers._group_actions[0].choices["train"]
    names = [s[2:] for a in train._actions for s in a.option_strings if s.startswith("--")]
    return [n for n in names if n not in NOT_SWEPT]


def _split(text: str, flag: str, lang: str):
    name, eq, values = text.partition("=")
    if not eq or not name.strip() or not values.strip():
        raise ConfigError("sweep.err.grid_syntax", param=flag, text=text)
    name = name.strip().removeprefix("--")
    return name, [v.strip() for v in values.split(LIST_SEPARATOR.get(name, ","))]


def points_from_args(args) -> list:
    """RunConfigs for every combination of the --grid axes, with --set and the preset's base on each."""
    import itertools

    from nnscratch.cli.digits import run_config_from_args

    root = _train_parser(args.lang)
    names = _names(root)
    fixed = [_split(s, "set", args.lang) for s in args.set]
    axes = [_split(g, "grid", args.lang) for g in args.grid]
    for name, values in fixed + axes:
        if name not in names:
            raise ConfigError("sweep.err.grid_name", param="grid", name=name, choices=", ".join(names))
        for value in values:
            _parse(root, [f"--{name}", value], name, value)  # each value checked on its own, naming it
    base = [f"--{name}={values[-1]}" for name, values in fixed]
    if args.data_dir is not None:
        base.append(f"--data-dir={args.data_dir}")
    points = []
    for combo in itertools.product(*(values for _, values in axes)) if axes else [()]:
        argv = base + [f"--{name}={value}" for (name, _), value in zip(axes, combo, strict=False)]
        points.append(run_config_from_args(_parse(root, argv, "grid", " ".join(argv))))
    return points


def _parse(root, argv, name, value):
    try:
        return root.parse_args(["train", *argv])
    except _BadValue as exc:
        raise ConfigError("sweep.err.grid_value", param="grid", name=name, value=value, reason=str(exc)) from None


def run_sweep(args):
    from nnscratch import sweep

    started = time.perf_counter()
    for path in (args.csv, args.plot):
        if path is not None:
            from nnscratch.io.files import check_output_path

            check_output_path(path, (".csv",) if path is args.csv else (".png", ".svg", ".pdf"), "sweep", "sweep")
    if args.resume is not None:
        if args.grid or args.set or args.preset:
            raise ConfigError("sweep.err.resume_with_grid", param="resume")
        points, folder = sweep.read_points(args.resume), args.resume
    else:
        points = sweep.PRESETS[args.preset]() if args.preset else points_from_args(args)
        folder = args.out
    backend = sweep.DaskCluster(args.cluster) if args.cluster else sweep.LocalPool(args.workers)
    if args.cluster:
        from nnscratch.errors import require

        require("distributed", "cluster")
    bar = progress(len(points), t("sweep.progress", args.lang), unit="point")
    try:
        result = sweep.run(points, backend=backend, data_dir=args.data_dir, out=folder,
                           keep_models=folder is not None, on_record=lambda r: bar.update(1))
    except sweep.SweepInterrupted as exc:
        bar.close()
        done = len(exc.result.records)
        where = t("sweep.kept_in", args.lang, folder=folder) if folder is not None else ""
        print(f"{args.prog}: {t('sweep.interrupted', args.lang, done=done, n=len(points), where=where)}",
              file=sys.stderr)
        return 130
    bar.close()
    records = sweep.sort_records(result.records, args.sort)
    if args.csv:
        _write_csv(records, args.csv)
    if args.plot:
        from nnscratch.viz import save_figure
        from nnscratch.viz.sweep import plot_sweep

        save_figure(plot_sweep(records, lang=args.lang), args.plot)
    seconds = time.perf_counter() - started
    if args.json:
        print_json({"backend": backend.name, "workers": getattr(backend, "workers", None),
                    "threads": backend.threads, "sort": args.sort, "seconds": seconds,
                    "grid": {name: values for name, values in (_split(g, "grid", args.lang) for g in args.grid)},
                    "skipped": result.skipped, "records": records})
    else:
        print(format_table(records, backend, args.sort, args.lang))
        failed = len(result.failed())
        print(t("sweep.summary", args.lang, ok=len(records) - failed, n=len(records), failed=failed, seconds=seconds))
        if result.skipped:
            print(t("sweep.skipped", args.lang, n=result.skipped, folder=folder))
        for path in (args.csv, args.plot):
            if path is not None:
                print(t("sweep.wrote", args.lang, path=path))
    return 1 if result.failed() and len(result.failed()) == len(records) else 0


def _write_csv(records, path):
    from nnscratch import sweep
    from nnscratch.io.files import write_atomically

    rows = list(sweep.flat_rows(records))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomically(path, lambda f: f.write(buffer.getvalue().encode()))


def _pct(v):
    return "-" if v is None else f"{100 * v:.2f}%"


def format_table(records, backend, metric, lang) -> str:
    from nnscratch import sweep

    axes = [a for a in sweep.varying(records) if a != "layers"]
    if backend.name == "local":
        workers_line = t("sweep.workers_line", lang, workers=backend.workers, threads=backend.threads)
        where = f"{t('sweep.local', lang)}, {workers_line}"
    else:
        where = t("sweep.dask_line", lang, address=backend.address)
    header = [t("sweep.col.rank", lang), "layers", *axes, t("sweep.col.test", lang), t("sweep.col.best", lang),
              t("sweep.col.val", lang), t("sweep.col.loss", lang), t("sweep.col.epochs", lang),
              t("sweep.col.seconds", lang), t("sweep.col.params", lang)]
    rows = []
    for rank, r in enumerate(records, 1):
        flat = sweep._flat_config(r["config"])
        cells = [str(rank), "-".join(map(str, r["layers"])), *(str(flat.get(a)) for a in axes)]
        if r["status"] == "ok":
            loss = r.get("test_loss")
            cells += [_pct(r.get("test_accuracy")), _pct(r.get("best_test_accuracy")),
                      _pct(r.get("validation_accuracy")), "-" if loss is None else f"{loss:.4f}", str(r["epochs"]),
                      f"{r['seconds']:.1f}", f"{r['parameters']:,}"]
        else:
            cells += [t("sweep.failed", lang, message=r["error"]["message"] if r["error"] else "?")]
        rows.append(cells)
    widths = [max(display_width(row[i]) for row in [header] + rows if i < len(row)) for i in range(len(header))]

    def line(cells):
        if len(cells) < len(header):  # a failed point: its message spans the result columns
            first = len(header) - 7
            padded = (c + " " * (w - display_width(c)) for c, w in zip(cells[:first], widths, strict=False))
            return "  ".join(padded) + "  " + cells[-1]
        return "  ".join(c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=False)).rstrip()

    title = t("sweep.header", lang, n=len(records), backend=where, metric=metric)
    return "\n".join([title, "", line(header), *(line(r) for r in rows)])
