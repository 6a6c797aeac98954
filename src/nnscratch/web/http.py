"""The web lab's HTTP plumbing, shared by every chapter's routes.

JSON out through the one converter (``nnscratch.jsonable``), errors as data
rendered in the page's language, and computations run in worker threads under
one capacity limit, so a burst of requests queues instead of multiplying memory.
"""

from __future__ import annotations

import json

import anyio
import anyio.lowlevel
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse

from nnscratch.errors import BudgetError, MissingExtraError, NNScratchError
from nnscratch.i18n import LANGUAGES
from nnscratch.jsonable import jsonable
from nnscratch.web.validate import Body, read_json

# At most this many computations at once; the others wait their turn (each is bounded by its budget).
COMPUTE_SLOTS = 4


def to_json(content) -> str:
    return json.dumps(jsonable(content), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class CleanJSON(JSONResponse):
    def render(self, content) -> bytes:
        return to_json(content).encode()


def request_lang(request: Request) -> str:
    """The page's language: ?lang=, else the X-Lang header, else Accept-Language, else the server's default."""
    for value in (request.query_params.get("lang"), request.headers.get("x-lang")):
        if value in LANGUAGES:
            return value
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return request.app.state.lang


def error_response(exc: NNScratchError, lang: str, status: int) -> JSONResponse:
    """``{"error": message in lang, "key": ..., "param": ...}`` with a 4xx (or 5xx) status."""
    return CleanJSON({"error": exc.message(lang), "key": exc.key, "param": exc.param}, status_code=status)


def status_of(exc: NNScratchError) -> int:
    if getattr(exc, "status", None):  # a RequestError, or a library error the endpoint gave a status
        return exc.status  # type: ignore[attr-defined]  # RequestError's, or set by web.digits.named_not_located
    if isinstance(exc, MissingExtraError):  # the server's installation, not the request, is at fault
        return 503
    if isinstance(exc, BudgetError):
        return 422  # well-formed, but more work than one request may take
    return 400  # the library's ConfigError/DataError: a bad value in the request


def limiter(request: Request) -> anyio.CapacityLimiter:
    """The app's capacity limiter for the running event loop (a limiter belongs to one loop: a server
    has one, a test client without a context manager starts one per request)."""
    slots = request.app.state.compute_slots
    return slots.setdefault(anyio.lowlevel.current_token(), anyio.CapacityLimiter(COMPUTE_SLOTS))


async def compute(request: Request, fn, *args, abandon: bool = False):
    """Run ``fn(*args)`` in a worker thread, within the app's capacity limit.

    abandon: if the request is cancelled (the client left), return at once and let the
    thread finish on its own; ``fn`` must then notice by itself that nobody waits.
    """
    return await anyio.to_thread.run_sync(fn, *args, limiter=limiter(request), abandon_on_cancel=abandon)


def json_endpoint(fn):
    """A POST endpoint: JSON body -> Body -> ``fn`` in a worker thread -> JSON, errors as 4xx in the page's language."""

    async def endpoint(request: Request):
        try:
            body = Body(await read_json(request))
            return CleanJSON(await compute(request, fn, body))
        except NNScratchError as exc:
            return error_response(exc, request_lang(request), status_of(exc))

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
