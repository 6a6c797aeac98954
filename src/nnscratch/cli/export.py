"""`nnscratch export` (ONNX, PyTorch state dict) and `nnscratch import-torch` (state dict -> model.npz)."""

from __future__ import annotations

from nnscratch.activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnscratch.cli._common import (
    add_json_flag,
    add_subcommand,
    layer_sizes,
    positive_float,
    print_json,
)
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
    p.add_argument("--opset", type=int, default=OPSET, metavar="N", help=t("export.opset", lang, opset=OPSET))
    add_json_flag(p)

    p = add_subcommand(sub, "import-torch", lang, "import.help", run_import_torch)
    p.add_argument("state_dict", metavar="STATE_DICT", help=t("import.state_dict", lang))
    p.add_argument("--activation", default="relu", choices=HIDDEN_ACTIVATIONS, help=t("import.activation", lang))
    p.add_argument("--output-activation", default="softmax", choices=OUTPUT_ACTIVATIONS,
                   help=t("import.output_activation", lang))
    p.add_argument("--layers", type=layer_sizes, metavar="N1,N2,...", help=t("import.layers", lang))
    p.add_argument("--input-scale", type=positive_float, default=1 / 255, metavar="S", help=t("import.input_scale", lang))
    p.add_argument("--classes", type=lambda s: [c.strip() for c in s.split(",")], metavar="C1,C2,...",
                   help=t("import.classes", lang))
    p.add_argument("-o", "--out", required=True, metavar="MODEL.npz", help=t("import.out", lang))
    add_json_flag(p)


def run_export(args):
    from pathlib import Path

    from nnscratch.export import check_out_path, format_for_path, random_raw_inputs
    from nnscratch.io.model import load_model

    lang = args.lang
    fmt = args.format or format_for_path(args.out)
    out = check_out_path(args.out, fmt)  # before loading: a wrong name fails fast
    model = load_model(args.model)
    net = model.network
    x_raw = random_raw_inputs(model, CHECK_SAMPLES)
    report = {"format": fmt, "model": args.model, "path": str(out), "sizes": net.sizes,
              "hidden_activation": net.hidden.name, "output_activation": net.output.name,
              "input_scale": model.input_scale, "classes": model.classes, "checked_samples": CHECK_SAMPLES}
    if fmt == "onnx":
        from nnscratch.errors import require
        from nnscratch.export import onnx as onnx_export

        require("onnxruntime", "onnx")  # checks the file after writing: fail before writing if it cannot
        onnx_export.export_onnx(model, out, opset=args.opset)
        report.update(opset=args.opset, input=onnx_export.INPUT, outputs=[onnx_export.OUTPUT, onnx_export.LABEL],
                      runtime="onnxruntime", max_abs_diff=onnx_export.max_abs_diff(model, out, x_raw))
        what = t("export.onnx_what", lang, opset=args.opset, sizes="-".join(map(str, net.sizes)),
                 hidden=net.hidden.name, output=net.output.name)
    else:
        from nnscratch.export import torch as torch_export

        torch_export.export_torch(model, out)
        keys = list(torch_export.state_dict(model))
        snippet = torch_export.sequential_snippet(net.sizes, net.hidden.name, net.output.name, str(out),
                                                  model.input_scale)
        x = x_raw.astype(net.dtype) * net.dtype.type(model.input_scale)
        report.update(keys=keys, snippet=snippet, runtime="torch", max_abs_diff=torch_export.max_abs_diff(model, x))
        what = t("export.torch_what", lang, keys=" ".join(keys))
    report["bytes"] = Path(out).stat().st_size
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
