"""The perceptron (感知机), lecture section 2: the primal algorithm, step by step.

Labels are +1 / -1. A point is misclassified (误分类点) when y (w.x + b) <= 0.
The loss is L(w, b) = -sum over misclassified points of y (w.x + b); one
stochastic gradient step on a chosen misclassified point is

    w <- w + eta y x,    b <- b + eta y,

repeated until no point is misclassified. Every update is one row of the
lecture's table (迭代次数, 误分类点, w, b, 超平面). ``PerceptronTrainer`` makes the
updates one at a time (the caller may choose the point, as in homework III);
``train_perceptron`` runs it to convergence, or to a bound on the number of
passes for data no hyperplane separates, keeping the best "pocket" weights.
Both are bounded: the passes by a budget of updates and multiply-adds checked
before the first step, and the table by ``max_rows`` (past it, the first and
last rows are kept and the ones between only counted).
The dual form keeps alpha_i = eta * (updates on x_i) and reads x_i . x_j from
the Gram matrix; it makes the same choices and so writes the same table.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnscratch.errors import BudgetError, ConfigError, DataError

RULES = ("first", "cyclic", "random")

# Budgets, checked before the first update (see check_budget). An update costs a margin for every
# point, (m, d) multiply-adds in the primal form and (m, m) in the dual one; a few microseconds of
# Python around it make the number of updates a budget of its own. At the limits a run takes seconds.
MAX_UPDATES = 200_000
MAX_WORK = 5_000_000_000
MAX_GRAM = 4_000_000  # entries of the dual form's Gram matrix (32 MB of float64)
MAX_ROWS = 200  # rows of the table kept: the first half and the last half

Array = NDArray[Any]

# The lecture's worked example: positive M1(3,3), M2(4,3), negative M3(1,1).
LECTURE_POINTS = (("M1", (3, 3), 1), ("M2", (4, 3), 1), ("M3", (1, 1), -1))


def lecture_example() -> tuple[Array, Array, list[str]]:
    """(X, y, names) of the lecture's example."""
    names = [name for name, _, _ in LECTURE_POINTS]
    X = np.array([x for _, x, _ in LECTURE_POINTS], dtype=float)
    y = np.array([label for _, _, label in LECTURE_POINTS], dtype=float)
    return X, y, names


# ---- the math ------------------------------------------------------------


def margins(X: Array, y: Array, w: Array, b: float) -> Array:
    """y_i (w.x_i + b) for every point: <= 0 means misclassified.  (m,)"""
    return y * (X @ w + b)


def perceptron_loss(X: Array, y: Array, w: Array, b: float) -> float:
    """L(w, b) = -sum_{misclassified} y_i (w.x_i + b) >= 0, zero exactly when every point is classified."""
    m = margins(X, y, w, b)
    return float(-np.sum(m[m <= 0]))


def perceptron_loss_grad(X: Array, y: Array, w: Array, b: float) -> tuple[Array, float]:
    """(dL/dw, dL/db) = (-sum_M y_i x_i, -sum_M y_i) over the misclassified set M."""
    wrong = margins(X, y, w, b) <= 0
    return -(y[wrong] @ X[wrong]), -float(np.sum(y[wrong]))


# ---- formatting a row as the lecture writes it ----------------------------


def plain_number(x: float) -> int | float:
    """3.0 -> 3 and 0.1 + 0.2 -> 0.3 (six significant digits), as the table shows numbers."""
    x = float(x)
    if x.is_integer():
        return int(x)
    return float(f"{x:.6g}")


def hyperplane(w: Iterable[float], b: float) -> str:
    """w.x + b written out: (3, 3), 1 -> '3x1 + 3x2 + 1'; (1, 1), -3 -> 'x1 + x2 - 3'; (0, 0), -2 -> '-2'."""
    terms = [(plain_number(c), f"x{j + 1}") for j, c in enumerate(w)] + [(plain_number(b), "")]
    text = ""
    for c, var in terms:
        if c == 0:
            continue
        magnitude = abs(c)
        body = (var if magnitude == 1 else f"{magnitude}{var}") if var else f"{magnitude}"
        if not text:
            text = f"-{body}" if c < 0 else body
        else:
            text += f" - {body}" if c < 0 else f" + {body}"
    return text or "0"


