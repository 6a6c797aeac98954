"""`nnscratch backprop` and `nnscratch gradcheck`: the lecture's hand calculations, done by the tool."""

from __future__ import annotations

import numpy as np

from nnscratch.activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from nnscratch.cli._common import (
    add_json_flag,
    add_subcommand,
    emit,
    layer_sizes,
    nonneg_int,
    number_list,
    print_json,
)
from nnscratch.errors import BudgetError, ConfigError
from nnscratch.gradcheck import explain_backprop, gradcheck_suite
from nnscratch.i18n import t
from nnscratch.losses import canonical_name, get_loss
from nnscratch.losses import names as loss_names
from nnscratch.network import Network

GRADCHECK_TOLERANCE = 1e-6
# `backprop` prints every parameter's gradient beside its central difference, two forward passes
# per parameter: O(P^2) work and P lines. 784-30-10 (23,860 parameters) still fits.
MAX_EXPLAINED_PARAMETERS = 30_000


def register(sub, lang):
    p = add_subcommand(sub, "backprop", lang, "engine.backprop.help", run_backprop,
                       param_flags={"sizes": "--layers", "hidden": "--activation", "output": "--output-activation"})
    p.add_argument("--layers", type=layer_sizes, default=[3, 4, 2], metavar="N1,N2,...",
                   help=t("engine.layers", lang))
    p.add_argument("--activation", default="sigmoid", choices=HIDDEN_ACTIVATIONS, help=t("engine.activation", lang))
    p.add_argument("--output-activation", choices=OUTPUT_ACTIVATIONS, help=t("engine.output_activation", lang))
    # 'cross-entropy' and 'cross_entropy' are both accepted; the canonical 'cross_entropy' is printed.
    p.add_argument("--loss", default="quadratic", type=canonical_name, choices=loss_names(),
                   help=t("engine.loss", lang))
    p.add_argument("--x", type=number_list, metavar="X1,X2,...", help=t("engine.x", lang))
    p.add_argument("--y", type=number_list, metavar="Y1,Y2,...", help=t("engine.y", lang))
    p.add_argument("--seed", type=nonneg_int, default=0, help=t("engine.seed", lang))
    add_json_flag(p)

    p = add_subcommand(sub, "gradcheck", lang, "engine.gradcheck.help", run_gradcheck)
    p.add_argument("--seed", type=nonneg_int, default=0, help=t("engine.seed", lang))
    add_json_flag(p)


def run_backprop(args):
    sizes = args.layers
    loss = get_loss(args.loss)
    output = args.output_activation or (args.activation if loss.name == "quadratic" else "softmax")
    loss.check_output(output)
    parameters = sum(n * (m + 1) for m, n in zip(sizes[:-1], sizes[1:], strict=True))
    if parameters > MAX_EXPLAINED_PARAMETERS:
        raise BudgetError("cli_engine.err.too_many_parameters", param="sizes", sizes="-".join(map(str, sizes)),
                          parameters=f"{parameters:,}", budget=f"{MAX_EXPLAINED_PARAMETERS:,}")
    rng = np.random.default_rng(args.seed)
    net = Network(sizes, args.activation, output, init="normal", rng=rng, dtype=np.float64)
    x = _vector(args.x, sizes[0], "x", rng.uniform(0, 1, sizes[0]))
    default_y = np.eye(sizes[-1])[rng.integers(sizes[-1])] if output == "softmax" else rng.uniform(0, 1, sizes[-1])
    y = _vector(args.y, sizes[-1], "y", default_y)
    with np.errstate(all="ignore"):  # overflow is reported below, as one message
        report = explain_backprop(net, x[None, :], y[None, :], loss)
    _check_finite(report, x, y)
    report["seed"] = args.seed
    emit(args, report, format_backprop)
    return 0


def _vector(values, n, name, default):
    if values is None:
        return default
    if len(values) != n:
        raise ConfigError("cli_engine.err.values_count", param=name, name=name, n=n, got=len(values))
    return np.array(values, dtype=np.float64)


