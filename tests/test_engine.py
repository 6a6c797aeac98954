"""The engine against hand-worked numbers, finite differences and the lecture's formulas."""

import numpy as np
import pytest

import nnscratch as nn
from nnscratch import activations as act
from nnscratch.backprop import backprop
from nnscratch.errors import ConfigError, DivergenceError
from nnscratch.gradcheck import check_gradients, gradcheck_cases, gradcheck_suite, numerical_gradients
from nnscratch.losses import get_loss
from nnscratch.network import Network

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])


# ---------------------------------------------------------------- activations beside their derivatives

@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu", "leaky_relu"])
def test_every_derivative_matches_finite_differences(name):
    f = act.get_activation(name)
    z = np.linspace(-4, 4, 81) + 0.013  # off the kink at 0
    eps = 1e-6
    numeric = (f.f(z + eps) - f.f(z - eps)) / (2 * eps)
    np.testing.assert_allclose(f.f_prime(z), numeric, rtol=1e-6, atol=1e-9)


def test_softmax_vjp_matches_finite_differences():
    rng = np.random.default_rng(0)
    z, g = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    eps = 1e-6
    numeric = np.zeros_like(z)
    for i, j in np.ndindex(z.shape):
        zp, zm = z.copy(), z.copy()
        zp[i, j] += eps
        zm[i, j] -= eps
        numeric[i, j] = np.sum(g * (act.softmax(zp) - act.softmax(zm))) / (2 * eps)
    np.testing.assert_allclose(act.softmax_vjp(act.softmax(z), g), numeric, rtol=1e-6, atol=1e-10)


def test_sigmoid_and_softmax_do_not_overflow():
    z = np.array([[-1000.0, 0.0, 1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_allclose(act.sigmoid(z), [[0, 0.5, 1]])
        np.testing.assert_allclose(act.softmax(z), [[0, 0, 1]])
    ce = get_loss("cross_entropy")
    value = ce.value(z, act.softmax(z), np.array([[1.0, 0, 0]]), act.get_activation("softmax"))
    assert value == pytest.approx(2000.0)  # from the logits, not log(0)


def test_step_is_the_perceptron_threshold():
    np.testing.assert_array_equal(act.step(np.array([-1.0, 0.0, 2.0])), [0, 0, 1])


def test_unknown_activation_names_the_choices():
    with pytest.raises(ConfigError, match="unknown activation 'swish'.*sigmoid"):
        act.get_activation("swish")


# ---------------------------------------------------------------- the network in the lecture's notation

def test_lecture_3_4_2_network_shapes_and_forward_formula():
    rng = np.random.default_rng(1)
    net = Network([3, 4, 2], "sigmoid", "sigmoid", rng=rng, dtype=np.float64)
    assert net.L == 3 and list(net.layers) == [2, 3]
    assert net.theta[2].shape == (4, 3) and net.b[2].shape == (4,)
    assert net.theta[3].shape == (2, 4) and net.b[3].shape == (2,)
    assert net.n_parameters == 4 * 3 + 4 + 2 * 4 + 2
    x = np.array([0.5, -1.0, 2.0])
    cache = net.forward(x[None, :])
    np.testing.assert_array_equal(cache.a[1][0], x)  # a(1) = x
    # z_1(2) = theta_11 x_1 + theta_12 x_2 + theta_13 x_3 + b_1, written out as in the lecture
    t = net.theta[2]
    z12 = t[0, 0] * x[0] + t[0, 1] * x[1] + t[0, 2] * x[2] + net.b[2][0]
    assert cache.z[2][0, 0] == pytest.approx(z12)
    np.testing.assert_allclose(cache.a[3][0], act.sigmoid(net.theta[3] @ act.sigmoid(t @ x + net.b[2]) + net.b[3]))


def test_lecture_scalar_delta_formulas_equal_the_vectorised_backprop():
    """delta_i(L) = -(y_i - a_i) f'(z_i); delta_i(l) = (sum_j delta_j(l+1) theta_ji(l+1)) f'(z_i(l))."""
    rng = np.random.default_rng(2)
    net = Network([3, 4, 2], "sigmoid", "sigmoid", rng=rng, dtype=np.float64)
    x, y = rng.uniform(size=(1, 3)), rng.uniform(size=(1, 2))
    g = backprop(net, x, y, get_loss("quadratic"))
    z, a, fp = g.cache.z, g.cache.a, act.sigmoid_prime
    delta3 = [-(y[0, i] - a[3][0, i]) * fp(z[3][0, i]) for i in range(2)]
    delta2 = [sum(delta3[j] * net.theta[3][j, i] for j in range(2)) * fp(z[2][0, i]) for i in range(4)]
    np.testing.assert_allclose(g.delta[3][0], delta3)
    np.testing.assert_allclose(g.delta[2][0], delta2)
    for l, d in ((3, delta3), (2, delta2)):
        for i, j in np.ndindex(net.theta[l].shape):  # dE/dtheta_ij(l) = delta_i(l) a_j(l-1)
            assert g.grad_theta[l][i, j] == pytest.approx(d[i] * a[l - 1][0, j])
        np.testing.assert_allclose(g.grad_b[l], d)  # dE/db_i(l) = delta_i(l)


def mazur_network():
    """Matt Mazur's hand-worked backpropagation example (2-2-2, sigmoid, E = 1/2 sum (y - a)^2)."""
    theta = [None, None, np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45], [0.50, 0.55]])]
    b = [None, None, np.array([0.35, 0.35]), np.array([0.60, 0.60])]
    net = Network([2, 2, 2], "sigmoid", "sigmoid", dtype=np.float64, theta=theta, b=b)
    return net, np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]])