@dataclass(frozen=True)
class Row:
    """One line of the table: the state after ``iteration`` updates, and the point used for the last one.

    ``misclassified`` is None in row 0 and in the final row, where no point is misclassified any more.
    ``alpha`` is filled by the dual form only.
    """

    iteration: int
    misclassified: str | None
    w: tuple
    b: float
    alpha: tuple | None = None

    @property
    def hyperplane(self) -> str:
        return hyperplane(self.w, self.b)

    def as_dict(self) -> dict:
        row = {"iteration": self.iteration, "misclassified": self.misclassified,
               "w": list(self.w), "b": self.b, "hyperplane": self.hyperplane}
        if self.alpha is not None:
            row["alpha"] = list(self.alpha)
        return row


@dataclass(frozen=True)
class PerceptronResult:
    rows: tuple[Row, ...]  # the table; past max_rows, its first and last rows (see rows_omitted)
    names: tuple[str, ...]
    w: np.ndarray  # after the last update
    b: float
    converged: bool  # no point misclassified
    pocket_w: np.ndarray  # the weights that misclassified the fewest points (= w, b when converged)
    pocket_b: float
    pocket_errors: int
    updates: int  # updates made (the table's last iteration, or one less when converged)
    rows_omitted: int = 0  # rows left out between the first and the last ones kept

    @property
    def model(self) -> str:
        """The final model as the lecture writes it: 'sign(x1 + x2 - 3)' (the pocket weights if not converged)."""
        return f"sign({hyperplane(self.pocket_w, self.pocket_b)})"


# ---- the algorithm, one update at a time ----------------------------------


