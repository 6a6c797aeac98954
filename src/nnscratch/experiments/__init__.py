"""Experiments that follow the lecture, measured on real runs: ``nnscratch experiment NAME``.

    >>> from nnscratch.experiments import run_experiment
    >>> result = run_experiment("slowdown")                 # a JSON-ready dict
    >>> result["runs"]["cross_entropy"]["epochs_to_90"]
    1

Each experiment module has ``run(**options) -> dict``, ``summary(result, lang) -> str`` and
``plot(result, lang) -> matplotlib Figure``. Keys of the result that start with "_" hold arrays
for the plot and are left out of JSON.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from nnscratch.errors import ConfigError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# name -> module; the order of the lecture's chapters
EXPERIMENTS = {"slowdown": "slowdown", "init": "init", "overfit": "overfit", "hidden-units": "hidden_units",
               "weight-sharing": "weight_sharing"}
NEEDS_MNIST = ("init", "overfit", "hidden-units", "weight-sharing")

__all__ = ["EXPERIMENTS", "get_experiment", "plot_experiment", "public", "run_experiment", "summarize"]


def get_experiment(name: str) -> ModuleType:
    """The module of experiment ``name``."""
    if name not in EXPERIMENTS:
        raise ConfigError("experiments.err.unknown", param="name", name=name, choices=", ".join(EXPERIMENTS))
    return importlib.import_module(f"nnscratch.experiments.{EXPERIMENTS[name]}")


def run_experiment(name: str, **options: Any) -> dict:
    """Run experiment ``name`` (options: seed, epochs, data, data_dir, ...) -> its result dict."""
    return get_experiment(name).run(**options)


def summarize(result: dict, lang: str = "en") -> str:
    return get_experiment(result["experiment"]).summary(result, lang)


def plot_experiment(result: dict, lang: str = "en") -> Figure:
    return get_experiment(result["experiment"]).plot(result, lang)


def public(result: dict) -> dict:
    """The result without its plot-only arrays, as JSON-ready data."""
    from nnscratch.jsonable import jsonable

    return jsonable({k: v for k, v in result.items() if not k.startswith("_")})
