"""The web lab's server: one page, its static files, and a JSON API over the library.

Starlette (the framework FastAPI is built on) serves everything; there is
no state outside the app instance: the playground's jobs and the digit model
hang off ``app.state``. Every endpoint answers JSON; every failure a user can
cause is a 4xx ``{"error": "..."}`` and leaves the server running.

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
    GET  /api/digits/model          which digit model is used, or how to train one
    POST /api/digits/predict        {pixels: 784 numbers in [0, 1]} -> what the network sees and says
"""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path

import anyio
import numpy as np
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from nnscratch.errors import MissingExtraError, NNScratchError
from nnscratch.i18n import catalog, resolve_lang
from nnscratch.io.model import latest_model_path
from nnscratch.web import chapters, playground
from nnscratch.web.digits import DigitModel
from nnscratch.web.validate import (
    MAX_BODY_BYTES,
    Body,
    RequestError,
    check_session,
    read_json,
)

STATIC_DIR = Path(__file__).parent / "static"
FRAME_SECONDS = 0.05  # at most 20 frames a second: smooth to watch, light on a shared CPU
log = logging.getLogger("nnscratch.web")

# Everything from this server, nothing from elsewhere: the page must work offline, and a
# mistaken external link shows up as a blocked request in the browser tests.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def _clean(value):
    """Plain JSON values: numpy scalars and arrays become Python, NaN and infinities become null."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return _clean(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_json(content) -> str:
    return json.dumps(_clean(content), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class CleanJSON(JSONResponse):
    def render(self, content) -> bytes:
        return to_json(content).encode()


def error_response(message: str, status: int) -> JSONResponse:
    return CleanJSON({"error": message}, status_code=status)


def json_endpoint(compute):
    """A POST endpoint: JSON body -> Body -> ``compute`` in a worker thread -> JSON, errors as 4xx."""

    async def endpoint(request: Request):
        try:
            body = Body(await read_json(request))
            return CleanJSON(await run_in_threadpool(compute, body))
        except RequestError as exc:
            return error_response(str(exc), exc.status)
        except MissingExtraError as exc:  # the server's installation, not the request, is at fault
            return error_response(str(exc), 503)
        except NNScratchError as exc:  # the library's ConfigError/DataError: a bad value in the request
            return error_response(str(exc), 400)

    return endpoint


class EventStream(StreamingResponse):
    """Server-sent events whose generator is closed as soon as the client goes away."""

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            # Starlette stops iterating when the page disconnects; closing runs the generator's
            # `finally`, which stops the training that the page was watching.
            await self.body_iterator.aclose()


def sse(event: str, data) -> str:
    return f"event: {event}\ndata: {to_json(data)}\n\n"


class NoCacheStatic(StaticFiles):
    """Static files revalidated on every load, so an upgraded package never runs yesterday's script."""

    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers["cache-control"] = "no-cache"
        return response


class SecurityHeaders:
    """Pure ASGI middleware (it must not buffer the event stream) adding SECURITY_HEADERS to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def web_messages() -> dict:
    """The page's texts, ``{"en": {key: text}, "zh": {...}}``, from the same catalog as the CLI."""
    texts = {key: value for key, value in catalog().items() if key.startswith("web.")}
    return {lang: {key: value[lang] for key, value in texts.items()} for lang in ("en", "zh")}


def create_app(model_path=None, lang: str = "en", *, find_latest_model=latest_model_path) -> Starlette:
    """The web lab as an ASGI app. ``model_path``: the digit model (else the latest trained one).

    Raises ModelFileError/ConfigError now if ``model_path`` is not a usable 28x28 digit model.
    """
    lang = resolve_lang(lang)
    digits = DigitModel(model_path, find_latest_model)
    jobs = playground.JobRegistry()

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

    # ---- playground --------------------------------------------------------------

    def new_job(body: Body) -> dict:
        session = body.session()
        config = playground.PlaygroundConfig.from_body(body.object("config", {}))
        body.done()
        return jobs.create(session, config).frame(with_data=True)

    def step_job(body: Body) -> dict:
        session = body.session()
        epochs = body.integer("epochs", 1, lo=1, hi=100)
        body.done()
        job = jobs.get(session)
        if job.running:
            raise RequestError("the playground is training: pause it before stepping", 409)
        job.advance(epochs)
        return job.frame()

    def pause_job(body: Body) -> dict:
        session = body.session()
        body.done()
        job = jobs.get(session)
        job.running = False
        return {"paused": True, "epoch": job.epoch}

    def stop_job(body: Body) -> dict:
        session = body.session()
        body.done()
        return {"stopped": jobs.drop(session)}

    async def stream(request: Request):
        try:
            session = check_session(request.query_params.get("session"))
            job = jobs.get(session)
        except RequestError as exc:
            return error_response(str(exc), exc.status)
        job.stream_id += 1
        mine = job.stream_id
        job.running = True

        async def events():
            reason = "paused"
            try:
                while True:
                    if jobs.jobs.get(session) is not job or job.stream_id != mine or not job.running:
                        reason = "paused" if jobs.jobs.get(session) is job else "stopped"
                        break
                    if job.finished:
                        reason = job.error or "max_epochs"
                        break
                    started = time.monotonic()
                    await run_in_threadpool(job.advance, job.config.epochs_per_frame)
                    yield sse("frame", await run_in_threadpool(job.frame))
                    await anyio.sleep(max(0.0, FRAME_SECONDS - (time.monotonic() - started)))
                if job.stream_id == mine:
                    job.running = False
                yield sse("end", {"reason": reason, "frame": await run_in_threadpool(job.frame)})
            finally:
                if job.stream_id == mine:  # the page went away: nobody watches, so nobody trains
                    job.running = False

        return EventStream(events(), media_type="text/event-stream",
                           headers={"cache-control": "no-cache", "x-accel-buffering": "no"})

    async def digits_model(request):
        return CleanJSON(await run_in_threadpool(digits.info))

    # ---- errors --------------------------------------------------------------------

    async def http_error(request, exc: HTTPException):
        message = {404: f"no such page or endpoint: {request.url.path}",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(exc.status_code, exc.detail)
        return error_response(message, exc.status_code)

    async def server_error(request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_response(f"internal error ({type(exc).__name__}): {exc}; the server keeps running", 500)

    routes = [
        Route("/", index),
        Route("/api/config", config),
        Route("/api/i18n", i18n),
        Route("/api/playground/new", json_endpoint(new_job), methods=["POST"]),
        Route("/api/playground/step", json_endpoint(step_job), methods=["POST"]),
        Route("/api/playground/pause", json_endpoint(pause_job), methods=["POST"]),
        Route("/api/playground/stop", json_endpoint(stop_job), methods=["POST"]),
        Route("/api/playground/stream", stream),
        Route("/api/gd", json_endpoint(chapters.gradient_descent), methods=["POST"]),
        Route("/api/perceptron", json_endpoint(chapters.perceptron), methods=["POST"]),
        Route("/api/mle", json_endpoint(chapters.likelihood), methods=["POST"]),
        Route("/api/backprop", json_endpoint(chapters.backpropagation), methods=["POST"]),
        Route("/api/digits/model", digits_model),
        Route("/api/digits/predict", json_endpoint(digits.predict), methods=["POST"]),
        Mount("/static", NoCacheStatic(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.jobs = jobs
    app.state.digits = digits
    app.state.lang = lang
    app.add_middleware(SecurityHeaders)
    return app