def test_hand_worked_network_numbers():
    net, x, y = mazur_network()
    g = backprop(net, x, y, get_loss("quadratic"))
    np.testing.assert_allclose(g.cache.a[2][0], [0.593269992, 0.596884378], atol=1e-9)
    np.testing.assert_allclose(g.cache.a[3][0], [0.75136507, 0.772928465], atol=1e-8)
    assert g.loss == pytest.approx(0.298371109, abs=1e-9)
    assert g.grad_theta[3][0, 0] == pytest.approx(0.082167041, abs=1e-9)   # dE/dw5
    assert g.grad_theta[2][0, 0] == pytest.approx(0.000438568, abs=1e-9)   # dE/dw1
    # One step of the lecture's gradient descent with mu = 0.5
    nn.SGD(lr=0.5).step(net.parameters(), g.as_list())
    np.testing.assert_allclose(net.theta[3].ravel(), [0.35891648, 0.408666186, 0.511301270, 0.561370121], atol=1e-8)
    np.testing.assert_allclose(net.theta[2].ravel(), [0.149780716, 0.19956143, 0.24975114, 0.29950229], atol=1e-8)


def test_backprop_never_updates_parameters():
    net, x, y = mazur_network()
    before = [p.copy() for p in net.parameters()]
    backprop(net, x, y, get_loss("quadratic"))
    for p, q in zip(net.parameters(), before, strict=False):
        np.testing.assert_array_equal(p, q)


def test_batch_gradient_is_the_mean_of_per_sample_gradients():
    """The lecture's mu/N sum over samples."""
    rng = np.random.default_rng(3)
    net = Network([3, 5, 2], "tanh", "softmax", init="xavier", rng=rng, dtype=np.float64)
    x, y = rng.standard_normal((7, 3)), np.eye(2)[rng.integers(0, 2, 7)]
    loss = get_loss("cross_entropy")
    batch = backprop(net, x, y, loss).as_list()
    singles = [backprop(net, x[i:i + 1], y[i:i + 1], loss).as_list() for i in range(7)]
    for k, g in enumerate(batch):
        np.testing.assert_allclose(g, np.mean([s[k] for s in singles], axis=0), rtol=1e-12, atol=1e-15)


