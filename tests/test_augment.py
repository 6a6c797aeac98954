"""Augmentation: shapes, ranges, determinism by seed, exact moves, and bad specs refused."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from nnscratch.augment import Augment, augment_images, augment_rows, bilinear, displacement, parse_augment
from nnscratch.errors import ConfigError


@pytest.fixture
def digits():
    rng = np.random.default_rng(0)
    images = np.zeros((16, 28, 28), np.uint8)
    images[:, 8:20, 12:16] = rng.integers(100, 256, (16, 12, 4))  # a bar, like a "1"
    return images


def test_parse_names_defaults_and_strengths():
    assert parse_augment(None) == parse_augment("none") == Augment()
    spec = parse_augment("shift,rotate=10, elastic=20")
    assert (spec.shift, spec.rotate, spec.scale, spec.elastic) == (2.0, 10.0, 0.0, 20.0)
    assert parse_augment(spec.describe()) == spec


@pytest.mark.parametrize("text,key", [("blur", "augment.err.unknown"), ("shift,shift", "augment.err.twice"),
                                      ("rotate=x", "augment.err.number"), ("rotate=nan", "augment.err.number"),
                                      ("shift=-1", "augment.err.strength"), ("scale=5", "augment.err.strength")])
def test_bad_specs_name_the_problem(text, key):
    with pytest.raises(ConfigError) as info:
        parse_augment(text)
    assert info.value.key == key and info.value.param == "augment"
    assert "增强" in info.value.message("zh")


@pytest.mark.parametrize("spec", ["shift", "rotate", "scale", "elastic", "shift,rotate,scale,elastic"])
def test_shapes_range_and_input_untouched(digits, spec):
    before = digits.copy()
    out = augment_images(digits, parse_augment(spec), np.random.default_rng(1))
    assert out.shape == digits.shape and out.dtype == np.float32
    assert out.min() >= 0 and out.max() <= digits.max()
    assert np.array_equal(digits, before)
    assert not np.array_equal(out, digits.astype(np.float32))  # it did distort
    # a distortion moves ink, it does not invent or erase much of it
    ratio = out.sum(axis=(1, 2)) / digits.sum(axis=(1, 2))
    assert np.all((ratio > 0.3) & (ratio < 2.5)), ratio


def test_same_seed_same_distortions_other_seed_others(digits):
    spec = parse_augment("shift,rotate,scale,elastic")
    a = augment_images(digits, spec, np.random.default_rng(7))
    b = augment_images(digits, spec, np.random.default_rng(7))
    c = augment_images(digits, spec, np.random.default_rng(8))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_no_distortion_is_the_identity(digits):
    assert np.array_equal(augment_images(digits, Augment(), np.random.default_rng(0)), digits.astype(np.float32))
    src = displacement(len(digits), (28, 28), Augment(), np.random.default_rng(0))
    assert np.array_equal(bilinear(digits.astype(np.float32), *src), digits.astype(np.float32))


def test_bilinear_moves_by_whole_and_half_pixels():
    img = np.zeros((1, 5, 5), np.float32)
    img[0, 2, 2] = 1
    rows, cols = np.meshgrid(np.arange(5.0), np.arange(5.0), indexing="ij")
    shifted = bilinear(img, rows[None], cols[None] - 1)  # each pixel reads its left neighbour: a move right
    assert shifted[0, 2, 3] == 1 and shifted.sum() == 1
    half = bilinear(img, rows[None], cols[None] - 0.5)
    assert half[0, 2, 2] == half[0, 2, 3] == 0.5
    outside = bilinear(img, rows[None] + 100, cols[None])
    assert not outside.any()


def test_rows_keep_the_flat_layout_and_labels_are_not_touched(digits):
    flat = digits.reshape(16, -1)
    labels = np.arange(16)
    out = augment_rows(flat, (28, 28), parse_augment("shift"), np.random.default_rng(0))
    assert out.shape == (16, 784)
    assert np.array_equal(labels, np.arange(16))


def test_not_images_is_refused():
    with pytest.raises(ConfigError, match="images"):
        augment_images(np.zeros((4, 784)), parse_augment("shift"), np.random.default_rng(0))


def test_cli_augment_show_writes_a_picture_and_refuses_bad_specs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "nnscratch", "augment", "--show", str(tmp_path / "a.png"), "-n", "3"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "a.png").stat().st_size > 5000
    bad = subprocess.run([sys.executable, "-m", "nnscratch", "augment", "--show", str(tmp_path / "b.png"),
                          "--augment", "blur", "--lang", "zh"], capture_output=True, text=True)
    assert bad.returncode != 0 and "未知的数据增强方式" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "b.png").exists()


def test_training_with_augmentation_keeps_the_batch_order_and_never_distorts_evaluation():
    import nnscratch as nn
    from nnscratch.train import Trainer

    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (64, 16)).astype(np.uint8)
    y = rng.integers(0, 2, 64)
    seen = []

    def spy(rows, gen):
        seen.append(rows.copy())
        return augment_rows(rows, (4, 4), parse_augment("shift=1"), gen)

    def run(augment):
        net = nn.Network([16, 8, 2], hidden="tanh", output="softmax", rng=np.random.default_rng(1))
        t = Trainer(net, x, y, "cross_entropy", nn.TrainConfig(epochs=2, batch_size=16, engine="numpy"),
                    x_scale=1 / 255, augment=augment)
        t.fit()
        return net, t

    plain, t_plain = run(None)
    aug, t_aug = run(spy)
    assert np.array_equal(t_plain._order, t_aug._order)  # the shuffles do not depend on augmentation
    assert len(seen) == 2 * 4 and all(s.shape == (16, 16) for s in seen)
    assert not np.array_equal(plain.parameters()[0], aug.parameters()[0])
    with pytest.raises(ConfigError, match="augment"):
        Trainer(plain, x, y, "cross_entropy", nn.TrainConfig(), augment="shift")
