"""``nnscratch experiment NAME [--plot FILE] [--json]``: the experiments that follow the lecture."""

from __future__ import annotations

import sys

from nnscratch.cli._common import add_json_flag, add_subcommand, nonneg_int, positive_float, positive_int, print_json
from nnscratch.i18n import t


def register(sub, lang):
    from nnscratch.experiments import EXPERIMENTS

    exp = add_subcommand(sub, "experiment", lang, "experiments.cli.help", _run)
    exp.add_argument("name", choices=list(EXPERIMENTS), metavar="NAME",
                     help=t("experiments.cli.name", lang) + ": " + ", ".join(EXPERIMENTS))
    exp.add_argument("--plot", metavar="FILE", help=t("experiments.cli.plot", lang))
    exp.add_argument("--data-dir", metavar="DIR", help=t("experiments.cli.data_dir", lang))
    exp.add_argument("--seed", type=nonneg_int, default=0, help=t("experiments.cli.seed", lang))
    exp.add_argument("--epochs", type=positive_int, metavar="N", help=t("experiments.cli.epochs", lang))
    exp.add_argument("--seconds", type=positive_float, metavar="S", help=t("experiments.cli.seconds", lang))
    add_json_flag(exp)


def _run(args) -> int:
    from nnscratch.experiments import plot_experiment, public, run_experiment, summarize

    if args.plot:  # a figure that cannot be written is refused before the experiment runs
        from nnscratch.viz import check_plot_path

        check_plot_path(args.plot)
    options = {"seed": args.seed, "data_dir": args.data_dir}
    if args.epochs:
        options["epochs"] = args.epochs
    if args.seconds:
        options["seconds"] = args.seconds
    result = run_experiment(args.name, **options)
    if args.plot:
        from nnscratch.viz import save_figure

        path = save_figure(plot_experiment(result, args.lang), args.plot)
        print(t("experiments.cli.wrote", args.lang, path=path), file=sys.stderr)
    if args.json:
        print_json(public(result))
    else:
        print(summarize(result, args.lang))
    return 0