class PerceptronTrainer:
    """The perceptron's state (w, b, or alpha, b in the dual form) and the table written so far.

    ``rule`` chooses the misclassified point when the caller does not: "first" in the data's order (the
    lecture's choice), "cyclic" (the first after the point used last, wrapping around) or "random"
    (uniform among the misclassified, from ``rng``).

    The table keeps at most ``max_rows`` rows: the first max_rows // 2, then the latest ones;
    ``rows_omitted`` counts those in between, so memory stays bounded however long it runs.
    """

    def __init__(self, X: ArrayLike, y: ArrayLike, names: Iterable[object] | None = None, *, eta: float = 1.0,
                 w0: ArrayLike | None = None, b0: float = 0.0, rule: str = "first",
                 rng: np.random.Generator | None = None, dual: bool = False, max_rows: int = MAX_ROWS) -> None:
        points = _check_points(X, y, names)
        self.X: np.ndarray = points[0]
        self.y: np.ndarray = points[1]
        self.names: list[str] = points[2]
        if not (isinstance(eta, Real) and not isinstance(eta, bool) and np.isfinite(eta) and eta > 0):
            raise ConfigError("perceptron.err.eta", param="eta", eta=repr(eta))
        if rule not in RULES:
            raise ConfigError("perceptron.err.rule", param="rule", rule=repr(rule), choices=", ".join(RULES))
        if rule == "random" and rng is None:
            raise ConfigError("perceptron.err.rule_needs_rng", param="rng")
        if isinstance(max_rows, bool) or not isinstance(max_rows, Integral) or max_rows < 2:
            raise ConfigError("perceptron.err.max_rows", param="max_rows", value=repr(max_rows))
        m = len(self.y)
        if dual and m * m > MAX_GRAM:
            raise BudgetError("perceptron.err.gram_too_large", param="dual", m=m, entries=m * m,
                              mb=f"{m * m * 8 / 1e6:.0f}", budget=MAX_GRAM, max_points=math.isqrt(MAX_GRAM))
        self.w0: np.ndarray = _check_start(w0, b0, self.X.shape[1])
        self.eta: float = float(eta)
        self.rule: str = rule
        self.rng: np.random.Generator | None = rng
        self.dual: bool = dual
        self.b: float = float(b0)
        self.alpha: np.ndarray
        self.gram: np.ndarray
        self.w: np.ndarray
        if dual:
            self.alpha = np.zeros(m)
            self.gram = self.X @ self.X.T  # x_i . x_j, the only use of the data in the dual form
        else:
            self.w = self.w0.copy()
        self.updates: int = 0
        self.converged: bool = False
        self._last: int = -1
        self._head: list[Row] = []
        self._tail: deque[Row] = deque(maxlen=max_rows - max_rows // 2)
        self._head_size: int = max_rows // 2
        self.rows_omitted: int = 0
        self._margins: np.ndarray = self._compute_margins()
        self._keep(self._row(None))
        self._pocket: tuple[np.ndarray, float, int] = (self.weights(), self.b, self.errors())

    @property
    def rows(self) -> list[Row]:
        """The table kept so far: every row, or past ``max_rows`` the first and the latest ones."""
        return [*self._head, *self._tail]

    def _keep(self, row: Row) -> None:
        if len(self._head) < self._head_size:
            self._head.append(row)
            return
        if len(self._tail) == self._tail.maxlen:
            self.rows_omitted += 1
        self._tail.append(row)

    def weights(self) -> np.ndarray:
        """w; in the dual form w = w0 + sum_i alpha_i y_i x_i."""
        return self.w0 + (self.alpha * self.y) @ self.X if self.dual else self.w.copy()

    def margins(self) -> np.ndarray:
        """y_i (w.x_i + b) for the current w, b.  (m,)"""
        return self._margins.copy()

    def _compute_margins(self) -> np.ndarray:
        # Computed once per update: step() and errors() both read it.
        if self.dual:
            return self.y * (self.X @ self.w0 + self.gram @ (self.alpha * self.y) + self.b)
        return margins(self.X, self.y, self.w, self.b)

    def misclassified(self) -> list[str]:
        """Names of the points misclassified by the current w, b, in the data's order."""
        return [self.names[i] for i in np.flatnonzero(self._margins <= 0)]

    def errors(self) -> int:
        return int(np.count_nonzero(self._margins <= 0))

    def step(self, pick: str | None = None) -> Row:
        """Update on ``pick`` (a misclassified point's name) or on the rule's choice; return the new row.

        With no point misclassified, record the final row ("none") and mark the trainer converged.
        """
        if self.converged:
            raise ConfigError("perceptron.err.converged", param="pick", updates=self.updates)
        wrong = np.nonzero(self._margins <= 0)[0]
        if pick is not None:
            i = self._index(pick)
            if i not in wrong:
                if wrong.size:
                    raise ConfigError("perceptron.err.not_misclassified", param="pick", name=pick,
                                      iteration=self.updates + 1, margin=plain_number(self._margins[i]),
                                      wrong=", ".join(self.names[j] for j in wrong))
                raise ConfigError("perceptron.err.not_misclassified_none", param="pick", name=pick,
                                  iteration=self.updates + 1, margin=plain_number(self._margins[i]))
        elif wrong.size == 0:
            self.converged = True
            row = self._row(None, self.updates + 1)
            self._keep(row)
            return row
        else:
            i = self._choose(wrong)
        if self.dual:
            self.alpha[i] += self.eta
        else:
            self.w = self.w + self.eta * self.y[i] * self.X[i]
        self.b += self.eta * self.y[i]
        self.updates += 1
        self._last = i
        self._margins = self._compute_margins()
        errors = self.errors()
        if errors < self._pocket[2]:
            self._pocket = (self.weights(), self.b, errors)
        row = self._row(self.names[i])
        self._keep(row)
        return row

    def result(self) -> PerceptronResult:
        return PerceptronResult(
            rows=tuple(self.rows),
            names=tuple(self.names),
            w=self.weights(),
            b=self.b,
            converged=self.converged,
            pocket_w=self._pocket[0],
            pocket_b=self._pocket[1],
            pocket_errors=self._pocket[2],
            updates=self.updates,
            rows_omitted=self.rows_omitted,
        )

    def _choose(self, wrong) -> int:
        if self.rule == "first":
            return int(wrong[0])
        if self.rule == "cyclic":
            later = wrong[wrong > self._last]
            return int(later[0] if later.size else wrong[0])
        assert self.rng is not None  # __init__ refuses the "random" rule without an rng
        return int(self.rng.choice(wrong))

    def _index(self, name) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise ConfigError("perceptron.err.unknown_point", param="pick", name=repr(name),
                              names=_listing(self.names)) from None

    def _row(self, name, iteration=None) -> Row:
        return Row(
            iteration=self.updates if iteration is None else iteration,
            misclassified=name,
            w=tuple(plain_number(v) for v in self.weights()),
            b=plain_number(self.b),
            alpha=tuple(plain_number(a) for a in self.alpha) if self.dual else None,
        )


def check_budget(m: int, d: int, max_passes: int, *, dual: bool = False, max_updates: int = MAX_UPDATES,
                 max_work: int = MAX_WORK) -> int:
    """Raise BudgetError unless ``max_passes`` over ``m`` points of ``d`` dimensions fits the budgets.

    A pass is m updates at most; each computes every point's margin again: m * d multiply-adds
    (m * m in the dual form). Returns the largest number of passes the budgets allow.
    """
    per_update = m * (m if dual else d)
    allowed = min(max_updates // m, max_work // (m * per_update))
    if allowed < 1:
        raise BudgetError("perceptron.err.too_many_points", param="X", m=m, d=d, work=f"{m * per_update:,}",
                          budget=f"{max_work:,}")
    if max_passes > allowed:
        raise BudgetError("perceptron.err.too_many_passes", param="max_passes", passes=max_passes, m=m,
                          updates=f"{max_passes * m:,}", work=f"{max_passes * m * per_update:,}",
                          max_updates=f"{max_updates:,}", max_work=f"{max_work:,}", allowed=allowed)
    return allowed


def train_perceptron(X: ArrayLike, y: ArrayLike, names: Iterable[object] | None = None, *, eta: float = 1.0,
                     w0: ArrayLike | None = None, b0: float = 0.0, rule: str = "first",
                     picks: dict[int, str] | None = None, max_passes: int = 100,
                     rng: np.random.Generator | None = None, dual: bool = False, max_rows: int = MAX_ROWS,
                     max_updates: int = MAX_UPDATES, max_work: int = MAX_WORK) -> PerceptronResult:
    """Run the perceptron until no point is misclassified, or for at most ``max_passes`` * (number of points)
    updates. ``picks`` {iteration: name} overrides the rule at those iterations (homework III: {5: "M2"}).

    The passes are checked against ``max_updates`` and ``max_work`` (multiply-adds) before the first
    step (BudgetError says how many passes fit); the table keeps at most ``max_rows`` rows.
    """
    if isinstance(max_passes, bool) or not isinstance(max_passes, Integral) or max_passes < 1:
        raise ConfigError("perceptron.err.max_passes", param="max_passes", value=repr(max_passes))
    picks = dict(picks or {})
    for k in picks:
        if isinstance(k, bool) or not isinstance(k, Integral) or k < 1:
            raise ConfigError("perceptron.err.pick_iteration", param="picks", value=repr(k))
    trainer = PerceptronTrainer(X, y, names, eta=eta, w0=w0, b0=b0, rule=rule, rng=rng, dual=dual,
                                max_rows=max_rows)
    m, d = trainer.X.shape
    check_budget(m, d, int(max_passes), dual=dual, max_updates=max_updates, max_work=max_work)
    limit = max_passes * m
    while not trainer.converged and trainer.updates < limit:
        trainer.step(picks.get(trainer.updates + 1))
    late = sorted(k for k in picks if k > trainer.updates)
    if late:
        k = late[0]
        raise ConfigError("perceptron.err.pick_never", param="picks", k=k, name=picks[k], updates=trainer.updates)
    return trainer.result()


# ---- validation at the public API ----------------------------------------


def _listing(names, limit: int = 10) -> str:
    """'M1, M2, M3', or the first ``limit`` names and a count: an error message stays one short line."""
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown}, ... (+{len(names) - limit})"


def _check_points(X, y, names) -> tuple[np.ndarray, np.ndarray, list[str]]:
    try:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise DataError("perceptron.err.not_numbers", param="X") from None
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise DataError("perceptron.err.shape", param="X", shape=X.shape)
    if not np.all(np.isfinite(X)):
        raise DataError("perceptron.err.not_finite", param="X", value=float(X[~np.isfinite(X)][0]))
    if y.shape != (X.shape[0],):
        raise DataError("perceptron.err.labels_count", param="y", m=X.shape[0], shape=y.shape)
    bad = y[(y != 1) & (y != -1)]
    if bad.size:
        raise DataError("perceptron.err.label", param="y", value=plain_number(bad[0]) if np.isfinite(bad[0])
                        else float(bad[0]))
    if names is None:
        names = [f"M{i + 1}" for i in range(X.shape[0])]
    names = [str(n) for n in names]
    if len(names) != X.shape[0]:
        raise DataError("perceptron.err.names_count", param="names", m=X.shape[0], count=len(names))
    seen = set()
    for n in names:
        if n in seen:
            raise DataError("perceptron.err.duplicate_name", param="names", name=repr(n))
        seen.add(n)
    return X, y, names


def _check_start(w0, b0, dim: int) -> np.ndarray:
    # cast: numpy's stubs do not take numbers.Real, which every real number type registers as
    if isinstance(b0, bool) or not (isinstance(b0, Real) and np.isfinite(cast(float, b0))):
        raise ConfigError("perceptron.err.b0", param="b0", value=repr(b0))
    if w0 is None:
        return np.zeros(dim)
    try:
        w0 = np.asarray(w0, dtype=float).ravel()
    except (TypeError, ValueError):
        w0 = None
    if w0 is None or w0.shape != (dim,) or not np.all(np.isfinite(w0)):
        raise ConfigError("perceptron.err.w0", param="w0", dim=dim,
                          value=repr(w0.tolist()) if w0 is not None else "?")
    return w0
