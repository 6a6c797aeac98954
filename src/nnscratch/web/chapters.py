"""The lecture's chapters as JSON for the page: request body in, library call, plain data out.

Each function reads a validated ``Body``, calls the library module that the
CLI uses for the same chapter, and returns lists and numbers only. None of
the math lives here; what is here is choosing the demo's data and sampling
curves and grids for the page to draw. Each endpoint checks the work its
request asks for against a budget before doing any (``check_budget``).
"""

from __future__ import annotations

import math

import numpy as np
from starlette.routing import Route

from nnscratch import activations, logistic, mle
from nnscratch.backprop import backprop as run_backprop
from nnscratch.data.toy import make_toy
from nnscratch.gradcheck import explain_backprop
from nnscratch.jsonable import jsonable
from nnscratch.losses import get_loss
from nnscratch.network import Network
from nnscratch.optim import SGD
from nnscratch.perceptron import LECTURE_POINTS, PerceptronTrainer
from nnscratch.web.http import json_endpoint
from nnscratch.web.validate import Body, RequestError, check_budget


def _list(a, digits=6):
    """An array rounded to ``digits`` as nested lists; -inf/nan (ln 0) become null (the one converter, jsonable)."""
    return jsonable(np.round(np.asarray(a, dtype=np.float64), digits))


# ---- gradient descent (梯度下降演示) ------------------------------------------

GD_GRID = 64  # contour cells per side
GD_MAX_STEPS = 300
GD_OPTIMUM_STEPS = 3000
# Sample-passes per request: three paths, the optimum's descent and the contour grid, over 2n points.
# The page's largest request (300 steps, 400 points) needs 6.4 million.
GD_WORK_LIMIT = 8_000_000


def gd_data(n: int, noise: float, seed: int):
    """Two Gaussian classes made mirror images (x -> -x swaps the class).

    The paths keep b = 0 (so that J over the two weights is the whole landscape
    the contour map shows), and for mirrored data b = 0 is also where the
    intercept's optimum lies: the map's minimum is the true minimum of J.
    """
    x, y = make_toy("gaussians", n=n, noise=noise, rng=np.random.default_rng(seed))
    positive = x[y == 1]
    return np.vstack([positive, -positive]), np.r_[np.ones(len(positive), int), np.zeros(len(positive), int)]


def _verdict(path_j, path_w, j_star, w_star) -> str:
    """converges / slow / oscillates / diverges, read off the loss and the steps of one path."""
    if not np.all(np.isfinite(path_j)) or np.max(path_j[1:]) > path_j[0] + 1e-9:
        return "diverges"  # J ends up above where it started: the steps overshoot more than they descend
    near = np.linalg.norm(path_w[-1] - w_star) < 0.02 * max(1.0, float(np.linalg.norm(w_star)))
    if near or path_j[-1] - j_star < 1e-4:
        return "converges"
    steps = np.diff(path_w, axis=0)
    reversals = float(np.mean(np.sum(steps[1:] * steps[:-1], axis=1) < 0)) if len(steps) > 2 else 0.0
    rises = float(np.mean(np.diff(path_j) > 1e-12))  # momentum spirals: J goes up on some steps
    return "oscillates" if reversals > 0.3 or rises > 0.1 else "slow"


