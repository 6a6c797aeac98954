"""The perceptron (感知机): the lecture's worked example and homework III pinned row for row."""

import numpy as np
import pytest

from nnscratch.errors import ConfigError, DataError
from nnscratch.perceptron import (
    PerceptronTrainer,
    hyperplane,
    lecture_example,
    margins,
    perceptron_loss,
    perceptron_loss_grad,
    plain_number,
    train_perceptron,
)

# The lecture's table: 迭代次数, 误分类点, w, b, 超平面 (None: no point; row 0 and the final "无").
LECTURE_TABLE = [
    (0, None, (0, 0), 0, "0"),
    (1, "M1", (3, 3), 1, "3x1 + 3x2 + 1"),
    (2, "M3", (2, 2), 0, "2x1 + 2x2"),
    (3, "M3", (1, 1), -1, "x1 + x2 - 1"),
    (4, "M3", (0, 0), -2, "-2"),
    (5, "M1", (3, 3), -1, "3x1 + 3x2 - 1"),
    (6, "M3", (2, 2), -2, "2x1 + 2x2 - 2"),
    (7, "M3", (1, 1), -3, "x1 + x2 - 3"),
    (8, None, (1, 1), -3, "x1 + x2 - 3"),
]

# Homework III: the first four rows as in the lecture, then M2 at iteration 5 (worked by hand).
HOMEWORK_III_TABLE = LECTURE_TABLE[:5] + [
    (5, "M2", (4, 3), -1, "4x1 + 3x2 - 1"),
    (6, "M3", (3, 2), -2, "3x1 + 2x2 - 2"),
    (7, "M3", (2, 1), -3, "2x1 + x2 - 3"),
    (8, "M3", (1, 0), -4, "x1 - 4"),
    (9, "M1", (4, 3), -3, "4x1 + 3x2 - 3"),
    (10, "M3", (3, 2), -4, "3x1 + 2x2 - 4"),
    (11, "M3", (2, 1), -5, "2x1 + x2 - 5"),
    (12, None, (2, 1), -5, "2x1 + x2 - 5"),
]

XOR = (np.array([[0, 0], [1, 1], [0, 1], [1, 0]]), np.array([-1, -1, 1, 1]))


def table(result):
    return [(r.iteration, r.misclassified, r.w, r.b, r.hyperplane) for r in result.rows]


def test_lecture_example_row_for_row():
    result = train_perceptron(*lecture_example())
    assert table(result) == LECTURE_TABLE
    assert result.converged
    assert result.model == "sign(x1 + x2 - 3)"
    assert result.w.tolist() == [1, 1] and result.b == -3


def test_homework_three_picks_m2_at_iteration_five():
    result = train_perceptron(*lecture_example(), picks={5: "M2"})
    assert table(result) == HOMEWORK_III_TABLE
    assert result.model == "sign(2x1 + x2 - 5)"


def test_rows_are_plain_numbers_for_json():
    row = train_perceptron(*lecture_example()).rows[0].as_dict()
    assert row == {"iteration": 0, "misclassified": None, "w": [0, 0], "b": 0, "hyperplane": "0"}
    assert all(type(v) is int for v in row["w"])


def test_dual_form_writes_the_same_table():
    X, y, names = lecture_example()
    for picks in ({}, {5: "M2"}):
        dual = train_perceptron(X, y, names, dual=True, picks=picks)
        assert table(dual) == table(train_perceptron(X, y, names, picks=picks))
        for row in dual.rows:  # w = sum_i alpha_i y_i x_i
            assert np.array_equal(np.asarray(row.alpha) * y @ X, row.w)
    assert train_perceptron(X, y, names, dual=True).rows[-1].alpha == (2, 0, 5)


@pytest.mark.parametrize("rule", ["first", "cyclic", "random"])
def test_every_rule_separates_separable_data(rule):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    y = np.where(X @ [1.0, -2.0, 0.5] + 0.3 > 0, 1.0, -1.0)
    result = train_perceptron(X, y, rule=rule, rng=np.random.default_rng(0))
    assert result.converged
    assert np.all(margins(X, y, result.w, result.b) > 0)
    assert result.rows[-1].misclassified is None and result.pocket_errors == 0


def test_random_rule_is_reproducible_from_its_seed():
    X, y, names = lecture_example()
    runs = [table(train_perceptron(X, y, names, rule="random", rng=np.random.default_rng(7))) for _ in range(2)]
    assert runs[0] == runs[1]


def test_step_by_step_with_chosen_points():
    trainer = PerceptronTrainer(*lecture_example())
    assert trainer.misclassified() == ["M1", "M2", "M3"]  # w = 0, b = 0: y(w.x + b) = 0 <= 0 for all
    row = trainer.step("M2")
    assert (row.iteration, row.misclassified, row.w, row.b) == (1, "M2", (4, 3), 1)
    assert trainer.misclassified() == ["M3"]
    with pytest.raises(ConfigError, match="M1 is not misclassified at iteration 2"):
        trainer.step("M1")
    while not trainer.converged:
        trainer.step()
    assert trainer.rows[-1].misclassified is None and trainer.misclassified() == []
    with pytest.raises(ConfigError, match="converged"):
        trainer.step()