def test_gradcheck_suite_covers_every_pair_below_tolerance():
    results = list(gradcheck_suite(seed=0))
    pairs = {(r["hidden"], r["output"], r["loss"]) for r in results}
    # every trainable hidden activation x every (trainable output, loss) pair the registries allow
    assert pairs == set(gradcheck_cases()) and len(pairs) == 5 * 8
    assert max(r["max_error"] for r in results) < 1e-6


def test_gradcheck_catches_a_wrong_derivative(monkeypatch):
    """The checker must fail loudly if a derivative were wrong."""
    net = Network([3, 4, 2], "sigmoid", "sigmoid", rng=np.random.default_rng(0), dtype=np.float64)
    x, y = np.random.default_rng(1).uniform(size=(2, 3)), np.array([[0, 1.0], [1, 0]])
    assert check_gradients(net, x, y, get_loss("quadratic")).max_error < 1e-6
    wrong = act.Activation("sigmoid", act.sigmoid, lambda z: act.sigmoid(z))  # f instead of f'
    monkeypatch.setattr(net, "hidden", wrong)
    monkeypatch.setattr(net, "output", wrong)
    assert check_gradients(net, x, y, get_loss("quadratic")).max_error > 1e-2


def test_backprop_agrees_with_torch_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    for hidden, output, loss_name in (("sigmoid", "sigmoid", "quadratic"), ("relu", "softmax", "cross_entropy"),
                                      ("tanh", "softmax", "quadratic")):
        net = Network([3, 4, 2], hidden, output, init="xavier", rng=rng, dtype=np.float64)
        x, y = rng.uniform(size=(5, 3)), np.eye(2)[rng.integers(0, 2, 5)]
        g = backprop(net, x, y, get_loss(loss_name))
        th = [torch.tensor(p, requires_grad=True) for p in net.parameters()]
        a = torch.tensor(x)
        fs = {"sigmoid": torch.sigmoid, "relu": torch.relu, "tanh": torch.tanh,
              "softmax": lambda z: torch.softmax(z, 1)}
        for i in range(0, len(th), 2):
            z = a @ th[i].T + th[i + 1]
            a = fs[output if i == len(th) - 2 else hidden](z)
        yt = torch.tensor(y)
        E = (0.5 * ((yt - a) ** 2).sum(1).mean() if loss_name == "quadratic"
             else torch.nn.functional.cross_entropy(z, yt.argmax(1)))
        E.backward()
        assert g.loss == pytest.approx(E.item(), rel=1e-12)
        for ours, p in zip(g.as_list(), th, strict=False):
            np.testing.assert_allclose(ours, p.grad.numpy(), rtol=1e-9, atol=1e-12)


def test_numerical_gradients_leave_parameters_unchanged():
    net, x, y = mazur_network()
    before = [p.copy() for p in net.parameters()]
    numerical_gradients(net, x, y, get_loss("quadratic"))
    for p, q in zip(net.parameters(), before, strict=False):
        np.testing.assert_array_equal(p, q)


# ---------------------------------------------------------------- initialisation and determinism

def test_init_schemes_have_their_variances():
    rng = np.random.default_rng(0)
    for init, std in (("normal", 1.0), ("xavier", np.sqrt(2 / (400 + 300))), ("he", np.sqrt(2 / 400))):
        net = Network([400, 300], "relu", "identity", init=init, rng=rng)
        assert net.theta[2].std() == pytest.approx(std, rel=0.02)
    with pytest.raises(ConfigError, match="unknown initialisation 'zeros'"):
        Network([2, 2], init="zeros")