def gradient_descent(body: Body) -> dict:
    lr = body.number("lr", 0.1, lo=0, hi=1000, lo_open=True)
    steps = body.integer("steps", 50, lo=1, hi=GD_MAX_STEPS)
    start = body.vector("start", 2, [-2.0, 3.0], lo=-50, hi=50)
    momentum = body.number("momentum", 0.9, lo=0, hi=0.99)
    batch_size = body.integer("batch_size", 10, lo=1, hi=400)
    n = body.integer("points", 100, lo=10, hi=400)
    noise = body.number("noise", 1.5, lo=0.2, hi=5)
    seed = body.integer("seed", 0, lo=0, hi=2**31 - 1)
    body.done()

    m = 2 * n  # gd_data mirrors every positive point
    check_budget(m * (3 * (steps + 1) + GD_OPTIMUM_STEPS + GD_GRID**2), GD_WORK_LIMIT,
                 formula=f"2 x {n} points x (3 x {steps + 1} steps + {GD_OPTIMUM_STEPS} + {GD_GRID}^2)",
                 params="steps, points", param="steps")

    x, y = gd_data(n, noise, seed)
    m = len(x)
    targets = y[:, None].astype(float)  # (m, 1), broadcast against one column per w below

    def path(lr, steps, **kw):
        thetas, _ = logistic.descent_path(x, y, np.array(start), 0.0, lr=lr, steps=steps, update_b=False,
                                          rng=np.random.default_rng(seed + 1), **kw)
        return thetas  # (steps+1, 2)

    def j(w):
        """The lecture's J(w) at b = 0, divided by N, for each row of w (k, 2): its scale then does not
        depend on the sample size. Only the k points asked for: O(m k), never a k x k grid."""
        with np.errstate(over="ignore", invalid="ignore"):
            return logistic.binary_cross_entropy(x @ np.asarray(w).T, targets, axis=0) / m  # (k,)

    # The minimum, by plain descent with a step well inside the stable range; the loss is convex.
    w_star = path(1.0, GD_OPTIMUM_STEPS)[-1]
    j_star = float(j(w_star[None])[0])
    methods = {"gd": {}, "sgd": {"batch_size": batch_size}, "momentum": {"momentum": momentum}}
    paths = {}
    for name, kw in methods.items():
        w = path(lr, steps, **kw)
        path_j = j(w)
        paths[name] = {"w": _list(w), "J": _list(path_j), "verdict": _verdict(path_j, w, j_star, w_star)}

    # The window: start and optimum with a margin, widened for wandering paths but only up to a cap,
    # so a diverging path leaves the picture instead of shrinking everything else to a dot.
    start_arr = np.array(start)
    centre = (start_arr + w_star) / 2
    base = max(float(np.max(np.abs(start_arr - centre))), 0.5) * 1.4
    reach = max(float(np.nanmax(np.abs(np.asarray(p["w"], dtype=float) - centre))) for p in paths.values())
    half = min(max(base, reach * 1.05 if np.isfinite(reach) else base), 3 * base)
    w1 = np.linspace(centre[0] - half, centre[0] + half, GD_GRID)
    w2 = np.linspace(centre[1] - half, centre[1] + half, GD_GRID)
    return {
        "points": _list(np.column_stack([x, y]), 4),
        "optimum": {"w": _list(w_star), "J": j_star},
        "start": {"w": list(start), "J": float(j(start_arr[None])[0])},
        "grid": {"w1": _list(w1), "w2": _list(w2), "J": _list(logistic.loss_grid(x, y, w1, w2) / m)},
        "paths": paths,
        "lr": lr,
    }


# ---- perceptron (感知机) -----------------------------------------------------

MAX_PERCEPTRON_POINTS = 40
MAX_PERCEPTRON_STEPS = 500


def perceptron(body: Body) -> dict:
    """Replay the picks (a point's name, or null for the lecture's rule: the first misclassified point)."""
    default_points = [[*x, label] for _, x, label in LECTURE_POINTS]
    raw = body.list("points", default_points, max_len=MAX_PERCEPTRON_POINTS)
    points = []
    for i, p in enumerate(raw):
        item = Body({"p": p}, f"points[{i}]")
        x1, x2, label = item.numbers("p", min_len=3, max_len=3, lo=-100, hi=100)
        if label not in (1, -1):
            raise RequestError("web.err.perceptron_class", param=f"points[{i}][2]", i=i, value=label)
        points.append((x1, x2, label))
    if not points:
        raise RequestError("web.err.perceptron_empty", param="points")
    eta = body.number("eta", 1.0, lo=0, hi=100, lo_open=True)
    picks = body.list("picks", [], max_len=MAX_PERCEPTRON_STEPS)
    run = body.choice("run", ("none", "converge"), "none")
    body.done()
    # Each update checks every point: the replayed picks and the run to the limit, times the points.
    run_steps = MAX_PERCEPTRON_STEPS if run == "converge" else 0
    check_budget((len(picks) + run_steps) * len(points), 2 * MAX_PERCEPTRON_STEPS * MAX_PERCEPTRON_POINTS,
                 formula=f"({len(picks)} picks + {run_steps}) x {len(points)} points",
                 params="picks, points", param="picks")

    names = [f"M{i + 1}" for i in range(len(points))]
    x = np.array([p[:2] for p in points], dtype=float)
    y = np.array([p[2] for p in points], dtype=float)
    # Keep every row: the picks and the run are bounded above, so the whole table is small.
    trainer = PerceptronTrainer(x, y, names, eta=eta, max_rows=2 * MAX_PERCEPTRON_STEPS + 2)
    for i, pick in enumerate(picks):
        if pick is not None and not isinstance(pick, str):
            raise RequestError("web.err.perceptron_pick", param=f"picks[{i}]", i=i, value=pick)
        trainer.step(pick)  # ConfigError names the point that is not misclassified
    limited = False
    if run == "converge":
        while not trainer.converged:
            if trainer.updates >= MAX_PERCEPTRON_STEPS:
                limited = True
                break
            trainer.step()
    result = trainer.result()
    return {
        "names": names,
        "points": [list(p) for p in points],
        "rows": [r.as_dict() for r in result.rows],
        "misclassified": [] if trainer.converged else trainer.misclassified(),
        "converged": trainer.converged,
        "limited": limited,
        "updates": result.updates,
        "rows_omitted": result.rows_omitted,  # a long run's table: its first and last rows, the middle counted
        "w": _list(result.w),
        "b": float(result.b),
        "model": result.model if trainer.converged else None,
    }


