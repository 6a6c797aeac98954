"""The exercises: what to write, the reference, hidden random cases and the usual mistakes.

Each exercise knows the signature of the function a student writes, its reference
solution (``reference.py``), a generator of random cases (several shapes, float32
and float64 where the dtype matters, edge values) and its *mistakes*: functions
that make one typical error each (a missing f'(z), a transposed theta, a sign, a
missing 1/N). When a student's answer differs from the reference, the grader
checks whether it equals one of the mistakes' answers, and if so gives that
mistake's hint; the texts are in ``nnscratch/i18n/exercises.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnscratch.errors import ConfigError
from nnscratch.exercises import reference as ref

F64 = (1e-6, 1e-9)   # (rtol, atol) for float64 cases
F32 = (1e-4, 1e-6)   # float32 carries about 7 digits
FD = (1e-4, 1e-7)    # against finite differences
EXACT = (0.0, 0.0)   # counts


# Activations handed to students' functions as f and fprime (their names show in a failing case).
def sigmoid(z):
    return ref.sigmoid(z)


def sigmoid_prime(z):
    return ref.sigmoid_prime(z)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0)


def relu_prime(z):
    return (np.asarray(z) > 0).astype(np.asarray(z).dtype)


SMOOTH = ((sigmoid, sigmoid_prime), (tanh, tanh_prime))


@dataclass
class Case:
    """One hidden test: keyword arguments of the student's function and the (rtol, atol) to compare with."""

    args: dict
    tol: tuple = F64


@dataclass(frozen=True)
class Exercise:
    name: str
    chapter: int                      # the lecture's section: 1 知识引入 ... 5 手写数字识别
    params: tuple[str, ...]           # the function's parameters, in order
    outputs: tuple[str, ...]          # names of what it returns (one name: a single value)
    reference: Callable
    cases: Callable[[np.random.Generator], list[Case]]
    mistakes: dict = field(default_factory=dict)   # mistake name -> function making that mistake
    fd: bool = False                  # graded against finite differences, not the reference's formula

    @property
    def signature(self) -> str:
        returns = self.outputs[0] if len(self.outputs) == 1 else f"({', '.join(self.outputs)})"
        return f"{self.name}({', '.join(self.params)}) -> {returns}"

    def expected(self, case: Case) -> Any:
        """The right answer of ``case``."""
        if self.fd:
            a = case.args
            return ref.numerical_gradient(a["thetas"], a["bs"], a["x"], a["y"], a["f"])
        return self.reference(**copy_args(case.args))


def copy_args(args: dict) -> dict:
    """Fresh copies of every array (and list of arrays), so a function that writes into its inputs
    cannot change what the next function sees."""
    def copy(v):
        if isinstance(v, np.ndarray):
            return v.copy()
        if isinstance(v, list):
            return [copy(x) for x in v]
        return v
    return {k: copy(v) for k, v in args.items()}


def _dtype_tol(dtype):
    return F32 if dtype == np.float32 else F64


def _vec(rng, n, dtype=np.float64, scale=1.0):
    return (rng.standard_normal(n) * scale).astype(dtype)


# ---- case generators -------------------------------------------------------------------------


def _urn_cases(rng):
    cases = [Case({"draws": 100, "white": 70}), Case({"draws": 10, "white": 0}), Case({"draws": 7, "white": 7}),
             Case({"draws": 1, "white": 1}), Case({"draws": 3, "white": 1})]
    for _ in range(10):
        n = int(rng.integers(2, 1000))
        cases.append(Case({"draws": n, "white": int(rng.integers(1, n))}))
    return cases


def _sigmoid_prime_cases(rng):
    cases = [Case({"z": np.array([0.0, 1.0, -1.0, 2.5])}),
             Case({"z": np.array([0.0], np.float32)}, F32)]
    for dtype in (np.float64, np.float32):
        for shape in ((1,), (5,), (3, 4)):
            cases.append(Case({"z": (rng.standard_normal(shape) * 4).astype(dtype)}, _dtype_tol(dtype)))
    # saturated sigmoid: f'(z) ~ 0, and e^(-z) overflows for z << 0
    cases.append(Case({"z": np.array([30.0, -30.0, 500.0, -500.0, 800.0, -800.0])}))
    cases.append(Case({"z": np.array([20.0, -20.0, 90.0, -90.0, 200.0, -200.0], np.float32)}, F32))
    return cases


