"""`nnscratch export` (ONNX, PyTorch state dict) and `nnscratch import-torch` (state dict -> model.npz)."""

from __future__ import annotations

from nnscratch.activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnscratch.cli._common import (
    MODEL_SUFFIXES,
    add_json_flag,
    add_subcommand,
    check_outputs,
    integer,
    layer_sizes,
    positive_float,
    print_json,
)
from nnscratch.errors import ConfigError
from nnscratch.i18n import t

# Random inputs an export is checked on: enough to cover every unit, a fraction of a second to run.
CHECK_SAMPLES = 256


def register(sub, lang):
    from nnscratch.export import FORMATS
    from nnscratch.export.onnx import OPSET

    p = add_subcommand(sub, "export", lang, "export.help", run_export)
    p.add_argument("model", metavar="MODEL", help=t("export.model", lang))
    p.add_argument("--format", choices=tuple(FORMATS), help=t("export.format", lang))
    p.add_argument("-o", "--out", required=True, metavar="FILE", help=t("export.out", lang))
    p.add_argument("--opset", type=integer, default=OPSET, metavar="N", help=t("export.opset", lang, opset=OPSET))
    add_json_flag(p)

    p = add_subcommand(sub, "import-torch", lang, "import.help", run_import_torch,
                       param_flags={"sizes": "--layers", "hidden": "--activation", "output": "--output-activation"})
    p.add_argument("state_dict", metavar="STATE_DICT", help=t("import.state_dict", lang))
    p.add_argument("--activation", default="relu", choices=HIDDEN_ACTIVATIONS, help=t("import.activation", lang))
    p.add_argument("--output-activation", default="softmax", choices=OUTPUT_ACTIVATIONS,
                   help=t("import.output_activation", lang))
    p.add_argument("--layers", type=layer_sizes, metavar="N1,N2,...", help=t("import.layers", lang))
    p.add_argument("--input-scale", type=positive_float, default=1 / 255, metavar="S",
                   help=t("import.input_scale", lang))
    p.add_argument("--classes", type=lambda s: [c.strip() for c in s.split(",")], metavar="C1,C2,...",
                   help=t("import.classes", lang))
    p.add_argument("-o", "--out", required=True, metavar="MODEL.npz", help=t("import.out", lang))
    add_json_flag(p)


def run_export(args):
    from nnscratch.export import FORMATS, check_out_path, export_model, format_for_path
    from nnscratch.io.model import load_model

    lang = args.lang
    try:
        fmt = args.format or format_for_path(args.out)
    except ConfigError as exc:
        exc.flag = "--out"
        raise
    # before loading: a wrong name, a missing folder or the model itself as output fails fast
    check_outputs([("--out", args.out, FORMATS[fmt], "model")], inputs=[args.model])
    out = check_out_path(args.out, fmt)
    model = load_model(args.model)
    net = model.network
    report = export_model(model, out, fmt, opset=args.opset, check_samples=CHECK_SAMPLES, source=args.model)
    if fmt == "onnx":
        what = t("export.onnx_what", lang, opset=args.opset, sizes="-".join(map(str, net.sizes)),
                 hidden=net.hidden.name, output=net.output.name)
    else:
        what = t("export.torch_what", lang, keys=" ".join(report["keys"]))
    if args.json:
        print_json(report)
        return 0
    print(t("export.wrote", lang, path=out, what=what, kb=report["bytes"] / 1024))
    if fmt == "onnx":
        print(t("export.onnx_io", lang, input=report["input"], n_in=net.sizes[0], scale=model.input_scale,
                output=report["outputs"][0], n_out=net.sizes[-1], label=report["outputs"][1]))
    print(t("export.checked", lang, runtime=report["runtime"], n=CHECK_SAMPLES, diff=report["max_abs_diff"]))
    if fmt == "torch":
        print()
        print(t("export.snippet", lang))
        print(report["snippet"], end="")
    return 0


def run_import_torch(args):
    from nnscratch.export.torch import import_torch_state_dict
    from nnscratch.io.model import save_model

    lang = args.lang
    check_outputs([("--out", args.out, MODEL_SUFFIXES, "model")], inputs=[args.state_dict])  # before reading
    model = import_torch_state_dict(args.state_dict, hidden=args.activation, output=args.output_activation,
                                    sizes=args.layers, input_scale=args.input_scale, classes=args.classes)
    path = save_model(model, args.out)
    net = model.network
    report = {"state_dict": args.state_dict, "path": str(path), "sizes": net.sizes,
              "hidden_activation": net.hidden.name, "output_activation": net.output.name,
              "parameters": net.n_parameters, "input_scale": model.input_scale, "classes": model.classes}
    if args.json:
        print_json(report)
        return 0
    print(t("import.read", lang, path=args.state_dict, sizes="-".join(map(str, net.sizes)),
            hidden=net.hidden.name, output=net.output.name, params=net.n_parameters))
    print(t("import.wrote", lang, path=path))
    return 0
