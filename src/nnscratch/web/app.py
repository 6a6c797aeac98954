"""The web lab's server: one page, its static files, and a JSON API over the library.

Starlette (the framework FastAPI is built on) serves everything; there is
no state outside the app instance: the playground's jobs and the digit model
hang off ``app.state``. Each chapter brings its own routes (playground.py,
chapters.py, digits.py); this module only assembles them, adds the page and
the Host check (guard.py), and turns every failure a user can cause into a
4xx ``{"error": message, "key": ..., "param": ...}`` in the page's language.

Endpoints (all bodies are JSON objects, at most ``MAX_BODY_BYTES``):

    GET  /                          the page
    GET  /static/...                its scripts, styles (no CDN: the page works offline)
    GET  /api/config                default language, choices and limits
    GET  /api/i18n                  the page's texts in English and Chinese
    POST /api/playground/new        {session, config} -> first frame with the data
    POST /api/playground/step       {session} -> one epoch, one frame
    GET  /api/playground/stream     ?session= -> server-sent events: a frame per chunk of epochs
    POST /api/playground/pause      {session}
    POST /api/playground/stop       {session}: forget the job (the page closes)
    POST /api/gd                    gradient-descent paths over the contour map of J(w)
    POST /api/perceptron            the perceptron's table for the points and picks
    POST /api/mle                   likelihood curves for n draws and k white balls
    POST /api/backprop              the lecture's 3-4-2 network, every z, a, delta and gradient
    GET  /api/digits/model          which digit model is used (its file name), or how to train one
    POST /api/digits/predict        {pixels: 784 numbers in [0, 1]} -> what the network sees and says

The page sends its language (``X-Lang`` header, or ``?lang=`` on the event stream).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from nnscratch.i18n import catalog, resolve_lang
from nnscratch.io.model import latest_model_path
from nnscratch.web import chapters, digits, playground
from nnscratch.web.guard import Guard, allowed_hosts
from nnscratch.web.http import CleanJSON, error_response, request_lang
from nnscratch.web.validate import MAX_BODY_BYTES, RequestError

STATIC_DIR = Path(__file__).parent / "static"
log = logging.getLogger("nnscratch.web")


class NoCacheStatic(StaticFiles):
    """Static files revalidated on every load, so an upgraded package never runs yesterday's script."""

    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers["cache-control"] = "no-cache"
        return response


def web_messages() -> dict:
    """The page's texts, ``{"en": {key: text}, "zh": {...}}``, from the same catalog as the CLI."""
    texts = {key: value for key, value in catalog().items()
             if key.startswith("web.") and not key.startswith("web.err.")}
    return {lang: {key: value[lang] for key, value in texts.items()} for lang in ("en", "zh")}


def page_routes(lang: str) -> list:
    """The page, its static files, its configuration and its texts."""

    async def index(request):
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": "no-cache"})

    async def config(request):
        return CleanJSON({
            "lang": lang,
            "languages": ["zh", "en"],
            "playground": {
                "datasets": playground.toy_dataset_names(), "activations": playground.ACTIVATIONS,
                "default_noise": playground.default_noise(),
                "losses": playground.LOSSES, "optimizers": playground.OPTIMIZERS,
                "regularizations": playground.REGULARIZATIONS, "max_layers": playground.MAX_LAYERS,
                "max_neurons": playground.MAX_NEURONS, "max_points": playground.MAX_POINTS,
                "defaults": playground.PlaygroundConfig().__dict__,
            },
            "max_body_bytes": MAX_BODY_BYTES,
        })

    async def i18n(request):
        return CleanJSON({"lang": lang, "messages": web_messages()})

    return [
        Route("/", index),
        Route("/api/config", config),
        Route("/api/i18n", i18n),
        Mount("/static", NoCacheStatic(directory=STATIC_DIR), name="static"),
    ]


async def http_error(request, exc: HTTPException):
    if exc.status_code == 404:
        error = RequestError("web.err.not_found", status=404, path=request.url.path)
    elif exc.status_code == 405:
        error = RequestError("web.err.method", status=405, method=request.method, path=request.url.path)
    else:
        return CleanJSON({"error": exc.detail, "key": None, "param": None}, status_code=exc.status_code)
    return error_response(error, request_lang(request), error.status)


async def server_error(request, exc: Exception):
    # The details go to the server's log, not to the page: they may hold paths and internals.
    log.exception("unexpected error on %s", request.url.path)
    error = RequestError("web.err.internal", status=500, kind=type(exc).__name__)
    return error_response(error, request_lang(request), 500)


def create_app(model_path=None, lang: str = "en", *, host: str | None = None,
               find_latest_model=latest_model_path) -> Starlette:
    """The web lab as an ASGI app. ``model_path``: the digit model (else the latest trained one).

    host: the --host the server listens on; requests must name it (or 127.0.0.1, localhost, [::1])
    in their Host header; 0.0.0.0 and :: allow this machine's names and addresses.
    Raises ModelFileError/ConfigError now if ``model_path`` is not a usable 28x28 digit model.
    """
    lang = resolve_lang(lang)
    digit_model = digits.DigitModel(model_path, find_latest_model)
    jobs = playground.JobRegistry()
    routes = [*page_routes(lang), *playground.routes(jobs), *chapters.routes(), *digits.routes(digit_model)]
    # typed loosely: Starlette's type for a handler takes any Exception, http_error takes its HTTPException
    handlers: dict[Any, Callable[..., Any]] = {HTTPException: http_error, Exception: server_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.jobs = jobs
    app.state.digits = digit_model
    app.state.lang = lang
    app.state.compute_slots = {}  # event loop -> its CapacityLimiter of COMPUTE_SLOTS (http.limiter)
    app.add_middleware(Guard, hosts=allowed_hosts(host), lang=lang)
    return app