def _logistic_cases(rng):
    cases = [Case({"w": np.zeros(2), "b": 0.0, "X": np.array([[1.0, 2.0], [3.0, -1.0]]), "y": np.array([1.0, 0.0])})]
    for N, d in ((1, 1), (5, 2), (20, 3), (50, 5), (8, 1)):
        for dtype in (np.float64, np.float32):
            cases.append(Case({"w": _vec(rng, d, dtype), "b": float(rng.standard_normal()),
                               "X": rng.standard_normal((N, d)).astype(dtype),
                               "y": rng.integers(0, 2, N).astype(dtype)}, _dtype_tol(dtype)))
    return cases


def _perceptron_cases(rng):
    # the lecture's first update: M1 = (3, 3), y = +1 from w0 = 0, b0 = 0 -> w = (3, 3), b = 1
    cases = [Case({"w": np.zeros(2), "b": 0.0, "x": np.array([3.0, 3.0]), "y": 1, "eta": 1.0}),
             Case({"w": np.array([3.0, 3.0]), "b": 1.0, "x": np.array([1.0, 1.0]), "y": -1, "eta": 1.0})]
    for d in (1, 2, 3, 6):
        for _ in range(2):
            cases.append(Case({"w": _vec(rng, d), "b": float(rng.standard_normal()), "x": _vec(rng, d, scale=3),
                               "y": int(rng.choice([-1, 1])), "eta": float(rng.uniform(0.1, 2.0))}))
    return cases


def _layer_forward_cases(rng):
    # square theta first: a transposed theta then gives wrong numbers (and a hint) instead of a shape error
    cases = []
    for (n, m), (f, _) in zip(((3, 3), (4, 3), (2, 5), (1, 4), (6, 6), (3, 1)), (SMOOTH * 3), strict=False):
        for dtype in (np.float64, np.float32):
            cases.append(Case({"theta": rng.standard_normal((n, m)).astype(dtype), "b": _vec(rng, n, dtype),
                               "a_prev": _vec(rng, m, dtype), "f": f}, _dtype_tol(dtype)))
    cases.append(Case({"theta": rng.standard_normal((4, 3)), "b": _vec(rng, 4), "a_prev": _vec(rng, 3), "f": relu}))
    return cases


def _delta_quadratic_cases(rng):
    cases = []
    for n in (1, 2, 5, 10):
        for dtype in (np.float64, np.float32):
            z = _vec(rng, n, dtype, 2)
            cases.append(Case({"y": rng.integers(0, 2, n).astype(dtype), "a": sigmoid(z).astype(dtype),
                               "fprime_z": sigmoid_prime(z).astype(dtype)}, _dtype_tol(dtype)))
    # a saturated, wrong output: f'(z) ~ 0, so delta ~ 0 however wrong a is
    z = np.array([-12.0, 12.0, 0.0])
    cases.append(Case({"y": np.array([1.0, 0.0, 1.0]), "a": sigmoid(z), "fprime_z": sigmoid_prime(z)}))
    cases.append(Case({"y": np.array([0.3, 0.7]), "a": np.array([0.3, 0.7]), "fprime_z": np.array([0.21, 0.21])}))
    return cases


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def _delta_ce_cases(rng):
    cases = []
    for n in (2, 3, 10):
        for dtype in (np.float64, np.float32):
            y = np.zeros(n, dtype)
            y[rng.integers(n)] = 1
            cases.append(Case({"y": y, "a": _softmax(_vec(rng, n, scale=2)).astype(dtype)}, _dtype_tol(dtype)))
    cases.append(Case({"y": np.array([0.0, 1.0, 0.0]), "a": np.array([1.0, 0.0, 0.0])}))  # confidently wrong
    return cases


def _delta_hidden_cases(rng):
    cases = []
    for n_next, n in ((3, 3), (2, 4), (5, 3), (1, 6), (4, 4)):
        for dtype in (np.float64, np.float32):
            z = _vec(rng, n, dtype)
            cases.append(Case({"theta_next": rng.standard_normal((n_next, n)).astype(dtype),
                               "delta_next": _vec(rng, n_next, dtype), "fprime_z": sigmoid_prime(z).astype(dtype)},
                              _dtype_tol(dtype)))
    # ReLU units that are off: f'(z) = 0 stops their error
    cases.append(Case({"theta_next": rng.standard_normal((3, 4)), "delta_next": _vec(rng, 3),
                       "fprime_z": np.array([1.0, 0.0, 1.0, 0.0])}))
    return cases


