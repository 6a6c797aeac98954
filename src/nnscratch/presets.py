"""Training presets for `nnscratch train --preset NAME`.

Each preset is a complete recipe (architecture + optimizer); flags given on
the command line override single fields. ``default`` is what a plain
``nnscratch train`` runs on MNIST; the toy presets serve the 2-D datasets.
"""

PRESETS: dict[str, dict] = {
    # Reaches >= 98% test accuracy in a few seconds on two cores (see benchmarks/).
    "default": {
        "layers": [784, 256, 128, 10], "hidden": "relu", "output": "softmax", "loss": "cross_entropy",
        "init": "he", "optimizer": "nesterov", "lr": 0.1, "momentum": 0.9, "batch_size": 128, "epochs": 5,
        "schedule": "cosine", "weight_decay": 0.0,
    },
    # The lecture's network as Nielsen ran it: 784-30-10, sigmoid, quadratic cost, mini-batch 10, mu = 3.0.
    "lecture": {
        "layers": [784, 30, 10], "hidden": "sigmoid", "output": "sigmoid", "loss": "quadratic",
        "init": "normal", "optimizer": "sgd", "lr": 3.0, "momentum": 0.0, "batch_size": 10, "epochs": 30,
        "schedule": "constant", "weight_decay": 0.0,
    },
    # The most accurate plain MLP within a few minutes on two cores.
    "best": {
        "layers": [784, 800, 800, 10], "hidden": "relu", "output": "softmax", "loss": "cross_entropy",
        "init": "he", "optimizer": "nesterov", "lr": 0.05, "momentum": 0.9, "batch_size": 128, "epochs": 20,
        "schedule": "cosine", "weight_decay": 5e-5,
    },
    # The lecture's XOR: two inputs, one small hidden layer, full-batch gradient descent on the four points.
    "xor": {
        "layers": [2, 4, 2], "hidden": "tanh", "output": "softmax", "loss": "cross_entropy",
        "init": "xavier", "optimizer": "gd", "lr": 1.0, "momentum": 0.0, "batch_size": 4, "epochs": 1000,
        "schedule": "constant", "weight_decay": 0.0,
    },
    # The other 2-D datasets (circles, moons, spiral, gaussians, linear).
    "toy": {
        "layers": [2, 16, 16, 2], "hidden": "tanh", "output": "softmax", "loss": "cross_entropy",
        "init": "xavier", "optimizer": "adam", "lr": 0.02, "momentum": 0.9, "batch_size": 32, "epochs": 300,
        "schedule": "constant", "weight_decay": 0.0,
    },
}