def test_same_seed_same_run_bit_for_bit():
    def run():
        net = Network([2, 8, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(7))
        h = nn.fit(net, XOR_X, XOR_Y, "cross_entropy", nn.TrainConfig(epochs=20, batch_size=2, lr=0.3, seed=5))
        return net, h

    (n1, h1), (n2, h2) = run(), run()
    for p, q in zip(n1.parameters(), n2.parameters(), strict=False):
        np.testing.assert_array_equal(p, q)
    assert [e["train_loss"] for e in h1.epochs] == [e["train_loss"] for e in h2.epochs]


def test_float32_by_default_float64_on_request():
    assert Network([2, 2]).theta[2].dtype == np.float32
    net = Network([2, 2], dtype="float64")
    assert net.forward(np.ones((1, 2))).a[2].dtype == np.float64
    with pytest.raises(ConfigError, match="float32 or float64"):
        Network([2, 2], dtype="int8")


@pytest.mark.parametrize("sizes", [[3], [3, 0, 2], [3, -1], [2.5, 2], "abc", None])
def test_bad_sizes_are_named(sizes):
    with pytest.raises(ConfigError):
        Network(sizes)


def test_wrong_input_width_is_named():
    with pytest.raises(ConfigError, match="takes inputs of 3 values.*shape \\(2, 4\\)"):
        Network([3, 2]).forward(np.zeros((2, 4)))


# ---------------------------------------------------------------- training

def test_xor_needs_a_hidden_layer():
    """The lecture's motivating example: a single layer cannot separate XOR, one hidden layer can."""
    cfg = nn.TrainConfig(epochs=2000, batch_size=4, optimizer="gd", lr=1.0, seed=0)
    flat = Network([2, 1], "sigmoid", "sigmoid", init="xavier", rng=np.random.default_rng(0), dtype=np.float64)
    nn.fit(flat, XOR_X, XOR_Y, "cross_entropy", cfg)
    assert np.mean(flat.predict(XOR_X) == XOR_Y) <= 0.75
    deep = Network([2, 4, 1], "tanh", "sigmoid", init="xavier", rng=np.random.default_rng(0), dtype=np.float64)
    nn.fit(deep, XOR_X, XOR_Y, "cross_entropy", cfg)
    assert deep.predict(XOR_X).tolist() == XOR_Y.tolist()


@pytest.mark.parametrize("optimizer,lr",
                         [("gd", 2.0), ("sgd", 0.5), ("momentum", 0.1), ("nesterov", 0.1), ("adam", 0.05)])
def test_every_optimizer_learns_xor(optimizer, lr):
    net = Network([2, 8, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(0))
    cfg = nn.TrainConfig(epochs=400, batch_size=2, optimizer=optimizer, lr=lr, seed=0, schedule="constant")
    history = nn.fit(net, XOR_X, XOR_Y, "cross_entropy", cfg)
    assert history.epochs[-1]["train_loss"] < history.epochs[0]["train_loss"]
    assert net.predict(XOR_X).tolist() == XOR_Y.tolist()


def test_momentum_and_adam_updates_by_hand():
    p, g = np.array([1.0]), np.array([0.5])
    opt = nn.SGD(lr=0.1, momentum=0.9)
    opt.step([p], [g])
    opt.step([p], [g])  # v1 = 0.5, v2 = 0.9*0.5 + 0.5 = 0.95
    assert p[0] == pytest.approx(1 - 0.1 * 0.5 - 0.1 * 0.95)
    p = np.array([1.0])
    nn.Adam(lr=0.1).step([p], [g])  # first Adam step moves by lr * sign(g)
    assert p[0] == pytest.approx(0.9, abs=1e-6)


def test_weight_decay_belongs_to_parameter_groups():
    """As torch.optim: settings per group; a plain list is one group with the optimizer's settings."""
    from nnscratch.optim import ParamGroup

    theta, b = np.ones((2, 2)), np.ones(2)
    groups = [ParamGroup([theta], weight_decay=0.5), ParamGroup([b], weight_decay=0.0)]
    nn.SGD(lr=0.1).step(groups, [np.zeros((2, 2)), np.zeros(2)])
    np.testing.assert_allclose(theta, 0.95)
    np.testing.assert_allclose(b, 1.0)
    vector = np.ones(3)  # no longer chosen by p.ndim: a 1-D array in a decayed group is decayed
    nn.SGD(lr=0.1, weight_decay=0.5).step([vector], [np.zeros(3)])
    np.testing.assert_allclose(vector, 0.95)


def test_trainer_puts_weight_decay_on_theta_only_and_lr_bias_on_b():
    net = Network([2, 3, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(0), dtype=np.float64)
    before = net.copy()
    x, y = XOR_X, XOR_Y
    cfg = nn.TrainConfig(epochs=1, batch_size=4, optimizer="sgd", lr=0.5, weight_decay=0.1, lr_bias=0.05, seed=0)
    nn.fit(net, x, y, "cross_entropy", cfg)
    grads = backprop(before, x, np.eye(2)[y], get_loss("cross_entropy"))
    for l in net.layers:
        np.testing.assert_allclose(net.theta[l], before.theta[l] - 0.5 * (grads.grad_theta[l] + 0.1 * before.theta[l]),
                                   rtol=1e-12)
        np.testing.assert_allclose(net.b[l], before.b[l] - 0.05 * grads.grad_b[l], rtol=1e-12)


def test_schedules():
    from nnscratch.optim import lr_factor

    assert lr_factor("constant", 0.9) == 1
    assert [lr_factor("step", p) for p in (0.1, 0.5, 0.8)] == pytest.approx([1, 0.1, 0.01])
    assert lr_factor("cosine", 0.0) == 1 and lr_factor("cosine", 0.5) == pytest.approx(0.5)


def test_history_validation_and_early_stopping():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 2))
    y = (x[:, 0] + rng.normal(0, 0.5, 200) > 0).astype(int)  # noisy: the validation loss stops improving
    net = Network([2, 2], "identity", "softmax", init="xavier", rng=rng)
    cfg = nn.TrainConfig(epochs=500, batch_size=50, lr=0.5, patience=3, seed=0)
    h = nn.fit(net, x[:150], y[:150], "cross_entropy", cfg, validation=(x[150:], y[150:]))
    assert h.stopped_early and len(h.epochs) < 500
    assert set(h.epochs[0]) >= {"epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy"}
    assert h.epochs[-1]["validation_accuracy"] > 0.7
    assert h.best_epoch == len(h.epochs) - 3


def test_callback_sees_epochs_and_can_stop():
    seen = []

    class Stop(nn.Callback):
        def on_epoch_end(self, record):
            seen.append(record["epoch"])
            return record["epoch"] == 3

    net = Network([2, 4, 2], "relu", "softmax", init="he", rng=np.random.default_rng(0))
    nn.fit(net, XOR_X, XOR_Y, "cross_entropy", nn.TrainConfig(epochs=10, batch_size=4), callback=Stop())
    assert seen == [1, 2, 3]


def test_divergence_stops_with_epoch_loss_and_hint_and_keeps_finite_parameters():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 3)) * 10
    y = rng.standard_normal((64, 1)) * 10
    net = Network([3, 16, 1], "relu", "identity", init="he", rng=rng)
    with pytest.raises(DivergenceError, match="diverged in epoch .*lower the learning rate") as info:
        nn.fit(net, x, y, "quadratic", nn.TrainConfig(epochs=50, batch_size=8, lr=5.0))
    assert info.value.epoch >= 1
    assert all(np.all(np.isfinite(p)) for p in net.parameters())


