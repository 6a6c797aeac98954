"""`nnscratch models`: the models `train` saved without --out, best first; `--prune N` keeps the best N."""

from __future__ import annotations

from nnscratch.cli._common import add_json_flag, add_subcommand, display_width, nonneg_int, print_json
from nnscratch.i18n import t


def register(sub, lang):
    p = add_subcommand(sub, "models", lang, "models.help", run_models, param_flags={"keep": "--prune"})
    p.add_argument("--prune", type=nonneg_int, metavar="N", help=t("models.prune", lang))
    add_json_flag(p)


def run_models(args):
    from nnscratch.io.model import models_dir
    from nnscratch.io.saved_models import best_digit_model, list_models, prune

    folder = models_dir()
    removed = prune(args.prune, folder) if args.prune is not None else []
    models, others = list_models(folder)
    served = best_digit_model(folder=folder)
    if args.json:
        print_json({"folder": str(folder), "models": [m.to_dict() for m in models],
                    "serve_uses": None if served is None else str(served),
                    "deleted": [m.to_dict() for m in removed], "not_models": [str(p) for p in others]})
        return 0
    lang = args.lang
    for m in removed:
        print(t("models.deleted", lang, name=m.path.name, acc=_acc(m.accuracy)))
    if not models:
        print(t("models.none", lang, folder=folder))
        return 0
    print(t("models.header", lang, folder=folder, n=len(models)))
    columns = ("name", "date", "dataset", "architecture", "accuracy", "size")
    rows = [[("  " if c == "name" else "") + t(f"models.col.{c}", lang) for c in columns]]
    for m in models:
        rows.append([("* " if m.path == served else "  ") + m.path.name, m.modified.strftime("%Y-%m-%d %H:%M"),
                     m.dataset or "-", "-".join(map(str, m.sizes)) + (f" {m.hidden}" if m.hidden else ""),
                     _acc(m.accuracy), _size(m.bytes)])
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell + " " * (w - display_width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip())
    if served is not None:
        print(t("models.served", lang))
    if others:
        print(t("models.others", lang, n=len(others)))
    return 0


def _size(n):
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 1024:.1f} KiB"


def _acc(accuracy):
    return "-" if accuracy is None else f"{100 * accuracy:.2f}%"