def _weight_gradient_cases(rng):
    cases = []
    for n, m in ((3, 3), (4, 2), (1, 5), (6, 1), (10, 7)):
        for dtype in (np.float64, np.float32):
            cases.append(Case({"delta": _vec(rng, n, dtype), "a_prev": _vec(rng, m, dtype)}, _dtype_tol(dtype)))
    return cases


def _network(rng, sizes, scale=1.0):
    thetas = [rng.standard_normal((n, m)) * scale for m, n in zip(sizes, sizes[1:], strict=False)]
    bs = [rng.standard_normal(n) * scale for n in sizes[1:]]
    return thetas, bs


def _backprop_cases(rng):
    cases = []
    networks = ([3, 4, 2], [2, 3, 3, 1], [4, 5, 3, 2], [2, 2], [3, 6, 4, 5, 2])
    for sizes, (f, fp) in zip(networks, SMOOTH * 3, strict=False):
        thetas, bs = _network(rng, sizes)
        cases.append(Case({"thetas": thetas, "bs": bs, "x": _vec(rng, sizes[0]), "y": rng.uniform(0, 1, sizes[-1]),
                           "f": f, "fprime": fp}, FD))
    return cases


def _sgd_cases(rng):
    cases = []
    for sizes, N, (f, fp) in zip(([3, 4, 2], [2, 3, 1], [4, 5, 3, 2], [2, 2]), (4, 10, 3, 7), SMOOTH * 2, strict=False):
        thetas, bs = _network(rng, sizes)
        cases.append(Case({"thetas": thetas, "bs": bs, "X": rng.standard_normal((N, sizes[0])),
                           "Y": rng.uniform(0, 1, (N, sizes[-1])), "f": f, "fprime": fp,
                           "lr": float(rng.uniform(0.1, 3.0))}))
    return cases


def _count_cases(rng):
    sizes = [[784, 30, 10], [2, 1], [65536, 30, 10], [784, 256, 128, 10]]
    sizes += [[int(n) for n in rng.integers(1, 50, rng.integers(2, 6))] for _ in range(6)]
    return [Case({"sizes": s}, EXACT) for s in sizes]


# ---- the usual mistakes ----------------------------------------------------------------------


def _backprop_variant(output_fprime=True, hidden_fprime=True, sign=1.0):
    def wrong(thetas, bs, x, y, f, fprime):
        zs, acts = ref.forward(thetas, bs, x, f)
        d = -(y - acts[-1]) * (fprime(zs[-1]) if output_fprime else 1) * sign
        deltas = [d]
        for k in range(len(thetas) - 2, -1, -1):
            deltas.insert(0, (thetas[k + 1].T @ deltas[0]) * (fprime(zs[k]) if hidden_fprime else 1))
        return [np.outer(d, a) for d, a in zip(deltas, acts[:-1], strict=False)], deltas
    return wrong


def _sgd_variant(scale_by_n=True, sign=1.0, one_sample=False):
    def wrong(thetas, bs, X, Y, f, fprime, lr):
        rows = list(zip(X, Y, strict=False))[:1] if one_sample else list(zip(X, Y, strict=False))
        g_t = [np.zeros_like(t) for t in thetas]
        g_b = [np.zeros_like(v) for v in bs]
        for x, y in rows:
            gt, gb = ref.backprop_network(thetas, bs, x, y, f, fprime)
            g_t = [s + g for s, g in zip(g_t, gt, strict=False)]
            g_b = [s + g for s, g in zip(g_b, gb, strict=False)]
        k = lr / len(X) if scale_by_n else lr
        return ([t - sign * k * g for t, g in zip(thetas, g_t, strict=True)],
                [v - sign * k * g for v, g in zip(bs, g_b, strict=True)])
    return wrong


