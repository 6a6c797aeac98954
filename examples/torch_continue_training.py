"""Continue training an nnscratch model in PyTorch, then bring it back to nnscratch.

    nnscratch train --layers 784,30,10 --epochs 1 --out model.npz    # or omit --model below: a quick one is trained
    python examples/torch_continue_training.py --model model.npz --epochs 2 --out model-torch.npz

What happens, step by step:

1. ``load_model`` reads the nnscratch model (theta(l), b(l), activations, input scaling).
2. ``nnscratch.export.torch.to_torch`` builds the same ``nn.Sequential(Linear, act, ..., Linear, Softmax)``
   and loads the weights: theta(l) is Linear.weight, b(l) is Linear.bias, no transposes.
3. PyTorch trains it: ``nn.CrossEntropyLoss`` on the logits z(L) (the Sequential without its
   Softmax, sharing the same Linear modules) -- PyTorch's form of the lecture's cross-entropy with
   softmax, whose delta(L) = a(L) - y. A quadratic-cost model keeps the lecture's E = 1/2 ||y - a(L)||^2.
4. ``import_torch_state_dict`` turns the trained state dict back into an nnscratch Model, which
   predicts exactly what the PyTorch module predicts; ``save_model`` writes it.

The script asserts its result (accuracy up, predictions equal), so it doubles as a test.
Several GPUs or machines: see torch_ddp.py, which reuses these functions.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import torch
from torch import nn

from nnscratch.data import load_dataset
from nnscratch.export.torch import import_torch_state_dict, state_dict, to_torch
from nnscratch.io.model import load_model, save_model
from nnscratch.model import Model
from nnscratch.network import Network
from nnscratch.train import TrainConfig, fit


def make_parser(description: str = __doc__) -> argparse.ArgumentParser:
    """The flags both PyTorch examples share; torch_ddp.py adds its own."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", help="nnscratch model (.npz) to start from (default: train a quick one)")
    p.add_argument("--data-dir", help="MNIST folder (default: $NNSCRATCH_DATA or the nnscratch cache)")
    p.add_argument("--train-subset", type=int, default=60000,
                   help="use the first N training images (default: all 60000)")
    p.add_argument("--test-subset", type=int, default=10000, help="use the first N test images (default: all 10000)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.1, help="SGD learning rate (default 0.1)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", help="write the trained model back as an nnscratch model (.npz)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    return p


def load_mnist(data_dir, n_train: int, n_test: int):
    """(x_train, y_train, x_test, y_test) as torch tensors: the first n images, raw uint8 pixels -> float32."""
    ds = load_dataset("mnist", data_dir)
    return (torch.from_numpy(ds.x_train[:n_train].astype(np.float32)),
            torch.from_numpy(ds.y_train[:n_train].astype(np.int64)),
            torch.from_numpy(ds.x_test[:n_test].astype(np.float32)),
            torch.from_numpy(ds.y_test[:n_test].astype(np.int64)))


def starting_model(path, data_dir, seed: int = 0) -> Model:
    """The model to continue from: ``path`` if given, else 784-30-10 trained by nnscratch for one epoch on 1000
    images."""
    if path:
        return load_model(path)
    ds = load_dataset("mnist", data_dir)
    net = Network([784, 30, 10], "relu", "softmax", init="he", rng=np.random.default_rng(seed))
    fit(net, ds.x_train[:1000], ds.y_train[:1000], "cross_entropy",
        TrainConfig(epochs=1, batch_size=32, optimizer="sgd", lr=0.1, seed=seed), x_scale=1 / 255)
    return Model(net, loss="cross_entropy", input_shape=ds.image_shape, input_scale=1 / 255, dataset="mnist",
                 classes=list(ds.classes))


def training_setup(model: Model, sequential: nn.Sequential):
    """(module to train, loss function on its output, targets from labels) for the model's loss.

    Softmax + cross-entropy: train the logits z(L) with nn.CrossEntropyLoss, which fuses the softmax
    and the log for numerical safety (as nnscratch's cross-entropy works from z(L) too).
    Otherwise: the lecture's quadratic cost on a(L) against one-hot targets, E = 1/2 ||y - a(L)||^2.
    """
    n_out = model.network.sizes[-1]
    if model.network.output.name == "softmax" and model.loss == "cross_entropy":
        return sequential[:-1], nn.CrossEntropyLoss(), lambda y: y  # sequential[:-1] shares the Linear modules
    if model.loss == "cross_entropy":  # sigmoid outputs: binary cross-entropy per unit, from z(L)
        return sequential[:-1], nn.BCEWithLogitsLoss(), lambda y: nn.functional.one_hot(y, n_out).float()
    return (sequential, lambda a, t: 0.5 * ((a - t) ** 2).sum(dim=1).mean(),
            lambda y: nn.functional.one_hot(y, n_out).float())


def train_epoch(module, loss_fn, make_targets, optimizer, batches) -> float:
    """One pass of mini-batch SGD over ``batches`` of (x, y); returns the mean loss."""
    module.train()
    total, n = 0.0, 0
    for xb, yb in batches:
        optimizer.zero_grad()
        loss = loss_fn(module(xb), make_targets(yb))
        loss.backward()       # PyTorch's backprop: the same delta recursion nnscratch writes out by hand
        optimizer.step()
        total += loss.item() * len(xb)
        n += len(xb)
    return total / max(n, 1)


@torch.no_grad()
def accuracy(sequential, x, y) -> float:
    sequential.eval()
    return float((sequential(x).argmax(dim=1) == y).float().mean())


def bring_back(model: Model, sequential: nn.Sequential, x_test) -> tuple[Model, float, float]:
    """The trained Sequential as an nnscratch Model, with max |a(L) difference| and the share of equal predictions.

    Its state dict has the keys the export wrote, so the import is exact; the activations,
    scaling and class names come from the model training started from.
    """
    back = import_torch_state_dict(sequential.state_dict(), hidden=model.network.hidden.name,
                                   output=model.network.output.name, input_scale=model.input_scale,
                                   input_shape=model.input_shape, classes=model.classes, loss=model.loss)
    with torch.no_grad():
        torch_proba = sequential.cpu()(x_test.cpu()).numpy()
    diff = float(np.max(np.abs(back.predict_proba(x_test.numpy()) - torch_proba)))
    agree = float(np.mean(back.predict(x_test.numpy()) == torch_proba.argmax(axis=1)))
    assert diff < 1e-5, f"the model imported back into nnscratch must compute what PyTorch computes (differs by {diff})"
    return back, diff, agree


def main(argv=None) -> dict:
    args = make_parser().parse_args(argv)
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = load_mnist(args.data_dir, args.train_subset, args.test_subset)
    model = starting_model(args.model, args.data_dir, args.seed)
    scale = model.input_scale  # raw pixels -> network units, as nnscratch scales them
    x_train, x_test = x_train * scale, x_test * scale

    sequential = to_torch(model).float()
    before = accuracy(sequential, x_test, y_test)
    module, loss_fn, make_targets = training_setup(model, sequential)
    optimizer = torch.optim.SGD(module.parameters(), lr=args.lr)
    dataset = torch.utils.data.TensorDataset(x_train, y_train)
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=True,
                                         generator=torch.Generator().manual_seed(args.seed))
    started = time.perf_counter()
    losses = [train_epoch(module, loss_fn, make_targets, optimizer, loader) for _ in range(args.epochs)]
    seconds = time.perf_counter() - started
    after = accuracy(sequential, x_test, y_test)

    back, diff, agree = bring_back(model, sequential, x_test)
    if args.out:
        save_model(back, args.out)
    result = {"accuracy_before": before, "accuracy_after": after, "epoch_losses": losses,
              "train_images": len(y_train), "test_images": len(y_test), "seconds": seconds,
              "max_abs_diff_after_import": diff, "predictions_agree": agree, "out": args.out,
              "state_dict_keys": list(state_dict(model))}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"test accuracy {before:.4f} -> {after:.4f} after {args.epochs} PyTorch epoch(s) on {len(y_train)} "
              "images "
              f"({seconds:.1f} s); back in nnscratch: max |difference| {diff:.1e}, predictions agree {agree:.0%}"
              + (f"; wrote {args.out}" if args.out else ""))
    return result


if __name__ == "__main__":
    main()