# ---- maximum likelihood (极大似然估计) -----------------------------------------

MLE_MAX_N = 100_000
MLE_MAX_BARS = 400


def likelihood(body: Body) -> dict:
    n = body.integer("n", 100, lo=1, hi=MLE_MAX_N)
    k = body.integer("k", 70, lo=0, hi=MLE_MAX_N)
    p = body.number("p", 0.7, lo=0, hi=1)
    body.done()
    mle.check_urn(n, k)  # k <= n, with the library's own message
    est = mle.estimate_urn(n, k)
    curves = mle.likelihood_curves(n, k, num=401)
    q1, q2 = mle.homework_one(n, k, p)
    return {
        "n": n, "k": k, "p": p,
        "estimate": est.estimate,
        "numeric_estimate": est.numeric_estimate,
        "likelihood": est.likelihood,
        "log_likelihood": est.log_likelihood,
        "stationary_points": [{"p": s.p, "likelihood": s.likelihood, "kind": s.kind} for s in est.stationary_points],
        "curves": {"p": _list(curves.p), "L": _list(curves.likelihood, 12), "lnL": _list(curves.log_likelihood)},
        # The probability function P(k | n, p) over k = 0..n: a bar per k, so only for a readable n.
        "probabilities": _list(mle.urn_probabilities(n, p), 12) if n <= MLE_MAX_BARS else None,
        "homework": [{"question": a.question, "answer": a.answer, "function": a.function, "value": a.value}
                     for a in (q1, q2)],
    }


# ---- backpropagation (反向传播) -----------------------------------------------

BACKPROP_SIZES = [3, 4, 2]  # the lecture's network: 3 inputs, 4 hidden neurons, 2 outputs
BACKPROP_MAX_STEPS = 2000


def backpropagation(body: Body) -> dict:
    """The lecture's 3-4-2 network on one sample after ``steps`` gradient steps, every quantity included."""
    x = body.vector("x", 3, [1.0, 0.5, -0.5], lo=-10, hi=10)
    y = body.vector("y", 2, [1.0, 0.0], lo=-10, hi=10)
    lr = body.number("lr", 0.5, lo=0, hi=100, lo_open=True)
    steps = body.integer("steps", 0, lo=0, hi=BACKPROP_MAX_STEPS)
    seed = body.integer("seed", 0, lo=0, hi=2**31 - 1)
    activation = body.choice("activation", activations.names("hidden", trainable=True), "sigmoid")
    body.done()

    net = Network(BACKPROP_SIZES, activation, "sigmoid", init="normal", rng=np.random.default_rng(seed),
                  dtype=np.float64)
    loss = get_loss("quadratic")  # the lecture's E = 1/2 ||y - a(L)||^2
    xb, yb = np.array([x]), np.array([y])
    optimizer = SGD(lr)
    history = []
    for _ in range(steps):
        g = run_backprop(net, xb, yb, loss)
        history.append(g.loss)
        optimizer.step(net.parameters(), g.as_list())
    report = explain_backprop(net, xb, yb, loss)  # what the lecture computes by hand, with its check
    history.append(report["E"])
    layers = [{
        "l": l,
        "theta": _list(report["theta"][l], 8), "b": _list(report["b"][l], 8),
        "z": _list(report["z"][l], 8), "a": _list(report["a"][l], 8), "delta": _list(report["delta"][l], 8),
        "grad_theta": _list(report["grad_theta"][l], 10), "grad_b": _list(report["grad_b"][l], 10),
        "numeric_theta": _list(report["numerical_grad_theta"][l], 10),
        "numeric_b": _list(report["numerical_grad_b"][l], 10),
        "error_theta": report["relative_error_theta"][l], "error_b": report["relative_error_b"][l],
    } for l in net.layers]
    return {
        "sizes": net.sizes, "x": x, "y": y, "lr": lr, "steps": steps, "activation": activation,
        "E": report["E"], "history": _list(history, 10), "layers": layers,
        "max_error": max(max(la["error_theta"], la["error_b"]) for la in layers),
        "finite": bool(math.isfinite(report["E"])),
    }


# ---- the routes --------------------------------------------------------------------------------


def routes() -> list[Route]:
    """The four chapters' endpoints (built when the app is, so the functions can be swapped in tests)."""
    return [
        Route("/api/gd", json_endpoint(gradient_descent), methods=["POST"]),
        Route("/api/perceptron", json_endpoint(perceptron), methods=["POST"]),
        Route("/api/mle", json_endpoint(likelihood), methods=["POST"]),
        Route("/api/backprop", json_endpoint(backpropagation), methods=["POST"]),
    ]
