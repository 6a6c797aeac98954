"""`nnscratch augment --show FILE.png`: digits beside what --augment makes of them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nnscratch.cli._common import add_subcommand, nonneg_int, positive_int
from nnscratch.cli.data import add_data_flags, load_from_args
from nnscratch.i18n import t

COPIES = 6


def register(sub, lang):
    p = add_subcommand(sub, "augment", lang, "augment.help", run_augment)
    add_data_flags(p)
    p.add_argument("--augment", default="shift,rotate,scale,elastic", metavar="SPEC", help=t("augment.spec", lang))
    p.add_argument("--show", type=Path, required=True, metavar="FILE.png", help=t("augment.show", lang))
    p.add_argument("-n", type=positive_int, default=6, metavar="N", help=t("augment.n", lang))
    p.add_argument("--seed", type=nonneg_int, default=0, help=t("digits.seed", lang))


def run_augment(args):
    from nnscratch.augment import augment_images, parse_augment
    from nnscratch.viz import check_plot_path, save_figure
    from nnscratch.viz.augment import plot_augmented

    spec = parse_augment(args.augment)
    check_plot_path(args.show)
    ds = load_from_args(args)
    n = min(args.n, 20, len(ds.x_test))
    rng = np.random.default_rng(args.seed)
    originals = ds.x_test[:n].reshape(n, *ds.image_shape)
    copies = np.stack([augment_images(originals, spec, rng) for _ in range(COPIES)], axis=1)  # (n, k, h, w)
    save_figure(plot_augmented(originals, copies, spec.describe() or "none", lang=args.lang), args.show)
    print(t("augment.wrote", args.lang, path=args.show, n=n, k=COPIES, spec=spec.describe() or "none"))
    return 0
