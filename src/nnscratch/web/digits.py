"""The handwritten-digit section (手写数字识别): which model to use, and one prediction.

The model is the file given with ``--model``, checked when the server
starts; without one, the most recent model that ``nnscratch train`` saved,
looked up again on every request, so a model trained while the page is open
is found without restarting the server.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from nnscratch.errors import ConfigError, NNScratchError
from nnscratch.io.image import to_mnist
from nnscratch.io.model import latest_model_path, load_model
from nnscratch.model import Model
from nnscratch.web.validate import Body, RequestError

PIXELS = 784
TRAIN_COMMAND = "nnscratch train"


def check_digit_model(model: Model, path) -> None:
    """The same requirement as `nnscratch predict`: 784 inputs laid out as a 28x28 image."""
    if model.network.sizes[0] != PIXELS or tuple(model.input_shape) != (28, 28):
        raise ConfigError(f"{str(path)!r} takes inputs of shape {model.input_shape}, not 28x28 images: "
                          "the digits section needs a model trained on an MNIST-layout dataset")


class DigitModel:
    """The model the digits section uses; ``explicit`` is loaded now so a bad --model fails at start-up."""

    def __init__(self, explicit: str | Path | None = None, find_latest=latest_model_path):
        self.explicit = Path(explicit) if explicit is not None else None
        self.find_latest = find_latest
        self._lock = threading.Lock()
        self._cached: tuple | None = None  # (path, mtime_ns, Model)
        if self.explicit is not None:
            self._load(self.explicit)

    def _load(self, path: Path) -> Model:
        stamp = path.stat().st_mtime_ns if path.is_file() else None
        with self._lock:
            if self._cached and self._cached[0] == path and self._cached[1] == stamp:
                return self._cached[2]
            model = load_model(path)
            check_digit_model(model, path)
            self._cached = (path, stamp, model)
            return model

    def current(self) -> tuple[Model | None, Path | None, str | None]:
        """(model, path, problem): the model, or None and why (no model yet, or the latest one is unusable)."""
        path = self.explicit or self.find_latest()
        if path is None:
            return None, None, None
        try:
            return self._load(Path(path)), Path(path), None
        except NNScratchError as exc:
            return None, Path(path), str(exc)

    def info(self) -> dict:
        model, path, problem = self.current()
        out = {"available": model is not None, "path": str(path) if path else None, "problem": problem,
               "train_command": TRAIN_COMMAND}
        if model is not None:
            out.update(sizes=model.network.sizes, dataset=model.dataset, classes=model.classes,
                       hidden=model.network.hidden.name, output=model.network.output.name,
                       accuracy=(model.metrics or {}).get("test_accuracy"))
        return out

    def predict(self, body: Body) -> dict:
        pixels = body.vector("pixels", PIXELS, lo=0, hi=1)
        body.done()
        model, _, problem = self.current()
        if model is None:
            raise RequestError(problem or f"no trained model yet: run '{TRAIN_COMMAND}', then draw again", 409)
        seen = to_mnist(np.array(pixels, dtype=np.float64).reshape(28, 28))  # DataError when nothing is drawn
        proba = model.predict_proba(seen.reshape(1, PIXELS))[0]
        best = int(np.argmax(proba))
        return {
            "image": np.round(seen.ravel(), 3).tolist(),
            "probabilities": [float(p) for p in proba],
            "prediction": model.classes[best],
            "index": best,
            "classes": model.classes,
        }
