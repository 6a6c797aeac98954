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
The dual form keeps alpha_i = eta * (updates on x_i) and reads x_i . x_j from
the Gram matrix; it makes the same choices and so writes the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np

from nnscratch.errors import ConfigError, DataError

RULES = ("first", "cyclic", "random")

# The lecture's worked example: positive M1(3,3), M2(4,3), negative M3(1,1).
LECTURE_POINTS = (("M1", (3, 3), 1), ("M2", (4, 3), 1), ("M3", (1, 1), -1))


def lecture_example():
    """(X, y, names) of the lecture's example."""
    names = [name for name, _, _ in LECTURE_POINTS]
    X = np.array([x for _, x, _ in LECTURE_POINTS], dtype=float)
    y = np.array([label for _, _, label in LECTURE_POINTS], dtype=float)
    return X, y, names


# ---- the math ------------------------------------------------------------


def margins(X, y, w, b):
    """y_i (w.x_i + b) for every point: <= 0 means misclassified.  (m,)"""
    return y * (X @ w + b)


def perceptron_loss(X, y, w, b) -> float:
    """L(w, b) = -sum_{misclassified} y_i (w.x_i + b) >= 0, zero exactly when every point is classified."""
    m = margins(X, y, w, b)
    return float(-np.sum(m[m <= 0]))


def perceptron_loss_grad(X, y, w, b):
    """(dL/dw, dL/db) = (-sum_M y_i x_i, -sum_M y_i) over the misclassified set M."""
    wrong = margins(X, y, w, b) <= 0
    return -(y[wrong] @ X[wrong]), -float(np.sum(y[wrong]))


# ---- formatting a row as the lecture writes it ----------------------------


def plain_number(x):
    """3.0 -> 3 and 0.1 + 0.2 -> 0.3 (six significant digits), as the table shows numbers."""
    x = float(x)
    if x.is_integer():
        return int(x)
    return float(f"{x:.6g}")


def hyperplane(w, b) -> str:
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
    rows: tuple[Row, ...]
    names: tuple[str, ...]
    w: np.ndarray  # after the last update
    b: float
    converged: bool  # no point misclassified
    pocket_w: np.ndarray  # the weights that misclassified the fewest points (= w, b when converged)
    pocket_b: float
    pocket_errors: int

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
    """

    def __init__(self, X, y, names=None, *, eta: float = 1.0, w0=None, b0: float = 0.0, rule: str = "first",
                 rng: np.random.Generator | None = None, dual: bool = False):
        self.X, self.y, self.names = _check_points(X, y, names)
        if not (isinstance(eta, Real) and np.isfinite(eta) and eta > 0):
            raise ConfigError(f"learning rate eta must be a positive number, got {eta!r}")
        if rule not in RULES:
            raise ConfigError(f"unknown rule {rule!r}: choose one of {', '.join(RULES)}")
        if rule == "random" and rng is None:
            raise ConfigError("the random rule needs a random generator: pass rng=np.random.default_rng(seed)")
        self.w0 = _check_start(w0, b0, self.X.shape[1])
        self.eta, self.rule, self.rng, self.dual = float(eta), rule, rng, dual
        self.b = float(b0)
        if dual:
            self.alpha = np.zeros(len(self.y))
            self.gram = self.X @ self.X.T  # x_i . x_j, the only use of the data in the dual form
        else:
            self.w = self.w0.copy()
        self.updates = 0
        self.converged = False
        self._last = -1
        self.rows = [self._row(None)]
        self._pocket = (self.weights(), self.b, self.errors())

    def weights(self) -> np.ndarray:
        """w; in the dual form w = w0 + sum_i alpha_i y_i x_i."""
        return self.w0 + (self.alpha * self.y) @ self.X if self.dual else self.w.copy()

    def margins(self) -> np.ndarray:
        if self.dual:
            return self.y * (self.X @ self.w0 + self.gram @ (self.alpha * self.y) + self.b)
        return margins(self.X, self.y, self.w, self.b)

    def misclassified(self) -> list[str]:
        """Names of the points misclassified by the current w, b, in the data's order."""
        return [self.names[i] for i in np.flatnonzero(self.margins() <= 0)]

    def errors(self) -> int:
        return int(np.sum(self.margins() <= 0))

    def step(self, pick: str | None = None) -> Row:
        """Update on ``pick`` (a misclassified point's name) or on the rule's choice; return the new row.

        With no point misclassified, record the final row ("none") and mark the trainer converged.
        """
        if self.converged:
            raise ConfigError(f"the perceptron has converged after {self.updates} updates: no point to update on")
        wrong = np.flatnonzero(self.margins() <= 0)
        if pick is not None:
            i = self._index(pick)
            if i not in wrong:
                listed = ", ".join(self.names[j] for j in wrong) or "none"
                raise ConfigError(
                    f"{pick} is not misclassified at iteration {self.updates + 1}: "
                    f"y(w.x + b) = {plain_number(self.margins()[i])} > 0 (misclassified there: {listed})"
                )
        elif wrong.size == 0:
            self.converged = True
            self.rows.append(self._row(None, self.updates + 1))
            return self.rows[-1]
        else:
            i = self._choose(wrong)
        if self.dual:
            self.alpha[i] += self.eta
        else:
            self.w = self.w + self.eta * self.y[i] * self.X[i]
        self.b += self.eta * self.y[i]
        self.updates += 1
        self._last = i
        errors = self.errors()
        if errors < self._pocket[2]:
            self._pocket = (self.weights(), self.b, errors)
        self.rows.append(self._row(self.names[i]))
        return self.rows[-1]

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
        )

    def _choose(self, wrong) -> int:
        if self.rule == "first":
            return int(wrong[0])
        if self.rule == "cyclic":
            later = wrong[wrong > self._last]
            return int(later[0] if later.size else wrong[0])
        return int(self.rng.choice(wrong))

    def _index(self, name) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise ConfigError(f"no point named {name!r}: the points are {', '.join(self.names)}") from None

    def _row(self, name, iteration=None) -> Row:
        return Row(
            iteration=self.updates if iteration is None else iteration,
            misclassified=name,
            w=tuple(plain_number(v) for v in self.weights()),
            b=plain_number(self.b),
            alpha=tuple(plain_number(a) for a in self.alpha) if self.dual else None,
        )