EXERCISES: dict[str, Exercise] = {e.name: e for e in (
    Exercise("urn_mle", 1, ("draws", "white"), ("p",), ref.urn_mle, _urn_cases, {
        "odds": lambda draws, white: white / (draws - white) if draws != white else float("inf"),
        "black": lambda draws, white: (draws - white) / draws,
        "int_division": lambda draws, white: white // draws,
    }),
    Exercise("sigmoid_prime", 1, ("z",), ("fprime",), ref.sigmoid_prime, _sigmoid_prime_cases, {
        "sigmoid": lambda z: ref.sigmoid(z),
        "z_not_f": lambda z: z * (1 - z),
    }),
    Exercise("logistic_gradient", 1, ("w", "b", "X", "y"), ("grad_w", "grad_b"), ref.logistic_gradient,
             _logistic_cases, {
        "sign": lambda w, b, X, y: tuple(-g for g in ref.logistic_gradient(w, b, X, y)),
        "mean": lambda w, b, X, y: tuple(g / len(X) for g in ref.logistic_gradient(w, b, X, y)),
        "no_sigmoid": lambda w, b, X, y: (X.T @ (X @ w + b - y), np.sum(X @ w + b - y)),
    }),
    Exercise("perceptron_update", 2, ("w", "b", "x", "y", "eta"), ("w", "b"), ref.perceptron_update,
             _perceptron_cases, {
        # no_y before sign: with y = -1 they give the same answer, and sign already fails on y = +1
        "no_y": lambda w, b, x, y, eta: (w + eta * x, b + eta),
        "sign": lambda w, b, x, y, eta: (w - eta * y * x, b - eta * y),
        "no_b": lambda w, b, x, y, eta: (w + eta * y * x, b),
    }),
    Exercise("layer_forward", 3, ("theta", "b", "a_prev", "f"), ("z", "a"), ref.layer_forward,
             _layer_forward_cases, {
        "transposed": lambda theta, b, a_prev, f: ref.layer_forward(theta.T, b, a_prev, f),
        "no_bias": lambda theta, b, a_prev, f: (theta @ a_prev, f(theta @ a_prev)),
        "no_f": lambda theta, b, a_prev, f: (theta @ a_prev + b, theta @ a_prev + b),
    }),
    Exercise("delta_output_quadratic", 4, ("y", "a", "fprime_z"), ("delta",), ref.delta_output_quadratic,
             _delta_quadratic_cases, {
        "no_fprime": lambda y, a, fprime_z: -(y - a),
        "sign": lambda y, a, fprime_z: (y - a) * fprime_z,
    }),
    Exercise("delta_output_cross_entropy", 4, ("y", "a"), ("delta",), ref.delta_output_cross_entropy,
             _delta_ce_cases, {
        "sign": lambda y, a: y - a,
        "fprime": lambda y, a: (a - y) * a * (1 - a),
    }),
    Exercise("delta_hidden", 4, ("theta_next", "delta_next", "fprime_z"), ("delta",), ref.delta_hidden,
             _delta_hidden_cases, {
        "no_fprime": lambda theta_next, delta_next, fprime_z: theta_next.T @ delta_next,
        "transposed": lambda theta_next, delta_next, fprime_z: (theta_next @ delta_next) * fprime_z,
    }),
    Exercise("weight_gradient", 4, ("delta", "a_prev"), ("grad_theta",), ref.weight_gradient,
             _weight_gradient_cases, {
        "transposed": lambda delta, a_prev: np.outer(a_prev, delta),
        "dot": lambda delta, a_prev: np.dot(delta, a_prev) if len(delta) == len(a_prev) else None,
    }),
    Exercise("backprop_network", 4, ("thetas", "bs", "x", "y", "f", "fprime"), ("grad_thetas", "grad_bs"),
             ref.backprop_network, _backprop_cases, {
        "no_fprime_output": _backprop_variant(output_fprime=False),
        "no_fprime_hidden": _backprop_variant(hidden_fprime=False),
        "sign": _backprop_variant(sign=-1.0),
    }, fd=True),
    Exercise("sgd_minibatch_step", 4, ("thetas", "bs", "X", "Y", "f", "fprime", "lr"), ("thetas", "bs"),
             ref.sgd_minibatch_step, _sgd_cases, {
        "no_mean": _sgd_variant(scale_by_n=False),
        "sign": _sgd_variant(sign=-1.0),
        "one_sample": _sgd_variant(one_sample=True),
    }),
    Exercise("count_parameters", 5, ("sizes",), ("count",), ref.count_parameters, _count_cases, {
        "no_bias": lambda sizes: sum(n * m for m, n in zip(sizes, sizes[1:], strict=False)),
        "input_bias": lambda sizes: sum(n * m for m, n in zip(sizes, sizes[1:], strict=False)) + sum(sizes),
        "all_bias": lambda sizes: sum(n * m for m, n in zip(sizes, sizes[1:], strict=False)) + sum(sizes[:-1]),
    }),
)}


def get_exercise(name: str) -> Exercise:
    """The exercise called ``name``; a ConfigError lists the names when there is none."""
    if name not in EXERCISES:
        raise ConfigError("exercises.err.unknown", param="name", name=name, choices=", ".join(EXERCISES))
    return EXERCISES[name]