def test_xor_stops_after_a_bounded_number_of_passes_with_pocket_weights():
    X, y = XOR
    result = train_perceptron(X, y, max_passes=25)
    assert not result.converged
    assert len(result.rows) == 25 * 4 + 1
    assert result.pocket_errors == 1  # the best a line can do on XOR: three of four right
    assert np.sum(margins(X, y, result.pocket_w, result.pocket_b) <= 0) == 1
    assert result.model == f"sign({hyperplane(result.pocket_w, result.pocket_b)})"


def test_the_update_is_a_gradient_step_on_the_perceptron_loss():
    X, y, _ = lecture_example()
    w, b = np.array([1.0, 1.0]), -1.0  # row 3: only M3 is misclassified
    g_w, g_b = perceptron_loss_grad(X, y, w, b)
    assert np.array_equal(w - g_w, w + y[2] * X[2]) and b - g_b == b + y[2]
    assert perceptron_loss(X, y, w, b) == 1.0  # -y3 (w.x3 + b) = -(-1)(1 + 1 - 1)
    assert perceptron_loss(X, y, np.array([1.0, 1.0]), -3.0) == 0.0


@pytest.mark.parametrize("w, b, text", [
    ((0, 0), 0, "0"),
    ((0, 0), -2, "-2"),
    ((3, 3), 1, "3x1 + 3x2 + 1"),
    ((-1, 2), 0, "-x1 + 2x2"),
    ((1, 0), -4, "x1 - 4"),
    ((0, -1), 0.5, "-x2 + 0.5"),
    ((0.1 + 0.2, 0, 1), 0, "0.3x1 + x3"),
])
def test_hyperplane_text(w, b, text):
    assert hyperplane(w, b) == text


def test_plain_numbers():
    assert plain_number(3.0) == 3 and type(plain_number(3.0)) is int
    assert plain_number(0.1 + 0.2) == 0.3


def test_any_dimension_names_and_start_values():
    result = train_perceptron([[1, 0, 0], [0, 0, 1]], [1, -1], ["A", "B"], eta=0.5, w0=[0, 1, 0], b0=1)
    assert result.converged and result.rows[0].w == (0, 1, 0) and result.rows[0].b == 1
    assert result.rows[1].misclassified == "B"  # A: 1 * (0 + 1) > 0; B: -1 * (0 + 1) <= 0


# ---- bad inputs


@pytest.mark.parametrize("args, kwargs, error, match", [
    (([[1, 1], [2, 2]], [1, 0]), {}, DataError, r"\+1 or -1, got 0"),
    (([[1, 1], [2, 2]], [1, -1, 1]), {}, DataError, "one label per point"),
    (([1, 1], [1]), {}, DataError, "2-D"),
    (([[1, np.nan]], [1]), {}, DataError, "finite"),
    (([[1], [2]], [1, -1], ["A", "A"]), {}, DataError, "used twice"),
    (([[1], [2]], [1, -1], ["A"]), {}, DataError, "one name per point"),
    (([[1], [2]], [1, -1]), {"eta": 0}, ConfigError, "learning rate η"),
    (([[1], [2]], [1, -1]), {"rule": "best"}, ConfigError, "unknown rule"),
    (([[1], [2]], [1, -1]), {"rule": "random"}, ConfigError, "random generator"),
    (([[1], [2]], [1, -1]), {"w0": [0, 0]}, ConfigError, "w0 must hold 1"),
    (([[1], [2]], [1, -1]), {"b0": float("inf")}, ConfigError, "b0"),
    (([[1], [2]], [1, -1]), {"max_passes": 0}, ConfigError, "max_passes"),
    (([[1], [2]], [1, -1]), {"picks": {0: "M1"}}, ConfigError, "positive whole number"),
])
def test_bad_inputs(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        train_perceptron(*args, **kwargs)


def test_bad_picks():
    with pytest.raises(ConfigError, match=r"M3 is not misclassified at iteration 5: y\(w.x \+ b\) = 2 > 0; "
                                          r"choose one of the misclassified points: M1, M2"):
        train_perceptron(*lecture_example(), picks={5: "M3"})
    with pytest.raises(ConfigError, match="no point named 'M9'"):
        train_perceptron(*lecture_example(), picks={2: "M9"})
    with pytest.raises(ConfigError, match="iteration 9 never happens"):
        train_perceptron(*lecture_example(), picks={9: "M1"})


def test_the_trainer_keeps_the_first_and_the_latest_rows():
    X, y = XOR
    trainer = PerceptronTrainer(X, y, max_rows=4)
    for _ in range(10):
        trainer.step()
    assert [r.iteration for r in trainer.rows] == [0, 1, 9, 10] and trainer.rows_omitted == 7
    assert trainer.result().updates == 10 and trainer.result().rows_omitted == 7
    with pytest.raises(ConfigError, match="max_rows must be a whole number of at least 2"):
        PerceptronTrainer(X, y, max_rows=1)