def train_perceptron(X, y, names=None, *, eta: float = 1.0, w0=None, b0: float = 0.0, rule: str = "first",
                     picks: dict[int, str] | None = None, max_passes: int = 100,
                     rng: np.random.Generator | None = None, dual: bool = False) -> PerceptronResult:
    """Run the perceptron until no point is misclassified, or for at most ``max_passes`` * (number of points)
    updates. ``picks`` {iteration: name} overrides the rule at those iterations (homework III: {5: "M2"})."""
    if isinstance(max_passes, bool) or not isinstance(max_passes, Integral) or max_passes < 1:
        raise ConfigError(f"max_passes must be a positive integer, got {max_passes!r}")
    picks = dict(picks or {})
    for k in picks:
        if isinstance(k, bool) or not isinstance(k, Integral) or k < 1:
            raise ConfigError(f"a pick's iteration must be a positive integer, got {k!r}")
    trainer = PerceptronTrainer(X, y, names, eta=eta, w0=w0, b0=b0, rule=rule, rng=rng, dual=dual)
    limit = max_passes * len(trainer.y)
    while not trainer.converged and trainer.updates < limit:
        trainer.step(picks.get(trainer.updates + 1))
    late = sorted(k for k in picks if k > trainer.updates)
    if late:
        k = late[0]
        raise ConfigError(f"iteration {k} never happens (pick {k}={picks[k]}): the algorithm stopped after "
                          f"{trainer.updates} updates")
    return trainer.result()


# ---- validation at the public API ----------------------------------------


def _check_points(X, y, names):
    try:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise DataError("points and labels must be numbers") from None
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise DataError(f"points must form a non-empty 2-D array (points, dimensions), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise DataError(f"point coordinates must be finite, got {float(X[~np.isfinite(X)][0])}")
    if y.shape != (X.shape[0],):
        raise DataError(f"expected one label per point ({X.shape[0]}), got labels of shape {y.shape}")
    bad = y[(y != 1) & (y != -1)]
    if bad.size:
        raise DataError(f"perceptron labels must be +1 or -1, got {plain_number(bad[0])}")
    if names is None:
        names = [f"M{i + 1}" for i in range(X.shape[0])]
    names = [str(n) for n in names]
    if len(names) != X.shape[0]:
        raise DataError(f"expected one name per point ({X.shape[0]}), got {len(names)}")
    seen = set()
    for n in names:
        if n in seen:
            raise DataError(f"point name {n!r} is used twice: names must be unique")
        seen.add(n)
    return X, y, names


def _check_start(w0, b0, dim):
    if not (isinstance(b0, Real) and np.isfinite(b0)):
        raise ConfigError(f"b0 must be a finite number, got {b0!r}")
    if w0 is None:
        return np.zeros(dim)
    w0 = np.asarray(w0, dtype=float).ravel()
    if w0.shape != (dim,) or not np.all(np.isfinite(w0)):
        raise ConfigError(f"w0 must hold {dim} finite numbers (one per dimension), got {w0.tolist()!r}")
    return w0
