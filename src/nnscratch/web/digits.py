"""The handwritten-digit section (手写数字识别): which model to use, and one prediction.

The model is the file given with ``--model``, checked when the server
starts; without one, the most recent model that ``nnscratch train`` saved,
looked up again on every request, so a model trained while the page is open
is found without restarting the server. The page is told the model's file
name, never its absolute path: the server's folders are none of a web page's business.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
from starlette.routing import Route

from nnscratch.errors import NNScratchError
from nnscratch.io.image import to_mnist
from nnscratch.io.model import latest_model_path, load_model
from nnscratch.model import Model, check_digit_model
from nnscratch.web.http import CleanJSON, compute, json_endpoint, request_lang
from nnscratch.web.validate import Body, RequestError

PIXELS = 784
TRAIN_COMMAND = "nnscratch train"


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
            check_digit_model(model, path.name)  # the requirement of `nnscratch predict`; no absolute path
            self._cached = (path, stamp, model)
            return model

    def current(self) -> tuple[Model | None, Path | None, NNScratchError | None]:
        """(model, path, problem): the model, or None and why (no model yet, or the latest one is unusable)."""
        path = self.explicit or self.find_latest()
        if path is None:
            return None, None, None
        try:
            return self._load(Path(path)), Path(path), None
        except NNScratchError as exc:
            return None, Path(path), exc

    def info(self, lang: str = "en") -> dict:
        """What the page shows: the model's file name (not its path), or why there is none."""
        model, path, problem = self.current()
        out: dict[str, Any] = {"available": model is not None, "path": path.name if path else None,
                               "problem": hide_folders(problem.message(lang), path) if problem else None,
                               "train_command": TRAIN_COMMAND}
        if model is not None:
            out.update(sizes=model.network.sizes, dataset=model.dataset, classes=model.classes,
                       hidden=model.network.hidden.name, output=model.network.output.name,
                       accuracy=(model.metrics or {}).get("test_accuracy"))
        return out

    def predict(self, body: Body) -> dict:
        pixels = body.vector("pixels", PIXELS, lo=0, hi=1)
        body.done()
        model, path, problem = self.current()
        if problem is not None:  # the loader's own message, with the file's name for its path
            assert path is not None  # current() names the file whenever it reports a problem
            raise named_not_located(problem, path, status=409)
        if model is None:
            raise RequestError("web.err.no_model", status=409, command=TRAIN_COMMAND)
        seen = to_mnist(np.array(pixels, dtype=np.float64).reshape(28, 28))  # DataError when nothing is drawn
        proba = model.predict_proba(seen.reshape(1, PIXELS))[0]
        best = int(model.decide(proba[None, :])[0])  # the network's rule, as `nnscratch predict` decides
        return {
            "image": np.round(seen.ravel(), 3).tolist(),
            "probabilities": [float(p) for p in proba],
            "prediction": model.classes[best],
            "index": best,
            "classes": model.classes,
        }


def named_not_located(exc: NNScratchError, path: Path, status: int) -> NNScratchError:
    """A copy of ``exc`` (same class, key and param) whose values name ``path`` by its file name, and
    whose HTTP ``status`` is given: a loader's error, told to a web page."""
    values = {k: (path.name if isinstance(v, (str, Path)) and str(v) in (str(path), str(path.resolve())) else v)
              for k, v in exc.values.items()}
    copy = type(exc).__new__(type(exc))
    NNScratchError.__init__(copy, exc.key, param=exc.param, **values)
    copy.status = status  # type: ignore[attr-defined]  # a web-only attribute: status_of() reads it
    return copy


def hide_folders(message: str, path: Path | None) -> str:
    """``message`` with the model's absolute path (and its folder) replaced by the file's name."""
    if path is None:
        return message
    for long in (str(path.resolve()), str(path), str(path.resolve().parent), str(path.parent)):
        if long not in ("", "."):
            message = message.replace(long, path.name if long.endswith(path.name) else "…")
    return message


def routes(digits: DigitModel) -> list[Route]:
    async def model(request):
        return CleanJSON(await compute(request, digits.info, request_lang(request)))

    return [
        Route("/api/digits/model", model),
        Route("/api/digits/predict", json_endpoint(digits.predict), methods=["POST"]),
    ]