def _check_finite(report: dict, x, y) -> None:
    """Refuse a report with inf or NaN in it: half a hand calculation is no explanation.

    Inputs near 1e308 make z = theta a + b (or E, for such targets) overflow; the first non-finite
    quantity, in the order the lecture computes them, is named, and the larger of x and y is blamed.
    """
    big_x, big_y = float(np.max(np.abs(x))), float(np.max(np.abs(y)))
    order = ["z", "a", "E", "delta", "grad_theta", "grad_b", "numerical_grad_theta", "numerical_grad_b"]
    for quantity in order:
        value = report[quantity]
        layers = [(None, value)] if quantity == "E" else list(enumerate(value))
        for layer, array in layers:
            if array is not None and not np.all(np.isfinite(array)):
                name = quantity if layer is None else f"{quantity}({layer})"
                raise ConfigError("cli_engine.err.overflow", param="x" if big_x >= big_y else "y", quantity=name,
                                  largest=f"{max(big_x, big_y):.3g}")


def _vec(v):
    return "[" + ", ".join(f"{x: .6f}" for x in np.ravel(v)) + "]"


def format_backprop(r: dict, lang: str) -> str:
    L = len(r["sizes"])
    f, fL = r["activation"], r["output_activation"]
    cost = "E = 1/2 ||y - a(L)||^2" if r["loss"] == "quadratic" else "E = -sum y ln a(L)"
    lines = [t("engine.bp.header", lang, sizes="-".join(map(str, r["sizes"])), f=f, fL=fL, cost=cost, seed=r["seed"]),
             f"x = a(1) = {_vec(r['x'])}", f"y        = {_vec(r['y'])}", "", t("engine.bp.forward", lang)]
    for l in range(2, L + 1):
        lines.append(f"{f'z({l}) = theta({l}) a({l - 1}) + b({l})':<30} = {_vec(r['z'][l])}")
        lines.append(f"{f'a({l}) = f(z({l}))':<30} = {_vec(r['a'][l])}")
    lines += [f"E = {r['E']:.10f}", "", t("engine.bp.backward", lang)]
    first = f"delta({L}) = -(y - a({L})) * f'(z({L}))" if r["loss"] == "quadratic" else f"delta({L}) = a({L}) - y"
    lines.append(f"{first:<44} = {_vec(r['delta'][L])}")
    for l in range(L - 1, 1, -1):
        formula = f"delta({l}) = (theta({l + 1})^T delta({l + 1})) * f'(z({l}))"
        lines.append(f"{formula:<44} = {_vec(r['delta'][l])}")
    lines += ["", t("engine.bp.table", lang)]
    for l in range(L, 1, -1):
        for name, formula in (("theta", f"dE/dtheta({l}) = delta({l}) a({l - 1})^T"),
                              ("b", f"dE/db({l}) = delta({l})")):
            err = r[f"relative_error_{name}"][l]
            lines.append(f"  {formula}    {t('engine.bp.relerr', lang)} {err:.2e}")
            g, n = np.atleast_2d(r[f"grad_{name}"][l]), np.atleast_2d(r[f"numerical_grad_{name}"][l])
            for index in np.ndindex(g.shape):
                label = f"theta({l})[{index[0] + 1},{index[1] + 1}]" if name == "theta" else f"b({l})[{index[1] + 1}]"
                lines.append(f"    {label:<16} {g[index]: .8e}  {n[index]: .8e}")
    return "\n".join(lines)


def run_gradcheck(args):
    results = list(gradcheck_suite(seed=args.seed))
    worst = max(r["max_error"] for r in results)
    ok = worst < GRADCHECK_TOLERANCE
    if args.json:
        print_json({"tolerance": GRADCHECK_TOLERANCE, "worst": worst, "passed": ok, "cases": results})
    else:
        print(t("engine.gc.header", lang=args.lang, tol=GRADCHECK_TOLERANCE))
        for r in results:
            sizes = "-".join(map(str, r["sizes"]))
            mark = "ok" if r["max_error"] < GRADCHECK_TOLERANCE else "FAIL"
            print(f"  {r['hidden']:<11} {r['output']:<8} {r['loss']:<14} {sizes:<11} {r['max_error']:.2e}  {mark}")
        print(t("engine.gc.summary", lang=args.lang, n=len(results), worst=worst,
                verdict=t("engine.gc.pass" if ok else "engine.gc.fail", args.lang)))
    return 0 if ok else 1