def test_uint8_inputs_are_scaled_per_batch():
    x = np.array([[0, 255], [255, 0], [0, 0], [255, 255]], dtype=np.uint8)
    net = Network([2, 8, 2], "tanh", "softmax", init="xavier", rng=np.random.default_rng(0))
    nn.fit(net, x, XOR_Y, "cross_entropy", nn.TrainConfig(epochs=300, batch_size=4, lr=0.5, optimizer="adam"),
           x_scale=1 / 255)
    assert nn.evaluate(net, x, XOR_Y, "cross_entropy", x_scale=1 / 255)["accuracy"] == 1.0


@pytest.mark.parametrize("kwargs,message", [
    ({"epochs": 0}, "epochs must be a positive integer"),
    ({"batch_size": 0}, "batch size must be a positive integer"),
    ({"batch_size": 2.5}, "batch size must be a positive integer"),
    ({"lr": -1}, "learning rate must be a positive number"),
    ({"lr": float("nan")}, "learning rate must be a positive number"),
    ({"lr": "fast"}, "learning rate must be a positive number"),
    ({"optimizer": "lbfgs"}, "unknown optimizer 'lbfgs'"),
    ({"schedule": "warm"}, "unknown learning-rate schedule"),
    ({"momentum": 1.5, "optimizer": "momentum"}, "momentum must be in"),
    ({"weight_decay": -0.1}, "weight decay must be zero or a positive"),
    ({"seed": -3}, "seed must be a non-negative integer"),
    ({"lr_bias": 0}, "learning rate must be a positive number"),
    ({"lr_bias": float("inf")}, "learning rate must be a positive number"),
    ({"engine": "numba"}, "unknown engine 'numba': choose one of auto, numpy, compiled"),
    ({"patience": 0}, "patience must be a positive integer"),
])
def test_bad_training_config_is_named(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        nn.TrainConfig(**kwargs)


def test_bad_training_data_is_named():
    net = Network([2, 3])
    cfg = nn.TrainConfig(epochs=1)
    with pytest.raises(ConfigError, match="shape \\(m, 2\\)"):
        nn.fit(net, np.zeros((4, 3)), np.zeros(4, int), "cross_entropy", cfg)
    with pytest.raises(ConfigError, match="4 inputs but 3 targets"):
        nn.fit(net, np.zeros((4, 2)), np.zeros(3, int), "quadratic", cfg)
    with pytest.raises(ConfigError, match="labels must be integers in 0..2"):
        nn.fit(net, np.zeros((4, 2)), np.array([0, 1, 2, 7]), "quadratic", cfg)
    with pytest.raises(ConfigError, match="cross_entropy loss needs a softmax or sigmoid output"):
        nn.fit(Network([2, 3], output="relu"), np.zeros((4, 2)), np.zeros(4, int), "cross_entropy", cfg)


# ---------------------------------------------------------------- given parameters, packing

def test_given_parameters_of_the_wrong_shape_are_named_not_asserted():
    net, _, _ = mazur_network()
    theta, b = [None, None, net.theta[2].copy(), net.theta[3].copy()], [None, None, net.b[2].copy(), net.b[3].copy()]
    bad_theta = theta[:3] + [np.zeros((2, 3))]
    with pytest.raises(ConfigError, match=r"theta\[3\] must have shape \(2, 2\) for layer sizes \[2, 2, 2\], "
                                          r"got \(2, 3\)") as info:
        Network([2, 2, 2], theta=bad_theta, b=b)
    assert info.value.param == "theta"
    with pytest.raises(ConfigError, match=r"b\[2\] must have shape \(2,\).*got None"):
        Network([2, 2, 2], theta=theta, b=[None, None, None, b[3]])
    with pytest.raises(ConfigError, match="theta must be a list of 4 entries.*got 3 entries"):
        Network([2, 2, 2], theta=theta[:3], b=b)  # a short list: named, not an IndexError
    with pytest.raises(ConfigError, match="b must be a list of 4 entries.*got None"):
        Network([2, 2, 2], theta=theta, b=None)


def test_parameter_groups_need_an_explicit_pack_after_replacing_arrays():
    net = Network([3, 4, 2], rng=np.random.default_rng(0), dtype=np.float64)
    groups = net.parameter_groups()
    assert set(groups) == {"theta", "b"} and groups["theta"].shape == (3 * 4 + 4 * 2,) and groups["b"].shape == (6,)
    assert net.is_packed
    net.theta[2] = np.ones((4, 3))
    assert not net.is_packed
    with pytest.raises(ConfigError, match=r"call net.pack\(\) first"):
        net.parameter_groups()
    net.pack()
    assert net.is_packed and np.shares_memory(net.theta[2], net.parameter_groups()["theta"])
    np.testing.assert_array_equal(net.theta[2], 1.0)
